/**
 * Reading a repository into the registry model: `.gto` from the working tree, all tags in one
 * `for-each-ref`, and every commit the state needs (with its annotations file) in one
 * `cat-file --batch-command`, with the object cache (git/objectCache.ts) sparing git the
 * objects read before. Two git processes per command, running concurrently. Asked for, the
 * dvc.yaml files at HEAD and `.gto-tui.yaml` at HEAD come through the same cat-file
 * (git/dvcFiles.ts, git/rulesFile.ts).
 */
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {cachedDvcFiles, readDvcFiles} from './git/dvcFiles.js';
import {CommitReader, ObjectReader} from './git/objects.js';
import {openRepository, type Repository} from './git/repository.js';
import type {ObjectCache} from './git/objectCache.js';
import {readRegistrySnapshot, writeRegistrySnapshot} from './git/registrySnapshot.js';
import {readRulesText} from './git/rulesFile.js';
import {listTagRecords, openCache, warmListing, type Compared} from './git/tags.js';
import {refMoments} from './git/moments.js';
import {unreadAnnotationsLine} from './output/messages.js';
import {MAX_ANNOTATIONS_BYTES} from './registry/annotations.js';
import {parseConfig, type Config} from './registry/config.js';
import {readDvcAnnotations, type DvcAnnotations, type DvcFile} from './registry/dvc.js';
import type {Registry} from './registry/model.js';
import type {CommitRecord, TagRecord, Timestamp} from './registry/records.js';
import {NO_RULES, parseRulesFile, type RulesFile} from './registry/rules.js';
import {buildRegistrySteps, commitsToRead, type RegistryInput} from './registry/state.js';
import {finishPausing, pause} from './stop.js';
import type {YamlResult} from './registry/yaml.js';

type Env = Readonly<Record<string, string | undefined>>;

export type Loaded = {
  readonly config: Config;
  readonly tags: readonly TagRecord[];
  readonly head: string | null;
  readonly registry: Registry;
  /** The dvc.yaml annotations at HEAD (and their problems) when the read was asked for them, else null. */
  readonly dvc: DvcAnnotations | null;
  /** The promotion rules of `.gto-tui.yaml` at HEAD when the read was asked for them, else null. */
  readonly rules: RulesFile | null;
};

