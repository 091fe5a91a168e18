/**
 * Verifying tag signatures with git's own `git verify-tag`, so the user's `gpg.program`,
 * `gpg.ssh.allowedSignersFile`, `gpg.minTrustLevel` and keyring decide, exactly as they do for
 * `git verify-tag NAME`. Only when asked (`--verify`, the TUI's signature column): each signed
 * tag costs git one gpg or ssh-keygen run.
 *
 * Processes: one `for-each-ref` (which tags carry a signature, by object id), one `git config`
 * (gpg.minTrustLevel) and one `verify-tag` — a few side by side for hundreds of signed tags, as
 * the verification is one signing program after another, and one more for every few thousand
 * tags: verify-tag takes its tags as arguments (no --stdin), as many as fit a safe command line.
 */
import {randomBytes} from 'node:crypto';
import {availableParallelism} from 'node:os';
import type {Verification} from '../registry/signatures.js';
import {GitError, inRepo, runGit, streamGit} from './exec.js';
import type {Repository} from './repository.js';
import {parseTrustLevel, parseVerifyOutput, type TrustLevel} from './verifyOutput.js';

/** A tag's signature as verified: `id` is the tag object it was read from. */
export type TagSignature = {readonly id: string; readonly verification: Verification};

export type VerifyOptions = {
  /** Only these tags (by name); all tags when absent. */
  readonly names?: Iterable<string>;
  /**
   * Verifications already made in this session, by tag object id: not asked again. A tag moved
   * to another object has another id, so it is verified afresh.
   */
  readonly known?: ReadonlyMap<string, Verification>;
  /** Sees the results of each verify-tag run as it ends. */
  readonly onBatch?: (results: ReadonlyMap<string, TagSignature>) => void;
  /** Most bytes of arguments one verify-tag run is given (tests make batches small). */
  readonly batchBytes?: number;
};

/**
 * Well under every system's limit on a command line (Linux: 2 MiB, macOS: 1 MiB with the
 * environment, Windows: 32,767 characters).
 */
const BATCH_BYTES = process.platform === 'win32' ? 24_000 : 256 * 1024;

/** Signed tags one more verify-tag running side by side must have to be worth its start. */
const TAGS_PER_RUN = 64;
const MAX_RUNS = Math.max(1, Math.min(4, availableParallelism()));

const LISTING = '%(objectname)%00%(objecttype)%00%(if)%(contents:signature)%(then)signed%(end)%00%(refname)';
const PREFIX = 'refs/tags/';

type Listed = {readonly name: string; readonly id: string; readonly signed: boolean};

/**
 * Every tag with its object id and whether its object carries a signature, as git finds one
 * (the same parse_signed_buffer verify-tag uses). A lightweight tag has none.
 */
const listTags = async (repo: Repository): Promise<Listed[]> => {
  const chunks: Buffer[] = [];
  await streamGit(['for-each-ref', `--format=${LISTING}`, PREFIX], inRepo(repo), (chunk) => chunks.push(chunk));
  const listed: Listed[] = [];
  for (const line of Buffer.concat(chunks).toString('utf8').split('\n')) {
    if (line === '') continue;
    const [id = '', type = '', signed = '', ref = ''] = line.split('\0');
    if (!ref.startsWith(PREFIX)) throw new GitError(`unexpected git for-each-ref output: ${JSON.stringify(line)}`, ['for-each-ref'], 0, '');
    listed.push({name: ref.slice(PREFIX.length), id, signed: type === 'tag' && signed === 'signed'});
  }
  return listed;
};

const minTrustLevel = async (repo: Repository): Promise<TrustLevel> => {
  const result = await runGit(['config', '--get', 'gpg.minTrustLevel'], inRepo(repo));
  return parseTrustLevel(result.code === 0 ? result.stdout : null);
};

/**
 * Between two tags, verify-tag is given a name that cannot resolve (it has spaces, and a random
 * part nothing else prints), so git's `error: tag '<mark>' not found.` ends each tag's part of
 * its stderr. git writes that stream unbuffered and in order, one tag after the other.
 */
const newMark = (): string => `gto-tui verified ${randomBytes(9).toString('base64url').replace(/[-_]/g, 'x')}`;

