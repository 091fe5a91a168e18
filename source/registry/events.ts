/**
 * GTO's event orderings (spec §3.4). Python's `sorted(key=created_at)[::-1]` is a stable
 * ascending sort followed by a reversal, so among equal timestamps the element that came
 * later in the concatenation comes first. Nested lists (stage → version → artifact) are each
 * ordered this way before being concatenated, and that nesting decides residual ties, so it
 * is reproduced literally here. Pure.
 */
import type {Artifact, RegistryEvent, StageRecord, Version} from './model.js';

type Timed = {readonly createdAt: {readonly seconds: number}};

const bySeconds = (a: Timed, b: Timed): number => a.createdAt.seconds - b.createdAt.seconds;

/** Stable ascending by time (Python `sorted(..., key=created_at)`). */
export const pyAscending = <T extends Timed>(items: readonly T[]): T[] => [...items].sort(bySeconds);

/** Stable ascending, then reversed (Python `sorted(...)[::-1]`): GTO's "newest first". */
export const pyDescending = <T extends Timed>(items: readonly T[]): T[] => pyAscending(items).reverse();

/**
 * Newest under the §3.4 tie rule without sorting: the last maximum in concatenation order.
 * Indexed, not for-of: a one-shot command runs this in the interpreter, where an iterator per
 * call costs more than the comparison (§12).
 */
export const newestOf = <T extends Timed>(items: readonly T[]): T | undefined => {
  let best: T | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (best === undefined || item.createdAt.seconds >= best.createdAt.seconds) best = item;
  }
  return best;
};

/** Oldest under the same rule: the first minimum. */
export const oldestOf = <T extends Timed>(items: readonly T[]): T | undefined => {
  let best: T | undefined;
  for (const item of items) if (best === undefined || item.createdAt.seconds < best.createdAt.seconds) best = item;
  return best;
};

/** VStage.get_events: assignments then unassignments, newest first. */
export const stageEvents = (record: StageRecord): RegistryEvent[] =>
  pyDescending<RegistryEvent>([...record.assignments, ...record.unassignments]);

/** Version.get_events concatenation order, before its own sort. */
const versionConcat = (version: Version, direct: boolean, indirect: boolean): RegistryEvent[] => {
  const out: RegistryEvent[] = [];
  if (direct) out.push(...version.registrations, ...version.deregistrations);
  if (indirect) {
    out.push(...version.enrichments);
    for (const record of version.stages.values()) out.push(...stageEvents(record));
  }
  return out;
};

/** Version.get_events(direct, indirect): newest first. */
export const versionEvents = (version: Version, direct = true, indirect = true): RegistryEvent[] =>
  pyDescending(versionConcat(version, direct, indirect));

/** Version.get_events(ascending=True): oldest first (no reversal). */
export const versionEventsAscending = (version: Version): RegistryEvent[] => pyAscending(versionConcat(version, true, true));

/** `versionEvents(version, direct, indirect)[0]` without sorting the whole list. */
export const newestVersionEvent = (version: Version, direct: boolean, indirect: boolean): RegistryEvent | undefined =>
  newestOf(versionConcat(version, direct, indirect));

/** `versionEventsAscending(version)[0]` without sorting. */
export const oldestVersionEvent = (version: Version): RegistryEvent | undefined => oldestOf(versionConcat(version, true, true));

/** Artifact.get_events: deprecations, then each version's newest-first events; newest first. */
export const artifactEvents = (artifact: Artifact): RegistryEvent[] => {
  const out: RegistryEvent[] = [...artifact.deprecations];
  for (const version of artifact.versions) out.push(...versionEvents(version));
  return pyDescending(out);
};
