/**
 * The shape every write command shares: open the repository (a `--repo URL` is a temporary
 * clone, removed afterwards even on failure), load the registry, plan, then print the plan
 * (`--dry-run`) or carry it out. Refusals are thrown as GtoError for the dispatcher to print.
 */
import {flagBool, flagString, type CommandContext} from '../cli/context.js';
import {openRepository, type Repository} from '../git/repository.js';
import {loadRegistry, type Loaded, type LoadOptions} from '../load.js';
import {remoteTags} from '../git/remote.js';
import {emojis, emojisEnabled, errorLine, printable, shellQuote} from '../output/messages.js';
import {GtoError} from '../registry/errors.js';
import {parseTag} from '../registry/tag.js';
import {pushFailureLines} from './apply.js';
import {opStateOf, planToText, type OpState, type Plan} from './plan.js';
import {applyWithRaceRetry} from './race.js';

export type Planner = (repo: Repository, state: OpState, loaded: Loaded) => Promise<Plan>;

/** `--simple`, defaulting to GTO's `auto`. */
export const simpleFlag = (ctx: CommandContext): 'auto' | 'true' | 'false' => {
  const value = flagString(ctx, 'simple');
  return value === 'true' || value === 'false' ? value : 'auto';
};

/** `read`: what else the plan needs from the repository (assign: the promotion rules). */
export const runWrite = async (ctx: CommandContext, planner: Planner, read: Pick<LoadOptions, 'rules'> = {}): Promise<number> => {
  const repoOption = flagString(ctx, 'repo');
  const opened = await openRepository(repoOption === undefined || repoOption === '.' ? undefined : repoOption, ctx.cwd);
  try {
    const {repo} = opened;
    // Reads the tags afresh each time: after a lost counter race the remote's tags are in.
    let latest: Loaded | null = null;
    const plan = async (): Promise<Plan> => {
      const loaded = await loadRegistry(repo, ctx.env, read);
      latest = loaded;
      return planner(repo, opStateOf(loaded), loaded);
    };
    const first = await plan();
    if (first.kind === 'refused') {
      const hint = flagBool(ctx, 'push') && repo.clonedFrom === null ? await unpushedHint(repo, latest!, ctx.args[0] ?? '') : [];
      if (hint.length === 0) throw new GtoError(first.message);
      ctx.err(errorLine(emojis(emojisEnabled(ctx.env)), printable(first.message.replace(/\n$/, ''))));
      for (const line of hint) ctx.err(line);
      return 1;
    }
    if (flagBool(ctx, 'dryRun')) {
      for (const line of planToText(first)) ctx.out(line);
      return 0;
    }
    const outcome = await applyWithRaceRetry(repo, first, plan, {push: flagBool(ctx, 'push'), out: ctx.out, signing: {sign: flagBool(ctx, 'sign')}});
    if (outcome.kind === 'done') return 0;
    const fail = emojis(emojisEnabled(ctx.env)).fail;
    if (outcome.kind === 'race-abandoned') {
      ctx.err(`${fail}${outcome.reason}`);
      return 1;
    }
    for (const line of pushFailureLines(outcome, repo.clonedFrom, fail)) ctx.err(line);
    return 1;
  } finally {
    await opened.close();
  }
};

/**
 * After a refusal under `--push`: the artifact's GTO tags that exist only locally — typically
 * left by a push that failed or was killed — and the command that finishes it. Re-running the
 * write would be refused (the tag exists), so this is what the user needs to hear. Empty when
 * all are on the remote, or the remote cannot be asked quickly.
 */
const unpushedHint = async (repo: Repository, loaded: Loaded, name: string): Promise<string[]> => {
  const local = loaded.tags.map((t) => t.name).filter((tag) => parseTag(tag)?.name === name);
  if (local.length === 0) return [];
  let remote: Map<string, string>;
  try {
    remote = await remoteTags(repo, 'origin', 15_000);
  } catch {
    return [];
  }
  const missing = local.filter((tag) => !remote.has(tag));
  if (missing.length === 0) return [];
  return [
    `Only in this repository, not on origin: ${missing.map((t) => `'${t}'`).join(', ')} (a push failed or was interrupted?). To push, run:`,
    `    git push origin ${missing.map(shellQuote).join(' ')}`,
  ];
};
