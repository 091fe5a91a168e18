/** `stages`: configured or used stages (spec §4.7, §3.10). */
import {flagBool, flagString, type CommandContext} from '../cli/context.js';
import {loadConfig, loadRegistry, withRepository} from '../load.js';
import {formatJson} from '../output/json.js';
import {GtoError} from '../registry/errors.js';
import {usedStages} from '../registry/resolve.js';

export const run = async (ctx: CommandContext): Promise<number> => {
  const allowed = flagBool(ctx, 'allowed');
  const used = flagBool(ctx, 'used');
  // GTO reports this as an "Unexpected error" (§4.0); we print the plain message.
  if (allowed && used) throw new GtoError('Either "allowed" or "used" can be set');
  await withRepository(flagString(ctx, 'repo'), ctx.cwd, async (repo, head) => {
    const config = await loadConfig(repo, ctx.env);
    let stages: readonly string[] | null;
    if (allowed) stages = config.stages;
    else if (!used && config.stages !== null) stages = config.stages;
    else stages = usedStages((await loadRegistry(repo, ctx.env, {config, head, warn: ctx.err})).registry);
    if (flagBool(ctx, 'json')) ctx.out(formatJson(stages === null ? null : [...stages]));
    else if (stages !== null && stages.length > 0) ctx.out(stages.join('\n'));
  });
  return 0;
};
