/** `register NAME [REF]` (spec §4.1). */
import {flagBool, flagString, type CommandContext} from '../cli/context.js';
import {resolveCommit} from '../git/revisions.js';
import {planRegister} from '../ops/register.js';
import {runWrite, simpleFlag} from '../ops/run.js';

export const run = (ctx: CommandContext): Promise<number> =>
  runWrite(ctx, async (repo, state) => {
    const [name = '', refArg] = ctx.args;
    const ref = refArg ?? 'HEAD';
    return planRegister(state, {
      name,
      ref,
      commit: await resolveCommit(repo, ref),
      version: flagString(ctx, 'version'),
      bump: {major: flagBool(ctx, 'bumpMajor'), minor: flagBool(ctx, 'bumpMinor'), patch: flagBool(ctx, 'bumpPatch')},
      message: flagString(ctx, 'message'),
      simple: simpleFlag(ctx),
      force: flagBool(ctx, 'force'),
    });
  });
