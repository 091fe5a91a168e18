/**
 * Reading a repository into the registry model: `.gto` from the working tree, all tags in one
 * `for-each-ref`, and every commit the state needs (with its annotations file) in one
 * `cat-file --batch-command`. Two git processes per command, running concurrently.
 */
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {CommitReader} from './git/objects.js';
import {openRepository, type Repository} from './git/repository.js';
import {readTagRecords} from './git/tags.js';
import {parseConfig, type Config} from './registry/config.js';
import type {Registry} from './registry/model.js';
import type {TagRecord} from './registry/records.js';
import {buildRegistry, commitsToRead, versionCommitOf} from './registry/state.js';

type Env = Readonly<Record<string, string | undefined>>;

export type Loaded = {
  readonly config: Config;
  readonly tags: readonly TagRecord[];
  readonly head: string | null;
  readonly registry: Registry;
};

/** `.gto` of the working tree (§6.1); none in a bare repository. */
export const loadConfig = async (repo: Repository, env: Env): Promise<Config> => {
  const file = path.join(repo.root, '.gto');
  let text: string | null = null;
  if (!repo.bare) {
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return parseConfig({text, path: file, env});
};

export const loadRegistry = async (repo: Repository, env: Env, config?: Config): Promise<Loaded> => {
  // Pipelined (spec §12): version commits are asked of cat-file while for-each-ref is still
  // listing, so most of the reading happens during git's own listing time.
  let reader: CommitReader | null = null;
  const early: string[] = [];
  let nested = false;
  const listing = readTagRecords(repo, (record) => {
    if (record.kind === 'annotated' && record.targetType === 'tag') nested = true;
    const commit = versionCommitOf(record);
    if (commit === null) return;
    if (reader === null) early.push(commit);
    else reader.request(commit);
  });
  listing.catch(() => {}); // awaited below; a failure must not count as unhandled meanwhile
  const resolvedConfig = config ?? (await loadConfig(repo, env));
  const commitReader = new CommitReader(repo, resolvedConfig.index);
  reader = commitReader;
  // HEAD is resolved inside the same cat-file batch as the version commits.
  commitReader.request('HEAD');
  for (const commit of early) commitReader.request(commit);
  let tags: TagRecord[];
  try {
    tags = await listing;
  } catch (error) {
    await commitReader.abort();
    throw error;
  }
  // tags on tags are peeled only after the listing: their commits are known now
  if (nested) for (const commit of commitsToRead(tags, null)) commitReader.request(commit);
  const read = await commitReader.done();
  const headRecord = read.get('HEAD');
  const head = headRecord?.sha ?? null;
  const commits = read;
  commits.delete('HEAD');
  if (headRecord !== undefined) commits.set(headRecord.sha, headRecord);
  const registry = buildRegistry({tags, commits, head, config: resolvedConfig});
  return {config: resolvedConfig, tags, head, registry};
};

/**
 * Opens `--repo` (the working directory when it is `.`), runs `use`, and always closes it
 * (a cloned URL is removed afterwards).
 */
export const withRepository = async <T>(
  repoOption: string | undefined,
  cwd: string,
  use: (repo: Repository) => Promise<T>,
): Promise<T> => {
  const opened = await openRepository(repoOption === undefined || repoOption === '.' ? undefined : repoOption, cwd);
  try {
    return await use(opened.repo);
  } finally {
    await opened.close();
  }
};