/** Cut verify-tag's stderr at each mark: one part per tag, in order. */
export const splitAtMarks = (stderr: string, mark: string, count: number): string[] | null => {
  const end = `error: tag '${mark}' not found.\n`;
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < count; i++) {
    const at = stderr.indexOf(end, from);
    if (at === -1) return null;
    parts.push(stderr.slice(from, at));
    from = at + end.length;
  }
  return parts;
};

/** Signed tags in `runs` groups (or more, so that each one's arguments stay under `bytes`). */
const batches = (tags: readonly Listed[], markLength: number, bytes: number, runs: number): Listed[][] => {
  const groups: Listed[][] = [];
  const share = Math.ceil(tags.length / runs);
  let current: Listed[] = [];
  let size = 0;
  for (const tag of tags) {
    const cost = tag.id.length + markLength + 2;
    if (current.length > 0 && (size + cost > bytes || current.length >= share)) {
      groups.push(current);
      current = [];
      size = 0;
    }
    current.push(tag);
    size += cost;
  }
  if (current.length > 0) groups.push(current);
  return groups;
};

/** One verify-tag over `tags` (by object id, so the verified object is the one listed). */
const verifyBatch = async (repo: Repository, tags: readonly Listed[], minTrust: TrustLevel): Promise<Map<string, TagSignature>> => {
  const mark = newMark();
  const args = ['verify-tag', '--raw', '--', ...tags.flatMap((tag) => [tag.id, mark])];
  const result = await runGit(args, inRepo(repo));
  const parts = splitAtMarks(result.stderr, mark, tags.length);
  if (parts === null) {
    // git stopped before the end (a bad gpg.minTrustLevel, a broken repository): its reason
    const said = result.stderr.split('\n').filter((line) => /^(fatal|error): /.test(line) && !line.includes(mark));
    throw new GitError(said.map((line) => line.replace(/^(fatal|error): /, '')).join('; ') || 'git verify-tag stopped early', ['verify-tag'], result.code, result.stderr);
  }
  const results = new Map<string, TagSignature>();
  tags.forEach((tag, i) => results.set(tag.name, {id: tag.id, verification: parseVerifyOutput(parts[i]!, minTrust)}));
  return results;
};

/** Tag name → its signature as git verifies it, for every tag asked about that exists. */
export const verifyTags = async (repo: Repository, options: VerifyOptions = {}): Promise<Map<string, TagSignature>> => {
  const wanted = options.names === undefined ? null : new Set(options.names);
  const listed = (await listTags(repo)).filter((tag) => wanted === null || wanted.has(tag.name));
  const results = new Map<string, TagSignature>();
  const toVerify: Listed[] = [];
  for (const tag of listed) {
    const known = options.known?.get(tag.id);
    if (!tag.signed) results.set(tag.name, {id: tag.id, verification: {status: 'unsigned'}});
    else if (known !== undefined) results.set(tag.name, {id: tag.id, verification: known});
    else toVerify.push(tag);
  }
  if (toVerify.length > 0) {
    const minTrust = await minTrustLevel(repo);
    const runs = Math.max(1, Math.min(MAX_RUNS, Math.floor(toVerify.length / TAGS_PER_RUN)));
    const queue = batches(toVerify, newMark().length, options.batchBytes ?? BATCH_BYTES, runs);
    const worker = async (): Promise<void> => {
      for (let group = queue.shift(); group !== undefined; group = queue.shift()) {
        const done = await verifyBatch(repo, group, minTrust);
        for (const [name, signature] of done) results.set(name, signature);
        options.onBatch?.(done);
      }
    };
    await Promise.all(Array.from({length: runs}, worker));
  }
  // in the listing's (name) order
  return new Map(listed.map((tag) => [tag.name, results.get(tag.name)!]));
};

/** Just the verdicts of the tags named (the `--verify` outputs): tag name → verification. */
export const verifyTagNames = async (repo: Repository, names: Iterable<string>): Promise<Map<string, Verification>> => {
  const verified = await verifyTags(repo, {names});
  return new Map([...verified].map(([name, signature]) => [name, signature.verification]));
};
