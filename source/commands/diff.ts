/**
 * `diff NAME [FROM] [TO]` (a gto-tui extension): what changes between two versions of an
 * artifact — the commits between them, the direction, the files under its path.
 */
import {flagBool, flagString, type CommandContext} from '../cli/context.js';
import {compareSides} from '../git/compare.js';
import {loadRegistry, withRepository} from '../load.js';
import {comparisonJson, comparisonText} from '../output/compare.js';
import {formatJson} from '../output/json.js';
import {comparedPath, defaultEndpoints, parseEndpoint} from '../registry/compare.js';
import {stageColumns} from '../registry/resolve.js';
import {GtoError} from '../registry/errors.js';

export const run = async (ctx: CommandContext): Promise<number> => {
  const [name = '', fromText, toText] = ctx.args;
  await withRepository(flagString(ctx, 'repo'), ctx.cwd, async (repo, head) => {
    const {registry, config, head: readHead} = await loadRegistry(repo, ctx.env, {head});
    const artifact = registry.artifacts.get(name);
    if (artifact === undefined) throw new GtoError(`Cannot find artifact '${name}'`);
    const specs = defaultEndpoints(artifact, stageColumns(registry, config.stages), {
      ...(fromText === undefined ? {} : {from: parseEndpoint(artifact, fromText)}),
      ...(toText === undefined ? {} : {to: parseEndpoint(artifact, toText)}),
    });
    const comparison = await compareSides(repo, artifact, specs, comparedPath(artifact, readHead));
    if (flagBool(ctx, 'json')) ctx.out(formatJson(comparisonJson(comparison)));
    else ctx.out(comparisonText(comparison).join('\n'));
  });
  return 0;
};
