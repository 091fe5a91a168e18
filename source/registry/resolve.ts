/**
 * Derived attributes of the state (spec §3.4–3.10): activity, authoring events, latest, and
 * which versions each stage holds. Pure functions over the model.
 */
import {GtoError} from './errors.js';
import {artifactEvents, newestOf, newestVersionEvent, oldestVersionEvent, pyDescending, stageEvents} from './events.js';
import type {Annotation, Artifact, CommitEvent, Registry, RegistryEvent, StageRecord, Version} from './model.js';
import type {Timestamp} from './records.js';
import {compareSemVer, parseVersion, type SemVer} from './semver.js';

export type VersionSort = 'timestamp' | 'semver';

export type StageQuery = {
  /** `--ro`: leave unregistered versions out of stage computation. */
  readonly registeredOnly: boolean;
  /** `--av`, -1 = all. */
  readonly assignmentsPerVersion: number;
  /** `--vs`, -1 = all. */
  readonly versionsPerStage: number;
  readonly sort: VersionSort;
};

export const DEFAULT_STAGE_QUERY: StageQuery = {
  registeredOnly: false,
  assignmentsPerVersion: -1,
  versionsPerStage: 1,
  sort: 'timestamp',
};

export type ListOptions = {
  /** `-d`: every version object, deregistered ones included (the filter is skipped). */
  readonly includeInactive: boolean;
  readonly includeDiscovered: boolean;
  readonly includeUnregistered: boolean;
};

export const isRegistered = (v: Version): boolean => v.registrations.length > 0;
export const isDiscovered = (v: Version): boolean => v.registrations.length === 0 && v.deregistrations.length === 0;

export const isVersionActive = (v: Version): boolean => {
  // registrations before deregistrations: on a same-second tie the deregistration is newest
  const registration = newestOf(v.registrations);
  const deregistration = newestOf(v.deregistrations);
  if (registration || deregistration) {
    return deregistration === undefined || (registration !== undefined && registration.createdAt.seconds > deregistration.createdAt.seconds);
  }
  if (v.enrichments.length > 0) return true;
  for (const r of v.stages.values()) if (r.assignments.length + r.unassignments.length > 0) return true;
  return false;
};

/** The event a version's created_at/author/message/ref come from (§3.5). */
export const versionAuthoring = (v: Version): RegistryEvent => {
  const registration = newestOf(v.registrations);
  if (registration) return registration;
  const indirect = newestVersionEvent(v, false, true);
  if (indirect) return indirect;
  // only deregistrations (and, before enrichment, nothing else): GTO would crash here
  const any = newestVersionEvent(v, true, true);
  if (!any) throw new Error(`version ${v.version} of '${v.artifact}' has no events`);
  return any;
};

export const versionActivatedAt = (v: Version): Timestamp => {
  const first = v.registrations[0] ?? oldestVersionEvent(v);
  if (!first) throw new Error(`version ${v.version} of '${v.artifact}' has no events`);
  return first.createdAt;
};

/** The newest of assignments-then-unassignments is an assignment (same-second: the unassignment). */
export const isStageActive = (r: StageRecord): boolean => {
  const assignment = newestOf(r.assignments);
  if (assignment === undefined) return false;
  // §3.3: on an unregistered commit (sha-named version) GTO files each stage tag under a fresh
  // version object, so an unassignment never cancels an assignment there
  if (r.version === r.commit) return true;
  const unassignment = newestOf(r.unassignments);
  return unassignment === undefined || assignment.createdAt.seconds > unassignment.createdAt.seconds;
};

/** Newest assignment; a record with only unassignments (GTO crashes) falls back to the newest of those. */
export const stageAuthoring = (r: StageRecord): RegistryEvent => {
  const event = newestOf(r.assignments) ?? stageEvents(r)[0];
  if (!event) throw new Error(`stage record ${r.stage} of '${r.artifact}' has no events`);
  return event;
};

export const stageActivatedAt = (r: StageRecord): Timestamp | null =>
  isStageActive(r) ? newestOf(r.assignments)!.createdAt : null;

/**
 * The newest artifact event (§3.4) is not a deprecation. Deprecations come first in GTO's
 * concatenation, so any version event of the same second is newer: only a deprecation
 * strictly later than every version event makes the artifact inactive. No sort needed.
 */
