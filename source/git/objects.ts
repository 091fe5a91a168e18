/**
 * Commits and their annotations file through one long-lived `git cat-file --batch-command`
 * (spec §12): however many versions a registry has, reading them costs one process.
 */
import type {ChildProcess} from 'node:child_process';
import {MAX_ANNOTATIONS_BYTES} from '../registry/annotations.js';
import type {CommitRecord, IndexFile} from '../registry/records.js';
import {Interrupted, stopRequested} from '../stop.js';
import {GitError, condenseStderr, spawnGit, traceGit, inRepo} from './exec.js';
import type {CommitFields, IndexBlob, ObjectCache} from './objectCache.js';
import {parseCommit} from './parseObjects.js';
import type {Repository} from './repository.js';

export {parseCommit, parseSignature} from './parseObjects.js';

/** One answer of cat-file: `<oid> <type> <size>` (+ contents when asked), or missing. */
export type BatchAnswer =
  | {kind: 'found'; oid: string; type: string; size: number; contents: Buffer | null}
  | {kind: 'missing'};

type Command = {verb: 'info' | 'contents'; object: string};
type Pending = {commands: readonly Command[]; answers: BatchAnswer[]; resolve: (answers: BatchAnswer[]) => void; reject: (error: Error) => void};

const header = /^([0-9a-f]{40,64}) (\w+) (\d+)$/;

/**
 * A `git cat-file --batch-command --buffer` process. `ask` sends a group of commands and
 * resolves with their answers in order; answers are framed by byte counts, so binary contents
 * and any line ending are safe. Call `close()` when done.
 */
export class ObjectReader {
  /** Started by the first `ask`: a read the object cache answers whole starts no process. */
  private child: ChildProcess | null = null;
  private readonly args = ['cat-file', '--batch-command', '--buffer'];
  private startedAt = 0;
  /** Output received and not yet parsed, in the chunks it came in. */
  private chunks: Buffer[] = [];
  private received = 0;
  /** Bytes the next answer needs before parsing can go on (a large body arrives in many chunks). */
  private needed = 0;
  private readonly queue: Pending[] = [];
  private stderr = '';
  private failed: Error | null = null;

  constructor(private readonly repo: Repository) {}

  private start(): ChildProcess {
    this.startedAt = performance.now();
    const child = spawnGit(this.args, inRepo(this.repo), 'pipe');
    child.stdout?.on('data', (chunk: Buffer) => this.receive(chunk));
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
    });
    child.stdin?.on('error', () => {});
    child.on('error', (error) => this.fail(new GitError(`cannot run git: ${error.message}`, this.args, null, '')));
    child.on('close', (code) => {
      traceGit(this.args, this.startedAt);
      if (this.queue.length > 0) {
        const stopped = stopRequested();
        const reason = condenseStderr(this.stderr) || `git cat-file exited with code ${code}`;
        this.fail(stopped !== null ? new Interrupted(stopped) : new GitError(reason, this.args, code, this.stderr));
      }
    });
    return child;
  }

  /**
   * Start git now rather than at the first `ask`, for a read certain to ask: forking the process
   * costs the main thread more the larger the heap is, and a cold read's first ask comes when
   * the whole listing arrives at once (git sorts before it prints), the busiest moment.
   */
  begin(): void {
    if (this.failed === null) this.child ??= this.start();
  }

  /** Send commands; object names must not contain a line break. */
  ask(commands: readonly Command[]): Promise<BatchAnswer[]> {
    if (this.failed !== null) return Promise.reject(this.failed);
    for (const {object} of commands) {
      if (/[\n\r]/.test(object)) return Promise.reject(new GitError(`invalid object name '${object}'`, this.args, null, ''));
    }
    if (commands.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.queue.push({commands, answers: [], resolve, reject});
      const text = commands.map(({verb, object}) => `${verb} ${object}\n`).join('') + 'flush\n';
      (this.child ??= this.start()).stdin?.write(text);
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      const child = this.child;
      if (child === null || child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('close', () => resolve());
      child.stdin?.end();
    });
  }

  private fail(error: Error): void {
    this.failed = error;
    for (const pending of this.queue.splice(0)) pending.reject(error);
  }

  private receive(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.received += chunk.length;
    // joined only once an answer is complete: joining on every chunk of a 16 MB blob copied
    // the part received so far each time, quadratic in the blob's size
    if (this.received < this.needed) return;
    const buffer = this.chunks.length === 1 ? chunk : Buffer.concat(this.chunks, this.received);
    const offset = this.parse(buffer);
    const rest = buffer.subarray(offset);
    this.chunks = rest.length === 0 ? [] : [rest];
    this.received = rest.length;
  }

  /** Parse the answers complete in `buffer`; returns how many bytes they took. */
  private parse(buffer: Buffer): number {
    this.needed = 0;
    let offset = 0;
    while (this.queue.length > 0) {
      const pending = this.queue[0]!;
      const command = pending.commands[pending.answers.length]!;
      const newline = buffer.indexOf(10, offset);
      if (newline === -1) {
        this.needed = buffer.length - offset + 1;
        break;
      }
      const line = buffer.toString('utf8', offset, newline);
      const match = header.exec(line);
      if (match === null) {
        // `<object> missing` (or `ambiguous`): the object name is echoed, so it may contain spaces.
        if (!line.endsWith(' missing') && !line.endsWith(' ambiguous')) {
          this.fail(new GitError(`unexpected git cat-file output: ${line}`, this.args, null, this.stderr));
          return buffer.length;
        }
        pending.answers.push({kind: 'missing'});
        offset = newline + 1;
      } else {
        const size = Number(match[3]);
        let contents: Buffer | null = null;
        let next = newline + 1;
        if (command.verb === 'contents') {
          if (buffer.length < next + size + 1) {
            // body and its trailing LF not all here yet
            this.needed = next + size + 1 - offset;
            break;
          }
          contents = Buffer.from(buffer.subarray(next, next + size));
          next += size + 1;
        }
        pending.answers.push({kind: 'found', oid: match[1]!, type: match[2]!, size, contents});
        offset = next;
      }
      if (pending.answers.length === pending.commands.length) {
        this.queue.shift();
        pending.resolve(pending.answers);
      }
    }
    return offset;
  }
}

