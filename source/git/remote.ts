/**
 * Talking to a remote: push named tags, fetch tags, list remote tags. Never prompts (noPromptEnv),
 * never runs command transports (safeProtocolArgs), always has a timeout.
 */
import {devNull} from 'node:os';
import {
  DEFAULT_NETWORK_TIMEOUT_MS,
  GitError,
  condenseStderr,
  failure,
  noPromptEnv,
  runGit,
  safeProtocolArgs,
  type GitResult,
  inRepo,
} from './exec.js';
import type {Repository} from './repository.js';
import {originUrl} from './revisions.js';

/** How git reported one ref of a failed push. */
export type PushedRef = {
  name: string;
  deletion: boolean;
  ok: boolean;
  /** The remote already has a different tag of this name (`! [rejected] … (already exists)`). */
  alreadyExists: boolean;
  /** git's summary for the ref, e.g. `[rejected] (already exists)` or `[deleted]`. */
  summary: string;
};

/** A push git refused in whole or in part. `message` is git's stderr on one line. */
export class PushError extends GitError {
  override readonly name = 'PushError';
  constructor(
    message: string,
    args: readonly string[],
    code: number | null,
    stderr: string,
    readonly refs: readonly PushedRef[],
  ) {
    super(message, args, code, stderr);
  }

  /** Whether the push of tag `name` was refused because the remote already has that tag. */
  alreadyExists(name: string): boolean {
    return this.refs.some((ref) => ref.name === name && ref.alreadyExists);
  }
}

export type PushRequest = {push: readonly string[]; delete: readonly string[]; remote?: string; timeoutMs?: number};

const TAGS = 'refs/tags/';

const checkRemote = (remote: string): void => {
  if (remote === '' || remote.startsWith('-') || /[\0\n\r]/.test(remote)) {
    throw new GitError(`invalid remote '${remote}'`, [], null, '');
  }
};

const network = (repo: Repository, args: readonly string[], timeoutMs: number | undefined): Promise<GitResult> => {
  const options = inRepo(repo);
  return runGit([...safeProtocolArgs, ...args], {
    ...options,
    env: {...options.env, ...noPromptEnv()},
    timeoutMs: timeoutMs ?? DEFAULT_NETWORK_TIMEOUT_MS,
  });
};

/**
 * Push exactly the named tags (`refs/tags/N:refs/tags/N`) and deletions (`:refs/tags/N`) to one
 * remote, `origin` by default (spec §4.10) — never all tags, never `--force`.
 */
export const pushTags = async (repo: Repository, request: PushRequest): Promise<void> => {
  const remote = request.remote ?? 'origin';
  checkRemote(remote);
  const refspecs = [
    ...request.push.map((name) => `${TAGS}${name}:${TAGS}${name}`),
    ...request.delete.map((name) => `:${TAGS}${name}`),
  ];
  if (refspecs.length === 0) return;
  const args = ['push', '--porcelain', '--', remote, ...refspecs];
  const result = await network(repo, args, request.timeoutMs);
  const refs = parsePushPorcelain(result.stdout);
  if (result.code === 0 && refs.every((ref) => ref.ok)) return;
  const reason = condenseStderr(result.stderr) || refs.filter((ref) => !ref.ok).map((ref) => `${ref.name}: ${ref.summary}`).join('; ');
  throw new PushError(reason || `git push exited with code ${result.code}`, args, result.code, result.stderr, refs);
};

/**
 * `git push --porcelain` lines: `<flag>\t<from>:<to>\t<summary>`; flag `!` is a rejection,
 * `-` a deletion, ` `/`+`/`*`/`=` success.
 */
export const parsePushPorcelain = (stdout: string): PushedRef[] =>
  stdout.split('\n').flatMap((line) => {
    const [flag, spec, summary = ''] = line.split('\t');
    if (flag === undefined || flag.length !== 1 || spec === undefined) return [];
    const to = spec.slice(spec.lastIndexOf(':') + 1);
    const name = to.startsWith(TAGS) ? to.slice(TAGS.length) : to;
    return [{
      name,
      deletion: spec.startsWith(':') || flag === '-',
      ok: flag !== '!',
      alreadyExists: flag === '!' && summary.includes('(already exists)'),
      summary,
    }];
  });

