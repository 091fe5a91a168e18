/**
 * URL registries of the dashboard, kept between runs: one bare clone per URL under
 * `$XDG_CACHE_HOME/gto-tui/registries/`, opened at once and brought up to date by a fetch in the
 * background. (The CLI's `-r URL` keeps GTO's temporary clone: repository.ts.)
 *
 * - Blob-light: the clone leaves out blobs over BLOB_LIMIT where the server allows filters.
 *   `blob:none` would leave out the annotation files too, and git would then fetch each one
 *   the registry reads on its own, a process per file: the process count would grow with the
 *   tags. Models and data sets are what the limit leaves on the server.
 * - No credentials: the URL kept in the clone's config (and in its directory name) has its
 *   user info removed (a user name stays for ssh, which has no password in URLs); git's own
 *   credential helpers answer when the server asks.
 */
import {createHash} from 'node:crypto';
import {mkdir, mkdtemp, rename, rm, stat} from 'node:fs/promises';
import path from 'node:path';
import {GtoError} from '../registry/errors.js';
import {DEFAULT_NETWORK_TIMEOUT_MS, condenseStderr, noPromptEnv, runGit, safeProtocolArgs} from './exec.js';
import {redactUrl} from './redact.js';
import {fetchTags, type FetchResult} from './remote.js';
import {openRepository, unsafeUrlReason, type Repository} from './repository.js';

/** Blobs larger than this stay on the server (annotation files are far smaller, model files far larger). */
export const BLOB_LIMIT = '1m';

/** `https://user:token@host/x` → `https://host/x`; `ssh://git:pw@host/x` → `ssh://git@host/x`; others unchanged. */
export const withoutCredentials = (url: string): string =>
  url.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*@)/i, (_whole, scheme: string, userinfo: string) => {
    if (!/^ssh:\/\/$/i.test(scheme) && !/^git\+ssh:\/\/$/i.test(scheme)) return scheme;
    const user = userinfo.slice(0, -1).split(':')[0] ?? '';
    return user === '' ? scheme : `${scheme}${user}@`;
  });

/** The clone's directory: a readable name, then a hash of the (credential-free) URL. */
export const cacheEntry = (cacheDir: string, url: string): string => {
  const kept = withoutCredentials(url);
  const name = (kept.replace(/\.git\/*$/, '').split(/[/:]/).filter(Boolean).at(-1) ?? 'registry').replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 40);
  const hash = createHash('sha256').update(kept).digest('hex').slice(0, 16);
  return path.join(cacheDir, 'registries', `${name}-${hash}.git`);
};

export type CachedClone = {
  readonly repo: Repository;
  /** HEAD's commit as opening found it (see OpenedRepository). */
  readonly headAtOpen: string | null;
  /** Whether this opening made the clone (false: it was in the cache already). */
  readonly cloned: boolean;
};

const exists = async (file: string): Promise<boolean> => {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
};

/**
 * The cached clone of `url`, cloned first when the cache has none. A clone is made beside the
 * cache's entries and renamed into place, so a clone cut short is never taken for a cache entry.
 */
export const openCachedClone = async (url: string, cacheDir: string, timeoutMs = DEFAULT_NETWORK_TIMEOUT_MS): Promise<CachedClone> => {
  const fail = (reason: string): GtoError => new GtoError(redactUrl(`Failed to clone repo '${url}': ${reason}`));
  const refused = unsafeUrlReason(url);
  if (refused !== null) throw fail(refused);
  const kept = withoutCredentials(url);
  const entry = cacheEntry(cacheDir, url);
  if (await exists(entry)) return {...(await openEntry(entry, kept, fail)), cloned: false};

  const parent = path.dirname(entry);
  await mkdir(parent, {recursive: true, mode: 0o700});
  const temp = await mkdtemp(path.join(parent, '.cloning-'));
  try {
    const target = path.join(temp, 'clone.git');
    const args = [...safeProtocolArgs, 'clone', '--bare', '--quiet', `--filter=blob:limit=${BLOB_LIMIT}`, '--', kept, target];
    const result = await runGit(args, {cwd: temp, env: noPromptEnv(), timeoutMs, isolate: true});
    if (result.code !== 0) throw fail(condenseStderr(result.stderr) || `git clone exited with code ${result.code}`);
    // another gto-tui may have made it meanwhile: theirs is as good as ours
    if (!(await exists(entry))) await rename(target, entry);
  } finally {
    await rm(temp, {recursive: true, force: true});
  }
  return {...(await openEntry(entry, kept, fail)), cloned: true};
};

/** The clone in the cache, opened as a local repository that pushes to `url`. */
const openEntry = async (entry: string, url: string, fail: (reason: string) => GtoError): Promise<{repo: Repository; headAtOpen: string | null}> => {
  try {
    const {repo, headAtOpen} = await openRepository(entry, entry);
    return {repo: {...repo, clonedFrom: url}, headAtOpen};
  } catch {
    throw fail(`the cached clone ${entry} is not a git repository`);
  }
};

/**
 * Bring a cached clone up to date in one fetch: origin's branches (HEAD's files are read from
 * there) and its tags, without overwriting a local tag that differs (fetchTags).
 */
export const refreshCachedClone = (repo: Repository, timeoutMs?: number): Promise<FetchResult> =>
  fetchTags(repo, 'origin', timeoutMs, ['+refs/heads/*:refs/heads/*']);
