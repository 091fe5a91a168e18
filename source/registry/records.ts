/**
 * Plain data the git layer hands to the core. The core never runs git: it receives these
 * records and returns plain data (STYLE: "side effects at the edges").
 */

/** A point in time as git records it: whole seconds plus the writer's UTC offset. */
export type Timestamp = {readonly seconds: number; readonly offsetMinutes: number};

export type Signature = {readonly name: string; readonly email: string; readonly time: Timestamp};

export type ObjectType = 'commit' | 'tree' | 'blob' | 'tag';

/**
 * One ref under refs/tags, from a single `git for-each-ref`. `target` is the object the tag
 * finally points at (peeled); `targetType` says what that object is.
 */
export type TagRecord =
  | {
      readonly kind: 'lightweight';
      readonly name: string;
      readonly target: string;
      readonly targetType: ObjectType;
    }
  | {
      readonly kind: 'annotated';
      readonly name: string;
      readonly target: string;
      readonly targetType: ObjectType;
      readonly tagger: Signature;
      /** The tag message exactly as stored (not yet stripped). */
      readonly message: string;
    };

/** The annotations file (`artifacts.yaml` or config INDEX) at one commit. */
export type IndexFile =
  | {readonly kind: 'absent'}
  | {readonly kind: 'present'; readonly text: string}
  /** Larger than MAX_ANNOTATIONS_BYTES: not read, so not parsed. `blob` is its object id. */
  | {readonly kind: 'too-large'; readonly blob: string; readonly bytes: number};

/** A commit the state builder needs (a version's commit, or HEAD), read in one batch. */
export type CommitRecord = {
  readonly sha: string;
  readonly author: Signature;
  readonly committer: Signature;
  /** The full commit message (GTO does not strip it: it usually ends with a newline). */
  readonly message: string;
  readonly index: IndexFile;
};
