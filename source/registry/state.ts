/** Builds the registry state from tag and commit records (spec §3.1–3.3). Pure. */
import {parseAnnotations} from './annotations.js';
import type {Config} from './config.js';
import {GtoError} from './errors.js';
import type {
  Annotation,
  Artifact,
  CommitEvent,
  IgnoredTag,
  Registry,
  StageRecord,
  Version,
} from './model.js';
import type {CommitRecord, TagRecord} from './records.js';
import {parseTag, type ParsedTag, type TagAction} from './tag.js';

export type RegistryInput = {
  /** Every ref under refs/tags, sorted by name in byte order (§0.3). */
  readonly tags: readonly TagRecord[];
  /** The commits named by commitsToRead, with their annotations file. */
  readonly commits: ReadonlyMap<string, CommitRecord>;
  /** HEAD's commit, or null in a repository without commits. */
  readonly head: string | null;
  readonly config: Config;
  /**
   * Annotations from the dvc.yaml files at HEAD (dvc.ts), when asked for. At HEAD they count
   * as artifacts.yaml entries do, and win over one of the same name (README: DVC and Studio).
   */
  readonly dvc?: ReadonlyMap<string, Annotation>;
};

type AnnotatedTag = Extract<TagRecord, {kind: 'annotated'}>;

/** A GTO tag of one family: parallel arrays, so 50,000 tags cost no wrapper objects. */
type Family = {readonly records: AnnotatedTag[]; readonly actions: ParsedTag[]};

const newFamily = (): Family => ({records: [], actions: []});

/**
 * The commit a tag makes the state read (a version's commit), or null: deprecation targets are
 * not versions, and @created tags create nothing. Lets the loader ask for commits while tags
 * are still being listed.
 */
export const versionCommitOf = (tag: TagRecord): string | null => {
  if (tag.kind !== 'annotated' || tag.targetType !== 'commit') return null;
  const parsed = parseTag(tag.name);
  return parsed && parsed.action !== 'deprecate' && parsed.action !== 'created' ? tag.target : null;
};

/** The commits whose metadata and annotations file the state needs: version commits and HEAD. */
export const commitsToRead = (tags: readonly TagRecord[], head: string | null): string[] => {
  const commits = new Set<string>();
  for (const tag of tags) {
    const commit = versionCommitOf(tag);
    if (commit !== null) commits.add(commit);
  }
  if (head !== null) commits.add(head);
  return [...commits];
};

/** Python `str.isspace()` characters: `trim()` differs (\x1c–\x1f and \x85 are space, \ufeff is not). */
const isPySpace = (code: number): boolean =>
  (code >= 0x09 && code <= 0x0d) ||
  (code >= 0x1c && code <= 0x20) ||
  code === 0x85 ||
  code === 0xa0 ||
  code === 0x1680 ||
  (code >= 0x2000 && code <= 0x200a) ||
  code === 0x2028 ||
  code === 0x2029 ||
  code === 0x202f ||
  code === 0x205f ||
  code === 0x3000;

