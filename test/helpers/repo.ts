/**
 * Real git repositories for tests, with fixed identities and dates so hashes are stable.
 *
 *   applyTestEnv();                          // once per test file: identities, no user config
 *   const dir = makeRepo();                  // git init (branch main) in a temp dir
 *   const c1 = commit(dir, 'one', {'artifacts.yaml': 'm: {}\n'});
 *   tag(dir, 'm@v1.0.0', {message: 'Registering', time: T0 + 60, offset: '+0530'});
 *   const origin = makeBareRemote(dir);      // bare repo, added as `origin`, everything pushed
 *   importHistory(dir, {...});               // thousands of commits/tags in one fast-import
 *   after(removeTempDirs);
 *
 * Everything is synchronous (execFileSync) to keep test set-up short; failures throw with
 * git's stderr.
 */
import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync, mkdirSync, readFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {discover, type Repository} from '../../source/git/repository.js';

/** 2024-01-01T00:00:00Z, the default time of every commit and tag. */
export const T0 = 1704067200;

/**
 * A private XDG_STATE_HOME for the whole test process: the key that seals what gto-tui keeps in
 * `.git/gto-tui` (source/git/stateKey.ts) is made there, never in the real home.
 */
const STATE_HOME = mkdtempSync(path.join(os.tmpdir(), 'gto-tui-state-'));
process.on('exit', () => rmSync(STATE_HOME, {recursive: true, force: true}));

/** The environment every helper (and, after applyTestEnv, the code under test) gives git. */
export const TEST_ENV: Readonly<Record<string, string>> = {
  XDG_STATE_HOME: STATE_HOME,
  GIT_AUTHOR_NAME: 'Alice Author',
  GIT_AUTHOR_EMAIL: 'alice@example.com',
  GIT_COMMITTER_NAME: 'Carol Committer',
  GIT_COMMITTER_EMAIL: 'carol@example.com',
  GIT_AUTHOR_DATE: `@${T0} +0000`,
  GIT_COMMITTER_DATE: `@${T0} +0000`,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_TERMINAL_PROMPT: '0',
  TZ: 'UTC',
};

/** Put TEST_ENV into process.env, so code under test (which inherits it) sees the same git. */
export const applyTestEnv = (): void => {
  Object.assign(process.env, TEST_ENV);
};

/** `@<seconds> <offset>` for GIT_*_DATE. */
export const gitDate = (time: number, offset = '+0000'): string => `@${time} ${offset}`;

/** Run git synchronously in `cwd` with TEST_ENV (plus `env`); returns stdout. */
export const git = (cwd: string, args: readonly string[], options: {input?: string | Buffer; env?: Record<string, string>} = {}): string =>
  execFileSync('git', args, {
    cwd,
    env: {...process.env, ...TEST_ENV, ...options.env},
    input: options.input ?? '',
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
  });

const tempDirs: string[] = [];

/** A new empty temporary directory, removed by removeTempDirs(). */
export const tempDir = (prefix = 'gto-tui-test-'): string => {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
};

/** Remove every directory made by tempDir()/makeRepo()/makeBareRemote(). Use in `after`. */
export const removeTempDirs = (): void => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, {recursive: true, force: true});
};

/** A new repository (branch `main`, user.name/email = the committer identity); returns its path. */
export const makeRepo = (options: {bare?: boolean} = {}): string => {
  const dir = tempDir();
  git(dir, ['init', '--quiet', '--initial-branch=main', ...(options.bare ? ['--bare'] : [])]);
  git(dir, ['config', 'user.name', TEST_ENV['GIT_COMMITTER_NAME']!]);
  git(dir, ['config', 'user.email', TEST_ENV['GIT_COMMITTER_EMAIL']!]);
  return dir;
};

/**
 * Write `files` (null deletes), stage everything and commit at `time` (author = committer time).
 * Returns the new commit's sha.
 */
export const commit = (
  repo: string,
  message: string,
  files: Record<string, string | null> = {},
  options: {time?: number; offset?: string} = {},
): string => {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(repo, name);
    if (content === null) rmSync(file, {force: true});
    else {
      mkdirSync(path.dirname(file), {recursive: true});
      writeFileSync(file, content);
    }
  }
  const date = gitDate(options.time ?? T0, options.offset);
  git(repo, ['add', '--all'], {});
  git(repo, ['commit', '--quiet', '--allow-empty', '--cleanup=verbatim', '-F', '-'], {
    input: message,
    env: {GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date},
  });
  return git(repo, ['rev-parse', 'HEAD']).trim();
};