export const isArtifactActive = (a: Artifact): boolean => {
  const deprecation = newestOf(a.deprecations);
  // Without a deprecation: active iff there is any version event. With one: iff some version
  // event is not older. Either way the first event that decides it ends the scan.
  const after = deprecation === undefined ? -Infinity : deprecation.createdAt.seconds;
  for (let i = 0; i < a.versions.length; i++) {
    const v = a.versions[i]!;
    if (anyAtOrAfter(v.registrations, after) || anyAtOrAfter(v.deregistrations, after) || anyAtOrAfter(v.enrichments, after)) return true;
    for (const record of v.stages.values()) {
      if (anyAtOrAfter(record.assignments, after) || anyAtOrAfter(record.unassignments, after)) return true;
    }
  }
  return false;
};

const anyAtOrAfter = (events: readonly {readonly createdAt: Timestamp}[], seconds: number): boolean => {
  for (let i = 0; i < events.length; i++) if (events[i]!.createdAt.seconds >= seconds) return true;
  return false;
};

/** False iff every event of the artifact is a `commit` event (shown as `*name`). */
export const isArtifactRegistered = (a: Artifact): boolean =>
  a.deprecations.length > 0 ||
  a.versions.some(
    (v) =>
      v.registrations.length > 0 ||
      v.deregistrations.length > 0 ||
      [...v.stages.values()].some((r) => r.assignments.length + r.unassignments.length > 0),
  );

/** Newest event of any kind (§3.4 tie rules); deprecate's default target commit. */
export const newestArtifactEvent = (a: Artifact): RegistryEvent | null => artifactEvents(a)[0] ?? null;

/** All events of an artifact, newest first, in GTO's exact tie order (deprecate/delete use it). */
export {artifactEvents, versionEvents} from './events.js';

const isListed = (v: Version, options: ListOptions): boolean => {
  if (options.includeInactive) return true;
  if (!isVersionActive(v)) return false;
  const registered = isRegistered(v);
  const discovered = isDiscovered(v);
  return (
    (registered && !discovered) ||
    (options.includeDiscovered && discovered) ||
    (options.includeUnregistered && !registered)
  );
};

/** §3.6 filter, sorted (GTO's get_versions sorts by SemVer unless told otherwise). */
export const listedVersions = (a: Artifact, options: ListOptions, sort: VersionSort = 'semver'): Version[] =>
  sortVersions(
    a.versions.filter((v) => isListed(v, options)),
    sort,
  );

const semverCache = new Map<string, SemVer | null>();
const semverOf = (name: string): SemVer | null => {
  let parsed = semverCache.get(name);
  if (parsed === undefined) {
    parsed = parseVersion(name);
    if (semverCache.size > 100_000) semverCache.clear();
    semverCache.set(name, parsed);
  }
  return parsed;
};

/** Descending, with GTO's stable-sort-then-reverse tie rule (§3.6). */
export const sortVersions = (versions: readonly Version[], sort: VersionSort): Version[] => {
  if (sort === 'timestamp') {
    const keyed = versions.map((v) => ({v, createdAt: versionAuthoring(v).createdAt}));
    return pyDescending(keyed).map(({v}) => v);
  }
  const semver: {v: Version; s: SemVer}[] = [];
  const other: Version[] = [];
  for (const v of versions) {
    const s = semverOf(v.version);
    if (s) semver.push({v, s});
    else other.push(v);
  }
  semver.sort((a, b) => compareSemVer(a.s, b.s)).reverse();
  other.sort((a, b) => (a.version < b.version ? -1 : a.version > b.version ? 1 : 0)).reverse();
  return [...semver.map(({v}) => v), ...other];
};

const REGISTERED_ACTIVE: ListOptions = {includeInactive: false, includeDiscovered: false, includeUnregistered: false};

/**
 * §3.7: greatest active registered version: the first of `listedVersions` in SemVer order,
 * found in one pass. Sorted descending by stable-sort-then-reverse, the first of equals is the
 * last one met, hence `>=`.
 */
export const latestVersion = (a: Artifact): Version | null => {
  let best: Version | null = null;
  let bestSemver: SemVer | null = null;
  for (let i = 0; i < a.versions.length; i++) {
    const v = a.versions[i]!;
    if (!isListed(v, REGISTERED_ACTIVE)) continue;
    const s = semverOf(v.version);
    if (s !== null) {
      if (bestSemver === null || compareSemVer(s, bestSemver) >= 0) {
        best = v;
        bestSemver = s;
      }
    } else if (bestSemver === null && (best === null || v.version >= best.version)) best = v;
  }
  return best;
};