/** Python `str.strip()`. */
export const pyStrip = (text: string): string => {
  let start = 0;
  let end = text.length;
  while (start < end && isPySpace(text.charCodeAt(start))) start++;
  while (end > start && isPySpace(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
};

/** Python's repr of a list of plain strings, as GTO puts it in messages. */
export const pyListRepr = (items: readonly string[]): string =>
  `[${items.map((item) => (item.includes("'") && !item.includes('"') ? `"${item}"` : `'${item.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`)).join(', ')}]`;

export const manyVersionsMessage = (artifact: string, versions: readonly string[]): string =>
  `Multiple versions are not allowed on the same Git commit. Violation detected for artifact '${artifact}', versions '${pyListRepr(versions)}'.`;

const NO_ANNOTATIONS: ReadonlyMap<string, Annotation> = new Map();

export const CORRUPT_ANNOTATIONS_MESSAGE = "artifacts.yaml file doesn't conform to GTO format";

/** Lookup tables kept beside each artifact while building, so no step scans a list. */
type ArtifactIndex = {
  readonly artifact: Artifact;
  /** Versions with registration/deregistration events by commit (several on one commit is the ManyVersions case). */
  readonly registeredAt: Map<string, Version[]>;
  /** The sha-named ("discovered") version at a commit, at most one (§3.3 fix). */
  readonly discoveredAt: Map<string, Version>;
};

const newVersion = (artifact: string, version: string, commit: string): Version => ({
  artifact,
  version,
  commit,
  registrations: [],
  deregistrations: [],
  enrichments: [],
  stages: new Map(),
});

/**
 * §2.5: name order first (the tie-breaker), then a stable sort by tagger seconds. Returns the
 * family's indices in that order (numbers only: no per-tag objects).
 */
const timeOrder = (family: Family): readonly number[] | Int32Array => {
  const {records} = family;
  const n = records.length;
  let byName: number[] | null = null;
  for (let i = 1; i < n; i++) {
    if (records[i - 1]!.name > records[i]!.name) {
      // GTO tag names are ASCII, so UTF-16 order is byte order
      byName = Array.from({length: n}, (_, j) => j).sort((a, b) => (records[a]!.name < records[b]!.name ? -1 : records[a]!.name > records[b]!.name ? 1 : 0));
      break;
    }
  }
  let min = Infinity;
  let max = -Infinity;
  let sorted = true;
  let previous = -Infinity;
  for (let rank = 0; rank < n; rank++) {
    const seconds = records[byName === null ? rank : byName[rank]!]!.tagger.time.seconds;
    if (seconds < min) min = seconds;
    if (seconds > max) max = seconds;
    if (seconds < previous) sorted = false;
    previous = seconds;
  }
  if (sorted) return byName ?? Array.from({length: n}, (_, j) => j);
  if ((max - min + 1) * n < 2 ** 53) {
    // One native numeric sort of (seconds, name rank) packed into exact doubles: no comparator
    // calls, which matters when this runs once per command, before the JIT has warmed up.
    const keys = new Float64Array(n);
    for (let rank = 0; rank < n; rank++) keys[rank] = (records[byName === null ? rank : byName[rank]!]!.tagger.time.seconds - min) * n + rank;
    keys.sort();
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const rank = keys[i]! % n;
      order[i] = byName === null ? rank : byName[rank]!;
    }
    return order;
  }
  const ranks = Array.from({length: n}, (_, j) => j);
  const seconds = (rank: number): number => records[byName === null ? rank : byName[rank]!]!.tagger.time.seconds;
  // Array.prototype.sort is stable: ties keep name order
  ranks.sort((a, b) => seconds(a) - seconds(b));
  return byName === null ? ranks : ranks.map((rank) => byName[rank]!);
};

/** Throws GtoError for the states GTO refuses (ManyVersions, corrupt annotations). */
export const buildRegistry = (input: RegistryInput): Registry => {
  const artifacts = new Map<string, Artifact>();
  const indexes = new Map<string, ArtifactIndex>();
  const ignored: IgnoredTag[] = [];

  const artifactIndex = (name: string): ArtifactIndex => {
    let index = indexes.get(name);
    if (!index) {
      const artifact: Artifact = {name, versions: [], deprecations: []};
      artifacts.set(name, artifact);
      index = {artifact, registeredAt: new Map(), discoveredAt: new Map()};
      indexes.set(name, index);
    }
    return index;
  };

  /** The version "at commit X" (§3.1 step 4, §3.1 step 5b). */
  const versionAtCommit = (index: ArtifactIndex, commit: string): Version => {
    const registered = index.registeredAt.get(commit);
    if (registered && registered.length > 1) {
      throw new GtoError(manyVersionsMessage(index.artifact.name, registered.map((v) => v.version)));
    }
    if (registered) return registered[0]!;
    // Deliberate fix of §3.3: reuse the sha-named version already found at this commit
    // instead of creating a duplicate, so an unregistered commit is one version / one row.
    let discovered = index.discoveredAt.get(commit);
    if (!discovered) {
      discovered = newVersion(index.artifact.name, commit, commit);
      index.artifact.versions.push(discovered);
      index.discoveredAt.set(commit, discovered);
    }
    return discovered;
  };

  const deprecations = newFamily();
  const versionTags = newFamily();
  const stageTags = newFamily();
  const tags = input.tags;
  for (let t = 0; t < tags.length; t++) {
    const record = tags[t]!;
    // §2.5: lightweight tags carry no author or date and never make events
    if (record.kind !== 'annotated') continue;
    // every GTO tag has a `#` or an `@`: most other tags (releases like v1.2.3) stop here
    const name = record.name;
    if (name.indexOf('@') === -1 && name.indexOf('#') === -1) continue;
    const parsed = parseTag(name);
    if (!parsed) continue;
    if (record.targetType !== 'commit') {
      ignored.push({tag: record.name, reason: `points at a ${record.targetType}, not a commit`});
      continue;
    }
    if (parsed.action === 'created') {
      // Deliberate fix of §2.6: GTO crashes on `@created` tags; we leave them out
      ignored.push({tag: record.name, reason: '@created tags carry no action (spec §2.6)'});
      continue;
    }
    const family = parsed.action === 'deprecate' ? deprecations : parsed.action === 'register' || parsed.action === 'deregister' ? versionTags : stageTags;
    family.records.push(record);
    family.actions.push(parsed);
  }

  // Object literals with one fixed key order (no spreads, no Object.assign), and indexed loops
  // (no iterator objects in the interpreter): this runs once per tag.
  // §3.1 step 2: deprecations
  const deprecationOrder = timeOrder(deprecations);
  for (let k = 0; k < deprecationOrder.length; k++) {
    const i = deprecationOrder[k]!;
    const record = deprecations.records[i]!;
    const action = deprecations.actions[i]!;
    artifactIndex(action.name).artifact.deprecations.push({
      artifact: action.name,
      createdAt: record.tagger.time,
      author: record.tagger.name,
      authorEmail: record.tagger.email,
      message: pyStrip(record.message),
      commit: record.target,
      tag: record.name,
      kind: 'deprecation',
    });
  }

  // §3.1 step 3: versions match by (name, commit), §3.2
  const versionOrder = timeOrder(versionTags);
  for (let k = 0; k < versionOrder.length; k++) {
    const i = versionOrder[k]!;
    const record = versionTags.records[i]!;
    const action = versionTags.actions[i]!;
    if (action.action !== 'register' && action.action !== 'deregister') continue;
    const index = artifactIndex(action.name);
    const atCommit = index.registeredAt.get(record.target);
    let version: Version | undefined;
    if (atCommit) for (const candidate of atCommit) if (candidate.version === action.version) version = candidate;
    if (!version) {
      version = newVersion(action.name, action.version, record.target);
      index.artifact.versions.push(version);
      if (atCommit) atCommit.push(version);
      else index.registeredAt.set(record.target, [version]);
    }
    const artifact = action.name;
    const createdAt = record.tagger.time;
    const author = record.tagger.name;
    const authorEmail = record.tagger.email;
    const message = pyStrip(record.message);
    const commit = record.target;
    const tag = record.name;
    if (action.action === 'register') {
      version.registrations.push({artifact, createdAt, author, authorEmail, message, commit, tag, kind: 'registration', version: action.version});
    } else {
      version.deregistrations.push({artifact, createdAt, author, authorEmail, message, commit, tag, kind: 'deregistration', version: action.version});
    }
  }

  // §3.1 step 4: stage tags find their version by target commit only
  const stageOrder = timeOrder(stageTags);
  for (let k = 0; k < stageOrder.length; k++) {
    const i = stageOrder[k]!;
    const record = stageTags.records[i]!;
    const action = stageTags.actions[i]!;
    if (action.action !== 'assign' && action.action !== 'unassign') continue;
    const index = artifactIndex(action.name);
    const version = versionAtCommit(index, record.target);
    let stageRecord: StageRecord | undefined = version.stages.get(action.stage);
    if (!stageRecord) {
      stageRecord = {
        artifact: action.name,
        version: version.version,
        commit: version.commit,
        stage: action.stage,
        assignments: [],
        unassignments: [],
      };
      version.stages.set(action.stage, stageRecord);
    }
    const artifact = action.name;
    const createdAt = record.tagger.time;
    const author = record.tagger.name;
    const authorEmail = record.tagger.email;
    const message = pyStrip(record.message);
    const commit = record.target;
    const tag = record.name;
    if (action.action === 'assign') {
      stageRecord.assignments.push({artifact, createdAt, author, authorEmail, message, commit, tag, version: version.version, stage: action.stage, kind: 'assignment'});
    } else {
      stageRecord.unassignments.push({artifact, createdAt, author, authorEmail, message, commit, tag, version: version.version, stage: action.stage, kind: 'unassignment'});
    }
  }

  // §3.1 step 5: enrichment. Each annotations file is parsed once per commit.
  const annotationsCache = new Map<string, ReadonlyMap<string, Annotation>>();
  const parsedByText = new Map<string, ReturnType<typeof parseAnnotations>>();
  const commitAt = (sha: string): CommitRecord => {
    const commit = input.commits.get(sha);
    if (!commit) throw new Error(`commit ${sha} was not read (commitsToRead must cover every version commit and HEAD)`);
    return commit;
  };
  const annotationsAt = (sha: string): ReadonlyMap<string, Annotation> => {
    let annotations = annotationsCache.get(sha);
    if (!annotations) {
      const {index} = commitAt(sha);
      if (index.kind === 'absent') annotations = NO_ANNOTATIONS;
      else {
        // Most commits carry the same file: parse each distinct text once (50k-tag registries).
        const parsed = parsedByText.get(index.text) ?? parseAnnotations(index.text);
        parsedByText.set(index.text, parsed);
        if (parsed.kind === 'corrupt') {
          // GTO logs the literal name `artifacts.yaml` even when INDEX points elsewhere
          throw new GtoError(CORRUPT_ANNOTATIONS_MESSAGE, 'gto', [`Corrupted artifacts.yaml file in commit ${sha}`]);
        }
        annotations = parsed.annotations;
      }
      annotationsCache.set(sha, annotations);
    }
    return annotations;
  };
  const dvc = input.dvc ?? NO_ANNOTATIONS;
  const enrich = (version: Version): void => {
    // a version's commit event is always the same event; GTO's add_event drops the duplicate
    if (version.enrichments.length > 0) return;
    const commit = commitAt(version.commit);
    const fromDvc = version.commit === input.head ? dvc.get(version.artifact) : undefined;
    const event: CommitEvent = {
      kind: 'commit',
      artifact: version.artifact,
      version: version.version,
      createdAt: commit.committer.time,
      author: commit.author.name,
      authorEmail: commit.author.email,
      message: commit.message,
      commit: commit.sha,
      annotation: fromDvc ?? annotationsAt(version.commit).get(version.artifact) ?? null,
      committer: commit.committer.name,
      committerEmail: commit.committer.email,
      source: fromDvc === undefined ? 'gto' : 'dvc',
    };
    version.enrichments.push(event);
  };

  for (const artifact of artifacts.values()) {
    const versions = artifact.versions;
    for (let i = 0; i < versions.length; i++) enrich(versions[i]!);
  }
  if (input.head !== null) {
    for (const name of annotationsAt(input.head).keys()) {
      enrich(versionAtCommit(artifactIndex(name), input.head));
    }
    for (const name of dvc.keys()) enrich(versionAtCommit(artifactIndex(name), input.head));
  }

  return {artifacts, ignored};
};