/** `.gto` of the working tree (§6.1); none in a bare repository. */
export const loadConfig = async (repo: Repository, env: Env): Promise<Config> => {
  const file = path.join(repo.root, '.gto');
  let text: string | null = null;
  if (!repo.bare) {
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return parseConfig({text, path: file, env});
};

export type LoadOptions = {
  /** `.gto` already read (by a command that needed it first). */
  readonly config?: Config;
  /**
   * HEAD's commit when known from opening the repository just now (OpenedRepository's
   * `headAtOpen`); otherwise HEAD is resolved in the same cat-file batch as the commits.
   */
  readonly head?: string | null;
  /** Receives one line per annotations file too large to read (the CLI prints them on stderr). */
  readonly warn?: (line: string) => void;
  /** Read the dvc.yaml files at HEAD too: their artifacts join the registry (registry/dvc.ts). */
  readonly dvc?: boolean;
  /** Read `.gto-tui.yaml` at HEAD too (assign and the TUI judge by its promotion rules; GTO's reads never do). */
  readonly rules?: boolean;
};

/** The read's warnings about annotations files left out for their size. */
const warnUnread = (loaded: Loaded, warn: ((line: string) => void) | undefined): Loaded => {
  if (warn !== undefined) {
    for (const {commit, bytes} of loaded.registry.unreadAnnotations) {
      warn(unreadAnnotationsLine(loaded.config.index, commit, bytes, MAX_ANNOTATIONS_BYTES));
    }
  }
  return loaded;
};

export const loadRegistry = async (repo: Repository, env: Env, options: LoadOptions = {}): Promise<Loaded> =>
  warnUnread(await readRegistry(repo, env, options), options.warn);

const readRegistry = async (repo: Repository, env: Env, options: LoadOptions): Promise<Loaded> => {
  const cache = openCache(repo);
  // With HEAD known and an object cache, the read is keyed: the listing may be the one whose
  // state the last read kept (git/registrySnapshot.ts).
  const warm = options.head === undefined ? null : warmListing(repo, cache);
  const withDvc = options.dvc === true;
  let config = options.config;
  if (warm !== null) {
    config ??= await loadConfig(repo, env);
    const snapshot = await fromSnapshot(repo, cache!, warm, options.head!, config, withDvc, options.rules === true);
    if (snapshot !== null) return snapshot;
  }
  const {input, dvc, rules} = await readRecords(repo, env, cache, {...options, ...(config === undefined ? {} : {config})}, []);
  const {tags, head} = input;
  // a million tags take seconds to build: pausing lets a signal stop the read meanwhile
  const registry = await finishPausing(buildRegistrySteps(input));
  if (warm !== null && head === options.head) {
    // writing the snapshot is seconds of work at a million tags, none of it pausable: a signal
    // that came while building stops the read before it starts
    await pause();
    // Only a repository read before (it has an object cache) keeps its state: a one-off read
    // of a fresh clone, as in CI, does not pay for a snapshot nobody reads. Nor does one with
    // replace refs, whose state is not a function of the listing.
    const {output, replaced} = await warm;
    if (!replaced) writeRegistrySnapshot(repo, {head, index: input.config.index, dvc: options.dvc === true, listing: output}, registry);
  }
  return {config: input.config, tags, head, registry, dvc, rules};
};

/** What the state is built from, and the moment each asked ref names (null: no tag or commit). */
export type Records = {
  readonly input: RegistryInput;
  readonly refs: ReadonlyMap<string, Timestamp | null>;
  /** HEAD's dvc.yaml annotations and their problems, when asked for (`dvc` option). */
  readonly dvc: DvcAnnotations | null;
  /** The promotion rules of `.gto-tui.yaml` at HEAD, when asked for (`rules` option). */
  readonly rules: RulesFile | null;
};

/**
 * The records the state is built from, read afresh (never from the registry snapshot): for the
 * state as of a moment (registry/timeline.ts), whose tags are a part of these. `refs` are git
 * refs whose time a moment names, looked up in the same cat-file process.
 */
export const loadRecords = (repo: Repository, env: Env, options: LoadOptions = {}, refs: readonly string[] = []): Promise<Records> =>
  readRecords(repo, env, openCache(repo), options, refs);

const readRecords = async (
  repo: Repository,
  env: Env,
  cache: ObjectCache | null,
  options: LoadOptions,
  refs: readonly string[],
): Promise<Records> => {
  const config = options.config;
  const withDvc = options.dvc === true;
  // Pipelined (spec §12): for-each-ref lists while the object cache is parsed, and on a cold
  // read version commits are asked of cat-file while for-each-ref is still listing. One
  // cat-file process serves HEAD, commits, blobs and any tag object the cache lacks.
  let commitReader: CommitReader | null = null;
  const early: string[] = [];
  let nested = false;
  const listing = listTagRecords(repo, {
    cache,
    objects: () => objects,
    onRecord: (record) => {
      if (record.kind !== 'annotated') return;
      if (record.targetType === 'tag') nested = true;
      // Every annotated tag's commit, not just versionCommitOf's: parsing each name here would
      // cost more than the few extra commits (release tags, deprecations), and a commit the
      // state does not need is simply not used.
      else if (record.targetType === 'commit') {
        if (commitReader === null) early.push(record.target);
        else commitReader.request(record.target);
      }
    },
  });
  listing.catch(() => {}); // awaited below; a failure must not count as unhandled meanwhile
  const objects = new ObjectReader(repo);
  // a first read asks for HEAD's commit at least: git starts while for-each-ref sorts the tags
  if ((cache === null || !cache.exists) && options.head !== null) objects.begin();
  // With HEAD known, its tree is walked for dvc.yaml files beside the commits, in the same
  // cat-file (unless the object cache, parsed by now when there is one, knows the walk).
  const knownHead = options.head ?? null;
  let dvcFiles = withDvc && knownHead !== null ? readDvcFiles(() => objects, cache, knownHead) : null;
  dvcFiles?.catch(() => {}); // awaited below; a failure must not count as unhandled meanwhile
  const withRules = options.rules === true;
  let rulesText = withRules && knownHead !== null ? readRulesText(objects, knownHead) : null;
  rulesText?.catch(() => {}); // awaited below, as dvcFiles
  let tags: TagRecord[];
  let read: Map<string, CommitRecord>;
  let resolvedConfig: Config;
  let files: DvcFile[] = [];
  let rules: RulesFile | null = null;
  let moments: ReadonlyMap<string, Timestamp | null> = new Map();
  try {
    resolvedConfig = config ?? (await loadConfig(repo, env));
    const reader = new CommitReader(repo, resolvedConfig.index, {reader: objects, cache});
    commitReader = reader;
    // HEAD is resolved inside the same cat-file batch as the version commits, unless known.
    if (options.head === undefined) reader.request('HEAD');
    else if (options.head !== null) reader.request(options.head);
    for (const commit of early) reader.request(commit);
    const asked = refs.length === 0 ? null : refMoments(objects, refs);
    asked?.catch(() => {}); // awaited below
    tags = await listing;
    // tags on tags are peeled only after a cold listing: their commits are known now
    if (nested) for (const commit of commitsToRead(tags, null)) reader.request(commit);
    read = await reader.done();
    if (asked !== null) moments = await asked;
    if (withDvc) {
      const headSha = options.head === undefined ? (read.get('HEAD')?.sha ?? null) : null;
      if (headSha !== null) dvcFiles = readDvcFiles(() => objects, cache, headSha);
      files = (await dvcFiles) ?? [];
    }
    if (withRules && options.head === undefined) {
      const headSha = read.get('HEAD')?.sha ?? null;
      if (headSha !== null) rulesText = readRulesText(objects, headSha);
    }
    rules = withRules ? parseRulesFile((await rulesText) ?? null) : null;
  } finally {
    void objects.close();
  }
  cache?.save();
  const commits = read;
  let head: string | null;
  if (options.head === undefined) {
    const headRecord = read.get('HEAD');
    head = headRecord?.sha ?? null;
    commits.delete('HEAD');
    if (headRecord !== undefined) commits.set(headRecord.sha, headRecord);
  } else head = options.head !== null && commits.has(options.head) ? options.head : null;
  const dvcFilesAtHead = head === null ? [] : files;
  const parsedYaml = await parseLargeYaml([...annotationTexts(commits), ...dvcTexts(dvcFilesAtHead)]);
  const dvc = withDvc ? readDvcAnnotations(dvcFilesAtHead, parsedYaml) : null;
  const input: RegistryInput = {tags, commits, head, config: resolvedConfig, parsedYaml, ...(dvc === null ? {} : {dvc: dvc.annotations})};
  return {input, refs: moments, dvc, rules};
};

/** The rules at `head` when the state came from the snapshot: one cat-file, only for a read that asks. */
const rulesAt = async (repo: Repository, head: string | null): Promise<RulesFile> => {
  if (head === null) return NO_RULES;
  const objects = new ObjectReader(repo);
  try {
    return parseRulesFile(await readRulesText(objects, head));
  } finally {
    void objects.close();
  }
};

/** YAML texts at least this long are parsed on a worker thread; shorter ones parse in well under 0.1 s. */
const OFF_THREAD_CHARS = 256 * 1024;

function* annotationTexts(commits: ReadonlyMap<string, CommitRecord>): Generator<string> {
  for (const {index} of commits.values()) if (index.kind === 'present') yield index.text;
}

function* dvcTexts(files: readonly DvcFile[]): Generator<string> {
  for (const file of files) if ('text' in file) yield file.text;
}

/**
 * The large texts among `texts` (annotations files, dvc.yaml files), parsed on a worker thread
 * (yamlThread.ts): meanwhile the main thread stays free for a signal's handler.
 */
const parseLargeYaml = async (texts: Iterable<string>): Promise<Map<string, YamlResult> | undefined> => {
  const large = new Set<string>();
  for (const text of texts) if (text.length >= OFF_THREAD_CHARS) large.add(text);
  if (large.size === 0) return undefined;
  const {parseYamlOffThread} = await import('./yamlThread.js');
  return (await parseYamlOffThread([...large])) ?? undefined;
};

/**
 * The snapshot's state when it was built from this very listing, HEAD and annotations path
 * (and with HEAD's dvc.yaml files, whose problems come from the object cache: a read that
 * would have to walk HEAD's tree builds the state instead). The tags themselves are read from
 * the object cache only when a caller asks for them (`show` and `history` never do).
 */
const fromSnapshot = async (
  repo: Repository,
  cache: ObjectCache,
  warm: Promise<Compared>,
  head: string | null,
  config: Config,
  withDvc: boolean,
  withRules: boolean,
): Promise<Loaded | null> => {
  const {output, unchanged} = await warm;
  // unchanged: the object cache holds exactly these tags, so `tags` below can always be read
  if (!unchanged) return null;
  let dvc: DvcAnnotations | null = null;
  if (withDvc) {
    const files = head === null ? [] : cachedDvcFiles(cache, head);
    if (files === null) return null;
    dvc = readDvcAnnotations(files, await parseLargeYaml(dvcTexts(files)));
  }
  const registry = readRegistrySnapshot(repo, {head, index: config.index, dvc: withDvc, listing: output});
  if (registry === null) return null;
  const rules = withRules ? await rulesAt(repo, head) : null;
  let tags: TagRecord[] | null = null;
  return {
    config,
    head,
    registry,
    dvc,
    rules,
    get tags(): TagRecord[] {
      tags ??= cache.recordsFor(output);
      if (tags === null) throw new Error('the object cache in .git/gto-tui is damaged: run the command again');
      return tags;
    },
  };
};

/**
 * Opens `--repo` (the working directory when it is `.`), runs `use`, and always closes it
 * (a cloned URL is removed afterwards). `use` also gets HEAD's commit as just seen while
 * opening, for its one read (`loadRegistry(repo, env, {head})`).
 */
export const withRepository = async <T>(
  repoOption: string | undefined,
  cwd: string,
  use: (repo: Repository, head: string | null) => Promise<T>,
): Promise<T> => {
  const opened = await openRepository(repoOption === undefined || repoOption === '.' ? undefined : repoOption, cwd);
  try {
    return await use(opened.repo, opened.headAtOpen);
  } finally {
    await opened.close();
  }
};
