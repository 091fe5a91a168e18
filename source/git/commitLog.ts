/**
 * HEAD's history, newest first, read as far as someone scrolls: one `git log` for the life of
 * a commit picker, paused between reads. Its output waits in the pipe (git blocks on a full
 * pipe and uses no CPU meanwhile) until more commits are asked for; closing kills it. However
 * far the list goes, it is one process, never one per commit or per page.
 */
import {StringDecoder} from 'node:string_decoder';
import type {Timestamp} from '../registry/records.js';
import {inRepo, runGit, spawnGit, traceGit} from './exec.js';
import type {Repository} from './repository.js';
import {parseRawDate} from './tags.js';

export type LoggedCommit = {sha: string; subject: string; author: string; time: Timestamp};

export type CommitPage = {readonly commits: LoggedCommit[]; /** No commit is left after these. */ readonly done: boolean};

export type CommitLog = {
  /** The next `count` commits (fewer where history ends), and whether any is left after them. */
  readonly read: (count: number) => Promise<CommitPage>;
  /** Stop git (when the picker closes); reads after it see the end. */
  readonly close: () => void;
};

// -z ends each commit with NUL and %x00 separates fields: a flat list of 4-field groups, none of
// which can hold a NUL. --no-show-signature: a repository's `log.showSignature` would run its
// `gpg.program` on every signed commit listed.
const FORMAT = ['-z', '--no-show-signature', '--date=raw', '--format=%H%x00%s%x00%an%x00%ad'];
const FIELDS = 4;

/** Commits parsed ahead of what was asked, before git is paused: about one screen of scrolling. */
const READ_AHEAD = 100;

const commitOf = (fields: readonly string[]): LoggedCommit => ({
  sha: fields[0]!,
  subject: fields[1]!,
  author: fields[2]!,
  time: parseRawDate(fields[3]!),
});

export const openCommitLog = (repo: Repository): CommitLog => {
  const args = ['log', ...FORMAT, 'HEAD', '--'];
  const startedAt = performance.now();
  const child = spawnGit(args, inRepo(repo), 'ignore');
  const decoder = new StringDecoder('utf8');
  const ready: LoggedCommit[] = [];
  let fields: string[] = [];
  let partial = '';
  let ended = false;
  let waiting: {count: number; resolve: (page: CommitPage) => void} | null = null;

  const take = (count: number): CommitPage => {
    const commits = ready.splice(0, count);
    if (!ended && ready.length < READ_AHEAD) child.stdout?.resume();
    return {commits, done: ended && ready.length === 0};
  };

  // one commit past the page (or the end) decides whether any is left after it
  const settle = (): void => {
    if (waiting !== null && (ready.length > waiting.count || ended)) {
      const {count, resolve} = waiting;
      waiting = null;
      resolve(take(count));
    }
  };

  const finish = (): void => {
    if (ended) return;
    ended = true;
    // a last commit without its NUL (git always writes it; a cut-off stream does not)
    if (partial !== '') fields.push(partial);
    if (fields.length === FIELDS) ready.push(commitOf(fields));
    fields = [];
    partial = '';
    traceGit(args, startedAt);
    settle();
  };

  child.stdout?.on('data', (chunk: Buffer) => {
    const pieces = (partial + decoder.write(chunk)).split('\0');
    partial = pieces.pop()!;
    for (const piece of pieces) {
      fields.push(piece);
      if (fields.length === FIELDS) {
        ready.push(commitOf(fields));
        fields = [];
      }
    }
    settle();
    if (waiting === null && ready.length >= READ_AHEAD) child.stdout?.pause();
  });
  // an unborn HEAD or any failure is the end of the list (nothing to pick is said elsewhere)
  child.stderr?.resume();
  child.on('error', finish);
  child.on('close', finish);

  return {
    read: (count) =>
      new Promise((resolve) => {
        if (ready.length > count || ended) return resolve(take(count));
        waiting = {count, resolve};
        child.stdout?.resume();
      }),
    close: () => {
      if (!ended) child.kill('SIGTERM');
      child.stdout?.destroy();
      finish();
      ready.length = 0;
    },
  };
};

/**
 * The commit a typed sha, branch or tag names, with its subject: one git process (`git log -1`
 * resolves the name as rev-parse would and describes the commit). Null when it names no commit.
 */
export const lookupCommit = async (repo: Repository, rev: string): Promise<LoggedCommit | null> => {
  const name = rev.trim();
  if (name === '' || /[\0\n\r]/.test(name) || name.startsWith('-')) return null;
  // --end-of-options: a name like `--output=x` is a name, not an option
  const result = await runGit(['log', '-1', '--no-walk', ...FORMAT, '--end-of-options', `${name}^{commit}`, '--'], inRepo(repo));
  if (result.code !== 0) return null;
  const fields = result.stdout.split('\0');
  return fields.length >= FIELDS && /^[0-9a-f]{40,64}$/.test(fields[0]!) ? commitOf(fields.slice(0, FIELDS)) : null;
};
