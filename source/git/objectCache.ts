/**
 * A content-addressed cache of the objects a registry read needs, kept in
 * `<gitDir>/gto-tui/objects-v2`. Git objects never change for a given id, so an entry can never
 * be stale: a tag object's target, tagger and message, the type of a non-tag object a
 * lightweight tag points at, a commit's metadata with its annotations blob id per index path,
 * the dvc.yaml files of a commit's tree, and a blob's text. With it, a read lists only `sha refname` pairs (git no longer opens every
 * tag object) and asks cat-file only for objects it has never seen.
 *
 * The file is sealed with the user's key (keptFile.ts): one another key sealed, or any edit or
 * truncation, is ignored as if absent and rewritten. Its body is NUL-separated fields. Writes
 * are atomic and silently skipped where the git dir is not writable or no key can be had.
 * While the repository has replace refs (`git replace`), which change what git reads for an
 * id, the cache is neither used nor written (`bypass`).
 */
import path from 'node:path';
import type {ObjectType, Signature, TagRecord, Timestamp} from '../registry/records.js';
import {mayBeKept, readKept, removeQuietly, writeKept, type Seal} from './keptFile.js';
import type {Repository} from './repository.js';
import {keptDataKey} from './stateKey.js';

/** What a tag object says, its target peeled to the end of a tag chain. */
export type TagFields = {
  readonly target: string;
  readonly targetType: ObjectType;
  readonly tagger: Signature;
  readonly message: string;
};

/** A commit's metadata (never its tree: the index path is looked up separately). */
export type CommitFields = {
  readonly sha: string;
  readonly author: Signature;
  readonly committer: Signature;
  readonly message: string;
};

/** The annotations blob at a commit's index path: its id, or null when there is none. */
export type IndexBlob = string | null;

/** A `dvc.yaml` in a commit's tree: its path from the root and its blob. */
export type DvcBlob = {readonly path: string; readonly blob: string};

type CommitEntry = {readonly commit: CommitFields; readonly index: Map<string, IndexBlob>};

const FILE = path.join('gto-tui', 'objects-v2');
/** The unsealed format before it, removed when this one is written. */
const OLD_FILE = path.join('gto-tui', 'objects-v1');
const MAGIC = 'gto-tui-objects 2';
const OBJECT_TYPES: ReadonlySet<string> = new Set(['commit', 'tree', 'blob', 'tag']);

export class ObjectCache {
  /** Tag objects and other objects by id: filled from the file only when a listing differs from the stored one. */
  private readonly tags = new Map<string, TagFields | ObjectType>();
  private readonly commits = new Map<string, CommitEntry>();
  private readonly blobs = new Map<string, string>();
  /** The dvc.yaml files of a commit's tree, by commit (a walk of every tree found them). */
  private readonly dvc = new Map<string, readonly DvcBlob[]>();
  private usedCommits: string[] = [];
  private usedDvc: string[] = [];
  private changed = false;
  /** Replace refs were seen: nothing from the file is used and nothing is written. */
  private bypassed = false;
  /** `load` has run (or is no longer wanted). */
  private loaded = false;
  private sealBroken = false;
  /** The file's stored listing and where its ref records start in `body`. */
  private stored: Stored | null = null;
  private tagsLoaded = true;
  /** This run's listing (`%(objectname)%00%(refname)` lines) and its records, saved as the new snapshot. */
  private listing: {readonly text: string; readonly records: readonly TagRecord[]} | null = null;

  private constructor(
    private readonly file: string,
    private readonly seal: Seal,
    /** A file that may be the cache was there when it was opened. */
    readonly exists: boolean,
  ) {}

  /**
   * The repository's cache, or null when none is kept: a temporary clone is gone after the
   * command, and without the user's key nothing is. Only looks whether a file is there: reading
   * and verifying it (`load`) waits until git has been started on the listing, so the two overlap.
   */
  static open(repo: Pick<Repository, 'root' | 'gitDir' | 'clonedFrom'>): ObjectCache | null {
    if (repo.clonedFrom !== null) return null;
    const key = keptDataKey(repo);
    if (key === null) return null;
    const file = path.join(repo.gitDir, FILE);
    return new ObjectCache(file, {key, magic: MAGIC, gitDir: repo.gitDir}, mayBeKept(file));
  }

