/**
 * The registry snapshot, `<gitDir>/gto-tui/registry-v2` (`registry-v2-dvc` for reads with HEAD's
 * dvc.yaml artifacts): the state the last read built, with
 * what it was built from. The state is a pure function of the tag listing (tag object ids and
 * names: objects never change for an id), HEAD's commit, the annotations file's path, whether
 * HEAD's dvc.yaml files were read and the program itself, so a read whose five match takes the
 * state from here instead of building it. Anything else — another listing, HEAD moved, another
 * program build, a damaged file or one not sealed with the user's key (keptFile.ts) — is a miss,
 * and the read builds as usual. Only a read whose listing showed no replace refs comes here
 * (git/tags.ts).
 *
 * Body (sealed as keptFile.ts says): the key as one JSON line, the listing (its length is in
 * the key), and the registry text (registry/snapshot.ts). All ASCII: a listing with other
 * characters is not snapshotted, so reading the body as latin1 is exact.
 */
import path from 'node:path';
import type {Registry} from '../registry/model.js';
import {asciiJson, registryFromText, registryToText} from '../registry/snapshot.js';
import {traceNote} from './exec.js';
import {readKept, removeQuietly, writeKept, type Seal} from './keptFile.js';
import type {Repository} from './repository.js';
import {keptDataKey} from './stateKey.js';

const FILE = path.join('gto-tui', 'registry-v2');
/**
 * The state with HEAD's dvc.yaml artifacts (the TUI, `--dvc`) is kept beside the one without
 * (GTO's commands), so the two kinds of read do not replace each other's snapshot.
 */
const DVC_FILE = path.join('gto-tui', 'registry-v2-dvc');
/** The unsealed format before it, removed when this one is written. */
const OLD_FILE = path.join('gto-tui', 'registry-v1');
const MAGIC = 'gto-tui-registry 2';

export type SnapshotKey = {
  /** HEAD's commit (its annotations file enriches the state), null without commits. */
  readonly head: string | null;
  /** The annotations file's path (`.gto` INDEX). */
  readonly index: string;
  /** Whether HEAD's dvc.yaml annotations joined the state (they are fixed by HEAD's commit). */
  readonly dvc: boolean;
  /** The warm listing (`<id>\0refs/tags/<name>\n` per tag) the state was built from. */
  readonly listing: string;
};

type StoredKey = {build: string; head: string | null; index: string; dvc: boolean; listingLength: number};

/**
 * Which program built a snapshot. The launcher names the bundle (its size and time, so a
 * rebuild or an upgrade never reads an older program's state); without it (tests, a plain
 * `tsc` build) a snapshot serves only the process that wrote it.
 */
let build = `process ${process.pid} ${Date.now()} ${Math.random()}`;

export const setBuildIdentity = (identity: string): void => {
  build = identity;
};

export const registrySnapshotFile = (repo: Pick<Repository, 'gitDir'>, dvc = false): string => path.join(repo.gitDir, dvc ? DVC_FILE : FILE);

const sealFor = (repo: Repository): Seal | null => {
  if (repo.clonedFrom !== null) return null;
  const key = keptDataKey(repo);
  return key === null ? null : {key, magic: MAGIC, gitDir: repo.gitDir};
};

/** The snapshot's registry when its key is exactly `key`, else null (never throws). */
export const readRegistrySnapshot = (repo: Repository, key: SnapshotKey): Registry | null => {
  const seal = sealFor(repo);
  if (seal === null) return null;
  try {
    const text = readKept(registrySnapshotFile(repo, key.dvc), seal, 'latin1');
    if (text === null) return null;
    const keyEnd = text.indexOf('\n');
    const stored = JSON.parse(text.slice(0, keyEnd)) as StoredKey;
    if (stored.build !== build || stored.head !== key.head || stored.index !== key.index || stored.dvc !== key.dvc || stored.listingLength !== key.listing.length) return null;
    const listingEnd = keyEnd + 1 + stored.listingLength;
    if (text.slice(keyEnd + 1, listingEnd) !== key.listing) return null;
    const registry = registryFromText(text.slice(listingEnd));
    traceNote(`registry state from ${registrySnapshotFile(repo, key.dvc)} (built by an earlier read of the same tags at the same HEAD)`);
    return registry;
  } catch {
    return null;
  }
};

/** Keep `registry` as built from `key` (atomically); silently not kept when it cannot be. */
export const writeRegistrySnapshot = (repo: Repository, key: SnapshotKey, registry: Registry): void => {
  const seal = sealFor(repo);
  if (seal === null || /[^\x00-\x7f]/.test(key.listing)) return;
  const registryText = registryToText(registry);
  if (registryText === null) return;
  const stored: StoredKey = {build, head: key.head, index: key.index, dvc: key.dvc, listingLength: key.listing.length};
  const file = registrySnapshotFile(repo, key.dvc);
  const written = writeKept(file, seal, (emit) => {
    emit(`${asciiJson(stored)}\n`, 'latin1');
    emit(key.listing, 'latin1');
    emit(registryText, 'latin1');
  });
  // not written (a read-only git dir): reads build the state, as without a snapshot
  if (!written) return;
  removeQuietly(path.join(repo.gitDir, OLD_FILE));
  traceNote(`registry state kept in ${file} for the next read`);
};
