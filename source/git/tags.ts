/**
 * Reading every tag in one `git for-each-ref` (spec §12: the cost GTO pays per tag, #156, is
 * the thing to avoid). This is the hot path: one process, one string, one pass.
 */
import type {ObjectType, TagRecord} from '../registry/records.js';
import {existsSync, realpathSync} from 'node:fs';
import path from 'node:path';
import {GitError, gitOutput, inRepo, streamGit, traceNote, type GitOptions} from './exec.js';
import {FORMAT, malformed, objectType, objectTypes, PREFIX, TagRecordParser} from './forEachRef.js';
import {ObjectCache, objectCacheFile, type TagFields} from './objectCache.js';
import {ObjectReader} from './objects.js';
import {parseTagObject, type TagObject} from './parseObjects.js';
import type {Repository} from './repository.js';

export {parseRawDate} from './parseObjects.js';
export {parseTagRecords, TagRecordParser} from './forEachRef.js';


/**
 * All tags, sorted by name in byte order (for-each-ref's default `refname` sort, which is the
 * order GTO uses as its tie-breaker, §0.3). Uses the repository's object cache (objectCache.ts)
 * and updates it. `onRecord` sees each record as soon as it is known (while git is still
 * listing on a cold read, before tags on tags are peeled).
 */
export const readTagRecords = async (repo: Repository, onRecord?: (record: TagRecord) => void): Promise<TagRecord[]> => {
  const cache = ObjectCache.open(repo);
  const process: {reader: ObjectReader | null} = {reader: null};
  try {
    const records = await listTagRecords(repo, {cache, objects: () => (process.reader ??= new ObjectReader(repo)), onRecord});
    // a read of tags alone does not know which commits are still needed: keep them
    cache?.save(true);
    return records;
  } finally {
    await process.reader?.close();
  }
};

export type TagListing = {
  /** The object cache (null: none kept, as for a temporary clone). */
  readonly cache: ObjectCache | null;
  /** The cat-file process for objects the cache lacks, started on first need. */
  readonly objects: () => ObjectReader;
  readonly onRecord?: ((record: TagRecord) => void) | undefined;
};

/**
 * With a cache file, the warm path: one cheap `for-each-ref` of ids and names (git opens no
 * object), the cache for every id it knows, cat-file for the rest. Without one, the cold path:
 * one `for-each-ref` that reads every tag object, remembered in the cache.
 */
export const listTagRecords = (repo: Repository, listing: TagListing): Promise<TagRecord[]> =>
  listing.cache !== null && listing.cache.exists ? listWarm(repo, listing.cache, listing) : listCold(repo, listing.cache, listing.onRecord);

/**
 * A tag on a tag is peeled to the final object with one extra `cat-file --batch-check`, only
 * when such tags exist: git 2.39's `%(*…)` peels once.
 */
const listCold = async (repo: Repository, cache: ObjectCache | null, onRecord?: (record: TagRecord) => void): Promise<TagRecord[]> => {
  let records: TagRecord[] = [];
  const ids: string[] = [];
  let nested = false;
  let replaced = false;
  const parser = new TagRecordParser(
    (record, id) => {
      records.push(record);
      ids.push(id);
      if (record.kind === 'annotated' && record.targetType === 'tag') nested = true;
      onRecord?.(record);
    },
    () => {
      replaced = true;
    },
  );
  const early = cache === null ? undefined : startedCold.get(cache);
  if (early === undefined) await streamGit(coldListingArgs(cache !== null), inRepo(repo), (chunk) => parser.write(chunk));
  else {
    startedCold.delete(cache!);
    for (const chunk of early.chunks.splice(0)) parser.write(chunk);
    early.take = (chunk) => parser.write(chunk);
    await early.listed;
  }
  parser.end();
  if (replaced) {
    bypassed(cache!);
    cache = null;
  }
  if (nested) {
    const tagTargets = records.filter((record) => record.kind === 'annotated' && record.targetType === 'tag').map((record) => record.target);
    const peeled = await peelFully(repo, [...new Set(tagTargets)]);
    records = records.map((record) => {
      if (record.kind !== 'annotated' || record.targetType !== 'tag') return record;
      const final = peeled.get(record.target);
      return final === undefined ? record : {...record, target: final.sha, targetType: final.type};
    });
  }
  if (cache !== null) {
    // exactly what the warm path's listing prints, so the next read finds it unchanged
    let listing = '';
    for (let i = 0; i < records.length; i++) listing += `${ids[i]!}\0${PREFIX}${records[i]!.name}\n`;
    cache.setListing(listing, records);
  }
  return records;
};

