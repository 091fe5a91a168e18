/**
 * Signing keys made in the test, never the user's: SSH keys from ssh-keygen (no agent, no
 * passphrase) and GPG keys in a throwaway GNUPGHOME (its agent stopped by stopGpgAgents).
 *
 *   const key = sshKey();                                  // a key pair in a temp dir
 *   useSshSigning(dir, key, [{principal: 'carol@example.com', key}]);
 *   const home = gpgHome('Carol <carol@example.com>');     // GNUPGHOME with one secret key
 *   git(dir, ['tag', '-s', '-m', 'x', 'x'], {env: home.env});
 *   after(stopGpgAgents);
 */
import {execFileSync} from 'node:child_process';
import {chmodSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {git, tempDir} from './repo.js';

export type SshKey = {readonly privateKey: string; readonly publicKey: string; readonly fingerprint: string};

/** An ed25519 key pair without a passphrase. */
export const sshKey = (): SshKey => {
  const privateKey = path.join(tempDir('gto-tui-ssh-'), 'key');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', '', '-f', privateKey], {stdio: 'pipe'});
  const publicKey = readFileSync(`${privateKey}.pub`, 'utf8').trim();
  const fingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${privateKey}.pub`], {encoding: 'utf8'}).split(' ')[1]!;
  return {privateKey, publicKey, fingerprint};
};

/** An allowed-signers file trusting each principal's key; returns its path. */
export const allowedSigners = (entries: readonly {principal: string; key: SshKey}[]): string => {
  const file = path.join(tempDir('gto-tui-signers-'), 'allowed_signers');
  writeFileSync(file, entries.map((e) => `${e.principal} ${e.key.publicKey}\n`).join(''));
  return file;
};

/** Repository config for SSH signing with `key`, verified against `trusted` (none: no allowed-signers file). */
export const useSshSigning = (repo: string, key: SshKey, trusted: readonly {principal: string; key: SshKey}[] | null): void => {
  git(repo, ['config', 'gpg.format', 'ssh']);
  git(repo, ['config', 'user.signingkey', key.privateKey]);
  if (trusted !== null) git(repo, ['config', 'gpg.ssh.allowedSignersFile', allowedSigners(trusted)]);
};

export type GpgHome = {
  readonly dir: string;
  /** `{GNUPGHOME}` for git and gpg. */
  readonly env: Record<string, string>;
  /** The secret key's fingerprint. */
  readonly fingerprint: string;
};

const homes: string[] = [];

/**
 * A GNUPGHOME (in a short temporary path: gpg-agent's socket path has a length limit) with one
 * ed25519 signing key for `uid`, made without a passphrase.
 */
export const gpgHome = (uid: string): GpgHome => {
  const dir = tempDir('gto-gpg-');
  chmodSync(dir, 0o700);
  homes.push(dir);
  const env = {GNUPGHOME: dir};
  const gpg = (args: readonly string[], input?: string | Buffer): Buffer =>
    execFileSync('gpg', ['--batch', '--no-tty', ...args], {env: {...process.env, ...env}, input: input ?? '', stdio: ['pipe', 'pipe', 'pipe']});
  gpg(['--passphrase', '', '--quick-gen-key', uid, 'ed25519', 'sign', 'never']);
  const colons = gpg(['--list-secret-keys', '--with-colons']).toString('utf8');
  const fingerprint = /^fpr:(?:[^:]*:){8}([0-9A-F]+):/m.exec(colons)![1]!;
  return {dir, env, fingerprint};
};

/** Import `from`'s public key into `into` (its trust stays undefined, as for any imported key). */
export const importPublicKey = (from: GpgHome, into: GpgHome): void => {
  const key = execFileSync('gpg', ['--batch', '--export', from.fingerprint], {env: {...process.env, ...from.env}});
  execFileSync('gpg', ['--batch', '--import'], {env: {...process.env, ...into.env}, input: key, stdio: ['pipe', 'pipe', 'pipe']});
};

/** Stop the gpg-agent of every GNUPGHOME made here. Use in `after`, before removeTempDirs. */
export const stopGpgAgents = (): void => {
  for (const dir of homes.splice(0)) {
    try {
      execFileSync('gpgconf', ['--kill', 'gpg-agent'], {env: {...process.env, GNUPGHOME: dir}, stdio: 'ignore'});
    } catch {
      // no agent was started
    }
  }
};

/**
 * The tag `name` rewritten with another message but its old signature (a forged tag, made with
 * `git mktag`), and `name` moved to it. Returns the new tag object's id.
 */
export const forgeTagMessage = (repo: string, name: string, message: string): string => {
  const raw = git(repo, ['cat-file', 'tag', name]);
  const at = raw.indexOf('-----BEGIN ');
  const headerEnd = raw.indexOf('\n\n');
  const forged = `${raw.slice(0, headerEnd + 2)}${message}\n${raw.slice(at)}`;
  const id = git(repo, ['mktag'], {input: forged}).trim();
  git(repo, ['update-ref', `refs/tags/${name}`, id]);
  return id;
};
