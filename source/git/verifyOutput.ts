/**
 * What `git verify-tag --raw` prints for one tag, read as git itself reads it (gpg-interface.c
 * in git 2.39): GPG's status lines (`[GNUPG:] GOODSIG …`), or ssh-keygen's first line (`Good
 * "git" signature for PRINCIPAL with ED25519 key SHA256:…`), or git's own `error:` line when
 * it could not check at all. The verdict is git's: a good signature whose key is trusted less
 * than `gpg.minTrustLevel` is not good. Pure.
 */
import type {Verification} from '../registry/signatures.js';

/** git's trust levels, lowest first (enum signature_trust_level). */
export const TRUST_LEVELS = ['undefined', 'never', 'marginal', 'fully', 'ultimate'] as const;
export type TrustLevel = (typeof TRUST_LEVELS)[number];

/** `gpg.minTrustLevel` as git reads it (any case); unset or unreadable: `undefined`, git's default. */
export const parseTrustLevel = (value: string | null): TrustLevel => {
  const level = TRUST_LEVELS.find((name) => name === value?.trim().toLowerCase());
  return level ?? 'undefined';
};

const atLeast = (level: TrustLevel, min: TrustLevel): boolean => TRUST_LEVELS.indexOf(level) >= TRUST_LEVELS.indexOf(min);

const STATUS = '[GNUPG:] ';

/** GPG status keywords of which a signature has exactly one (git's GPG_STATUS_EXCLUSIVE). */
const VERDICTS = new Set(['GOODSIG', 'BADSIG', 'EXPSIG', 'EXPKEYSIG', 'REVKEYSIG', 'ERRSIG']);

const BAD_REASONS: Readonly<Record<string, string>> = {
  BADSIG: 'bad signature',
  EXPSIG: 'expired signature',
  EXPKEYSIG: 'signed with an expired key',
  REVKEYSIG: 'signed with a revoked key',
};

/** The words after the keyword of a status line: `GOODSIG <keyid> <user id>`. */
const fields = (line: string): string[] => line.slice(STATUS.length).split(' ');

const readGpg = (lines: readonly string[], minTrust: TrustLevel): Verification => {
  const verdicts: string[][] = [];
  let fingerprint: string | null = null;
  let trust: TrustLevel = 'undefined';
  let noPublicKey = false;
  for (const line of lines) {
    if (!line.startsWith(STATUS)) continue;
    const words = fields(line);
    const keyword = words[0] ?? '';
    if (VERDICTS.has(keyword)) verdicts.push(words);
    else if (keyword === 'VALIDSIG') fingerprint = words.at(-1) ?? words[1] ?? null;
    else if (keyword === 'NO_PUBKEY') noPublicKey = true;
    else if (keyword.startsWith('TRUST_')) trust = parseTrustLevel(keyword.slice('TRUST_'.length));
  }
  const only = verdicts[0];
  if (only === undefined) return {status: 'unknown', reason: 'gpg gave no verdict', key: null};
  // git refuses a tag with more than one signature (parse_gpg_output: "seen_exclusive_status")
  if (verdicts.length > 1) return {status: 'unknown', reason: 'more than one signature', key: null};
  const [keyword = '', keyId = ''] = only;
  const key = fingerprint ?? (keyId === '' ? null : keyId);
  if (keyword === 'GOODSIG') {
    const signer = only.slice(2).join(' ');
    if (!atLeast(trust, minTrust)) return {status: 'unknown', reason: `key trust ${trust} is below gpg.minTrustLevel ${minTrust}`, key};
    return {status: 'good', signer, key};
  }
  if (keyword === 'ERRSIG') {
    // ERRSIG <keyid> <pkalgo> <hashalgo> <class> <time> <rc> [<fingerprint>]
    const errKey = only[7] ?? (keyId === '' ? null : keyId);
    return {status: 'unknown', reason: noPublicKey ? 'no public key' : 'the signature could not be checked', key: errKey};
  }
  return {status: 'bad', reason: BAD_REASONS[keyword] ?? 'bad signature', key};
};

const SSH_GOOD_FOR = 'Good "git" signature for ';
const SSH_GOOD_WITH = 'Good "git" signature with ';

/** `… with ED25519 key SHA256:abc` → `SHA256:abc`. */
const sshKey = (line: string): string | null => {
  const at = line.lastIndexOf(' key ');
  return at === -1 ? null : line.slice(at + ' key '.length).trim() || null;
};

/** git's parse_ssh_output: the principal is everything up to the last ` with `. */
const readSsh = (first: string, minTrust: TrustLevel): Verification => {
  if (first.startsWith(SSH_GOOD_FOR)) {
    const rest = first.slice(SSH_GOOD_FOR.length);
    const end = rest.lastIndexOf(' with ');
    if (end > 0) {
      const key = sshKey(rest);
      // a principal in the allowed-signers file is git's TRUST_FULLY
      if (!atLeast('fully', minTrust)) return {status: 'unknown', reason: `key trust fully is below gpg.minTrustLevel ${minTrust}`, key};
      return {status: 'good', signer: rest.slice(0, end), key};
    }
  }
  if (first.startsWith(SSH_GOOD_WITH)) return {status: 'unknown', reason: 'key not in gpg.ssh.allowedSignersFile', key: sshKey(first)};
  return {status: 'bad', reason: first, key: null};
};

/**
 * One tag's part of `git verify-tag --raw`'s stderr. Lines git prints itself (`error: …`,
 * `fatal: …` from a signing program that could not start) mean the tag could not be checked;
 * `error: no signature found` means there was nothing to check.
 */
export const parseVerifyOutput = (segment: string, minTrust: TrustLevel): Verification => {
  const lines = segment.split('\n').map((line) => line.replace(/\r$/, '')).filter((line) => line.trim() !== '');
  if (lines.some((line) => line.startsWith(STATUS))) return readGpg(lines, minTrust);
  if (lines.includes('error: no signature found')) return {status: 'unsigned'};
  const first = lines[0];
  if (first === undefined) return {status: 'unknown', reason: 'git printed nothing about this signature', key: null};
  if (first.startsWith(SSH_GOOD_FOR) || first.startsWith(SSH_GOOD_WITH)) return readSsh(first, minTrust);
  const gitSaid = lines.find((line) => /^(error|fatal): /.test(line));
  if (gitSaid !== undefined) return {status: 'unknown', reason: gitSaid.replace(/^(error|fatal): /, ''), key: null};
  // ssh-keygen refused the signature: "Could not verify signature." then its reason
  return readSsh(lines.find((line) => line.startsWith('Signature verification failed')) ?? first, minTrust);
};
