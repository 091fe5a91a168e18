/**
 * Commits and their annotations file through one long-lived `git cat-file --batch-command`
 * (spec §12): however many versions a registry has, reading them costs one process.
 */
import type {ChildProcess} from 'node:child_process';
import type {CommitRecord, IndexFile, Signature} from '../registry/records.js';
import {GitError, condenseStderr, spawnGit, traceGit, inRepo} from './exec.js';
import {parseRawDate} from './tags.js';
import type {Repository} from './repository.js';

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
  private readonly child: ChildProcess;
  private readonly args = ['cat-file', '--batch-command', '--buffer'];
  private readonly startedAt = performance.now();
  private buffer: Buffer = Buffer.alloc(0);
  private readonly queue: Pending[] = [];
  private stderr = '';
  private failed: Error | null = null;

  constructor(repo: Repository) {
    this.child = spawnGit(this.args, inRepo(repo), 'pipe');
    this.child.stdout?.on('data', (chunk: Buffer) => this.receive(chunk));
    this.child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
    });
    this.child.stdin?.on('error', () => {});
    this.child.on('error', (error) => this.fail(new GitError(`cannot run git: ${error.message}`, this.args, null, '')));
    this.child.on('close', (code) => {
      traceGit(this.args, this.startedAt);
      if (this.queue.length > 0) {
        const reason = condenseStderr(this.stderr) || `git cat-file exited with code ${code}`;
        this.fail(new GitError(reason, this.args, code, this.stderr));
      }
    });
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
      this.child.stdin?.write(text);
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) return resolve();
      this.child.once('close', () => resolve());
      this.child.stdin?.end();
    });
  }

  private fail(error: Error): void {
    this.failed = error;
    for (const pending of this.queue.splice(0)) pending.reject(error);
  }

  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    let offset = 0;
    while (this.queue.length > 0) {
      const pending = this.queue[0]!;
      const command = pending.commands[pending.answers.length]!;
      const newline = this.buffer.indexOf(10, offset);
      if (newline === -1) break;
      const line = this.buffer.toString('utf8', offset, newline);
      const match = header.exec(line);
      if (match === null) {
        // `<object> missing` (or `ambiguous`): the object name is echoed, so it may contain spaces.
        if (!line.endsWith(' missing') && !line.endsWith(' ambiguous')) {
          this.fail(new GitError(`unexpected git cat-file output: ${line}`, this.args, null, this.stderr));
          return;
        }
        pending.answers.push({kind: 'missing'});
        offset = newline + 1;
      } else {
        const size = Number(match[3]);
        let contents: Buffer | null = null;
        let next = newline + 1;
        if (command.verb === 'contents') {
          if (this.buffer.length < next + size + 1) break; // body and its trailing LF not all here yet
          contents = Buffer.from(this.buffer.subarray(next, next + size));
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
    this.buffer = offset === 0 ? this.buffer : this.buffer.subarray(offset);
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
  const names = [...new Set(shas)];
  const result = new Map<string, CommitRecord>();
  if (names.length === 0) return result;
  const reader = new ObjectReader(repo);
  try {
    const path = indexPath.replace(/^(\.\/)+/, '');
    const first = await reader.ask(names.flatMap((name) => [
      {verb: 'contents' as const, object: `${name}^{commit}`},
      {verb: 'info' as const, object: `${name}^{commit}:${path}`},
    ]));
    const blobIds = new Set<string>();
    names.forEach((_, i) => {
      const info = first[2 * i + 1];
      if (info?.kind === 'found' && info.type === 'blob') blobIds.add(info.oid);
    });
    const blobList = [...blobIds];
    const blobAnswers = await reader.ask(blobList.map((oid) => ({verb: 'contents' as const, object: oid})));
    const blobs = new Map<string, string>();
    blobList.forEach((oid, i) => {
      const answer = blobAnswers[i];
      if (answer?.kind === 'found' && answer.contents !== null) blobs.set(oid, answer.contents.toString('utf8'));
    });
    names.forEach((name, i) => {
      const commit = first[2 * i];
      const info = first[2 * i + 1];
      if (commit?.kind !== 'found' || commit.contents === null) return;
      const text = info?.kind === 'found' ? blobs.get(info.oid) : undefined;
      // A path that is missing, or is a directory, counts as no annotations file.
      const index: IndexFile = text === undefined ? {kind: 'absent'} : {kind: 'present', text};
      result.set(name, {sha: commit.oid, ...parseCommit(commit.contents.toString('utf8')), index});
    });
  } finally {
    await reader.close();
  }
  return result;
};

/** Author, committer and message of a raw commit object. */
export const parseCommit = (raw: string): {author: Signature; committer: Signature; message: string} => {
  const split = raw.indexOf('\n\n');
  const headers = split === -1 ? raw : raw.slice(0, split);
  const message = split === -1 ? '' : raw.slice(split + 2);
  let author: Signature | null = null;
  let committer: Signature | null = null;
  for (const line of headers.split('\n')) {
    if (line.startsWith('author ')) author = parseSignature(line.slice(7));
    else if (line.startsWith('committer ')) committer = parseSignature(line.slice(10));
  }
  const unknown: Signature = {name: '', email: '', time: {seconds: 0, offsetMinutes: 0}};
  return {author: author ?? unknown, committer: committer ?? author ?? unknown, message};
};

/** `Name <email> 1704067200 +0530` */
export const parseSignature = (text: string): Signature => {
  const open = text.indexOf('<');
  const close = text.lastIndexOf('>');
  if (open === -1 || close < open) return {name: text.trim(), email: '', time: {seconds: 0, offsetMinutes: 0}};
  return {
    name: text.slice(0, open).trim(),
    email: text.slice(open + 1, close),
    time: parseRawDate(text.slice(close + 1).trim()),
  };
};