/**
 * The cold listing's command. With a cache to fill, replace refs are listed too (they sort
 * apart from the tags): what git read through them must not be kept as what their ids name.
 */
const coldListingArgs = (withReplaceRefs: boolean): string[] => ['for-each-ref', `--format=${FORMAT}`, 'refs/tags', ...(withReplaceRefs ? [replaceRefBase()] : [])];

/** A cold listing started before discovery (startListingIn): its output waits here until listCold parses it. */
type EarlyColdListing = {readonly chunks: Buffer[]; take: ((chunk: Buffer) => void) | null; readonly listed: Promise<void>};

const startColdListing = (options: GitOptions): EarlyColdListing => {
  const chunks: Buffer[] = [];
  const early: {chunks: Buffer[]; take: ((chunk: Buffer) => void) | null; listed: Promise<void>} = {chunks, take: null, listed: Promise.resolve()};
  early.listed = streamGit(coldListingArgs(true), options, (chunk) => (early.take === null ? chunks.push(chunk) : early.take(chunk)));
  early.listed.catch(() => {}); // awaited by listCold
  return early;
};

const LISTING = '%(objectname)%00%(refname)';

/**
 * Where git looks for replace refs (`git replace`): GIT_REPLACE_REF_BASE, which git reads from
 * the environment the listing inherits, or refs/replace/.
 */
const replaceRefBase = (): string => process.env['GIT_REPLACE_REF_BASE'] ?? 'refs/replace/';

const bypassed = (cache: ObjectCache): void => {
  cache.bypass();
  traceNote('the repository has replace refs: nothing is read from or kept in .git/gto-tui');
};

/**
 * Any line of a listing of refs/tags and the replace refs that is not a tag: refs come sorted
 * by name and refs/tags/ is one block of that order, so another ref is first or last.
 */
const hasOtherRefs = (output: string): boolean =>
  output !== '' && (!output.startsWith(PREFIX, output.indexOf('\0') + 1) || !output.startsWith(PREFIX, output.lastIndexOf('\0') + 1));

/**
 * A warm listing compared with the cache: its text, whether it is the listing stored there,
 * and whether the repository has replace refs (then the cache has been bypassed, and the
 * listing is not the tags').
 */
export type Compared = {readonly output: string; readonly unchanged: boolean; readonly replaced: boolean};

/**
 * Start the warm path's for-each-ref and, while git lists, read, verify and parse the cache
 * file; then compare.
 * Parsing starts after the current task, so whatever else the caller starts now (rev-parse,
 * cat-file) is spawned first and the parsing overlaps git's work, not the other way round.
 */
const startWarmListing = (cache: ObjectCache, options: GitOptions): Promise<Compared> => {
  const chunks: Buffer[] = [];
  // the replace refs in the same listing: knowing there are none costs no process
  const listed = streamGit(['for-each-ref', `--format=${LISTING}`, 'refs/tags', replaceRefBase()], options, (chunk) => chunks.push(chunk));
  listed.catch(() => {}); // awaited below
  const compared = (async (): Promise<Compared> => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    cache.load();
    await listed;
    const output = Buffer.concat(chunks).toString('utf8');
    if (hasOtherRefs(output)) {
      bypassed(cache);
      return {output, unchanged: false, replaced: true};
    }
    return {output, unchanged: cache.storedListing === output, replaced: false};
  })();
  compared.catch(() => {}); // awaited by listWarm
  return compared;
};

/** A cache opened (and its listing started) by startListing, not yet taken by openCache. */
let started: {readonly gitDir: string; readonly cache: ObjectCache | null} | null = null;
const startedListings = new WeakMap<ObjectCache, Promise<Compared>>();
const startedCold = new WeakMap<ObjectCache, EarlyColdListing>();

/** A listing started by startListingIn before discovery (warm, or cold without a cache file), its cache, and the git dir it guessed. */
let guessed:
  | {readonly gitDir: string; readonly cache: ObjectCache; readonly compared: Promise<Compared>}
  | {readonly gitDir: string; readonly cache: ObjectCache; readonly cold: EarlyColdListing}
  | null = null;

/** `dir` is a git dir as git itself would take it: a directory with HEAD, objects and refs. */
const looksLikeGitDir = (dir: string): boolean =>
  existsSync(path.join(dir, 'HEAD')) && existsSync(path.join(dir, 'objects')) && existsSync(path.join(dir, 'refs'));

