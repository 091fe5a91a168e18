/**
 * Which two commits a comparison is about: FROM and TO as the user names them (a version, a
 * stage's holder, any git ref) and the defaults when they are left out. Pure: a git ref is
 * handed back unresolved for the git layer.
 */
import {GtoError} from './errors.js';
import type {Artifact, Registry, Version} from './model.js';
import type {Timestamp} from './records.js';
import {
  artifactAnnotation,
  DEFAULT_STAGE_QUERY,
  findVersions,
  isVersionActive,
  latestVersion,
  listedVersions,
  stageHolders,
} from './resolve.js';

/** How one side of a comparison was named. */
export type EndpointSpec =
  | {readonly kind: 'version'; readonly version: string}
  /** `#prod`: the version the stage holds now. */
  | {readonly kind: 'stage'; readonly stage: string}
  /** Anything else: a git revision (branch, tag, sha, `HEAD~2`), resolved by the git layer. */
  | {readonly kind: 'ref'; readonly ref: string};

/** One side of a comparison, resolved to a commit. */
export type Endpoint =
  | {readonly kind: 'version'; readonly version: string; readonly commit: string; readonly stage: string | null}
  /** `version`: the artifact's version at that commit, when it has one. */
  | {readonly kind: 'ref'; readonly ref: string; readonly commit: string; readonly version: string | null};

export type ComparedCommit = {
  readonly sha: string;
  /** `to`: a commit TO has and FROM lacks; `from`: the other way round. */
  readonly side: 'to' | 'from';
  /** git's unique abbreviation of `sha`. */
  readonly short: string;
  readonly author: string;
  readonly date: Timestamp;
  readonly subject: string;
};

/**
 * How `to` relates to `from`: `same` commit; `forward` (from is an ancestor of to: `commits`
 * are what to adds); `rollback` (to is an ancestor of from: `commits` are what going to to
 * takes away); `diverged` (neither is an ancestor: `ahead` only on to's side, `behind` only on
 * from's; `base` the newest common commit, null when the histories share none).
 */
export type Direction =
  | {readonly kind: 'same'}
  | {readonly kind: 'forward'}
  | {readonly kind: 'rollback'}
  | {readonly kind: 'diverged'; readonly ahead: number; readonly behind: number; readonly base: string | null};

/** A file that differs; `added`/`removed` are null for a binary file (git's `-`). */
export type ChangedFile = {
  readonly path: string;
  /** The path at `from` when git found the file renamed (`-M`); null otherwise. */
  readonly oldPath: string | null;
  readonly added: number | null;
  readonly removed: number | null;
};

export type GitComparison = {
  readonly direction: Direction;
  /** Newest first: to's side, then (when diverged) from's side. */
  readonly commits: readonly ComparedCommit[];
  readonly files: readonly ChangedFile[];
};

/** A whole comparison: the artifact, both sides, the path compared and what git found. */
export type Comparison = GitComparison & {
  readonly artifact: string;
  readonly from: Endpoint;
  readonly to: Endpoint;
  /** The artifact's path from artifacts.yaml; null: the whole repository. */
  readonly path: string | null;
};


/**
 * The stages holding a version of the artifact now: those of `order` in its order, then any
 * other (an assignment made before `.gto` listed its stages), sorted.
 */
export const heldStages = (artifact: Artifact, order: readonly string[]): string[] => {
  const holders = stageHolders(artifact, DEFAULT_STAGE_QUERY);
  const ordered = order.filter((stage) => holders.has(stage));
  const others = [...holders.keys()].filter((stage) => !order.includes(stage)).sort();
  return [...ordered, ...others];
};

/** The version a stage holds now (spec §3.8, one per stage), or null. */
export const stageHolder = (artifact: Artifact, stage: string): Version | null =>
  stageHolders(artifact, DEFAULT_STAGE_QUERY).get(stage)?.[0] ?? null;

/** The stage a comparison starts from by default: the last in order holding a version. */
export const defaultStage = (artifact: Artifact, order: readonly string[]): string | null => {
  const held = heldStages(artifact, order);
  const inOrder = held.filter((stage) => order.includes(stage));
  return inOrder.at(-1) ?? held.at(-1) ?? null;
};

const REGISTERED = {includeInactive: false, includeDiscovered: false, includeUnregistered: false} as const;