/**
 * Create a tag at `target` (default HEAD): annotated with `message` (default: the name) unless
 * `lightweight`. Tagger = committer identity at `time`/`offset`.
 */
export const tag = (
  repo: string,
  name: string,
  options: {message?: string; target?: string; time?: number; offset?: string; lightweight?: boolean} = {},
): void => {
  const target = options.target ?? 'HEAD';
  if (options.lightweight) {
    git(repo, ['tag', '--', name, target]);
    return;
  }
  git(repo, ['tag', '-a', '--cleanup=verbatim', '-F', '-', '--', name, target], {
    input: options.message ?? name,
    env: {GIT_COMMITTER_DATE: gitDate(options.time ?? T0, options.offset)},
  });
};

/** A bare repository added to `repo` as `origin`, with all branches and tags pushed. Returns its path. */
export const makeBareRemote = (repo: string): string => {
  const remote = makeRepo({bare: true});
  git(repo, ['remote', 'add', 'origin', remote]);
  git(repo, ['push', '--quiet', 'origin', '--all']);
  git(repo, ['push', '--quiet', 'origin', '--tags']);
  return remote;
};

export type ImportCommit = {message: string; files?: Record<string, string>; time?: number};
export type ImportTag = {name: string; commit: number; message: string; time?: number; offset?: string};

/**
 * Build a large history fast: `commits` in order on `branch` (each setting `files` on top of the
 * previous tree) and annotated `tags` (pointing at `commits[tag.commit]`), all in one
 * `git fast-import`. Returns the commit shas in order.
 */
export const importHistory = (
  repo: string,
  history: {commits: readonly ImportCommit[]; tags?: readonly ImportTag[]; branch?: string},
): string[] => {
  const branch = `refs/heads/${history.branch ?? 'main'}`;
  const ident = (name: string, email: string, time: number, offset = '+0000'): string => `${name} <${email}> ${time} ${offset}`;
  const data = (text: string): string => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const parts: string[] = [];
  history.commits.forEach((c, i) => {
    const time = c.time ?? T0 + i;
    parts.push(
      `commit ${branch}\nmark :${i + 1}\n`,
      `author ${ident(TEST_ENV['GIT_AUTHOR_NAME']!, TEST_ENV['GIT_AUTHOR_EMAIL']!, time)}\n`,
      `committer ${ident(TEST_ENV['GIT_COMMITTER_NAME']!, TEST_ENV['GIT_COMMITTER_EMAIL']!, time)}\n`,
      data(c.message),
    );
    for (const [name, content] of Object.entries(c.files ?? {})) parts.push(`M 100644 inline ${name}\n`, data(content));
    parts.push('\n');
  });
  for (const t of history.tags ?? []) {
    parts.push(
      `tag ${t.name}\nfrom :${t.commit + 1}\n`,
      `tagger ${ident(TEST_ENV['GIT_COMMITTER_NAME']!, TEST_ENV['GIT_COMMITTER_EMAIL']!, t.time ?? T0, t.offset)}\n`,
      data(t.message),
    );
  }
  const marks = path.join(tempDir('gto-tui-marks-'), 'marks');
  git(repo, ['fast-import', '--quiet', `--export-marks=${marks}`], {input: parts.join('')});
  const byMark = new Map(
    readFileSync(marks, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(' ') as [string, string]),
  );
  // fast-import does not touch the working tree; make it match the branch for tests that read it.
  if (git(repo, ['rev-parse', '--is-bare-repository']).trim() === 'false') git(repo, ['reset', '--quiet', '--hard']);
  return history.commits.map((_, i) => byMark.get(`:${i + 1}`)!);
};

/** The repository at `dir`, opened the way the CLI opens it; fails the test if there is none. */
export const openRepo = async (dir: string): Promise<Repository> => {
  const repo = await discover(dir);
  if (repo === null) throw new Error(`not a git repository: ${dir}`);
  return repo;
};
