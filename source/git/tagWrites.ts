/** Creating and deleting local tags. Pushing them is remote.ts's job. */
import {GtoError} from '../registry/errors.js';
import {condenseStderr, failure, GitError, runGit, inRepo} from './exec.js';
import type {Repository} from './repository.js';

export type NewTag = {name: string; target: string; message: string};

/**
 * `sign`: a signed annotated tag, as `git tag -s` makes it (the key of `user.signingkey`, or
 * the tagger's; GPG, SSH or X.509 per `gpg.format`). Otherwise unsigned whatever `tag.gpgSign`
 * says. `noTerminal`: the TUI's write, where a passphrase prompt must fail, not take the screen.
 */
export type TagSigning = {readonly sign: boolean; readonly noTerminal?: boolean};

/**
 * Create an annotated tag with git's configured identity as tagger (spec §2.7). git itself
 * refuses an existing name (no `-f`), so the check and the write cannot race. The message goes
 * through stdin, so nothing the user typed is taken as an option, and is stored as GTO stores
 * it: GTO (GitPython's create_tag) runs `git tag -m MESSAGE`, whose cleanup is `strip` —
 * whitespace at line ends (so `\r\n` becomes `\n`) and leading and trailing blank lines dropped,
 * runs of blank lines made one, lines starting with the comment character (`#`, or
 * core.commentChar) dropped, one final newline.
 */
export const createTag = async (repo: Repository, tag: NewTag, signing: TagSigning = {sign: false}): Promise<void> => {
  const args = ['tag', '--annotate', '--file=-', '--cleanup=strip', signing.sign ? '--sign' : '--no-sign', '--', tag.name, tag.target];
  const result = await runGit(args, {...inRepo(repo), input: tag.message, ...(signing.noTerminal ? {noTerminal: true} : {})});
  if (result.code === 0) {
    if (signing.sign) await checkSigned(repo, tag.name, result.stderr);
    return;
  }
  if (/already exists/.test(result.stderr)) throw new GtoError(`tag '${tag.name}' already exists`);
  throw failure(args, result);
};

/** The armour lines git recognises as a tag's signature (gpg-interface.c). */
const SIGNATURE_START = /^-----BEGIN (PGP SIGNATURE|PGP MESSAGE|SIGNED MESSAGE|SSH SIGNATURE)-----$/m;

/**
 * A tag asked to be signed must be: git 2.39 writes the tag unsigned and exits 0 when ssh-keygen
 * fails (no such key, a passphrase it cannot ask for), after printing ssh-keygen's error. Such
 * a tag is removed again (only if it is still the object just made) and git's words reported.
 */
const checkSigned = async (repo: Repository, name: string, stderr: string): Promise<void> => {
  const ref = `refs/tags/${name}`;
  const made = await runGit(['cat-file', '--batch'], {...inRepo(repo), input: `${ref}\n`});
  const header = made.stdout.slice(0, made.stdout.indexOf('\n'));
  const [id = '', type = ''] = header.split(' ');
  if (made.code === 0 && type === 'tag' && SIGNATURE_START.test(made.stdout.slice(header.length + 1))) return;
  if (type === 'tag') await runGit(['update-ref', '-d', '--', ref, id], inRepo(repo));
  const reason = condenseStderr(stderr);
  throw new GitError(`git did not sign tag '${name}'${reason === '' ? '' : `: ${reason}`}`, ['tag', '--sign'], 0, stderr);
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