/**
 * Before discovery has said where the repository is: when `dir` looks like a repository's top
 * level (or a bare one), start listing the tags there now, while rev-parse runs: with an object
 * cache, the warm path's for-each-ref, and the cache is read while git lists; without one (a
 * first read, as in CI), the cold path's for-each-ref, whose output waits for listCold. git
 * finds the same repository from `dir` with the same environment as discovery's rev-parse
 * (`isolate` as there); startListing uses the result only when discovery names the guessed git
 * dir, so a wrong guess costs one listing nobody reads and nothing else.
 */
export const startListingIn = (dir: string, isolate: boolean): void => {
  guessed = null;
  for (const candidate of [path.join(dir, '.git'), dir]) {
    const kept = existsSync(objectCacheFile({gitDir: candidate}));
    if (!kept && !looksLikeGitDir(candidate)) continue;
    const gitDir = realpathSync(candidate);
    // the work tree as discovery will name it (for the key's check that it lies outside)
    const root = candidate === dir ? (path.basename(gitDir) === '.git' ? path.dirname(gitDir) : gitDir) : realpathSync(dir);
    const cache = ObjectCache.open({root, gitDir, clonedFrom: null});
    if (cache === null) return;
    const options = {cwd: dir, isolate};
    guessed = cache.exists ? {gitDir, cache, compared: startWarmListing(cache, options)} : {gitDir, cache, cold: startColdListing(options)};
    return;
  }
};

/**
 * Open `repo`'s object cache now and, when it exists, start the warm path's for-each-ref (or
 * take the one startListingIn guessed right), so git lists while the command's modules still
 * load. The next `openCache` of the same repository takes both.
 */
export const startListing = (repo: Repository): void => {
  const early = guessed;
  guessed = null;
  if (early !== null && early.gitDir === repo.gitDir && repo.clonedFrom === null) {
    if ('compared' in early) startedListings.set(early.cache, early.compared);
    else startedCold.set(early.cache, early.cold);
    started = {gitDir: repo.gitDir, cache: early.cache};
    return;
  }
  const cache = ObjectCache.open(repo);
  if (cache !== null && cache.exists) startedListings.set(cache, startWarmListing(cache, inRepo(repo)));
  started = {gitDir: repo.gitDir, cache};
};

/** Drop what startListing started and nobody took. */
export const forgetListing = (): void => {
  started = null;
  guessed = null;
};

/** `ObjectCache.open`, or the cache startListing opened for this repository. */
export const openCache = (repo: Repository): ObjectCache | null => {
  const early = started;
  started = null;
  return early !== null && early.gitDir === repo.gitDir ? early.cache : ObjectCache.open(repo);
};

/**
 * The warm listing of `cache`'s repository (the one already started, or a new one), compared
 * with the cache: what the registry snapshot is keyed on. Null without a cache file.
 */
export const warmListing = (repo: Repository, cache: ObjectCache | null): Promise<Compared> | null => {
  if (cache === null || !cache.exists) return null;
  let compared = startedListings.get(cache);
  if (compared === undefined) {
    compared = startWarmListing(cache, inRepo(repo));
    startedListings.set(cache, compared);
  }
  return compared;
};

const listWarm = async (repo: Repository, cache: ObjectCache, listing: TagListing): Promise<TagRecord[]> => {
  const {output, unchanged, replaced} = await warmListing(repo, cache)!;
  startedListings.delete(cache);
  const onRecord = listing.onRecord;
  // the listing had only ids; with replace refs every tag is read as a first read would, and
  // when the cache's seal is broken, listing as a first read costs less than reading each tag object
  if (replaced) return listCold(repo, null, onRecord);
  if (cache.rejected) return listCold(repo, cache, onRecord);
  const stored = unchanged ? cache.recordsFor(output) : null;
  if (stored !== null) {
    if (onRecord !== undefined) for (const record of stored) onRecord(record);
    return stored;
  }
  const records: TagRecord[] = [];
  let missing: {index: number; id: string; name: string}[] | null = null;
  let pos = 0;
  const length = output.length;
  while (pos < length) {
    const nul = output.indexOf('\0', pos);
    const newline = nul === -1 ? -1 : output.indexOf('\n', nul);
    if (newline === -1 || !output.startsWith(PREFIX, nul + 1)) throw malformed(pos);
    const id = output.slice(pos, nul);
    const name = output.slice(nul + 1 + PREFIX.length, newline);
    pos = newline + 1;
    const entry = cache.tag(id);
    if (entry === undefined) {
      (missing ??= []).push({index: records.length, id, name});
      records.push(PLACEHOLDER);
    } else records.push(recordOf(name, id, entry));
  }
  if (missing !== null) {
    await readTagObjects(listing.objects(), cache, [...new Set(missing.map((m) => m.id))]);
    for (const {index, id, name} of missing) {
      const entry = cache.tag(id);
      if (entry === undefined) throw new GitError(`missing object ${id} for refs/tags/${name}`, ['for-each-ref'], 0, '');
      records[index] = recordOf(name, id, entry);
    }
  }
  cache.setListing(output, records);
  if (onRecord !== undefined) for (const record of records) onRecord(record);
  return records;
};

