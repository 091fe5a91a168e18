/** Small questions about commits, branches and remotes: one short git process each (the branch: often none). */
import {access, lstat, readFile} from 'node:fs/promises';
import path from 'node:path';
import {gitOutput, runGit, inRepo} from './exec.js';
import type {Repository} from './repository.js';

/** The commit HEAD points at; null in a repository without commits. */
export const headCommit = (repo: Repository): Promise<string | null> => resolveCommit(repo, 'HEAD');

/**
 * Full sha of the commit `rev` names (a tag is peeled to its commit); null when it names
 * nothing or not a commit. `--end-of-options` keeps a rev like `--output=x` from being an option.
 */
export const resolveCommit = async (repo: Repository, rev: string): Promise<string | null> => {
  if (rev === '' || /[\0\n\r]/.test(rev)) return null;
  const result = await runGit(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], inRepo(repo));
  const sha = result.stdout.trim();
  return result.code === 0 && sha !== '' ? sha : null;
};

/**
 * The checked-out branch's name; null when HEAD is detached. Read from HEAD's own file when it
 * is the plain `ref: refs/heads/…` or a commit id (the UI opens each repository of a dashboard
 * with it, and a process per repository was a tenth of the first frame); anything else asks git.
 * A branch that shares its name with a tag is named as it is (`main`), not as git's
 * unambiguous short form (`heads/main`).
 */
export const currentBranch = async (repo: Repository): Promise<string | null> => {
  let head: string | null = null;
  try {
    // a symbolic link (very old git's HEAD) would read as the commit it ends at
    const file = path.join(repo.gitDir, 'HEAD');
    if ((await lstat(file)).isFile()) head = await readFile(file, 'utf8');
  } catch {
    // not a plain file: git knows
  }
  const branch = head === null ? undefined : /^ref: refs\/heads\/([^\0\n]+)\n?$/.exec(head)?.[1];
  if (branch !== undefined) return branch;
  if (head !== null && /^[0-9a-f]{40}(?:[0-9a-f]{24})?\n?$/.test(head)) return null;
  const result = await runGit(['symbolic-ref', '--quiet', '--short', 'HEAD'], inRepo(repo));
  const name = result.stdout.trim();
  return result.code === 0 && name !== '' ? name : null;
};

/** The URL of remote `origin` (after `insteadOf` rewriting); null when there is no such remote. */
export const originUrl = async (repo: Repository, remote = 'origin'): Promise<string | null> => {
  const result = await runGit(['remote', 'get-url', '--', remote], inRepo(repo));
  const url = result.stdout.trim();
  return result.code === 0 && url !== '' ? url : null;
};

/**
 * The same question without starting git: a shallow repository has a `shallow` file in its
 * git directory. For read commands, which must stay close to one git call.
 */
export const hasShallowFile = async (repo: Repository): Promise<boolean> => {
  try {
    await access(path.join(repo.gitDir, 'shallow'));
    return true;
  } catch {
    return false;
  }
};

/** The note read commands print (stderr) in a shallow clone. */
export const SHALLOW_WARNING =
  'This repository is a shallow clone: tags and history may be missing, so the registry may be incomplete. Run `git fetch --unshallow --tags` to get all of it.';

/** Whether the repository is a shallow clone (its history, hence GTO's view, is incomplete). */
export const isShallow = async (repo: Repository): Promise<boolean> =>
  (await gitOutput(['rev-parse', '--is-shallow-repository'], inRepo(repo))).trim() === 'true';

/** Whether `git tag -a` signs by default here (`tag.gpgSign`): the TUI's signing toggle starts there. */
export const signsByDefault = async (repo: Repository): Promise<boolean> => {
  const result = await runGit(['config', '--type=bool', '--get', 'tag.gpgSign'], inRepo(repo));
  return result.code === 0 && result.stdout.trim() === 'true';
};

/**
 * Every local tag, name → its object id (the tag object of an annotated tag: a tag deleted and
 * made again at the same commit has a new one). One for-each-ref, without reading any object.
 */
export const localTagIds = async (repo: Repository): Promise<Map<string, string>> => {
  const prefix = 'refs/tags/';
  const out = await gitOutput(['for-each-ref', '--format=%(objectname) %(refname)', prefix], inRepo(repo));
  const ids = new Map<string, string>();
  for (const line of out.split('\n')) {
    const space = line.indexOf(' ');
    if (space === -1 || !line.startsWith(prefix, space + 1)) continue;
    ids.set(line.slice(space + 1 + prefix.length), line.slice(0, space));
  }
  return ids;
};
