/**
 * The register and assign forms as plain data, with their pure rules: suggested versions,
 * live validation with GTO's rules, and the write request each form makes.
 */
import {invalidNameMessage, isFullName, isSimpleName} from '../registry/names.js';
import type {Artifact, Version} from '../registry/model.js';
import {isStageActive, isVersionActive, latestVersion, listedVersions, sortVersions} from '../registry/resolve.js';
import {bumpSemVer, FIRST_VERSION, formatVersion, isVersion, parseVersion, type BumpPart} from '../registry/semver.js';
import type {CommitChoice, Snapshot, WriteRequest} from './services.types.js';

export type Suggestion = {readonly label: string; readonly version: string};

export type RegisterForm = {
  readonly kind: 'register';
  readonly step: 'name' | 'commit' | 'version' | 'message';
  readonly name: string;
  /** The name came from the selected artifact, so the name step is skipped. */
  readonly nameFixed: boolean;
  readonly commits: readonly CommitChoice[];
  readonly commitIndex: number;
  readonly version: string;
  /** The suggestion the version is; -1 once the user typed it. */
  readonly suggestionIndex: number;
  readonly message: string;
};

/** One pickable target of an assignment: an existing version, or a commit to register. */
export type VersionChoice = {
  readonly label: string;
  /** null: the commit has no version of this artifact; assigning registers one (spec §4.2 step 6). */
  readonly version: string | null;
  readonly commit: string;
};

export type StageChoice = {readonly label: string; /** null: type a new stage name. */ readonly stage: string | null};

export type AssignForm = {
  readonly kind: 'assign';
  readonly step: 'version' | 'stage' | 'newStage';
  readonly name: string;
  readonly versions: readonly VersionChoice[];
  readonly versionIndex: number;
  readonly stages: readonly StageChoice[];
  readonly stageIndex: number;
  readonly newStage: string;
};

export type Form = RegisterForm | AssignForm;

const short = (sha: string): string => sha.slice(0, 7);

/** patch/minor/major bumps of the latest active version, or GTO's first version (spec §4.1 step 6). */
export const versionSuggestions = (artifact: Artifact | undefined): Suggestion[] => {
  const latest = artifact ? latestVersion(artifact) : null;
  const parsed = latest ? parseVersion(latest.version) : null;
  if (!parsed) return [{label: 'first', version: FIRST_VERSION}];
  return (['patch', 'minor', 'major'] as BumpPart[]).map((part) => ({label: part, version: formatVersion(bumpSemVer(parsed, part))}));
};

export const newRegisterForm = (snapshot: Snapshot, name: string | null, commits: readonly CommitChoice[]): RegisterForm => {
  const suggestions = versionSuggestions(name === null ? undefined : snapshot.registry.artifacts.get(name));
  return {
    kind: 'register',
    step: name === null ? 'name' : 'commit',
    name: name ?? '',
    nameFixed: name !== null,
    commits,
    commitIndex: 0,
    version: suggestions[0]!.version,
    suggestionIndex: 0,
    message: '',
  };
};

/** The name problem GTO would report, or null (spec §2.2). */
export const nameError = (name: string): string | null => (isFullName(name) ? null : invalidNameMessage(name));

/** The version problem GTO would report for this form, or null — checked as the user types. */
export const registerVersionError = (form: RegisterForm, snapshot: Snapshot): string | null => {
  if (form.version === '') return 'Type a version like v1.0.0';
  if (!isVersion(form.version)) return `Supplied version '${form.version}' cannot be parsed`;
  const artifact = snapshot.registry.artifacts.get(form.name);
  const commit = form.commits[form.commitIndex]?.sha;
  for (const version of artifact?.versions ?? []) {
    if (version.registrations.length === 0 || version.commit !== commit) continue;
    // spec §4.1 step 4: this check wins over every other version problem
    if (isVersionActive(version)) return `'${form.name}' is already registered in this commit with version '${version.version}'`;
    if (version.version !== form.version) return `For this REF you can only register ${version.version}`;
  }
  for (const version of artifact?.versions ?? []) {
    if (version.registrations.length === 0) continue;
    if (version.version === form.version && version.commit !== commit) return `Version '${form.version}' already was registered.`;
  }
  return null;
};

/** The registered version of `name` at `commit`, for marking commits in the list. */
export const versionAtCommit = (snapshot: Snapshot, name: string, commit: string): string | null => {
  const artifact = snapshot.registry.artifacts.get(name);
  const version = artifact?.versions.find((v) => v.commit === commit && v.registrations.length > 0);
  return version ? version.version : null;
};