const PLACEHOLDER: TagRecord = {kind: 'lightweight', name: '', target: '', targetType: 'commit'};

const recordOf = (name: string, id: string, entry: TagFields | ObjectType): TagRecord =>
  typeof entry === 'string'
    ? {kind: 'lightweight', name, target: id, targetType: entry}
    : {kind: 'annotated', name, target: entry.target, targetType: entry.targetType, tagger: entry.tagger, message: entry.message};

/** Longest tag-on-tag chain followed (git's own peel stops much earlier in practice). */
const MAX_CHAIN = 64;

/**
 * Read objects the cache lacks into it: the type of each, and for tag objects their fields with
 * the target peeled through any chain of tags (each tag of the chain is cached too).
 */
const readTagObjects = async (reader: ObjectReader, cache: ObjectCache, ids: readonly string[]): Promise<void> => {
  const infos = await reader.ask(ids.map((object) => ({verb: 'info' as const, object})));
  let toRead: string[] = [];
  ids.forEach((id, i) => {
    const answer = infos[i];
    if (answer?.kind !== 'found') return;
    if (answer.type === 'tag') toRead.push(id);
    else cache.addTag(id, objectType(answer.type));
  });
  const parsed = new Map<string, TagObject>();
  for (let depth = 0; toRead.length > 0 && depth < MAX_CHAIN; depth++) {
    const answers = await reader.ask(toRead.map((object) => ({verb: 'contents' as const, object})));
    const next = new Set<string>();
    toRead.forEach((id, i) => {
      const answer = answers[i];
      if (answer?.kind !== 'found' || answer.contents === null) return;
      if (answer.type !== 'tag') {
        cache.addTag(id, objectType(answer.type));
        return;
      }
      const tag = parseTagObject(answer.contents.toString('utf8'));
      parsed.set(id, tag);
      if (tag.type === 'tag' && !parsed.has(tag.object) && cache.tag(tag.object) === undefined) next.add(tag.object);
    });
    toRead = [...next];
  }
  /** The non-tag object at the end of the chain from `id`, or null when the chain breaks. */
  const finalOf = (id: string, depth: number): {target: string; targetType: ObjectType} | null => {
    const tag = parsed.get(id);
    if (tag === undefined) {
      const entry = cache.tag(id);
      if (entry === undefined) return null;
      if (typeof entry === 'string') return {target: id, targetType: entry};
      return entry.targetType === 'tag' ? null : entry;
    }
    if (tag.type !== 'tag') return {target: tag.object, targetType: objectType(tag.type)};
    return depth >= MAX_CHAIN ? null : finalOf(tag.object, depth + 1);
  };
  for (const [id, tag] of parsed) {
    // like `^{}` on the cold path: a broken chain leaves the tag peeled once
    const final = tag.type === 'tag' ? (finalOf(tag.object, 0) ?? {target: tag.object, targetType: 'tag' as const}) : {target: tag.object, targetType: objectType(tag.type)};
    cache.addTag(id, {target: final.target, targetType: final.targetType, tagger: tag.tagger, message: tag.message});
  }
};

/** sha of a tag object → the object at the end of its tag chain. */
const peelFully = async (repo: Repository, tagShas: readonly string[]): Promise<Map<string, {sha: string; type: ObjectType}>> => {
  const output = await gitOutput(['cat-file', '--batch-check=%(objectname) %(objecttype)'], {
    ...inRepo(repo),
    input: tagShas.map((sha) => `${sha}^{}\n`).join(''),
  });
  const peeled = new Map<string, {sha: string; type: ObjectType}>();
  output
    .split('\n')
    .slice(0, tagShas.length)
    .forEach((line, i) => {
      const [sha, type] = line.split(' ');
      const tag = tagShas[i];
      if (tag !== undefined && sha !== undefined && type !== undefined && objectTypes.has(type)) {
        peeled.set(tag, {sha, type: type as ObjectType});
      }
    });
  return peeled;
};

/** Just the tag names, byte-sorted (cheap: no object is read). */
export const tagNames = async (repo: Repository): Promise<string[]> => {
  const output = await gitOutput(['for-each-ref', '--format=%(refname)', 'refs/tags'], inRepo(repo));
  return output
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => (line.startsWith(PREFIX) ? line.slice(PREFIX.length) : line));
};
