/**
 * What the UI needs from the outside world. The store and controller only see this
 * interface; `services.ts` builds it over a real repository (tests point it at a temporary
 * one). Reads go through the registry core, writes through the ops layer.
 */
import type {ChangedFile, Comparison, Endpoint} from '../registry/compare.js';
import type {Config} from '../registry/config.js';
import type {Registry} from '../registry/model.js';
import type {Timestamp} from '../registry/records.js';
import type {RulesFile} from '../registry/rules.js';
import type {Verification} from '../registry/signatures.js';
import type {TagChanges} from './tagChanges.js';

export type RepoInfo = {
  /** Working tree root. */
  readonly root: string;
  readonly branch: string | null;
  /** URL of `origin` (password redacted), or null when there is none. */
  readonly origin: string | null;
};

export type Snapshot = {
  readonly config: Config;
  readonly registry: Registry;
  readonly head: string | null;
  /**
   * Every local tag, name → the object it finally points at (a commit, for GTO's tags), in
   * name order: the "not pushed" check compares these with origin's, the push list reads them.
   */
  readonly tagTargets: ReadonlyMap<string, string>;
  /** What was wrong with the dvc.yaml files at HEAD (their other artifacts are in `registry`), one line each. */
  readonly dvcProblems: readonly string[];
  /** The promotion rules of `.gto-tui.yaml` at HEAD: the assign form marks what they refuse. */
  readonly rules: RulesFile;
};

export type CommitChoice = {
  readonly sha: string;
  readonly subject: string;
  readonly author: string;
  readonly time: Timestamp;
};

export type CommitPager = {
  /** The next `count` commits (fewer where history ends); `done`: none is left after them. */
  readonly read: (count: number) => Promise<{readonly commits: readonly CommitChoice[]; readonly done: boolean}>;
  readonly close: () => void;
};

/** A write the user asked for, in the CLI's terms. */
export type WriteRequest =
  | {
      readonly kind: 'register';
      readonly name: string;
      readonly ref: string;
      /** null = bump the latest (GTO's default). */
      readonly version: string | null;
      readonly message: string | null;
    }
  | {
      readonly kind: 'assign';
      readonly name: string;
      readonly stage: string;
      /** An existing version, or null to assign the version at `ref` (registering it if needed). */
      readonly version: string | null;
      readonly ref: string | null;
      readonly message: string | null;
    }
  | {readonly kind: 'deprecate'; readonly name: string}
  | {readonly kind: 'deregister'; readonly name: string; readonly version: string}
  | {readonly kind: 'unassign'; readonly name: string; readonly version: string; readonly stage: string};

/** A tag the plan will create; git stores the message through GTO's cleanup (createTag). */
export type PlannedTag = {readonly tag: string; readonly target: string; readonly message: string};

export type WritePlan =
  /** `rule`: a promotion rule refused it (the command line's `--ignore-rules` overrides that). */
  | {readonly kind: 'refused'; readonly message: string; readonly rule?: true}
  | {
      readonly kind: 'plan';
      readonly tags: readonly PlannedTag[];
      /** The plan as the ops layer words it (shown in the confirmation). */
      readonly text: readonly string[];
      /** Opaque: handed back to `apply`. */
      readonly handle: unknown;
    };

/**
 * A counter tag origin refused because it already holds a different tag of that name: another
 * writer took the number first. `handle` is opaque: handed back to `retryRace`.
 */
export type LostRace = {readonly tag: string; readonly handle: unknown};

export type PushResult =
  | {readonly kind: 'pushed'}
  /**
   * git refused some or all tags: its error verbatim; `refused`: the tags it refused; `lost`:
   * those refusals that were lost counter races.
   */
  | {readonly kind: 'failed'; readonly message: string; readonly refused: readonly string[]; readonly lost: readonly LostRace[]};

export type ApplyResult =
  | {readonly kind: 'applied'; readonly created: readonly string[]}
  /** Only in a temporary clone (which always pushes): a push failed; `lost` when it was a lost counter race. */
  | {readonly kind: 'push-failed'; readonly created: readonly string[]; readonly message: string; readonly lost: LostRace | null};

