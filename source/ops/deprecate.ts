/**
 * `deprecate NAME [VERSION] [STAGE]` as a plan (spec §4.3): unassign a stage, deregister a
 * version, or deprecate the artifact; `--delete` removes tags instead, oldest first. Pure.
 */
import {isArtifactActive, isRegistered, isVersionActive, newestArtifactEvent} from '../registry/resolve.js';
import {isVersion} from '../registry/semver.js';
import {parseTag} from '../registry/tag.js';
import {
  artifactEventsOldestFirst,
  deleteSteps,
  findVersion,
  requireArtifact,
  requireVersion,
  versionEventsOldestFirst,
} from './lookup.js';
import {checkFullName, checkStage, messageOr, planning, refuse, tagFor, type DeleteStep, type OpState, type Plan, type PlanStep, type SimpleMode} from './plan.js';

type Common = {
  readonly name: string;
  readonly message?: string | undefined;
  readonly simple?: SimpleMode | undefined;
  readonly force?: boolean | undefined;
  readonly delete?: boolean | undefined;
};

/**
 * A `--delete` of this version that an earlier run started and did not finish (it was stopped
 * after deleting the registration, so the version has no name left): its tags in the order that
 * run deletes them, and which of them origin still has (null: not pushing, or origin unknown).
 */
export type UnfinishedDelete = {
  readonly tags: readonly {readonly tag: string; readonly target: string; readonly message: string}[];
  /** The local tags now: name → the commit each points at. */
  readonly here: ReadonlyMap<string, string>;
  readonly onRemote: ReadonlyMap<string, string> | null;
};

export type DeprecateArgs =
  | (Common & {readonly mode: 'unassign'; readonly version: string; readonly stage: string})
  | (Common & {readonly mode: 'deregister'; readonly version: string; readonly unfinished?: UnfinishedDelete | null})
  | (Common & {
      readonly mode: 'artifact';
      /** `--ref` as written, if given. */
      readonly ref?: string | undefined;
      /** `--ref` resolved (null when it names no commit); unused without --ref. */
      readonly refCommit?: string | null | undefined;
      /** HEAD's commit, the target for an artifact the registry does not know (`--force`). */
      readonly head: string | null;
    });

/** CLI positionals → mode: STAGE given ⟶ unassign, VERSION only ⟶ deregister, else artifact. */
export const deprecateMode = (version: string | undefined, stage: string | undefined): DeprecateArgs['mode'] =>
  stage !== undefined && stage !== '' ? 'unassign' : version !== undefined && version !== '' ? 'deregister' : 'artifact';

const checkVersion = (version: string): void => {
  if (!isVersion(version)) refuse(`Version '${version}' is not valid. Example of valid version: 'v1.0.0'`);
};

const unassign = (state: OpState, args: Extract<DeprecateArgs, {mode: 'unassign'}>): PlanStep[] => {
  const {name, version, stage} = args;
  checkFullName(name);
  checkStage(stage, state.config);
  checkVersion(version);
  const artifact = requireArtifact(state, name);
  const found = requireVersion(artifact, name, version);
  const record = found.stages.get(stage);
  // any record counts, active or not: an unassigned stage can be unassigned again (§4.3)
  if (!args.force && record === undefined) refuse(`Stage '${stage}' is not assigned to a version '${found.version}'`);
  if (args.delete) {
    return deleteSteps(versionEventsOldestFirst(found).filter((e) => 'stage' in e && e.stage === stage));
  }
  const tag = tagFor({action: 'unassign', name, stage}, args.simple === 'true', state);
  return [
    {
      op: 'create',
      tag,
      target: found.commit,
      message: messageOr(args.message, `Unassigning stage '${stage}' to artifact '${name}' version '${found.version}'`),
      event: 'unassignment',
      artifact: name,
      version: found.version,
    },
  ];
};

/**
 * Whether a remembered deletion can be one this command would have planned for `name`
 * `version`: every tag is a tag of that version by its name (its registration, deregistration,
 * or a stage's assignment or unassignment) and all point at one commit. Anything else is not
 * acted on, whatever the file says.
 */
