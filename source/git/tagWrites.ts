/** Creating and deleting local tags. Pushing them is remote.ts's job. */
import {GtoError} from '../registry/errors.js';
import {failure, runGit, inRepo} from './exec.js';
import type {Repository} from './repository.js';

export type NewTag = {name: string; target: string; message: string};

/**
 * Create an annotated tag with git's configured identity as tagger (spec §2.7). git itself
 * refuses an existing name (no `-f`), so the check and the write cannot race. The message goes
 * through stdin, so nothing the user typed is taken as an option, and is stored as GTO stores
 * it: GTO (GitPython's create_tag) runs `git tag -m MESSAGE`, whose cleanup is `strip` —
 * whitespace at line ends (so `\r\n` becomes `\n`) and leading and trailing blank lines dropped,
 * runs of blank lines made one, lines starting with the comment character (`#`, or
 * core.commentChar) dropped, one final newline.
 */
export const createTag = async (repo: Repository, tag: NewTag): Promise<void> => {
  const args = ['tag', '--annotate', '--file=-', '--cleanup=strip', '--no-sign', '--', tag.name, tag.target];
  const result = await runGit(args, {...inRepo(repo), input: tag.message});
  if (result.code === 0) return;
  if (/already exists/.test(result.stderr)) throw new GtoError(`tag '${tag.name}' already exists`);
  throw failure(args, result);
};

/** Delete a local tag (by its full ref name, so a branch of the same name is never touched). */
export const deleteTag = async (repo: Repository, name: string): Promise<void> => {
  const ref = `refs/tags/${name}`;
  const args = ['update-ref', '-d', '--', ref];
  const check = await runGit(['show-ref', '--verify', '--quiet', '--', ref], inRepo(repo));
  if (check.code !== 0) throw new GtoError(`tag '${name}' not found`);
  const result = await runGit(args, inRepo(repo));
  if (result.code !== 0) throw failure(args, result);
};
