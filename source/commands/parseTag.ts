/** Hidden `parse-tag NAME [--key K]` (spec §4.9, §2.4). */
import {flagString, type CommandContext} from '../cli/context.js';
import {formatJson, type Json} from '../output/json.js';
import {GtoError} from '../registry/errors.js';
import {parseTag} from '../registry/tag.js';

/** GTO's parse result, keys in its order; `@created` has no action (§2.4, §2.6). */
export const parsedTagJson = (tagName: string): Map<string, Json> => {
  const parsed = parseTag(tagName);
  if (parsed === null) throw new GtoError(`Cannot parse tag name '${tagName}'`);
  const out = new Map<string, Json>([['name', parsed.name]]);
  switch (parsed.action) {
    case 'register':
    case 'deregister':
      out.set('version', parsed.version).set('action', parsed.action);
      break;
    case 'assign':
    case 'unassign':
      out.set('stage', parsed.stage).set('action', parsed.action);
      break;
    case 'deprecate':
      out.set('action', 'deprecate');
      break;
    case 'created':
      break;
  }
  if (parsed.counter !== null) out.set('counter', parsed.counter);
  return out;
};

export const run = async (ctx: CommandContext): Promise<number> => {
  const parsed = parsedTagJson(ctx.args[0] ?? '');
  const key = flagString(ctx, 'key');
  if (key === undefined) {
    ctx.out(formatJson(parsed));
    return 0;
  }
  const value = parsed.get(key);
  // Python's KeyError prints as the quoted key.
  if (value === undefined) throw new GtoError(`'${key}'`);
  ctx.out(formatJson(value));
  return 0;
};