const hasActiveStage = (v: Version): boolean => {
  for (const record of v.stages.values()) if (isStageActive(record)) return true;
  return false;
};

/** §3.8 get_vstages: stage → versions, in first-met order. Throws GtoError on bad av/vs. */
export const stageHolders = (a: Artifact, query: StageQuery): Map<string, Version[]> => {
  const av = query.assignmentsPerVersion;
  const vs = query.versionsPerStage;
  if (av < -1) throw new GtoError("'assignments_per_version' must be >= -1");
  if (vs < -1) throw new GtoError("'versions_per_stage' must be >=-1");
  // Only versions holding a stage matter; a stable sort of that subset keeps their relative
  // order, so filtering first gives the same holders without sorting every version.
  const options: ListOptions = {includeInactive: false, includeDiscovered: false, includeUnregistered: !query.registeredOnly};
  const versions = sortVersions(
    a.versions.filter((v) => hasActiveStage(v) && isListed(v, options)),
    query.sort,
  );
  type Held = {version: Version; record: StageRecord; createdAt: Timestamp};
  let held: Held[] = [];
  for (const version of versions) {
    const active: {record: StageRecord; activatedAt: number}[] = [];
    for (const record of version.stages.values()) if (isStageActive(record)) active.push({record, activatedAt: stageActivatedAt(record)!.seconds});
    // earliest-activated first (a stable sort); §3.8 keeps these under --av (the "Kanban" quirk)
    if (active.length > 1) active.sort((x, y) => x.activatedAt - y.activatedAt);
    const kept = av > -1 ? active.slice(0, av) : active;
    for (const {record} of kept) held.push({version, record, createdAt: stageAuthoring(record).createdAt});
  }
  if (query.sort === 'timestamp') held = pyDescending(held);
  const stages = new Map<string, Version[]>();
  for (const {version, record} of held) {
    let list = stages.get(record.stage);
    if (!list) {
      list = [];
      stages.set(record.stage, list);
    }
    if (vs > -1 && list.length >= vs) continue;
    // GTO compares version *names* here, so two objects named alike count once
    if (!list.some((v) => v.version === version.version)) list.push(version);
  }
  return stages;
};

/** §3.10: stages with an active record on an active version, any artifact (deprecated too), sorted. */
export const usedStages = (registry: Pick<Registry, 'artifacts'>): string[] => {
  const used = new Set<string>();
  for (const artifact of registry.artifacts.values()) {
    for (let i = 0; i < artifact.versions.length; i++) {
      const version = artifact.versions[i]!;
      if (version.stages.size === 0 || !isVersionActive(version)) continue;
      for (const record of version.stages.values()) if (isStageActive(record)) used.add(record.stage);
    }
  }
  return [...used].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
};

/** The stage columns: `.gto`'s stages as written, else the stages in use, sorted (spec §4.5). */
export const stageColumns = (registry: Registry, configured: readonly string[] | null): readonly string[] =>
  configured ?? usedStages(registry);

export type VersionLookup = {
  readonly name?: string;
  readonly commit?: string;
  /** GTO's lookups skip sha-named versions unless asked (§3.3). */
  readonly includeDiscovered?: boolean;
};

/** GTO's `find_version` without creation: matching versions in insertion order (ops check counts). */
export const findVersions = (a: Artifact, lookup: VersionLookup): Version[] =>
  a.versions.filter(
    (v) =>
      (lookup.name === undefined || v.version === lookup.name) &&
      (lookup.commit === undefined || v.commit === lookup.commit) &&
      (lookup.includeDiscovered === true || !isDiscovered(v)),
  );

/**
 * The commit event whose annotation the UI shows: HEAD's when artifacts.yaml or a dvc.yaml
 * there describes the artifact, else the newest seen.
 */
export const annotatedEvent = (artifact: Artifact, head: string | null): CommitEvent | null => {
  let newest: CommitEvent | null = null;
  for (const version of artifact.versions) {
    for (const event of version.enrichments) {
      if (event.annotation === null) continue;
      if (head !== null && event.commit === head) return event;
      if (newest === null || event.createdAt.seconds >= newest.createdAt.seconds) newest = event;
    }
  }
  return newest;
};

/** The annotation from artifacts.yaml or dvc.yaml: HEAD's when it describes the artifact, else the newest seen. */
export const artifactAnnotation = (artifact: Artifact, head: string | null): Annotation | null => annotatedEvent(artifact, head)?.annotation ?? null;
