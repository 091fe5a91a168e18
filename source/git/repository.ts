/**
 * Finding the repository a command works on: the current directory, a `--repo` path, or a
 * `--repo` URL cloned into a private temporary directory (spec §7).
 */
import {rmSync} from 'node:fs';
import {mkdtemp, chmod, realpath, rm, stat} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {GtoError} from '../registry/errors.js';
import {
  DEFAULT_NETWORK_TIMEOUT_MS,
  condenseStderr,
  noPromptEnv,
  runGit,
  safeProtocolArgs,
} from './exec.js';
import {redactUrl} from './redact.js';

export type Repository = {
  /** The working tree root (for a bare repository: its git directory). */
  root: string;
  /** Absolute path of the git directory. */
  gitDir: string;
  bare: boolean;
  /** The URL this temporary clone was made from, or null for a local repository. */
  clonedFrom: string | null;
};

export type OpenedRepository = {
  repo: Repository;
  /**
   * HEAD's commit as the rev-parse that opened the repository saw it (null: no commit yet). A
   * snapshot: only a read right after opening may use it instead of asking git again.
   */
  headAtOpen: string | null;
  close: () => Promise<void>;
};

const noop = async (): Promise<void> => {};

/**
 * Open the repository for `--repo` (or `cwd` when absent). Always call `close()` when done:
 * for a cloned URL it removes the temporary clone.
 */
export const openRepository = async (repoOption: string | undefined, cwd: string): Promise<OpenedRepository> => {
  const started = early;
  early = null;
  const local = started !== null && started.key === openingKey(repoOption, cwd) ? await started.opened : await openLocal(repoOption, cwd);
  // §7: anything else (a URL, or a path that does not exist) is cloned.
  return local ?? cloneRepository(repoOption!);
};

/** A local repository opened, or null when `repoOption` names something to clone. */
const openLocal = async (repoOption: string | undefined, cwd: string): Promise<OpenedRepository | null> => {
  if (repoOption === undefined) {
    const found = await discoverWithHead(cwd);
    if (found === null) throw new GtoError(`not a git repository: ${path.resolve(cwd)}`);
    return {...found, close: noop};
  }
  const local = path.resolve(cwd, repoOption);
  if (await exists(local)) {
    const found = (await isDirectory(local)) ? await discoverWithHead(local, {isolate: true}) : null;
    // §7: an existing path that is not inside a repository.
    if (found === null) throw new GtoError(`No Git repo found in '${repoOption}'`);
    return {...found, close: noop};
  }
  return null;
};

const openingKey = (repoOption: string | undefined, cwd: string): string => `${repoOption ?? ''}\0${cwd}`;

/** A discovery started before the command's modules were loaded (startOpening). */
let early: {readonly key: string; readonly opened: Promise<OpenedRepository | null>} | null = null;

/**
 * Start discovering a local repository now, so git's rev-parse runs while the command's
 * modules load; the next `openRepository` with the same arguments takes the result. Never
 * clones (that waits for the command). `then` sees the repository before anyone else does.
 * Side-effect free: a result nobody takes is dropped by `forgetOpening`.
 */
export const startOpening = (
  repoOption: string | undefined,
  cwd: string,
  hooks: {
    /** Before rev-parse: the directory discovery starts from, and whether it ignores an inherited GIT_DIR. */
    readonly before?: (dir: string, isolate: boolean) => void;
    readonly then?: (repo: Repository) => void;
  } = {},
): void => {
  const {before, then} = hooks;
  try {
    if (repoOption === undefined) before?.(cwd, false);
    else before?.(path.resolve(cwd, repoOption), true);
  } catch {
    // a head start that fails must not change the command's outcome
  }
  const opened = openLocal(repoOption, cwd).then((local) => {
    try {
      if (local !== null) then?.(local.repo);
    } catch {
      // a head start that fails must not change the command's outcome
    }
    return local;
  });
  opened.catch(() => {}); // awaited by openRepository; unused, it must not count as unhandled
  early = {key: openingKey(repoOption, cwd), opened};
};

export const forgetOpening = (): void => {
  early = null;
};

/**
 * Discover the repository containing `dir` the way git does (parent directories searched,
 * GIT_CEILING_DIRECTORIES honoured), with one rev-parse. Null when there is none. `isolate`
 * ignores an inherited GIT_DIR/GIT_WORK_TREE (for an explicit `--repo` path or a clone).
 */
export const discover = async (dir: string, options: {isolate?: boolean} = {}): Promise<Repository | null> =>
  (await discoverWithHead(dir, options))?.repo ?? null;

const COMMIT_ID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/**
 * `discover`, and HEAD's commit from the same rev-parse (a read then needs no process to ask
 * for it). `--verify -q` makes an unborn HEAD exit 1 quietly after the other answers; outside
 * a repository git exits 128.
 */