/**
 * Read commits and the annotations file (`indexPath`, relative to the repository root) at each.
 * Keys are the given names (a sha, or any revision such as `HEAD`); names that do not resolve to
 * a commit are left out of the map. Each distinct blob is read once.
 */
export const readCommits = async (
  repo: Repository,
  shas: readonly string[],
  indexPath: string,
): Promise<Map<string, CommitRecord>> => {
  if (shas.length === 0) return new Map();
  const reader = new CommitReader(repo, indexPath);
  for (const sha of shas) reader.request(sha);
  return reader.done();
};

type Requested = {commit: BatchAnswer | undefined; blob: string | undefined; cached: CommitRecord | undefined};

export type CommitReaderOptions = {
  /** A cat-file process to share; the caller closes it. By default the reader starts its own. */
  readonly reader?: ObjectReader;
  /** Commits and blobs already known, and where to remember those read now. */
  readonly cache?: ObjectCache | null;
};

/**
 * `readCommits` for names that become known over time (while for-each-ref is still listing):
 * `request` as they come, each synchronous burst is sent as one group, and blobs are asked for
 * as soon as their commit's answer names them. Commits and blobs in the cache are not read.
 */
export class CommitReader {
  private readonly reader: ObjectReader;
  private readonly ownsReader: boolean;
  private readonly cache: ObjectCache | null;
  private readonly path: string;
  private readonly requested = new Map<string, Requested>();
  private batch: string[] = [];
  private readonly groups: Promise<void>[] = [];
  private readonly blobs = new Map<string, string | undefined>();
  /** One IndexFile per blob: most commits share the same annotations file. */
  private readonly indexFiles = new Map<string, IndexFile>();
  /** Annotations files too large to read (MAX_ANNOTATIONS_BYTES), by blob: never fetched. */
  private readonly tooLarge = new Map<string, IndexFile>();
  private closed = false;

  constructor(repo: Repository, indexPath: string, options: CommitReaderOptions = {}) {
    this.ownsReader = options.reader === undefined;
    this.reader = options.reader ?? new ObjectReader(repo);
    this.cache = options.cache ?? null;
    this.path = indexPath.replace(/^(\.\/)+/, '');
  }