export const registerRequest = (form: RegisterForm): WriteRequest => ({
  kind: 'register',
  name: form.name,
  ref: form.commits[form.commitIndex]?.sha ?? 'HEAD',
  version: form.version,
  message: form.message.trim() === '' ? null : form.message,
});

/** Recomputes the suggested version after the name or commit changed. */
export const withSuggestions = (form: RegisterForm, snapshot: Snapshot): RegisterForm => {
  const suggestions = versionSuggestions(snapshot.registry.artifacts.get(form.name));
  return {...form, version: suggestions[0]!.version, suggestionIndex: 0};
};

export const newAssignForm = (
  snapshot: Snapshot,
  name: string,
  commits: readonly CommitChoice[],
  preselect: {version?: string | null; stage?: string | null} = {},
): AssignForm => {
  const artifact = snapshot.registry.artifacts.get(name);
  const versions: VersionChoice[] = [];
  const known = new Set<string>();
  if (artifact) {
    const listed = listedVersions(artifact, {includeInactive: false, includeDiscovered: false, includeUnregistered: false});
    for (const version of sortVersions(listed, 'semver')) {
      versions.push({label: `${version.version}  (${short(version.commit)})`, version: version.version, commit: version.commit});
      known.add(version.commit);
    }
    // a commit with only a discovered (sha-named) version can still be registered
    for (const version of artifact.versions) if (version.registrations.length > 0) known.add(version.commit);
  }
  for (const commit of commits) {
    if (known.has(commit.sha)) continue;
    const head = commit.sha === snapshot.head ? 'HEAD ' : '';
    versions.push({label: `${head}${short(commit.sha)} ${commit.subject}  (registers a new version)`, version: null, commit: commit.sha});
  }
  const stages = stageChoices(snapshot);
  const versionIndex = Math.max(0, preselect.version ? versions.findIndex((v) => v.version === preselect.version) : firstNotIn(versions, artifact, preselect.stage));
  const stageIndex = Math.max(0, stages.findIndex((s) => s.stage !== null && s.stage === preselect.stage));
  return {kind: 'assign', step: 'version', name, versions, versionIndex, stages, stageIndex, newStage: ''};
};

/**
 * The newest choice not in `stage` yet (versions come newest first; a commit to register is in no
 * stage), so the form's default is never the no-op assign refuses ("already in stage", spec §4.2);
 * 0 without a stage, or when every choice is in it.
 */
const firstNotIn = (versions: readonly VersionChoice[], artifact: Artifact | undefined, stage: string | null | undefined): number => {
  if (!artifact || !stage) return 0;
  const inStage = (choice: VersionChoice): boolean =>
    artifact.versions.some((v) => v.version === choice.version && v.commit === choice.commit && isInStage(v, stage));
  return versions.findIndex((choice) => !inStage(choice));
};

const isInStage = (version: Version, stage: string): boolean => {
  const record = version.stages.get(stage);
  return record !== undefined && isStageActive(record);
};

/** `.gto` stages when configured (only those are allowed), else the stages in use plus "new". */
export const stageChoices = (snapshot: Snapshot): StageChoice[] => {
  if (snapshot.config.stages !== null) return snapshot.config.stages.map((stage) => ({label: stage, stage}));
  const used = new Set<string>();
  for (const artifact of snapshot.registry.artifacts.values()) {
    for (const version of artifact.versions) for (const stage of version.stages.keys()) used.add(stage);
  }
  return [...[...used].sort().map((stage) => ({label: stage, stage})), {label: '+ new stage…', stage: null}];
};

export const assignStage = (form: AssignForm): string | null => {
  if (form.step === 'newStage') return form.newStage;
  return form.stages[form.stageIndex]?.stage ?? null;
};

export const stageError = (stage: string): string | null =>
  isSimpleName(stage) ? null : invalidNameMessage(stage);

export const assignRequest = (form: AssignForm): WriteRequest | null => {
  const choice = form.versions[form.versionIndex];
  const stage = assignStage(form);
  if (!choice || stage === null) return null;
  return choice.version === null
    ? {kind: 'assign', name: form.name, stage, version: null, ref: choice.commit, message: null}
    : {kind: 'assign', name: form.name, stage, version: choice.version, ref: null, message: null};
};
