/**
 * Hand-built tag and commit records for the pure core, on the conformance suite's clock:
 * 2024-01-01T00:00:00Z and one minute per commit or annotated tag (lib.sh), identities as
 * there. No git runs here; shas are deterministic 40-hex strings.
 */
import {DEFAULT_CONFIG, type Config} from '../../source/registry/config.js';
import type {Annotation, Registry} from '../../source/registry/model.js';
import type {CommitRecord, ObjectType, TagRecord, Timestamp} from '../../source/registry/records.js';
import {buildRegistry, commitsToRead} from '../../source/registry/state.js';

export const EPOCH = 1704067200;
export const AUTHOR = {name: 'Alice Author', email: 'alice@example.com'};
export const COMMITTER = {name: 'Carol Committer', email: 'carol@example.com'};

export class FakeRepo {
  private ticks = 0;
  private held = false;
  private offsetMinutes = 0;
  private index: string | null = null;
  readonly commits = new Map<string, CommitRecord>();
  readonly tags: TagRecord[] = [];
  head: string | null = null;
  private commitCount = 0;

  private tick(): Timestamp {
    if (!this.held) this.ticks += 1;
    return this.now();
  }

  now(): Timestamp {
    return {seconds: EPOCH + this.ticks * 60, offsetMinutes: this.offsetMinutes};
  }

  holdClock(): void {
    this.held = true;
  }

  releaseClock(): void {
    this.held = false;
  }

  setTz(offsetMinutes: number): void {
    this.offsetMinutes = offsetMinutes;
  }

  /** Like lib.sh `commit`; `annotations` rewrites the index file (null removes it). */
  commit(message: string, annotations?: string | null): string {
    if (annotations !== undefined) this.index = annotations;
    this.commitCount += 1;
    const sha = `${String(this.commitCount).padStart(4, '0')}`.padEnd(40, 'c');
    const time = this.tick();
    this.commits.set(sha, {
      sha,
      author: {...AUTHOR, time},
      committer: {...COMMITTER, time},
      message: `${message}\n`,
      index: this.index === null ? {kind: 'absent'} : {kind: 'present', text: this.index},
    });
    this.head = sha;
    return sha;
  }

  /** The n-th commit (1-based), like `HEAD~k` by position. */
  rev(n: number): string {
    const sha = [...this.commits.keys()][n - 1];
    if (!sha) throw new Error(`no commit ${n}`);
    return sha;
  }

  tag(name: string, message?: string): void {
    this.tagAt(this.head!, name, message);
  }

  tagAt(target: string, name: string, message?: string, targetType: ObjectType = 'commit'): void {
    const time = this.tick();
    this.tags.push({kind: 'annotated', name, target, targetType, tagger: {...COMMITTER, time}, message: `${message ?? name}\n`});
  }

  ltag(name: string, target?: string): void {
    this.tags.push({kind: 'lightweight', name, target: target ?? this.head!, targetType: 'commit'});
  }

  /** Tags in byte order, as the git layer hands them over. */
  sortedTags(): TagRecord[] {
    return [...this.tags].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** `dvc`: annotations from the dvc.yaml files at HEAD (registry/dvc.ts). */
  registry(config: Config = DEFAULT_CONFIG, dvc?: ReadonlyMap<string, Annotation>): Registry {
    const tags = this.sortedTags();
    const wanted = commitsToRead(tags, this.head);
    const commits = new Map(wanted.map((sha) => [sha, this.commits.get(sha)!]));
    return buildRegistry({tags, commits, head: this.head, config, ...(dvc === undefined ? {} : {dvc})});
  }
}

export const iso = (t: Timestamp): string => {
  const local = new Date((t.seconds + t.offsetMinutes * 60) * 1000).toISOString().slice(0, 19);
  const sign = t.offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(t.offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
};

/** `2024-01-01T00:02:00+00:00` from the number of lib.sh ticks. */
export const at = (ticks: number): string => iso({seconds: EPOCH + ticks * 60, offsetMinutes: 0});
