/** Hidden `print-state`: the whole state as GTO's model dump (spec §4.9). */
import {flagString, type CommandContext} from '../cli/context.js';
import {loadRegistry, withRepository} from '../load.js';
import {artifactDump} from '../output/dump.js';
import {formatJson, type Json} from '../output/json.js';

export const run = async (ctx: CommandContext): Promise<number> => {
  await withRepository(flagString(ctx, 'repo'), ctx.cwd, async (repo, head) => {
    const {registry} = await loadRegistry(repo, ctx.env, {head, warn: ctx.err});
    const artifacts = new Map<string, Json>();
    for (const [name, artifact] of registry.artifacts) artifacts.set(name, artifactDump(artifact));
    ctx.out(formatJson({artifacts}));
  });
  return 0;
};
