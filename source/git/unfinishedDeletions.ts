/**
 * `<gitDir>/gto-tui/deletions-v1.json`: the versions a `deprecate NAME VERSION --delete` is
 * deleting, each with its tags in the order they are deleted. GTO deletes the registration
 * first (oldest first, spec §4.3), so once it is gone the version has no name left; a run that
 * was stopped after it could not be finished by running the same command again ("No versions
 * found"). The entry is written before the first tag is deleted and removed once the last one
 * is gone (and pushed), so the same command, run again, finds the tags still to delete.
 *
 * Only a memory, never trusted as it stands: a re-run acts on a remembered tag only if it is one
 * of that version by its name, at the one remembered commit, and git still has it there
 * (ops/deprecate.ts). Not a cache: removing it only loses that. Not kept for a temporary
 * clone (`-r URL`), which is gone with the run.
 */
import {mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import type {Repository} from './repository.js';

const FILE = path.join('gto-tui', 'deletions-v1.json');

/** A tag to delete: its name, the commit it points at, its message (for --dry-run). */
export type DeletedTag = {readonly tag: string; readonly target: string; readonly message: string};

export type UnfinishedDeletion = {
  readonly artifact: string;
  readonly version: string;
  /** Every tag of the version, in the order the run deletes them. */
  readonly tags: readonly DeletedTag[];
};

const fileOf = (repo: Repository): string => path.join(repo.gitDir, FILE);

const isTag = (value: unknown): value is DeletedTag => {
  const tag = value as Partial<DeletedTag> | null;
  return typeof tag === 'object' && tag !== null && typeof tag.tag === 'string' && typeof tag.target === 'string' && typeof tag.message === 'string';
};

const isEntry = (value: unknown): value is UnfinishedDeletion => {
  const entry = value as Partial<UnfinishedDeletion> | null;
  return typeof entry === 'object' && entry !== null && typeof entry.artifact === 'string' && typeof entry.version === 'string' && Array.isArray(entry.tags) && entry.tags.every(isTag);
};

/** Every entry; none when the file is missing or damaged. */
const readAll = (repo: Repository): UnfinishedDeletion[] => {
  if (repo.clonedFrom !== null) return [];
  try {
    const parsed: unknown = JSON.parse(readFileSync(fileOf(repo), 'utf8'));
    return Array.isArray(parsed) ? parsed.filter(isEntry) : [];
  } catch {
    return [];
  }
};

const writeAll = (repo: Repository, entries: readonly UnfinishedDeletion[]): void => {
  const file = fileOf(repo);
  if (entries.length === 0) {
    rmSync(file, {force: true});
    return;
  }
  const temp = `${file}.${process.pid}.tmp`;
  mkdirSync(path.dirname(file), {recursive: true});
  writeFileSync(temp, JSON.stringify(entries));
  renameSync(temp, file);
};

/** The deletion of `artifact` `version` a run started and did not finish, if any. */
export const unfinishedDeletion = (repo: Repository, artifact: string, version: string): UnfinishedDeletion | null =>
  readAll(repo).find((entry) => entry.artifact === artifact && entry.version === version) ?? null;

/** Remember, before the first tag goes, what this run is about to delete (replacing any older entry). */
export const keepUnfinishedDeletion = (repo: Repository, entry: UnfinishedDeletion): void => {
  if (repo.clonedFrom !== null) return;
  const others = readAll(repo).filter((e) => e.artifact !== entry.artifact || e.version !== entry.version);
  writeAll(repo, [...others, entry]);
};

/** The deletion is complete: forget it. */
export const forgetUnfinishedDeletion = (repo: Repository, artifact: string, version: string): void => {
  if (repo.clonedFrom !== null) return;
  const entries = readAll(repo);
  const others = entries.filter((e) => e.artifact !== artifact || e.version !== version);
  if (others.length !== entries.length) writeAll(repo, others);
};