  /**
   * The file was there but its seal did not verify (another key, an edit, a truncation): it
   * is ignored, and the read lists the tags as a first read does, which rewrites it.
   */
  get rejected(): boolean {
    return this.sealBroken;
  }

  /** Read and verify the file, then parse it (not yet its ref records); a damaged file leaves the cache empty. */
  load(): void {
    if (this.loaded || !this.exists) return;
    this.loaded = true;
    const body = readKept(this.file, this.seal, 'utf8');
    if (body === null) {
      this.sealBroken = true;
      this.forget();
      return;
    }
    try {
      this.stored = parseFile(this, body);
      this.tagsLoaded = false;
    } catch {
      this.forget();
    }
  }

  /**
   * The repository has replace refs: what git reads for an id is no longer what the id names,
   * so this run reads everything from git and keeps nothing.
   */
  bypass(): void {
    this.loaded = true;
    this.forget();
    this.bypassed = true;
  }

  private forget(): void {
    this.stored = null;
    this.tagsLoaded = true;
    this.tags.clear();
    this.commits.clear();
    this.blobs.clear();
    this.dvc.clear();
    this.changed = true;
  }

  /** The listing stored last time (after `load`), or null without a readable file. */
  get storedListing(): string | null {
    return this.stored?.listing ?? null;
  }

  /**
   * The records of `listing` when it is exactly the listing stored last time: built straight
   * from the file, without looking up a single id. Null when it differs (or the file is damaged).
   */
  recordsFor(listing: string): TagRecord[] | null {
    const stored = this.stored;
    if (stored === null || stored.listing !== listing) return null;
    const records: TagRecord[] = [];
    try {
      readRefs(stored, (id, name, entry) => {
        records.push(
          typeof entry === 'string'
            ? {kind: 'lightweight', name, target: id, targetType: entry}
            : {kind: 'annotated', name, target: entry.target, targetType: entry.targetType, tagger: entry.tagger, message: entry.message},
        );
      });
    } catch {
      this.forget();
      return null;
    }
    this.listing = {text: listing, records};
    return records;
  }

  /** A tag object's fields, the type of another object, or undefined when never seen. */
  tag(sha: string): TagFields | ObjectType | undefined {
    if (!this.tagsLoaded) this.loadTags();
    return this.tags.get(sha);
  }

  private loadTags(): void {
    this.tagsLoaded = true;
    const stored = this.stored;
    if (stored === null) return;
    try {
      readRefs(stored, (id, _name, entry) => this.tags.set(id, entry));
    } catch {
      this.forget();
    }
  }

  /** A commit and its annotations blob at `indexPath`, or undefined when either was never read. */
  commit(sha: string, indexPath: string): {commit: CommitFields; blob: IndexBlob} | undefined {
    const entry = this.commits.get(sha);
    if (entry === undefined) return undefined;
    const blob = entry.index.get(indexPath);
    if (blob === undefined) return undefined;
    this.usedCommits.push(sha);
    return {commit: entry.commit, blob};
  }

  blob(id: string): string | undefined {
    return this.blobs.get(id);
  }

  /** The dvc.yaml files of `commit`'s tree, or undefined when its tree was never walked. */
  dvcFiles(commit: string): readonly DvcBlob[] | undefined {
    const files = this.dvc.get(commit);
    if (files !== undefined) this.usedDvc.push(commit);
    return files;
  }

  addDvcFiles(commit: string, files: readonly DvcBlob[]): void {
    if (!this.dvc.has(commit)) this.changed = true;
    this.dvc.set(commit, files);
    this.usedDvc.push(commit);
  }

  addTag(sha: string, fields: TagFields | ObjectType): void {
    if (!this.tagsLoaded) this.loadTags();
    this.tags.set(sha, fields);
  }