const isDeletionOf = (unfinished: UnfinishedDelete, name: string, version: string): boolean => {
  const commit = unfinished.tags[0]?.target;
  return unfinished.tags.every(({tag, target}) => {
    const parsed = parseTag(tag);
    if (parsed === null || parsed.name !== name || target !== commit) return false;
    switch (parsed.action) {
      case 'register':
      case 'deregister':
        return parsed.version === version;
      case 'assign':
      case 'unassign':
        return true;
      default:
        return false;
    }
  });
};

/**
 * The rest of an unfinished `--delete`, in its order (GTO's, oldest first): the tags still
 * here at the same commit, and those deleted here whose deletion origin never confirmed (it
 * still holds them at the same commit). A tag made again since, at another commit, is not the
 * one remembered and stays.
 */
const remainingDeletes = (unfinished: UnfinishedDelete): DeleteStep[] => {
  const steps: DeleteStep[] = [];
  for (const {tag, target, message} of unfinished.tags) {
    const here = unfinished.here.get(tag);
    if (here === target) steps.push({op: 'delete', tag, target, message});
    else if (here === undefined && unfinished.onRemote?.get(tag) === target) steps.push({op: 'delete', tag, target, message, remoteOnly: true});
  }
  return steps;
};

const deregister = (state: OpState, args: Extract<DeprecateArgs, {mode: 'deregister'}>): PlanStep[] => {
  const {name, version} = args;
  checkFullName(name);
  checkVersion(version);
  const artifact = state.registry.artifacts.get(name);
  // beyond GTO: the same command, run again, finishes a --delete that was stopped midway
  if (args.delete && args.unfinished != null && findVersion(artifact, {version}) === null && isDeletionOf(args.unfinished, name, version)) {
    const rest = remainingDeletes(args.unfinished);
    if (rest.length > 0) return rest;
  }
  if (!args.force) {
    const checked = requireVersion(artifact, name, version);
    if (!isRegistered(checked)) refuse(`The version at ref '${checked.commit}' is not registered`);
    if (!isVersionActive(checked)) refuse(`The version at ref '${checked.commit}' was deregistered already`);
  }
  const found = findVersion(artifact, {version}) ?? refuse("Can't deregister a version that have no git tags");
  if (args.delete) return deleteSteps(versionEventsOldestFirst(found));
  const tag = tagFor({action: 'deregister', name, version}, args.simple !== 'false', state);
  return [
    {
      op: 'create',
      tag,
      target: found.commit,
      message: messageOr(args.message, `Deregistering artifact ${name} version ${version}`),
      event: 'deregistration',
      artifact: name,
      version,
    },
  ];
};

const deprecateArtifact = (state: OpState, args: Extract<DeprecateArgs, {mode: 'artifact'}>): PlanStep[] => {
  const {name} = args;
  checkFullName(name);
  let simple: boolean;
  if (args.force) {
    if (args.simple === 'true') refuse("Can't use 'force' with 'simple=True'");
    simple = false;
  } else {
    simple = args.simple !== 'false';
    if (!isArtifactActive(requireArtifact(state, name))) refuse('Artifact was deprecated already');
  }
  if (args.delete) return deleteSteps(artifactEventsOldestFirst(requireArtifact(state, name)));

  const artifact = state.registry.artifacts.get(name);
  let target: string;
  if (args.ref !== undefined) {
    target = args.refCommit ?? refuse(`Ref '${args.ref}' was not found in the repository history`);
  } else {
    const newest = artifact === undefined ? null : newestArtifactEvent(artifact);
    target = newest?.commit ?? args.head ?? refuse("Ref 'HEAD' was not found in the repository history");
  }
  const tag = tagFor({action: 'deprecate', name}, simple, state);
  return [
    {
      op: 'create',
      tag,
      target,
      message: messageOr(args.message, `Deprecating artifact '${name}'`),
      event: 'deprecation',
      artifact: name,
      version: '',
    },
  ];
};

export const planDeprecate = (state: OpState, args: DeprecateArgs): Plan =>
  planning(() => {
    switch (args.mode) {
      case 'unassign':
        return unassign(state, args);
      case 'deregister':
        return deregister(state, args);
      case 'artifact':
        return deprecateArtifact(state, args);
    }
  });
