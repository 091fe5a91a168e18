/**
 * The registry state, as GTO models it (spec §1, §3): artifacts → versions → stage records,
 * each holding the events that made it. Derived attributes (active, latest, stage holders)
 * are pure functions over this data, in state.ts and resolve.ts.
 */
import type {Timestamp} from './records.js';

/** One artifact's entry in artifacts.yaml (§6.2), with GTO's defaults filled in. */
export type Annotation = {
  readonly type: string | null;
  readonly path: string | null;
  readonly virtual: boolean;
  readonly labels: readonly string[];
  readonly description: string;
  readonly custom: unknown;
};

type EventBase = {
  readonly artifact: string;
  readonly createdAt: Timestamp;
  readonly author: string;
  readonly authorEmail: string;
  readonly message: string;
  readonly commit: string;
};

type TagEventBase = EventBase & {readonly tag: string};

/** An artifacts.yaml sighting at a commit ("enrichment"); priority 0. */
export type CommitEvent = EventBase & {
  readonly kind: 'commit';
  readonly version: string;
  /** The artifact's annotation at that commit, or null when the file does not list it. */
  readonly annotation: Annotation | null;
  readonly committer: string;
  readonly committerEmail: string;
  /** Where `annotation` comes from: GTO's artifacts.yaml, or a dvc.yaml `artifacts:` entry (HEAD only). */
  readonly source: AnnotationSource;
};

/** The enrichment's `source` in GTO's JSON: `gto` for artifacts.yaml (§4.5), `dvc` for dvc.yaml. */
export type AnnotationSource = 'gto' | 'dvc';
export type DeprecationEvent = TagEventBase & {readonly kind: 'deprecation'};
export type RegistrationEvent = TagEventBase & {readonly kind: 'registration'; readonly version: string};
export type DeregistrationEvent = TagEventBase & {readonly kind: 'deregistration'; readonly version: string};
export type AssignmentEvent = TagEventBase & {
  readonly kind: 'assignment';
  readonly version: string;
  readonly stage: string;
};
export type UnassignmentEvent = TagEventBase & {
  readonly kind: 'unassignment';
  readonly version: string;
  readonly stage: string;
};

export type TagEvent =
  | DeprecationEvent
  | RegistrationEvent
  | DeregistrationEvent
  | AssignmentEvent
  | UnassignmentEvent;
export type RegistryEvent = CommitEvent | TagEvent;
export type EventKind = RegistryEvent['kind'];

/** GTO's event priorities, used to order same-second events in `history` (§1). */
export const EVENT_PRIORITY: Readonly<Record<EventKind, number>> = {
  commit: 0,
  deprecation: 2,
  registration: 3,
  deregistration: 4,
  assignment: 5,
  unassignment: 6,
};

/** Additions author a version or stage record (§3.5); removals do not. */
export const isAddition = (kind: EventKind): boolean =>
  kind === 'commit' || kind === 'registration' || kind === 'assignment';

/** One (version × stage) pair with its events, each list sorted by time (stable). */
export type StageRecord = {
  readonly artifact: string;
  readonly version: string;
  readonly commit: string;
  readonly stage: string;
  readonly assignments: AssignmentEvent[];
  readonly unassignments: UnassignmentEvent[];
};

/**
 * One version: a (name, commit) pair. `version` is a `vX.Y.Z` name, or the 40-char commit sha
 * when the commit has no registration ("discovered"/unregistered version, §3.3).
 */
export type Version = {
  readonly artifact: string;
  readonly version: string;
  readonly commit: string;
  readonly registrations: RegistrationEvent[];
  readonly deregistrations: DeregistrationEvent[];
  readonly enrichments: CommitEvent[];
  /** Insertion-ordered by first event for that stage. */
  readonly stages: Map<string, StageRecord>;
};

export type Artifact = {
  readonly name: string;
  /** Insertion order = the order GTO created them (§3.1), which decides ties. */
  readonly versions: Version[];
  readonly deprecations: DeprecationEvent[];
};

/** A GTO-looking tag the state builder left out, and why (`doctor` lists them). */
export type IgnoredTag = {
  readonly tag: string;
  /** e.g. `@created tags carry no action (spec §2.6)`, `points at a tree, not a commit`. */
  readonly reason: string;
};

export type Registry = {
  /** Insertion order = GTO's state order (`show --json` keys follow it). */
  readonly artifacts: Map<string, Artifact>;
  readonly ignored: readonly IgnoredTag[];
};