  addCommit(commit: CommitFields, indexPath: string, blob: IndexBlob): void {
    let entry = this.commits.get(commit.sha);
    if (entry === undefined) {
      entry = {commit, index: new Map()};
      this.commits.set(commit.sha, entry);
    }
    if (!entry.index.has(indexPath)) this.changed = true;
    entry.index.set(indexPath, blob);
    this.usedCommits.push(commit.sha);
  }

  addBlob(id: string, text: string): void {
    if (!this.blobs.has(id)) this.changed = true;
    this.blobs.set(id, text);
  }

  /**
   * This run's listing (`<id>\0refs/tags/<name>\n` per ref, for-each-ref's order) and its
   * records: saved as the snapshot the next run compares its own listing with.
   */
  setListing(text: string, records: readonly TagRecord[]): void {
    if (this.stored?.listing !== text) this.changed = true;
    this.listing = {text, records};
  }

  /**
   * Write the file when this run read something new or listed different refs, or when many
   * commit entries are no longer used (then only what this run used is kept). `keepCommits`
   * keeps commit entries this run did not look at (a read of tags alone knows nothing about
   * them). Never throws: a cache that cannot be written is simply not kept.
   */
  save(keepCommits = false): boolean {
    const listing = this.listing;
    if (listing === null || this.bypassed) return false;
    const staleCommits = !keepCommits && this.commits.size > 2 * new Set(this.usedCommits).size + 64;
    if (!this.changed && !staleCommits) return false;
    const commits = keepCommits ? this.commits : prune(this.commits, this.usedCommits);
    // a read without dvc.yaml still keeps the walk of a commit it used (HEAD, for the next --dvc read)
    const dvc = keepCommits || this.dvc.size === 0 ? this.dvc : prune(this.dvc, [...this.usedDvc, ...this.usedCommits]);
    const written = writeKept(this.file, this.seal, (emit) => {
      serialize(listing.text, listing.records, commits, dvc, this.blobs, (chunk) => emit(chunk, 'utf8'));
    });
    if (!written) return false; // read-only git dir, someone else's bare repository, a full disk: reading still works
    this.changed = false;
    removeQuietly(path.join(path.dirname(this.file), path.basename(OLD_FILE)));
    return true;
  }

  // for the parser
  /** @internal */ putCommit(commit: CommitFields, index: Map<string, IndexBlob>): void {
    this.commits.set(commit.sha, {commit, index});
  }
  /** @internal */ putBlob(id: string, text: string): void {
    this.blobs.set(id, text);
  }
  /** @internal */ putDvcFiles(commit: string, files: readonly DvcBlob[]): void {
    this.dvc.set(commit, files);
  }
}

type Person = {readonly name: string; readonly email: string};

const prune = <T>(entries: Map<string, T>, used: readonly string[]): Map<string, T> => {
  const kept = new Map<string, T>();
  for (const sha of used) {
    const entry = entries.get(sha);
    if (entry !== undefined) kept.set(sha, entry);
  }
  return kept;
};

/**
 * Free text is stored as is unless it contains a NUL (commit messages and blobs may) or starts
 * with \x01, the mark of a JSON-quoted field.
 */
const text = (value: string): string =>
  value.indexOf('\0') === -1 && value.charCodeAt(0) !== 1 ? value : '\x01' + JSON.stringify(value);

const untext = (field: string): string => {
  if (field.charCodeAt(0) !== 1) return field;
  const value: unknown = JSON.parse(field.slice(1));
  if (typeof value !== 'string') throw new Error('damaged cache');
  return value;
};

/**
 * The body: fields each followed by NUL, as records
 *   L length listing                                  this run's listing (it holds NULs: length-prefixed)
 *   p name email                                      a person (index = order of p records)
 *   c sha person seconds offset person seconds offset message n (path blob|'')×n   a commit
 *   d sha n (path blob)×n                             the dvc.yaml files of a commit's tree
 *   b id text                                         a blob
 *   R                                                 then one record per listed ref, in order:
 *   r person seconds offset target type message       a tag object (its id is in the listing)
 *   w type                                            any other object
 */
const CHUNK = 1 << 20;

