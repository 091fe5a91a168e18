/** Builds the registry state from tag and commit records (spec §3.1–3.3). Pure. */
import type {Config} from './config.js';
import type {Registry} from './model.js';
import type {CommitRecord, TagRecord} from './records.js';

export type RegistryInput = {
  /** Every ref under refs/tags, sorted by name in byte order (§0.3). */
  readonly tags: readonly TagRecord[];
  /** The commits named by commitsToRead, with their annotations file. */
  readonly commits: ReadonlyMap<string, CommitRecord>;
  /** HEAD's commit, or null in a repository without commits. */
  readonly head: string | null;
  readonly config: Config;
};

/** The commits whose metadata and annotations file the state needs: version commits and HEAD. */
export const commitsToRead = (tags: readonly TagRecord[], head: string | null): string[] => {
  void tags;
  void head;
  throw new Error('not implemented yet');
};

/** Throws GtoError for the states GTO refuses (ManyVersions, corrupt annotations). */
export const buildRegistry = (input: RegistryInput): Registry => {
  void input;
  throw new Error('not implemented yet');
};
