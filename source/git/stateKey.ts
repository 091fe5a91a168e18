/**
 * The per-user key that authenticates what gto-tui keeps in a repository's `.git/gto-tui/`
 * (keptFile.ts): 32 random bytes in `$XDG_STATE_HOME/gto-tui/key` (`~/.local/state/gto-tui/key`
 * by default), a regular file its owner alone can read. Anyone who can write a git dir — a CI
 * job reusing a workspace, whoever made a repository archive — can write the caches there but
 * not this file, so cannot make kept data a read believes.
 *
 * Without a key nothing is kept and every read is a first read: no home (neither variable an
 * absolute path), a key that cannot be made (a read-only home) or read, one that is not the
 * user's own 32-byte file with no group or other permissions, or one inside the repository
 * being read (whoever wrote the repository could have written the key). A key is never made
 * inside any repository, where a commit or an archive would carry it along.
 */
import {randomBytes} from 'node:crypto';
import {closeSync, constants, existsSync, fstatSync, fsyncSync, linkSync, mkdirSync, openSync, readSync, realpathSync, rmSync, writeSync} from 'node:fs';
import path from 'node:path';
import {traceNote} from './exec.js';
import {createExclusive} from './keptFile.js';

const KEY_BYTES = 32;

/** O_NOFOLLOW: a symlink planted at the key's name is refused, not followed (0 where there is none). */
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
/** O_NONBLOCK: opening a FIFO planted there returns at once instead of waiting for a writer. */
const NONBLOCK = constants.O_NONBLOCK ?? 0;

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Where the key lives: `$XDG_STATE_HOME/gto-tui/key` when XDG_STATE_HOME is an absolute path
 * (the XDG spec says to ignore a relative one), else `$HOME/.local/state/gto-tui/key`; null
 * when neither is absolute (never a guess such as the working directory, which may be the
 * repository itself).
 */
export const stateKeyFile = (env: Env = process.env): string | null => {
  const state = env['XDG_STATE_HOME'];
  if (state !== undefined && path.isAbsolute(state)) return path.join(state, 'gto-tui', 'key');
  const home = env['HOME'];
  if (home !== undefined && path.isAbsolute(home)) return path.join(home, '.local', 'state', 'gto-tui', 'key');
  return null;
};

type Loaded = {readonly key: Buffer; readonly realDir: string} | {readonly key: null; readonly why: string};

/** Keys by file, read (or made) once per process: a TUI reads many times. */
const loaded = new Map<string, Loaded>();
const noted = new Set<string>();

/**
 * The key for what gto-tui keeps in `repo`'s git dir, or null when nothing may be kept (the
 * reason goes to the `-v` log once).
 */
export const keptDataKey = (repo: {readonly root: string; readonly gitDir: string}): Buffer | null => {
  const file = stateKeyFile();
  let entry: Loaded;
  if (file === null) entry = {key: null, why: 'neither XDG_STATE_HOME nor HOME is an absolute path'};
  else {
    entry = loaded.get(file) ?? loadKey(file);
    loaded.set(file, entry);
  }
  if (entry.key === null) return skip(`nothing kept in .git/gto-tui: ${entry.why}`);
  if (within(entry.realDir, repo.root) || within(entry.realDir, repo.gitDir)) {
    return skip(`nothing kept in .git/gto-tui: the key ${file} is inside the repository read`);
  }
  return entry.key;
};

const skip = (line: string): null => {
  if (!noted.has(line)) traceNote(line);
  noted.add(line);
  return null;
};

/** `child` is `parent` or below it (both absolute). */
const within = (child: string, parent: string): boolean => {
  const relative = path.relative(parent, child);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
};

const loadKey = (file: string): Loaded => {
  const found = readKey(file);
  if (found !== 'absent') return found;
  const refused = createKey(file);
  if (refused !== null) return {key: null, why: refused};
  // read back: when another process made it first, its key is the one on disk
  const made = readKey(file);
  return made === 'absent' ? {key: null, why: `${file} vanished after it was made`} : made;
};

const codeOf = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? String(error);

const readKey = (file: string): Loaded | 'absent' => {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | NOFOLLOW | NONBLOCK);
  } catch (error) {
    return codeOf(error) === 'ENOENT' ? 'absent' : {key: null, why: `the key ${file} cannot be read (${codeOf(error)})`};
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size !== KEY_BYTES) return {key: null, why: `the key ${file} is not a ${KEY_BYTES}-byte file`};
    const uid = process.geteuid?.();
    if (uid !== undefined && (stat.uid !== uid || (stat.mode & 0o077) !== 0)) {
      return {key: null, why: `the key ${file} is not the user's own file readable by the user alone`};
    }
    const key = Buffer.alloc(KEY_BYTES);
    if (readSync(fd, key, 0, KEY_BYTES, 0) !== KEY_BYTES) return {key: null, why: `the key ${file} cannot be read`};
    return {key, realDir: realpathSync.native(path.dirname(file))};
  } catch (error) {
    return {key: null, why: `the key ${file} cannot be read (${codeOf(error)})`};
  } finally {
    closeSync(fd);
  }
};

/**
 * Make the key: written whole to an exclusively created temporary file, then linked to its
 * name, which fails if the name exists (another process was first: its key stands). Where hard
 * links are not supported, the name itself is created exclusively. Null when made, else why not.
 */
const createKey = (file: string): string | null => {
  const dir = path.dirname(file);
  const repository = enclosingRepository(dir);
  if (repository !== null) return `the key's place ${dir} is inside the git repository ${repository}`;
  try {
    mkdirSync(dir, {recursive: true, mode: 0o700});
  } catch (error) {
    return `${dir} cannot be made (${codeOf(error)})`;
  }
  const key = randomBytes(KEY_BYTES);
  const temp = path.join(dir, `.key.${randomBytes(12).toString('hex')}.tmp`);
  try {
    writeNew(temp, key);
  } catch (error) {
    return `the key ${file} cannot be made (${codeOf(error)})`;
  }
  try {
    linkSync(temp, file);
  } catch (error) {
    const code = codeOf(error);
    if (code !== 'EEXIST') {
      try {
        writeNew(file, key);
      } catch (again) {
        if (codeOf(again) !== 'EEXIST') return `the key ${file} cannot be made (${code}, then ${codeOf(again)})`;
      }
    }
  } finally {
    rmSync(temp, {force: true});
  }
  return null;
};

/** Create `file` exclusively (never through a symlink), owner-only, with `bytes` on disk before it is used. */
const writeNew = (file: string, bytes: Buffer): void => {
  const fd = createExclusive(file);
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
};

/**
 * The repository `dir` lies in (a work tree: an ancestor holding `.git`; or a git dir: one
 * holding HEAD, objects and refs), judged on the real path of its nearest existing ancestor;
 * null when none.
 */
const enclosingRepository = (dir: string): string | null => {
  let at = realNearest(dir);
  for (;;) {
    if (existsSync(path.join(at, '.git'))) return at;
    if (existsSync(path.join(at, 'HEAD')) && existsSync(path.join(at, 'objects')) && existsSync(path.join(at, 'refs'))) return at;
    const parent = path.dirname(at);
    if (parent === at) return null;
    at = parent;
  }
};

/** `dir` with its nearest existing ancestor resolved to a real path (the rest does not exist yet). */
const realNearest = (dir: string): string => {
  const rest: string[] = [];
  let at = path.resolve(dir);
  for (;;) {
    try {
      return path.join(realpathSync.native(at), ...rest);
    } catch {
      const parent = path.dirname(at);
      if (parent === at) return path.resolve(dir);
      rest.unshift(path.basename(at));
      at = parent;
    }
  }
};
