/** `check-ref REF`: which registry event a tag made, for CI (spec §4.4, §8). */
import {flagBool, flagString, type CommandContext} from '../cli/context.js';
import {loadRegistry, withRepository} from '../load.js';
import {checkRefJson} from '../output/dump.js';
import {formatJson, type Json} from '../output/json.js';
import {emojis, emojisEnabled, okLine} from '../output/messages.js';
import {GtoError} from '../registry/errors.js';
import {eventsForTag} from '../registry/history.js';
import type {Annotation, TagEvent} from '../registry/model.js';
import {parseTag} from '../registry/tag.js';

const FORMAT_FLAGS = ['json', 'name', 'version', 'event', 'stage'] as const;

/** GTO's `str(event)` (§4.4). */
export const describeEvent = (e: TagEvent): string => {
  switch (e.kind) {
    case 'registration':
      return `Version "${e.version}" of artifact "${e.artifact}" was registered`;
    case 'deregistration':
      return `Version "${e.version}" of artifact "${e.artifact}" was deregistered`;
    case 'assignment':
      return `Stage "${e.stage}" was assigned to version "${e.version}" of artifact "${e.artifact}"`;
    case 'unassignment':
      return `Stage "${e.stage}" was unassigned from version "${e.version}" of artifact "${e.artifact}"`;
    case 'deprecation':
      return `Artifact "${e.artifact}" was deprecated`;
  }
};

/**
 * `--dvc --json` adds what GTO's CI action reads from dvc.yaml beside check-ref (spec §8): the
 * artifact's `type`, `path` and `description` there, null when no dvc.yaml at HEAD has it.
 */
const withDvcFields = (event: {[key: string]: Json}, annotation: Annotation | undefined): {[key: string]: Json} => ({
  ...event,
  type: annotation === undefined ? null : annotation.type,
  path: annotation === undefined ? null : annotation.path,
  description: annotation === undefined ? null : annotation.description,
});

/**
 * The line(s) check-ref prints for an event under the chosen flag; null prints nothing. `dvc`:
 * the dvc.yaml annotations at HEAD, under `--dvc`.
 */
export const checkRefOutput = (
  e: TagEvent,
  flag: (typeof FORMAT_FLAGS)[number] | undefined,
  emojiOn: boolean,
  dvc: ReadonlyMap<string, Annotation> | null = null,
): string | null => {
  switch (flag) {
    case 'json':
      return formatJson(dvc === null ? checkRefJson(e) : withDvcFields(checkRefJson(e), dvc.get(e.artifact)));
    case 'name':
      return e.artifact;
    case 'version':
      return e.kind === 'deprecation' ? null : e.version;
    case 'stage':
      return e.kind === 'assignment' || e.kind === 'unassignment' ? e.stage : null;
    case 'event':
      return e.kind;
    case undefined:
      return okLine(emojis(emojiOn), describeEvent(e));
  }
};

export const run = async (ctx: CommandContext): Promise<number> => {
  const chosen = FORMAT_FLAGS.filter((flag) => flagBool(ctx, flag));
  // GTO reports this as an "Unexpected error" (§4.0); we print the plain message.
  if (chosen.length > 1) throw new GtoError('Only one output formatting flags is allowed');
  // §4.4: `$GITHUB_REF` arrives as refs/tags/NAME.
  const ref = (ctx.args[0] ?? '').replace(/^refs\/tags\//, '');
  await withRepository(flagString(ctx, 'repo'), ctx.cwd, async (repo, head) => {
    // Branches, shas and other tags are not GTO events: nothing to print (§4.4, §8).
    if (parseTag(ref) === null) return;
    const {registry, tags, dvc} = await loadRegistry(repo, ctx.env, {head, dvc: flagBool(ctx, 'dvc') && chosen[0] === 'json'});
    if (!tags.some((t) => t.name === ref)) return;
    const events = eventsForTag(registry, ref);
    if (events.length > 1) throw new GtoError('Checking refs that created 1+ events is not supported');
    const event = events[0];
    if (event === undefined) return;
    const text = checkRefOutput(event, chosen[0], emojisEnabled(ctx.env), dvc?.annotations ?? null);
    if (text !== null) ctx.out(text);
  });
  return 0;
};
