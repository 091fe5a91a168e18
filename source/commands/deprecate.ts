/** `deprecate NAME [VERSION] [STAGE]`: unassign, deregister or deprecate (spec §4.3). */
import {flagBool, flagString, type CommandContext} from '../cli/context.js';
import {remoteTags} from '../git/remote.js';
import type {Repository} from '../git/repository.js';
import {resolveCommit} from '../git/revisions.js';
import {forgetUnfinishedDeletion, keepUnfinishedDeletion, unfinishedDeletion} from '../git/unfinishedDeletions.js';
import {deprecateMode, planDeprecate, type UnfinishedDelete} from '../ops/deprecate.js';
import type {Loaded} from '../load.js';
import type {OpState} from '../ops/plan.js';
import {findVersions} from '../registry/resolve.js';
import {runWrite, simpleFlag, type WriteHooks} from '../ops/run.js';

export const run = (ctx: CommandContext): Promise<number> => {
  const [name = '', version, stage] = ctx.args;
  const mode = deprecateMode(version, stage);
  const deleting = mode === 'deregister' && flagBool(ctx, 'delete');
  let resumed = false;
  // `deprecate NAME VERSION --delete` remembers what it deletes until it is all gone, so that
  // the same command, run again after an interruption, can finish it (git/unfinishedDeletions.ts)
  const hooks: WriteHooks = deleting
    ? {
        before: (repo, plan) => {
          if (resumed) return;
          const tags = plan.steps.map(({tag, target, message}) => ({tag, target, message}));
          keepUnfinishedDeletion(repo, {artifact: name, version: version!, tags});
        },
        done: (repo) => forgetUnfinishedDeletion(repo, name, version!),
      }
    : {};
  return runWrite(
    ctx,
    async (repo, state, loaded) => {
      const common = {
        name,
        message: flagString(ctx, 'message'),
        simple: simpleFlag(ctx),
        force: flagBool(ctx, 'force'),
        delete: flagBool(ctx, 'delete'),
      };
      switch (mode) {
        case 'unassign':
          return planDeprecate(state, {...common, mode: 'unassign', version: version!, stage: stage!});
        case 'deregister': {
          const unfinished = deleting ? await unfinishedDelete(repo, state, loaded, name, version!, flagBool(ctx, 'push')) : null;
          const plan = planDeprecate(state, {...common, mode: 'deregister', version: version!, unfinished});
          resumed = unfinished !== null && plan.kind === 'plan';
          return plan;
        }
        case 'artifact': {
          // GTO ignores --ref outside artifact mode, and so do we (§4.3)
          const ref = flagString(ctx, 'ref');
          const refCommit = ref === undefined ? undefined : await resolveCommit(repo, ref);
          return planDeprecate(state, {...common, mode: 'artifact', ref, refCommit, head: loaded.head});
        }
      }
    },
    hooks,
  );
};

/**
 * The unfinished `--delete` of `name` `version`, when an earlier run left one and the version
 * is no longer found by name (its registration is gone). With `--push`, origin is asked which
 * of its tags it still holds; if it cannot be asked, only the tags still here are deleted.
 */
const unfinishedDelete = async (
  repo: Repository,
  state: OpState,
  loaded: Loaded,
  name: string,
  version: string,
  push: boolean,
): Promise<UnfinishedDelete | null> => {
  const entry = unfinishedDeletion(repo, name, version);
  const artifact = state.registry.artifacts.get(name);
  if (entry === null || (artifact !== undefined && findVersions(artifact, {name: version}).length > 0)) return null;
  let onRemote: ReadonlyMap<string, string> | null = null;
  if (push) {
    try {
      onRemote = await remoteTags(repo, 'origin', 15_000);
    } catch {
      onRemote = null;
    }
  }
  // the file is only a memory: what is acted on is checked against the tags git has now
  const here = new Map(loaded.tags.map((t) => [t.name, t.target]));
  return {tags: entry.tags, here, onRemote};
};
