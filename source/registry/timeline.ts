/**
 * The registry as it stood at any moment. A registry in tags is an append-only journal: the
 * state as of a moment is GTO's state built from the tags made up to then (tagger time, whole
 * seconds, spec §2.5) and everything else as today (HEAD's annotations, `.gto`). Lightweight
 * tags have no time and make no event (§2.5), so they are kept whatever the moment. Pure.
 *
 * `buildTimeline` orders the events once and answers "artifact X after the first p events"
 * by building X alone from its own tags: artifacts never share state (§3.1), so a step from
 * one event to the next rebuilds one artifact, not the registry.
 */
import type {Artifact, Registry} from './model.js';
import type {TagRecord, Timestamp} from './records.js';
import {buildRegistry, type RegistryInput} from './state.js';
import {parseTag, type TagAction} from './tag.js';

/** The tags a copy of the repository would hold if only the tags made up to `seconds` existed. */
export const tagsAsOf = (tags: readonly TagRecord[], seconds: number): TagRecord[] =>
  tags.filter((tag) => tag.kind !== 'annotated' || tag.tagger.time.seconds <= seconds);

/** The state as of `seconds` (inclusive): today's state when no tag is newer. */
export const registryAsOf = (input: RegistryInput, seconds: number): Registry =>
  buildRegistry({...input, tags: tagsAsOf(input.tags, seconds)});

type AnnotatedTag = Extract<TagRecord, {kind: 'annotated'}>;

/** One registry event: a tag the state builder turns into an event. */
export type TimelineEntry = {
  readonly record: AnnotatedTag;
  readonly action: TagAction;
  /** The artifact's name (`dir:name` form). */
  readonly artifact: string;
  readonly time: Timestamp;
};

export type Timeline = {
  /** Every event, in the order the state builder applies them: time, then §3.1's kind order, then name. */
  readonly entries: readonly TimelineEntry[];
  /** Artifacts listed in HEAD's annotations file: they exist at every moment (annotations come from HEAD). */
  readonly annotated: ReadonlySet<string>;
  readonly head: string | null;
  /** How many events happened at or before `seconds`. */
  readonly positionAt: (seconds: number) => number;
  /** The position right after the event a tag made, or null when the tag made none. */
  readonly positionOfTag: (tag: string) => number | null;
  /** The artifact after the first `position` events; null when it did not exist yet. */
  readonly artifactAt: (name: string, position: number) => Artifact | null;
  /** Names of the artifacts touched by events [from, to) (either order). */
  readonly artifactsBetween: (from: number, to: number) => ReadonlySet<string>;
  /** Every artifact that exists after `position` events. */
  readonly namesAt: (position: number) => string[];
};

/** §3.1: deprecations, then version tags, then stage tags; same-second events keep this order. */
const FAMILY: Readonly<Record<TagAction['action'], number>> = {deprecate: 0, register: 1, deregister: 1, assign: 2, unassign: 2};

/** The event a tag makes, by the same rules as buildRegistry (§2.5, §2.6): null for none. */
const eventAction = (tag: TagRecord): TagAction | null => {
  if (tag.kind !== 'annotated' || tag.targetType !== 'commit') return null;
  const parsed = parseTag(tag.name);
  return parsed === null || parsed.action === 'created' ? null : parsed;
};

/** Built artifacts kept for stepping back and forth: a few hundred is plenty, and bounds memory. */
const CACHE_SIZE = 512;

export const buildTimeline = (input: RegistryInput): Timeline => {
  const entries: TimelineEntry[] = [];
  for (const record of input.tags) {
    const action = eventAction(record);
    if (action === null || record.kind !== 'annotated') continue;
    entries.push({record, action, artifact: action.name, time: record.tagger.time});
  }
  // input tags come in name order: a stable sort by (time, family) keeps it for ties (§2.5)
  entries.sort((a, b) => a.time.seconds - b.time.seconds || FAMILY[a.action.action] - FAMILY[b.action.action]);

  const byArtifact = new Map<string, number[]>();
  const byTag = new Map<string, number>();
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    let list = byArtifact.get(entry.artifact);
    if (list === undefined) byArtifact.set(entry.artifact, (list = []));
    list.push(i);
    byTag.set(entry.record.name, i + 1);
  }

  const annotations = new Map();
  const headOnly = buildRegistry({...input, tags: []}, {annotations});
  const annotated = new Set(headOnly.artifacts.keys());

  /** How many of the sorted `list` are below `bound`. */
  const countBelow = (list: readonly number[], bound: number): number => {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list[mid]! < bound) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  const cache = new Map<string, Artifact | null>();
  const artifactAt = (name: string, position: number): Artifact | null => {
    const list = byArtifact.get(name) ?? [];
    const count = countBelow(list, position);
    if (count === 0 && !annotated.has(name)) return null;
    const key = `${count}\u0000${name}`;
    if (cache.has(key)) {
      const hit = cache.get(key)!;
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    // the artifact's own tags, in timeline order: within each kind that is the builder's own
    // order (seconds, then name), so it sorts nothing
    const tags = new Array<TagRecord>(count);
    for (let i = 0; i < count; i++) tags[i] = entries[list[i]!]!.record;
    const built = buildRegistry({...input, tags}, {only: name, annotations, inTimeOrder: true}).artifacts.get(name) ?? null;
    cache.set(key, built);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
    return built;
  };

  const positionAt = (seconds: number): number => {
    let lo = 0;
    let hi = entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (entries[mid]!.time.seconds <= seconds) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  return {
    entries,
    annotated,
    head: input.head,
    positionAt,
    positionOfTag: (tag) => byTag.get(tag) ?? null,
    artifactAt,
    artifactsBetween: (from, to) => {
      const names = new Set<string>();
      for (let i = Math.max(0, Math.min(from, to)); i < Math.min(entries.length, Math.max(from, to)); i++) names.add(entries[i]!.artifact);
      return names;
    },
    namesAt: (position) => {
      const names = new Set(annotated);
      for (const [name, list] of byArtifact) if (list[0]! < position) names.add(name);
      return [...names];
    },
  };
};
