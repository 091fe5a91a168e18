/** Creating and deleting local tags. Pushing them is remote.ts's job. */
import {GtoError} from '../registry/errors.js';
import {failure, runGit, inRepo} from './exec.js';
import type {Repository} from './repository.js';

export type NewTag = {name: string; target: string; message: string};

/**
 * Create an annotated tag with git's configured identity as tagger (spec §2.7). git itself
 * refuses an existing name (no `-f`), so the check and the write cannot race. The message goes
 * through stdin with whitespace-only cleanup: nothing the user typed is taken as an option,
 * and lines starting with `#` are kept.
 */
export const createTag = async (repo: Repository, tag: NewTag): Promise<void> => {
  const args = ['tag', '--annotate', '--file=-', '--cleanup=whitespace', '--no-sign', '--', tag.name, tag.target];
  const result = await runGit(args, {...inRepo(repo), input: tag.message});
  if (result.code === 0) return;
  if (/already exists/.test(result.stderr)) throw new GtoError(`tag '${tag.name}' already exists`);
  throw failure(args, result);
};

/**
 * Whether the local tag exists. Allowed after a stop was asked (exec.ts): it is how an
 * interrupted write finds out whether git had written the tag before it was ended.
 */
export const tagExists = async (repo: Repository, name: string): Promise<boolean> =>
  (await runGit(['show-ref', '--verify', '--quiet', '--', `refs/tags/${name}`], {...inRepo(repo), afterStop: true})).code === 0;

/** Delete a local tag (by its full ref name, so a branch of the same name is never touched). */
export const deleteTag = async (repo: Repository, name: string): Promise<void> => {
  const ref = `refs/tags/${name}`;
  const args = ['update-ref', '-d', '--', ref];
  const check = await runGit(['show-ref', '--verify', '--quiet', '--', ref], inRepo(repo));
  if (check.code !== 0) throw new GtoError(`tag '${name}' not found`);
  const result = await runGit(args, inRepo(repo));
  if (result.code !== 0) throw failure(args, result);
};
