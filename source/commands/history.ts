/** `history [NAME]`: every tag event, newest first (spec §4.6). */
import {flagBool, flagString, type CommandContext} from '../cli/context.js';
import {verifyTagNames} from '../git/signatures.js';
import {loadRegistry, withRepository} from '../load.js';
import {shortSha} from '../output/dump.js';
import {formatJson} from '../output/json.js';
import {signatureCell, signatureJson} from '../output/signatures.js';
import {formatTable} from '../output/table.js';
import {isoTime, tableTime} from '../output/time.js';
import {GtoError} from '../registry/errors.js';
import {historyEvents} from '../registry/history.js';
import {EVENT_PRIORITY, type TagEvent} from '../registry/model.js';
import type {Verification} from '../registry/signatures.js';
import {NOTHING_FOUND} from './show.js';

const versionOf = (e: TagEvent): string | null => (e.kind === 'deprecation' ? null : e.version);
const stageOf = (e: TagEvent): string | null => (e.kind === 'assignment' || e.kind === 'unassignment' ? e.stage : null);

export const historyJson = (events: readonly TagEvent[]) =>
  events.map((e) => ({
    timestamp: isoTime(e.createdAt),
    artifact: e.artifact,
    event: e.kind,
    priority: EVENT_PRIORITY[e.kind],
    version: versionOf(e),
    stage: stageOf(e),
    commit: e.commit,
    author: e.author,
    author_email: e.authorEmail,
    message: e.message,
    ref: e.tag,
  }));

/** `signatures` (with --verify): a last column saying who signed each event's tag. */
export const historyTable = (events: readonly TagEvent[], style: 'plain' | 'fancy_outline', signatures?: ReadonlyMap<string, Verification>): string =>
  formatTable(
    ['timestamp', 'artifact', 'event', 'version', 'stage', 'commit', 'ref', ...(signatures ? ['signature'] : [])],
    events.map((e) => {
      const version = versionOf(e);
      const row = [tableTime(e.createdAt), e.artifact, e.kind, version === null ? null : shortSha(version), stageOf(e), shortSha(e.commit), e.tag];
      return signatures ? [...row, signatureCell(signatures.get(e.tag))] : row;
    }),
    style,
  );

export const run = async (ctx: CommandContext): Promise<number> => {
  const json = flagBool(ctx, 'json');
  const plain = flagBool(ctx, 'plain');
  // GTO reports this as an "Unexpected error" (§4.0); we print the plain message.
  if (json && plain) throw new GtoError('Only one output format allowed');
  const name = ctx.args[0];
  await withRepository(flagString(ctx, 'repo'), ctx.cwd, async (repo, head) => {
    const {registry} = await loadRegistry(repo, ctx.env, {head});
    const events = historyEvents(registry, {
      ...(name === undefined ? {} : {artifact: name}),
      ascending: flagBool(ctx, 'ascending'),
    });
    // beyond GTO (--verify): who signed each tag, as git verify-tag says
    const signatures = flagBool(ctx, 'verify') && events.length > 0 ? await verifyTagNames(repo, events.map((e) => e.tag)) : undefined;
    if (json) {
      const rows = historyJson(events);
      ctx.out(formatJson(signatures ? rows.map((row, i) => ({...row, signature: signatureJson(signatures.get(events[i]!.tag))})) : rows));
    } else if (events.length === 0) ctx.out(NOTHING_FOUND);
    else ctx.out(historyTable(events, plain ? 'plain' : 'fancy_outline', signatures));
  });
  return 0;
};