const discoverWithHead = async (dir: string, options: {isolate?: boolean} = {}): Promise<{repo: Repository; headAtOpen: string | null} | null> => {
  let physical: string;
  try {
    physical = await realpath(dir);
  } catch {
    return null;
  }
  // --show-toplevel fails in a bare repository, so derive the root from --show-cdup instead.
  const result = await runGit(
    ['rev-parse', '--is-bare-repository', '--is-inside-work-tree', '--absolute-git-dir', '--show-cdup', '--verify', '-q', 'HEAD^{commit}'],
    {cwd: physical, isolate: options.isolate ?? false},
  );
  if (result.code !== 0 && result.code !== 1) return null;
  const lines = result.stdout.replace(/\n$/, '').split('\n');
  const [bareLine, insideLine, gitDir] = lines;
  if (gitDir === undefined || gitDir === '') return null;
  const inside = insideLine === 'true';
  // --show-cdup prints its line only inside the working tree
  const cdup = inside ? (lines[3] ?? '') : '';
  const last = lines[inside ? 4 : 3];
  const headAtOpen = result.code === 0 && last !== undefined && COMMIT_ID.test(last) ? last : null;
  const bare = bareLine === 'true';
  if (bare) return {repo: {root: gitDir, gitDir, bare, clonedFrom: null}, headAtOpen};
  if (inside) return {repo: {root: path.resolve(physical, cdup), gitDir, bare, clonedFrom: null}, headAtOpen};
  // Inside the .git directory of a non-bare repository: its parent is the working tree.
  return path.basename(gitDir) === '.git' ? {repo: {root: path.dirname(gitDir), gitDir, bare, clonedFrom: null}, headAtOpen} : null;
};

/** `<transport>::<address>` remote-helper syntax (`ext::`, `fd::`, …) other than the plain transports. */
const helperTransport = /^([A-Za-z][\w+.-]*)::/;
const allowedHelpers = new Set(['http', 'https', 'ssh', 'git', 'file']);

/** Check a clone/fetch/push URL supplied by the user; returns the refusal reason or null. */
export const unsafeUrlReason = (url: string): string | null => {
  if (url.startsWith('-')) return 'a URL cannot start with "-"';
  if (/[\u0000-\u001f\u007f]/.test(url)) return 'a URL cannot contain control characters';
  const helper = helperTransport.exec(url)?.[1];
  if (helper !== undefined && !allowedHelpers.has(helper.toLowerCase())) return `transport '${helper}' not allowed`;
  return null;
};

/** Temporary clones made and not yet closed: what a signal handler must remove before exiting. */
const openClones = new Set<string>();

/**
 * Remove every temporary clone not yet closed, synchronously: for a SIGINT/SIGTERM handler,
 * which exits right after and must not hand control back to the command it interrupted.
 * Returns how many it removed.
 */
export const removeOpenClones = (): number => {
  const count = openClones.size;
  for (const dir of openClones) rmSync(dir, {recursive: true, force: true, maxRetries: 3});
  openClones.clear();
  return count;
};

/** Full clone (default branch checked out, all branches and tags) into a private temp dir. */
export const cloneRepository = async (url: string, timeoutMs = DEFAULT_NETWORK_TIMEOUT_MS): Promise<OpenedRepository> => {
  const fail = (reason: string): GtoError => new GtoError(redactUrl(`Failed to clone repo '${url}': ${reason}`));
  const refused = unsafeUrlReason(url);
  if (refused !== null) throw fail(refused);

  const tempDir = await mkdtemp(path.join(os.tmpdir(), 'gto-tui-clone-'));
  openClones.add(tempDir);
  const close = (): Promise<void> => {
    openClones.delete(tempDir);
    return rm(tempDir, {recursive: true, force: true});
  };
  try {
    await chmod(tempDir, 0o700);
    const target = path.join(tempDir, 'repo');
    const args = [...safeProtocolArgs, 'clone', '--quiet', '--', url, target];
    const result = await runGit(args, {cwd: tempDir, env: noPromptEnv(), timeoutMs, isolate: true});
    if (result.code !== 0) throw fail(condenseStderr(result.stderr) || `git clone exited with code ${result.code}`);
    const found = await discoverWithHead(target, {isolate: true});
    if (found === null) throw fail('the clone is not a git repository');
    return {repo: {...found.repo, clonedFrom: url}, headAtOpen: found.headAtOpen, close};
  } catch (error) {
    await close();
    if (error instanceof GtoError) throw error;
    throw fail(error instanceof Error ? error.message : String(error));
  }
};

const exists = async (p: string): Promise<boolean> => {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
};

const isDirectory = async (p: string): Promise<boolean> => (await stat(p)).isDirectory();