const serialize = (
  listing: string,
  records: readonly TagRecord[],
  commits: ReadonlyMap<string, CommitEntry>,
  dvc: ReadonlyMap<string, readonly DvcBlob[]>,
  blobs: ReadonlyMap<string, string>,
  write: (chunk: string) => void,
): void => {
  let chunk = `L\0${listing.length}\0`;
  const field = (value: string): void => {
    chunk += value + '\0';
    if (chunk.length > CHUNK) {
      write(chunk);
      chunk = '';
    }
  };
  field(listing);
  const people = new Map<string, number>();
  const person = (signature: Signature): number => {
    const key = `${signature.name}\0${signature.email}`;
    let index = people.get(key);
    if (index === undefined) {
      index = people.size;
      people.set(key, index);
      field(`p\0${text(signature.name)}\0${text(signature.email)}`);
    }
    return index;
  };
  // people first: the ref records at the end refer to them
  for (const record of records) if (record.kind === 'annotated') person(record.tagger);
  const usedBlobs = new Set<string>();
  for (const [sha, {commit, index}] of commits) {
    const author = person(commit.author);
    const committer = person(commit.committer);
    const {time: a} = commit.author;
    const {time: c} = commit.committer;
    field(`c\0${sha}\0${author}\0${a.seconds}\0${a.offsetMinutes}\0${committer}\0${c.seconds}\0${c.offsetMinutes}\0${text(commit.message)}\0${index.size}`);
    for (const [indexPath, blob] of index) {
      field(`${text(indexPath)}\0${blob ?? ''}`);
      if (blob !== null) usedBlobs.add(blob);
    }
  }
  for (const [sha, files] of dvc) {
    field(`d\0${sha}\0${files.length}`);
    for (const {path: file, blob} of files) {
      field(`${text(file)}\0${blob}`);
      usedBlobs.add(blob);
    }
  }
  for (const id of usedBlobs) {
    const content = blobs.get(id);
    if (content !== undefined) field(`b\0${id}\0${text(content)}`);
  }
  field('R');
  for (const record of records) {
    if (record.kind === 'lightweight') field(`w\0${record.targetType}`);
    else {
      const {tagger} = record;
      field(`r\0${person(tagger)}\0${tagger.time.seconds}\0${tagger.time.offsetMinutes}\0${record.target}\0${record.targetType}\0${text(record.message)}`);
    }
  }
  if (chunk !== '') write(chunk);
};

const damaged = (): Error => new Error('damaged object cache');

const throwDamaged = (): never => {
  throw damaged();
};

type Stored = {readonly listing: string; readonly body: string; readonly refsAt: number; readonly people: readonly Person[]};

/** Everything before the ref records: the stored listing, people, commits and blobs. */
const parseFile = (cache: ObjectCache, body: string): Stored => {
  const people: Person[] = [];
  let pos = 0;
  const next = (): string => {
    const nul = body.indexOf('\0', pos);
    if (nul === -1) throw damaged();
    const field = body.slice(pos, nul);
    pos = nul + 1;
    return field;
  };
  const int = (): number => {
    const value = Number(next());
    if (!Number.isSafeInteger(value)) throw damaged();
    return value;
  };
  const personAt = (index: number): Person => people[index] ?? throwDamaged();
  if (next() !== 'L') throw damaged();
  const length = int();
  const listing = body.slice(pos, pos + length);
  pos += length;
  if (body.charCodeAt(pos) !== 0) throw damaged();
  pos++;
  let lastTime: Timestamp = {seconds: 0, offsetMinutes: 0};
  const time = (seconds: number, offsetMinutes: number): Timestamp =>
    seconds === lastTime.seconds && offsetMinutes === lastTime.offsetMinutes ? lastTime : (lastTime = {seconds, offsetMinutes});
  for (;;) {
    const kind = next();
    if (kind === 'R') break;
    if (kind === 'p') {
      const name = untext(next());
      people.push({name, email: untext(next())});
    } else if (kind === 'c') {
      const sha = next();
      const author = personAt(int());
      const authorTime = time(int(), int());
      const committer = personAt(int());
      const committerTime = time(int(), int());
      const message = untext(next());
      const count = int();
      const index = new Map<string, IndexBlob>();
      for (let i = 0; i < count; i++) {
        const indexPath = untext(next());
        const blob = next();
        index.set(indexPath, blob === '' ? null : blob);
      }
      cache.putCommit(
        {
          sha,
          author: {name: author.name, email: author.email, time: authorTime},
          committer: {name: committer.name, email: committer.email, time: committerTime},
          message,
        },
        index,
      );
    } else if (kind === 'd') {
      const sha = next();
      const count = int();
      const files: DvcBlob[] = [];
      for (let i = 0; i < count; i++) {
        const file = untext(next());
        files.push({path: file, blob: next()});
      }
      cache.putDvcFiles(sha, files);
    } else if (kind === 'b') {
      const id = next();
      cache.putBlob(id, untext(next()));
    } else throw damaged();
  }
  return {listing, body, refsAt: pos, people};
};