/** What retrying a lost counter race found; each case has already fetched origin's tags unless it says otherwise. */
export type RaceRetry =
  /** The same write with the next free counter, to show and apply; our copy of `taken` is gone. */
  | {readonly kind: 'replanned'; readonly taken: string; readonly retryAs: string; readonly plan: Extract<WritePlan, {kind: 'plan'}>}
  /** Our copy of `taken` is gone, and the write cannot simply be redone: `message` says why. */
  | {readonly kind: 'dropped'; readonly taken: string; readonly message: string}
  /** Nothing was changed locally (our `taken` is kept): `message` says why. */
  | {readonly kind: 'kept'; readonly taken: string; readonly message: string};

/**
 * Why origin is asked for its tags: `automatic`ally (on opening and reload: nothing the
 * repository configures may run) or `for-write`, as part of a push or fetch the user asked for
 * (with the user's git settings, the repository's included, as the push itself uses them).
 */
export type RemoteCheck = 'automatic' | 'for-write';

/**
 * A change to the refs the registry is read from, seen without git: a tag (or packed-refs), or
 * what HEAD points at; `at`: when the last of it was seen (performance.now()).
 */
export type RefChange = {readonly tags: boolean; readonly head: boolean; readonly at: number};

/** A tag's signature as git verified it; `id` is the tag object verified. */
export type TagSignature = {readonly id: string; readonly verification: Verification};

export type Services = {
  readonly info: () => Promise<RepoInfo>;
  readonly load: () => Promise<Snapshot>;
  /** HEAD's history for a commit picker, newest first: one git log, read as far as asked; closed with the picker. */
  readonly commitLog: () => CommitPager;
  /** The commit a typed sha, branch or tag names (one git process); null when it names none. */
  readonly lookupCommit: (name: string) => Promise<CommitChoice | null>;
  /**
   * `force`, `ignoreRules`: the command line's `--force` and `--ignore-rules`, for a confirmation
   * that overrides a refusal; `sign`: the tags will be signed (a `signed: true` rule asks).
   */
  readonly plan: (request: WriteRequest, options?: PlanOptions) => Promise<WritePlan>;
  /** When a tag written now will say it was made (seconds): the moment the promotion rules judge. */
  readonly now: () => number;
  /** Applies a plan (pushing each tag only in a temporary clone); `sign`: the tags are signed (the confirmation's toggle). */
  readonly apply: (plan: Extract<WritePlan, {kind: 'plan'}>, options?: {readonly sign: boolean}) => Promise<ApplyResult>;
  /** Tags on `origin`, name → peeled target (one `git ls-remote --tags`). */
  readonly remoteTags: (check: RemoteCheck) => Promise<ReadonlyMap<string, string>>;
  readonly push: (tags: readonly string[]) => Promise<PushResult>;
  /** After a lost counter race: drop our copy, fetch origin's tags and plan the same write again (ops/race.ts). */
  readonly retryRace: (lost: LostRace) => Promise<RaceRetry>;
  /** Fetch origin's tags (never overwriting a local one): what changed among the local tags, and the tags kept because origin's differ. */
  readonly fetch: () => Promise<{readonly conflicts: readonly string[]; readonly changes: TagChanges}>;
  readonly deleteTags: (tags: readonly string[]) => Promise<void>;
  /** Commits and files under `path` between two resolved sides (one git log, one git diff --numstat). */
  readonly compare: (request: CompareRequest) => Promise<Comparison>;
  /** One file's diff between two commits, as git prints it. */
  readonly fileDiff: (request: {readonly from: string; readonly to: string; readonly file: ChangedFile}) => Promise<string>;
  /**
   * The signatures of `tags` as git verify-tag says (tag name → signature); `known` (by tag
   * object id) are not verified again. `onProgress` sees the results so far after each batch.
   */
  readonly verifySignatures: (
    tags: readonly string[],
    known: ReadonlyMap<string, Verification>,
    onProgress: (results: ReadonlyMap<string, TagSignature>) => void,
  ) => Promise<ReadonlyMap<string, TagSignature>>;
  /** Whether git would sign an annotated tag by default (`tag.gpgSign`): the confirmation's default. */
  readonly signsByDefault: () => Promise<boolean>;
  /** Hear about changes to the tags and HEAD once they settle (no git process); returns the stop. */
  readonly watch: (onChange: (change: RefChange) => void) => () => void;
};

export type PlanOptions = {readonly force?: boolean; readonly ignoreRules?: boolean; readonly sign?: boolean};

export type CompareRequest = {readonly artifact: string; readonly from: Endpoint; readonly to: Endpoint; readonly path: string | null};
