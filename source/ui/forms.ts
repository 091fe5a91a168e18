/**
 * The register and assign forms as plain data, with their pure rules: suggested versions,
 * live validation with GTO's rules, and the write request each form makes.
 */
import {planAssign} from '../ops/assign.js';
import {invalidNameMessage, isFullName, isSimpleName} from '../registry/names.js';
import type {Artifact, Version} from '../registry/model.js';
import {isStageActive, isVersionActive, latestVersion, listedVersions, sortVersions} from '../registry/resolve.js';
import {bumpSemVer, FIRST_VERSION, formatVersion, isVersion, parseVersion, type BumpPart} from '../registry/semver.js';
import {freshView, type PickerView} from './picker.js';
import {signedRuleRefusal} from '../registry/signatures.js';
import type {CommitChoice, Snapshot, WriteRequest} from './services.types.js';

export type Suggestion = {readonly label: string; readonly version: string};

export type RegisterForm = {
  readonly kind: 'register';
  readonly step: 'name' | 'commit' | 'version' | 'message';
  readonly name: string;
  /** The name came from the selected artifact, so the name step is skipped. */
  readonly nameFixed: boolean;
  /** HEAD's history as far as it was read (a commit looked up by name may come first). */
  readonly commits: readonly CommitChoice[];
  readonly commitIndex: number;
  /** History goes on past `commits` (read as the list is scrolled). */
  readonly more: boolean;
  readonly picker: PickerView;
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

export type StageChoice = {
  readonly label: string;
  /** null: type a new stage name. */
  readonly stage: string | null;
  /** Why the promotion rules refuse the chosen version this stage (the picker marks it), or null. */
  readonly ruleRefusal: string | null;
};

export type AssignForm = {
  readonly kind: 'assign';
  readonly step: 'version' | 'stage' | 'newStage';
  readonly name: string;
  readonly versions: readonly VersionChoice[];
  readonly versionIndex: number;
  /** HEAD's history goes on past the commits listed among `versions`. */
  readonly more: boolean;
  readonly picker: PickerView;
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

export const newRegisterForm = (snapshot: Snapshot, name: string | null, commits: readonly CommitChoice[], more = false): RegisterForm => {
  const suggestions = versionSuggestions(name === null ? undefined : snapshot.registry.artifacts.get(name));
  const step = name === null ? 'name' : 'commit';
  return {
    kind: 'register',
    step,
    name: name ?? '',
    nameFixed: name !== null,
    commits,
    commitIndex: 0,
    more,
    picker: freshView(step),
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

/** A commit with no version of the artifact, as the assign form offers it (assigning registers one). */
const commitChoice = (snapshot: Snapshot, commit: CommitChoice): VersionChoice => {
  const head = commit.sha === snapshot.head ? 'HEAD ' : '';
  return {label: `${head}${short(commit.sha)} ${commit.subject}  (registers a new version)`, version: null, commit: commit.sha};
};

/** `versions` with the commits among `commits` not offered yet (nor holding a registered version) after them. */
const withCommitChoices = (versions: readonly VersionChoice[], snapshot: Snapshot, name: string, commits: readonly CommitChoice[]): VersionChoice[] => {
  const known = new Set(versions.map((v) => v.commit));
  // a commit with only a discovered (sha-named) version can still be registered
  for (const version of snapshot.registry.artifacts.get(name)?.versions ?? []) if (version.registrations.length > 0) known.add(version.commit);
  const added: VersionChoice[] = [];
  for (const commit of commits) {
    if (known.has(commit.sha)) continue;
    known.add(commit.sha);
    added.push(commitChoice(snapshot, commit));
  }
  return [...versions, ...added];
};

export const newAssignForm = (
  snapshot: Snapshot,
  name: string,
  commits: readonly CommitChoice[],
  preselect: {version?: string | null; stage?: string | null} = {},
  more = false,
): AssignForm => {
  const artifact = snapshot.registry.artifacts.get(name);
  const listed: VersionChoice[] = [];
  if (artifact) {
    const active = listedVersions(artifact, {includeInactive: false, includeDiscovered: false, includeUnregistered: false});
    for (const version of sortVersions(active, 'semver')) {
      listed.push({label: `${version.version}  (${short(version.commit)})`, version: version.version, commit: version.commit});
    }
  }
  const versions = withCommitChoices(listed, snapshot, name, commits);
  const stages = stageChoices(snapshot);
  const versionIndex = Math.max(0, preselect.version ? versions.findIndex((v) => v.version === preselect.version) : firstNotIn(versions, artifact, preselect.stage));
  const stageIndex = Math.max(0, stages.findIndex((s) => s.stage !== null && s.stage === preselect.stage));
  return {kind: 'assign', step: 'version', name, versions, versionIndex, more, picker: freshView('version'), stages, stageIndex, newStage: ''};
};

/** The form with the next commits of HEAD's history read (`more`: history goes on after them). */
export const withMoreCommits = (form: Form, snapshot: Snapshot, commits: readonly CommitChoice[], more: boolean): Form => {
  if (form.kind === 'assign') return {...form, versions: withCommitChoices(form.versions, snapshot, form.name, commits), more};
  const listed = new Set(form.commits.map((c) => c.sha));
  return {...form, commits: [...form.commits, ...commits.filter((c) => !listed.has(c.sha))], more};
};

/**
 * The form with `commit` (a typed sha, branch or tag looked up) among its choices, and its
 * index: where it already is (in the assign form, the version registered there), else first
 * among the commits (the register form's list starts with it, the assign form's after its versions).
 */
export const withFoundCommit = (form: Form, snapshot: Snapshot, commit: CommitChoice): {form: Form; index: number} => {
  if (form.kind === 'register') {
    const index = form.commits.findIndex((c) => c.sha === commit.sha);
    if (index !== -1) return {form, index};
    return {form: {...form, commits: [commit, ...form.commits], commitIndex: form.commitIndex + 1}, index: 0};
  }
  const index = form.versions.findIndex((v) => v.commit === commit.sha);
  if (index !== -1) return {form, index};
  const at = form.versions.findIndex((v) => v.version === null);
  const position = at === -1 ? form.versions.length : at;
  const versions = [...form.versions.slice(0, position), commitChoice(snapshot, commit), ...form.versions.slice(position)];
  return {form: {...form, versions, versionIndex: form.versionIndex >= position ? form.versionIndex + 1 : form.versionIndex}, index: position};
};

/** What `/` searches in a commit list: each commit's whole sha, subject and author. */
export const commitSearch = (commits: readonly CommitChoice[]): string[] => commits.map((c) => `${c.sha} ${c.subject} ${c.author}`);

/** What `/` searches in the assign form's versions: the label (version, or commit and subject) and the whole sha. */
export const versionSearch = (versions: readonly VersionChoice[]): string[] => versions.map((v) => `${v.label} ${v.commit}`);

/** What `/` searches in the picker of the form's step. */
export const searchTexts = (form: Form): readonly string[] => {
  if (form.kind === 'register') return commitSearch(form.commits);
  if (form.step === 'version') return versionSearch(form.versions);
  return form.stages.map((s) => s.label);
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
  if (snapshot.config.stages !== null) return snapshot.config.stages.map((stage) => ({label: stage, stage, ruleRefusal: null}));
  const used = new Set<string>();
  for (const artifact of snapshot.registry.artifacts.values()) {
    for (const version of artifact.versions) for (const stage of version.stages.keys()) used.add(stage);
  }
  return [...[...used].sort().map((stage) => ({label: stage, stage, ruleRefusal: null})), {label: '+ new stage…', stage: null, ruleRefusal: null}];
};

/**
 * Why the promotion rules refuse assigning `choice` to `stage` at `now`, or null: the very plan
 * `assign` makes (ops/assign.ts), so the form and the command line never disagree. Judged as
 * signed: the confirmation signs what a `signed: true` stage asks to be signed.
 */
export const ruleRefusal = (snapshot: Snapshot, name: string, choice: VersionChoice, stage: string, now: number): string | null => {
  if (snapshot.rules?.kind !== 'present' || !snapshot.rules.rules.has(stage)) return null;
  const state = {registry: snapshot.registry, tagNames: [...snapshot.tagTargets.keys()], config: snapshot.config, rules: snapshot.rules};
  const common = {name, stage, now, sign: true};
  const plan = choice.version === null ? planAssign(state, {...common, ref: choice.commit, commit: choice.commit}) : planAssign(state, {...common, version: choice.version});
  return plan.kind === 'refused' && plan.rule === true ? plan.message : null;
};

/** The stage choices for the version chosen in `form`, each marked with what the rules say of it. */
export const judgedStages = (form: AssignForm, snapshot: Snapshot, now: number): StageChoice[] => {
  const choice = form.versions[form.versionIndex];
  return form.stages.map((s) => ({...s, ruleRefusal: choice && s.stage !== null ? ruleRefusal(snapshot, form.name, choice, s.stage, now) : null}));
};

/** The `.gto-tui.yaml` rule of `stage` that asks for signed assignments, said for the confirmation, or null. */
export const signedStageNote = (snapshot: Snapshot | null, stage: string): string | null => {
  const rule = snapshot?.rules?.kind === 'present' ? snapshot.rules.rules.get(stage) : undefined;
  // the signature layer's hook decides what a rule asks, as the judge of ops/assign.ts does
  const unsignedRefused = rule !== undefined && signedRuleRefusal(stage, rule, {sign: false}) !== null;
  return unsignedRefused ? `${stage} takes only signed assignments (.gto-tui.yaml)` : null;
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