/** The greatest active registered version below `version` in SemVer order (any, when `version` is null). */
export const previousVersion = (artifact: Artifact, version: string | null): Version | null => {
  const versions = listedVersions(artifact, REGISTERED);
  if (version === null) return versions[0] ?? null;
  const index = versions.findIndex((v) => v.version === version);
  return index === -1 ? null : (versions[index + 1] ?? null);
};

/** `#prod` a stage, a version name of the artifact, else a git ref. */
export const parseEndpoint = (artifact: Artifact, text: string): EndpointSpec => {
  if (text.startsWith('#') && text.length > 1) return {kind: 'stage', stage: text.slice(1)};
  if (findVersions(artifact, {name: text}).length > 0) return {kind: 'version', version: text};
  return {kind: 'ref', ref: text};
};

/** An active version of that name first (a name registered twice, §3.3), else any. */
const versionNamed = (artifact: Artifact, name: string): Version | null => {
  const found = findVersions(artifact, {name});
  return found.find(isVersionActive) ?? found[0] ?? null;
};

/** A version or stage spec to its commit; a ref spec is not resolvable here (returns null). */
export const resolveEndpoint = (artifact: Artifact, spec: EndpointSpec): Endpoint | null => {
  switch (spec.kind) {
    case 'stage': {
      const holder = stageHolder(artifact, spec.stage);
      if (holder === null) throw new GtoError(`Stage '${spec.stage}' holds no version of '${artifact.name}'`);
      return {kind: 'version', version: holder.version, commit: holder.commit, stage: spec.stage};
    }
    case 'version': {
      const version = versionNamed(artifact, spec.version);
      if (version === null) throw new GtoError(`No version '${spec.version}' of '${artifact.name}'`);
      return {kind: 'version', version: version.version, commit: version.commit, stage: null};
    }
    case 'ref':
      return null;
  }
};

/** A git ref resolved by the git layer, named with the artifact's version at that commit if any. */
export const refEndpoint = (artifact: Artifact, ref: string, commit: string): Endpoint => {
  const at = artifact.versions.filter((v) => v.commit === commit && v.registrations.length > 0);
  const version = at.find(isVersionActive) ?? at[0] ?? null;
  return {kind: 'ref', ref, commit, version: version?.version ?? null};
};

/**
 * What an omitted FROM and TO stand for: TO the latest version; FROM the version the last
 * stage in order holds, or, when no stage holds one, the version before TO.
 */
export const defaultEndpoints = (
  artifact: Artifact,
  order: readonly string[],
  given: {readonly from?: EndpointSpec; readonly to?: EndpointSpec},
): {from: EndpointSpec; to: EndpointSpec} => {
  let to = given.to;
  if (to === undefined) {
    const latest = latestVersion(artifact);
    if (latest === null) throw new GtoError(`'${artifact.name}' has no registered version to compare`);
    to = {kind: 'version', version: latest.version};
  }
  if (given.from !== undefined) return {from: given.from, to};
  const stage = defaultStage(artifact, order);
  if (stage !== null) return {from: {kind: 'stage', stage}, to};
  const previous = previousVersion(artifact, to.kind === 'version' ? to.version : null);
  if (previous === null) {
    const named = to.kind === 'version' ? ` (${to.version})` : '';
    throw new GtoError(`No stage holds a version of '${artifact.name}' and it has no version before the one compared${named}: name FROM`);
  }
  return {from: {kind: 'version', version: previous.version}, to};
};

/** The artifact's path from artifacts.yaml (HEAD's annotation, else the newest), or null: the whole repository. */
export const comparedPath = (artifact: Artifact, head: string | null): string | null => {
  const path = artifactAnnotation(artifact, head)?.path ?? null;
  if (path === null) return null;
  // `./models/x` and `models/x/` name what git calls `models/x`
  const trimmed = path.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  return trimmed === '' || trimmed === '.' ? null : trimmed;
};

/** How an endpoint is named in text: `prod (v3.0.0)`, `v3.1.1`, `main (v3.1.1)`, `main`. */
export const endpointLabel = (endpoint: Endpoint): string => {
  if (endpoint.kind === 'version') {
    const version = shortName(endpoint.version);
    return endpoint.stage === null ? version : `${endpoint.stage} ${version}`;
  }
  return endpoint.version === null ? endpoint.ref : `${endpoint.ref} (${endpoint.version})`;
};

/** Sha-named (unregistered) versions shortened, like `show` prints them. */
const shortName = (version: string): string => (/^[0-9a-f]{40}$/.test(version) ? version.slice(0, 7) : version);
