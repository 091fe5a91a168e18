/**
 * What lies between two commits: the commits on either side (one `git log` over `A...B`, whose
 * left/right marks and boundary tell the direction) and the files that differ under a path
 * (one `git diff --numstat`). Two git processes per comparison, however many commits lie
 * between; one more `git diff` when a single file's changes are asked for.
 */
import {refEndpoint, resolveEndpoint} from '../registry/compare.js';
import type {ChangedFile, ComparedCommit, Comparison, Direction, Endpoint, EndpointSpec, GitComparison} from '../registry/compare.js';
import {GtoError} from '../registry/errors.js';
import type {Artifact} from '../registry/model.js';
import {failure, inRepo, runGit} from './exec.js';
import {parseRawDate} from './parseObjects.js';
import type {Repository} from './repository.js';
import {resolveCommit} from './revisions.js';

/**
 * Paths come from artifacts.yaml, which anyone with push access writes: never pathspec magic
 * (`:(glob)`, `:!x`), always a literal path or directory.
 */
const literal = (repo: Repository) => {
  const options = inRepo(repo);
  return {...options, env: {...options.env, GIT_LITERAL_PATHSPECS: '1'}};
};

const pathArgs = (path: string | null): string[] => (path === null ? ['--'] : ['--', path]);

/** Fields of one commit in the log: mark (`<`, `>`, `-` boundary), sha, short sha, author, raw date, subject. */
const LOG_FORMAT = '--format=%m%x00%H%x00%h%x00%an%x00%ad%x00%s';

type Marked = {readonly mark: string; readonly commit: Omit<ComparedCommit, 'side'>};

export const parseLog = (output: string): Marked[] => {
  // -z ends each commit with NUL and %x00 separates the fields: groups of six
  const fields = output.split('\0');
  const marked: Marked[] = [];
  for (let i = 0; i + 5 < fields.length; i += 6) {
    marked.push({
      mark: fields[i]!.replace(/^\n/, ''),
      commit: {sha: fields[i + 1]!, short: fields[i + 2]!, author: fields[i + 3]!, date: parseRawDate(fields[i + 4]!), subject: fields[i + 5]!},
    });
  }
  return marked;
};

const directionOf = (marked: readonly Marked[], from: string, to: string): {direction: Direction; commits: ComparedCommit[]} => {
  const ahead = marked.filter((m) => m.mark === '>').map((m): ComparedCommit => ({...m.commit, side: 'to'}));
  const behind = marked.filter((m) => m.mark === '<').map((m): ComparedCommit => ({...m.commit, side: 'from'}));
  if (from === to) return {direction: {kind: 'same'}, commits: []};
  if (behind.length === 0) return {direction: {kind: 'forward'}, commits: ahead};
  if (ahead.length === 0) return {direction: {kind: 'rollback'}, commits: behind};
  // --boundary lists the commits just outside both sides: the merge base(s), newest first
  const base = marked.find((m) => m.mark === '-')?.commit.sha ?? null;
  return {direction: {kind: 'diverged', ahead: ahead.length, behind: behind.length, base}, commits: [...ahead, ...behind]};
};

/**
 * `numstat -z`: `ADDED\tREMOVED\tPATH\0`, or for a rename `ADDED\tREMOVED\t\0OLD\0NEW\0`;
 * `-` counts for a binary file.
 */
export const parseNumstat = (output: string): ChangedFile[] => {
  const parts = output.split('\0');
  const files: ChangedFile[] = [];
  const count = (text: string): number | null => (text === '-' ? null : Number(text));
  for (let i = 0; i < parts.length; i++) {
    const record = parts[i]!.replace(/^\n/, '');
    if (record === '') continue;
    const [added = '', removed = '', path = ''] = record.split('\t');
    if (path === '' && i + 2 < parts.length) {
      files.push({path: parts[i + 2]!, oldPath: parts[i + 1]!, added: count(added), removed: count(removed)});
      i += 2;
    } else files.push({path, oldPath: null, added: count(added), removed: count(removed)});
  }
  return files;
};

/**
 * Compare two commits (full shas): commits between them and the files that differ under `path`
 * (the whole tree when null). The log and the diff run concurrently.
 */
export const compareCommits = async (
  repo: Repository,
  comparison: {readonly from: string; readonly to: string; readonly path: string | null},
): Promise<GitComparison> => {
  const {from, to, path} = comparison;
  const logArgs = ['log', '-z', '--left-right', '--boundary', '--no-show-signature', '--date=raw', LOG_FORMAT, `${from}...${to}`, '--'];
  const diffArgs = ['diff', '--numstat', '-z', '-M', '--no-ext-diff', '--no-textconv', from, to, ...pathArgs(path)];
  const [log, diff] = await Promise.all([runGit(logArgs, inRepo(repo)), runGit(diffArgs, literal(repo))]);
  if (log.code !== 0) throw failure(logArgs, log);
  if (diff.code !== 0) throw failure(diffArgs, diff);
  return {...directionOf(parseLog(log.stdout), from, to), files: parseNumstat(diff.stdout)};
};

/** One file's changes between two commits, as git prints them (no colour); a rename shows as one. */
export const fileDiff = async (
  repo: Repository,
  request: {readonly from: string; readonly to: string; readonly file: Pick<ChangedFile, 'path' | 'oldPath'>},
): Promise<string> => {
  const {from, to, file} = request;
  const paths = file.oldPath === null ? [file.path] : [file.oldPath, file.path];
  const args = ['diff', '--no-color', '--no-ext-diff', '--no-textconv', '-M', from, to, '--', ...paths];
  const result = await runGit(args, literal(repo));
  if (result.code !== 0) throw failure(args, result);
  return result.stdout;
};

/** A spec to its endpoint: versions and stages from the registry, anything else through `rev-parse`. */
export const resolveSpec = async (repo: Repository, artifact: Artifact, spec: EndpointSpec): Promise<Endpoint> => {
  const known = resolveEndpoint(artifact, spec);
  if (known !== null) return known;
  const ref = spec.kind === 'ref' ? spec.ref : '';
  const commit = await resolveCommit(repo, ref);
  if (commit === null) {
    throw new GtoError(`'${ref}' is not a version of '${artifact.name}', a stage (#name) or a git revision`);
  }
  return refEndpoint(artifact, ref, commit);
};

/**
 * Compare two sides of an artifact: each resolved (a git ref costs one `rev-parse`), then the
 * commits and the files under the artifact's `path` between them.
 */
export const compareSides = async (
  repo: Repository,
  artifact: Artifact,
  specs: {readonly from: EndpointSpec; readonly to: EndpointSpec},
  path: string | null,
): Promise<Comparison> => {
  const [from, to] = await Promise.all([resolveSpec(repo, artifact, specs.from), resolveSpec(repo, artifact, specs.to)]);
  const found = await compareCommits(repo, {from: from.commit, to: to.commit, path});
  return {...found, artifact: artifact.name, from, to, path};
};
