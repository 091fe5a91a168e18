/** `assign NAME [REF] --stage STAGE` and its alias `promote` (spec §4.2), under the promotion rules of `.gto-tui.yaml`. */
import {flagBool, flagString, type CommandContext} from '../cli/context.js';
import {resolveCommit} from '../git/revisions.js';
import {tagTime} from '../git/tagTime.js';
import {assignUsesRef, planAssign} from '../ops/assign.js';
import {runWrite, simpleFlag} from '../ops/run.js';

export const run = (ctx: CommandContext): Promise<number> =>
  runWrite(ctx, async (repo, state) => {
    const [name = '', ref] = ctx.args;
    const version = flagString(ctx, 'version');
    const commit = assignUsesRef({ref, version}) ? await resolveCommit(repo, ref ?? 'HEAD') : undefined;
    return planAssign(state, {
      name,
      stage: flagString(ctx, 'stage') ?? '',
      ref,
      commit,
      version,
      message: flagString(ctx, 'message'),
      simple: simpleFlag(ctx),
      force: flagBool(ctx, 'force'),
      skipRegistration: flagBool(ctx, 'skipRegistration'),
      ignoreRules: flagBool(ctx, 'ignoreRules'),
      sign: flagBool(ctx, 'sign'),
      now: tagTime(ctx.env),
    });
  }, {rules: true});
