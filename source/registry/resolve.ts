/**
 * Derived attributes of the state (spec §3.4–3.10): activity, authoring events, latest, and
 * which versions each stage holds. Pure functions over the model.
 */
import type {Artifact, Registry, RegistryEvent, StageRecord, Version} from './model.js';
import type {Timestamp} from './records.js';

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

const todo = (): never => {
  throw new Error('not implemented yet');
};

export const isRegistered = (v: Version): boolean => (void v, todo());
export const isDiscovered = (v: Version): boolean => (void v, todo());
export const isVersionActive = (v: Version): boolean => (void v, todo());
/** The event a version's created_at/author/message/ref come from (§3.5). */
export const versionAuthoring = (v: Version): RegistryEvent => (void v, todo());
export const versionActivatedAt = (v: Version): Timestamp => (void v, todo());
export const isStageActive = (r: StageRecord): boolean => (void r, todo());
export const stageAuthoring = (r: StageRecord): RegistryEvent => (void r, todo());
export const stageActivatedAt = (r: StageRecord): Timestamp | null => (void r, todo());
export const isArtifactActive = (a: Artifact): boolean => (void a, todo());
/** False iff every event of the artifact is a `commit` event (shown as `*name`). */
export const isArtifactRegistered = (a: Artifact): boolean => (void a, todo());
/** Newest event of any kind (§3.4 tie rules); deprecate's default target commit. */
export const newestArtifactEvent = (a: Artifact): RegistryEvent | null => (void a, todo());
export const listedVersions = (a: Artifact, options: ListOptions): Version[] => (void a, void options, todo());
/** Descending, with GTO's stable-sort-then-reverse tie rule (§3.6). */
export const sortVersions = (versions: readonly Version[], sort: VersionSort): Version[] =>
  (void versions, void sort, todo());
/** §3.7: greatest active registered version. */
export const latestVersion = (a: Artifact): Version | null => (void a, todo());
/** §3.8 get_vstages: stage → versions, in first-met order. Throws GtoError on bad av/vs. */
export const stageHolders = (a: Artifact, query: StageQuery): Map<string, Version[]> =>
  (void a, void query, todo());
/** §3.10. */
export const usedStages = (registry: Registry): string[] => (void registry, todo());