export type FetchResult = {
  /** Tags not updated because the local tag of that name differs (git refuses to clobber it). */
  conflicts: string[];
};

/**
 * Fetch all tags from `remote` without overwriting local ones: the refspec has no `+`, so a
 * remote tag that differs from a local one of the same name is refused (git ≥ 2.20) and
 * reported in `conflicts`; every other tag is still fetched. Any other failure throws.
 * `alsoRefspecs`: more refs fetched by the same process (a cached clone's branches).
 */
export const fetchTags = async (repo: Repository, remote = 'origin', timeoutMs?: number, alsoRefspecs: readonly string[] = []): Promise<FetchResult> => {
  checkRemote(remote);
  const args = ['fetch', '--no-write-fetch-head', '--', remote, `${TAGS}*:${TAGS}*`, ...alsoRefspecs];
  const result = await network(repo, args, timeoutMs);
  const conflicts = [...result.stderr.matchAll(/^\s*! \[rejected\]\s+(\S+)\s+->\s+\S+\s+\(would clobber existing tag\)/gm)].map(
    (match) => match[1]!,
  );
  const otherErrors = result.stderr.split('\n').some((line) => /^(fatal|error):/.test(line) && !/some local refs could not be updated/.test(line));
  if (result.code !== 0 && (conflicts.length === 0 || otherErrors)) throw failure(args, result);
  return {conflicts};
};

/**
 * `git ls-remote --tags` output: tag name → the commit (or other object) it finally points at.
 */
const parseRemoteTags = (stdout: string): Map<string, string> => {
  const tags = new Map<string, string>();
  const peeled = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab === -1) continue;
    const sha = line.slice(0, tab);
    const ref = line.slice(tab + 1);
    if (!ref.startsWith(TAGS)) continue;
    if (ref.endsWith('^{}')) peeled.set(ref.slice(TAGS.length, -3), sha);
    else tags.set(ref.slice(TAGS.length), sha);
  }
  for (const [name, sha] of peeled) if (tags.has(name)) tags.set(name, sha);
  return tags;
};

/**
 * Remote tags, from one ls-remote run as `git ls-remote origin` would run it: with the user's
 * and the repository's git settings. For work the user asked for (a push, a fetch).
 */
export const remoteTags = async (repo: Repository, remote = 'origin', timeoutMs?: number): Promise<Map<string, string>> => {
  checkRemote(remote);
  const args = ['ls-remote', '--tags', '--', remote];
  const result = await network(repo, args, timeoutMs);
  if (result.code !== 0) throw failure(args, result);
  return parseRemoteTags(result.stdout);
};

/**
 * Remote tags for a check the user did not ask for (the TUI asks origin when it opens): nothing
 * the repository configures may run. Its config names programs git would start —
 * `remote.origin.uploadpack`, `core.sshCommand`, `credential.helper`, `core.askPass`,
 * `core.gitProxy`, `remote.origin.vcs` — so git is started as outside any repository
 * (GIT_DIR=/dev/null: no repository config is read, the user's own still is) and given origin's
 * URL as the repository names it (after its `insteadOf` rewriting), the upload-pack pinned,
 * command transports refused (safeProtocolArgs) and no prompt (noPromptEnv). A relative path
 * URL still resolves: git runs in the repository's root, as it would there.
 */
export const remoteTagsUnattended = async (repo: Repository, remote = 'origin', timeoutMs?: number): Promise<Map<string, string>> => {
  checkRemote(remote);
  const url = await originUrl(repo, remote);
  if (url === null) throw new GitError(`no remote '${remote}'`, [], null, '');
  const args = [...safeProtocolArgs, 'ls-remote', '--tags', '--upload-pack=git-upload-pack', '--', url];
  const result = await runGit(args, {
    cwd: repo.root,
    isolate: true,
    env: {...noPromptEnv(), GIT_DIR: devNull},
    timeoutMs: timeoutMs ?? DEFAULT_NETWORK_TIMEOUT_MS,
  });
  if (result.code !== 0) throw failure(args, result);
  return parseRemoteTags(result.stdout);
};
