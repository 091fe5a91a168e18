/** `deprecate NAME [VERSION] [STAGE]`: unassign, deregister or deprecate (spec §4.3). */
import {flagBool, flagString, type CommandContext} from '../cli/context.js';
import {resolveCommit} from '../git/revisions.js';
import {deprecateMode, planDeprecate} from '../ops/deprecate.js';
import {runWrite, simpleFlag} from '../ops/run.js';

export const run = (ctx: CommandContext): Promise<number> =>
  runWrite(ctx, async (repo, state, loaded) => {
    const [name = '', version, stage] = ctx.args;
    const common = {
      name,
      message: flagString(ctx, 'message'),
      simple: simpleFlag(ctx),
      force: flagBool(ctx, 'force'),
      delete: flagBool(ctx, 'delete'),
    };
    switch (deprecateMode(version, stage)) {
      case 'unassign':
        return planDeprecate(state, {...common, mode: 'unassign', version: version!, stage: stage!});
      case 'deregister':
        return planDeprecate(state, {...common, mode: 'deregister', version: version!});
      case 'artifact': {
        // GTO ignores --ref outside artifact mode, and so do we (§4.3)
        const ref = flagString(ctx, 'ref');
        const refCommit = ref === undefined ? undefined : await resolveCommit(repo, ref);
        return planDeprecate(state, {...common, mode: 'artifact', ref, refCommit, head: loaded.head});
      }
    }
  });
