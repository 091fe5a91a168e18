/**
 * The files gto-tui keeps in a repository's `.git/gto-tui/` (the object cache, the registry
 * snapshot), read and written so that whoever else can write that folder cannot make a command
 * lie, hang or overwrite something:
 *
 * - Authenticated. `<magic> <salt> <tag>\n<body>`, salt and tag 32 hex digits each. The file's
 *   own key is HMAC-SHA-256 under the user's key (stateKey.ts) of
 *   `gto-tui kept data\0<magic>\0<git dir>\0` and the salt, 16 random bytes drawn for each
 *   write; the tag is GMAC (AES-256-GCM with the body as associated data and nothing to encrypt)
 *   under that key. A file another key sealed, one sealed for another repository or kind of
 *   file, and any edit or truncation fail to verify, and the file is then treated as absent (the
 *   next write replaces it). The body is never looked at before it verifies.
 *   Why not HMAC-SHA-256 over the body: 40 MB at 50,000 tags costs ~28 ms on the reference
 *   machine, GMAC ~4 ms (GHASH runs on the CPU's carry-less multiply), and a warm read verifies
 *   all of it. GCM fails badly when a nonce repeats under one key; here every key seals exactly
 *   one file (a fresh salt per write), so the nonce is fixed and cannot repeat. The tag is then a
 *   one-time universal-hash MAC: a forgery succeeds with probability ~ blocks / 2^128.
 * - Read as a regular file only, opened without following a symlink and without blocking (a
 *   FIFO planted there is refused at once), and only up to MAX_KEPT_BYTES.
 * - Written to a temporary file created exclusively (`O_EXCL`, no symlink followed, an
 *   unpredictable name, owner-only) and renamed over the file: whatever is planted at a
 *   temporary name makes the write give up and is left as it is; nothing is written through a
 *   link, and the folder itself must be a real directory.
 */
import {createCipheriv, createHmac, randomBytes, timingSafeEqual, type CipherGCM} from 'node:crypto';
import {closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeSync} from 'node:fs';
import path from 'node:path';

/** Larger than any registry a git repository holds in practice (50,000 tags keep ~40 MB in all). */
export const MAX_KEPT_BYTES = 256 * 1024 * 1024;

const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const NONBLOCK = constants.O_NONBLOCK ?? 0;
const SALT_BYTES = 16;
const TAG_BYTES = 16;
/** Each key seals one file only, so GCM's nonce never needs to vary. */
const NONCE = Buffer.alloc(12);

/** What a file is sealed with: the user's key, the kind of file (its magic) and the repository. */
export type Seal = {readonly key: Buffer; readonly magic: string; readonly gitDir: string};

/** `<magic> <salt> <tag>\n`: a fixed length for each kind of file. */
const headerLength = (seal: Seal): number => seal.magic.length + 1 + 2 * SALT_BYTES + 1 + 2 * TAG_BYTES + 1;

/** GMAC under the key for this file: feed the body with setAAD, then `final()` and `getAuthTag()`. */
const startMac = (seal: Seal, salt: Buffer): CipherGCM => {
  const key = createHmac('sha256', seal.key).update(`gto-tui kept data\0${seal.magic}\0${seal.gitDir}\0`).update(salt).digest();
  return createCipheriv('aes-256-gcm', key, NONCE, {authTagLength: TAG_BYTES});
};

const tagOf = (mac: CipherGCM): Buffer => {
  mac.final();
  return mac.getAuthTag();
};

const HEX = /^([0-9a-f]{32}) ([0-9a-f]{32})$/;

/**
 * The body of `file` as text when it is a regular file whose seal verifies, else null (never
 * throws). Text, not the bytes: the file's buffer is garbage as soon as this returns, before a
 * caller parses megabytes of it.
 */
export const readKept = (file: string, seal: Seal, encoding: 'utf8' | 'latin1'): string | null => {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | NOFOLLOW | NONBLOCK);
  } catch {
    return null;
  }
  try {
    const stat = fstatSync(fd);
    const {size} = stat;
    const start = headerLength(seal);
    if (!stat.isFile() || size < start || size > MAX_KEPT_BYTES) return null;
    const contents = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, contents, read, size - read, read);
      if (n === 0) return null;
      read += n;
    }
    if (contents.toString('latin1', 0, seal.magic.length + 1) !== `${seal.magic} ` || contents[start - 1] !== 10) return null;
    const fields = HEX.exec(contents.toString('latin1', seal.magic.length + 1, start - 1));
    if (fields === null) return null;
    const body = contents.subarray(start);
    const mac = startMac(seal, Buffer.from(fields[1]!, 'hex'));
    mac.setAAD(body);
    return timingSafeEqual(tagOf(mac), Buffer.from(fields[2]!, 'hex')) ? body.toString(encoding) : null;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
};

/** Whether `file` is a regular file of a size `readKept` would look at (one lstat; nothing read). */
export const mayBeKept = (file: string): boolean => {
  try {
    const stat = lstatSync(file);
    return stat.isFile() && stat.size <= MAX_KEPT_BYTES;
  } catch {
    return false;
  }
};

/** Hands the body to the file being written, piece by piece. */
export type Emit = (text: string, encoding: 'utf8' | 'latin1') => void;

/**
 * Write `file` sealed with `seal`, its body produced by `produce` (in pieces: megabytes at
 * 50,000 tags, never one string). Atomic: readers see the old file or the new one. False when
 * it cannot be written (a read-only git dir, a full disk, something planted in the way); never
 * throws.
 */
export const writeKept = (file: string, seal: Seal, produce: (emit: Emit) => void): boolean => {
  const dir = path.dirname(file);
  const temp = path.join(dir, `${path.basename(file)}.${randomBytes(12).toString('hex')}.tmp`);
  let fd: number | null = null;
  try {
    ensureDirectory(dir);
    fd = createExclusive(temp);
  } catch {
    return false;
  }
  const out = fd;
  try {
    const start = headerLength(seal);
    writeSync(out, Buffer.alloc(start, 32), 0, start, 0);
    const salt = randomBytes(SALT_BYTES);
    const mac = startMac(seal, salt);
    let position = start;
    produce((text, encoding) => {
      const bytes = Buffer.from(text, encoding);
      if (position + bytes.length > MAX_KEPT_BYTES) throw new Error('too large to keep');
      mac.setAAD(bytes);
      position += writeSync(out, bytes, 0, bytes.length, position);
    });
    writeSync(out, `${seal.magic} ${salt.toString('hex')} ${tagOf(mac).toString('hex')}\n`, 0, 'latin1');
    closeSync(out);
    fd = null;
    renameSync(temp, file);
    return true;
  } catch {
    try {
      if (fd !== null) closeSync(fd);
      rmSync(temp, {force: true});
    } catch {
      // nothing more to do
    }
    return false;
  }
};

/**
 * A new file opened for writing, owner-only: fails (EEXIST) when anything is at `file`, a
 * symlink included, which is then left as it is.
 */
export const createExclusive = (file: string): number =>
  openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW, 0o600);

/** The folder made owner-only when missing; an existing one must be a directory, not a link to one. */
const ensureDirectory = (dir: string): void => {
  try {
    mkdirSync(dir, {mode: 0o700});
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if (!lstatSync(dir).isDirectory()) throw new Error(`${dir} is not a directory`);
};

/** Remove a file if it is there (a kept file of an older format); never throws. */
export const removeQuietly = (file: string): void => {
  try {
    rmSync(file, {force: true});
  } catch {
    // a directory or an unwritable folder: left as it is
  }
};