  request(name: string): void {
    if (this.closed || this.requested.has(name)) return;
    const known = this.cache?.commit(name, this.path);
    if (known !== undefined) {
      const index = known.blob === null ? ABSENT : this.indexFile(known.blob, this.cache!.blob(known.blob));
      if (index !== undefined) {
        const {commit} = known;
        this.requested.set(name, {commit: undefined, blob: undefined, cached: {sha: commit.sha, author: commit.author, committer: commit.committer, message: commit.message, index}});
        return;
      }
    }
    this.requested.set(name, {commit: undefined, blob: undefined, cached: undefined});
    if (this.batch.length === 0) queueMicrotask(() => this.send());
    this.batch.push(name);
  }

  private indexFile(blob: string, text: string | undefined): IndexFile | undefined {
    let file = this.indexFiles.get(blob);
    if (file === undefined && text !== undefined) {
      file = {kind: 'present', text};
      this.indexFiles.set(blob, file);
    }
    return file;
  }

  private send(): void {
    const names = this.batch;
    if (names.length === 0) return;
    this.batch = [];
    const commands: Command[] = [];
    for (const name of names) commands.push({verb: 'contents', object: `${name}^{commit}`}, {verb: 'info', object: `${name}^{commit}:${this.path}`});
    const group = this.reader.ask(commands).then((answers) => {
      const newBlobs: string[] = [];
      names.forEach((name, i) => {
        const entry = this.requested.get(name)!;
        entry.commit = answers[2 * i];
        const info = answers[2 * i + 1];
        // A path that is missing, or is a directory, counts as no annotations file.
        if (info?.kind === 'found' && info.type === 'blob') {
          entry.blob = info.oid;
          if (info.size > MAX_ANNOTATIONS_BYTES) {
            if (!this.tooLarge.has(info.oid)) this.tooLarge.set(info.oid, {kind: 'too-large', blob: info.oid, bytes: info.size});
          } else if (!this.blobs.has(info.oid)) {
            const known = this.cache?.blob(info.oid);
            this.blobs.set(info.oid, known);
            if (known === undefined) newBlobs.push(info.oid);
          }
        }
      });
      if (newBlobs.length === 0) return;
      return this.reader.ask(newBlobs.map((oid) => ({verb: 'contents' as const, object: oid}))).then((blobAnswers) => {
        newBlobs.forEach((oid, i) => {
          const answer = blobAnswers[i];
          if (answer?.kind === 'found' && answer.contents !== null) {
            const text = answer.contents.toString('utf8');
            this.blobs.set(oid, text);
            this.cache?.addBlob(oid, text);
          }
        });
      });
    });
    // a failure is reported by done(); don't let it count as unhandled meanwhile
    group.catch(() => {});
    this.groups.push(group);
  }

  /** Every requested name that resolves to a commit, in request order; closes its own process. */
  async done(): Promise<Map<string, CommitRecord>> {
    try {
      this.send();
      for (let i = 0; i < this.groups.length; i++) await this.groups[i];
    } finally {
      this.closed = true;
      if (this.ownsReader) await this.reader.close();
    }
    const result = new Map<string, CommitRecord>();
    for (const [name, {commit, blob, cached}] of this.requested) {
      if (cached !== undefined) {
        result.set(name, cached);
        continue;
      }
      if (commit?.kind !== 'found' || commit.contents === null) continue;
      const text = blob === undefined ? undefined : this.blobs.get(blob);
      const large = blob === undefined ? undefined : this.tooLarge.get(blob);
      const index: IndexFile = large ?? (text === undefined || blob === undefined ? ABSENT : this.indexFile(blob, text)!);
      const fields: CommitFields = {sha: commit.oid, ...parseCommit(commit.contents.toString('utf8'))};
      // a blob that could not be read is not remembered as "no annotations file"
      if (blob === undefined || text !== undefined) this.cache?.addCommit(fields, this.path, (blob ?? null) satisfies IndexBlob);
      result.set(name, {sha: fields.sha, author: fields.author, committer: fields.committer, message: fields.message, index});
    }
    return result;
  }

  /** Stop without waiting for answers (after a failure elsewhere). */
  async abort(): Promise<void> {
    this.closed = true;
    if (this.ownsReader) await this.reader.close();
  }
}

const ABSENT: IndexFile = {kind: 'absent'};
