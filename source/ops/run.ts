/**
 * The shape every write command shares: open the repository (a `--repo URL` is a temporary
 * clone, removed afterwards even on failure), load the registry, plan, then print the plan
 * (`--dry-run`) or carry it out. Refusals are thrown as GtoError for the dispatcher to print.
 */
import {flagBool, flagString, type CommandContext} from '../cli/context.js';
import {openRepository, type Repository} from '../git/repository.js';
import {loadRegistry, type Loaded} from '../load.js';
import {emojis, emojisEnabled} from '../output/messages.js';
import {GtoError} from '../registry/errors.js';
import {applyPlan, pushFailureLines} from './apply.js';
import {planToText, type OpState, type Plan} from './plan.js';

export type Planner = (repo: Repository, state: OpState, loaded: Loaded) => Promise<Plan>;

/** `--simple`, defaulting to GTO's `auto`. */
export const simpleFlag = (ctx: CommandContext): 'auto' | 'true' | 'false' => {
  const value = flagString(ctx, 'simple');
  return value === 'true' || value === 'false' ? value : 'auto';
};

export const runWrite = async (ctx: CommandContext, planner: Planner): Promise<number> => {
  const repoOption = flagString(ctx, 'repo');
  const opened = await openRepository(repoOption === undefined || repoOption === '.' ? undefined : repoOption, ctx.cwd);
  try {
    const {repo} = opened;
    const loaded = await loadRegistry(repo, ctx.env);
    const state: OpState = {registry: loaded.registry, tagNames: loaded.tags.map((t) => t.name), config: loaded.config};
    const plan = await planner(repo, state, loaded);
    if (plan.kind === 'refused') throw new GtoError(plan.message);
    if (flagBool(ctx, 'dryRun')) {
      for (const line of planToText(plan)) ctx.out(line);
      return 0;
    }
    const outcome = await applyPlan(repo, plan, {push: flagBool(ctx, 'push'), out: ctx.out});
    if (outcome.kind === 'done') return 0;
    const fail = emojis(emojisEnabled(ctx.env)).fail;
    for (const line of pushFailureLines(outcome, repo.clonedFrom, fail)) ctx.err(line);
    return 1;
  } finally {
    await opened.close();
  }
};
