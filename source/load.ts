/**
 * Reading a repository into the registry model: `.gto` from the working tree, all tags in one
 * `for-each-ref`, and every commit the state needs (with its annotations file) in one
 * `cat-file --batch`. Two git processes per command, the first concurrent with the `.gto` read.
 */
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {readCommits} from './git/objects.js';
import {openRepository, type Repository} from './git/repository.js';
import {readTagRecords} from './git/tags.js';
import {parseConfig, type Config} from './registry/config.js';
import type {Registry} from './registry/model.js';
import type {CommitRecord, TagRecord} from './registry/records.js';
import {buildRegistry, commitsToRead} from './registry/state.js';

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
  const [resolvedConfig, tags] = await Promise.all([config ?? loadConfig(repo, env), readTagRecords(repo)]);
  // HEAD is resolved inside the same cat-file batch as the version commits.
  const wanted = commitsToRead(tags, null);
  const read = await readCommits(repo, [...wanted, 'HEAD'], resolvedConfig.index);
  const headRecord = read.get('HEAD');
  const head = headRecord?.sha ?? null;
  const commits = new Map<string, CommitRecord>();
  for (const [key, record] of read) if (key !== 'HEAD') commits.set(key, record);
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