/** A decimal integer (optional `-`) in `text` between `start` and `end`; throws when it is not one. */
const intIn = (text: string, start: number, end: number): number => {
  let i = start;
  const negative = text.charCodeAt(i) === 45;
  if (negative) i++;
  if (i >= end || end - i > 15) throw damaged();
  let value = 0;
  for (; i < end; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) throw damaged();
    value = value * 10 + digit;
  }
  return negative ? -value : value;
};

const objectType = (type: string): ObjectType => {
  if (!OBJECT_TYPES.has(type)) throw damaged();
  return type as ObjectType;
};

const PREFIX = 'refs/tags/';

/**
 * Walk the stored listing and its ref records in step, handing each ref's id, name and entry
 * to `each`. Throws when they do not match up (a damaged file).
 */
const readRefs = (stored: Stored, each: (id: string, name: string, entry: TagFields | ObjectType) => void): void => {
  const {listing, body, people} = stored;
  let pos = stored.refsAt;
  let at = 0;
  let lastTime: Timestamp = {seconds: 0, offsetMinutes: 0};
  while (at < listing.length) {
    const nul = listing.indexOf('\0', at);
    const newline = nul === -1 ? -1 : listing.indexOf('\n', nul);
    if (newline === -1 || !listing.startsWith(PREFIX, nul + 1)) throw damaged();
    const id = listing.slice(at, nul);
    const name = listing.slice(nul + 1 + PREFIX.length, newline);
    at = newline + 1;
    const kind = body.charCodeAt(pos);
    if (body.charCodeAt(pos + 1) !== 0) throw damaged();
    pos += 2;
    if (kind === 119 /* w */) {
      const end = body.indexOf('\0', pos);
      if (end === -1) throw damaged();
      each(id, name, objectType(body.slice(pos, end)));
      pos = end + 1;
      continue;
    }
    if (kind !== 114 /* r */) throw damaged();
    const e1 = body.indexOf('\0', pos);
    const e2 = e1 === -1 ? -1 : body.indexOf('\0', e1 + 1);
    const e3 = e2 === -1 ? -1 : body.indexOf('\0', e2 + 1);
    const e4 = e3 === -1 ? -1 : body.indexOf('\0', e3 + 1);
    const e5 = e4 === -1 ? -1 : body.indexOf('\0', e4 + 1);
    const e6 = e5 === -1 ? -1 : body.indexOf('\0', e5 + 1);
    if (e6 === -1) throw damaged();
    const who = people[intIn(body, pos, e1)] ?? throwDamaged();
    const seconds = intIn(body, e1 + 1, e2);
    const offsetMinutes = intIn(body, e2 + 1, e3);
    const time = seconds === lastTime.seconds && offsetMinutes === lastTime.offsetMinutes ? lastTime : (lastTime = {seconds, offsetMinutes});
    const target = body.slice(e3 + 1, e4);
    const targetType = objectType(body.slice(e4 + 1, e5));
    const message = untext(body.slice(e5 + 1, e6));
    each(id, name, {target, targetType, tagger: {name: who.name, email: who.email, time}, message});
    pos = e6 + 1;
  }
  if (pos !== body.length) throw damaged();
};

/** Where the cache of `repo` lives (tests and the benchmark remove it). */
export const objectCacheFile = (repo: Pick<Repository, 'gitDir'>): string => path.join(repo.gitDir, FILE);
