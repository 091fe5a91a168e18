/**
 * `assign NAME [REF] --stage STAGE` as a plan (spec §4.2), judged by the promotion rules of
 * `.gto-tui.yaml` when the state has them. Pure: the caller resolves REF and says what time it is.
 */
import type {Artifact, Version} from '../registry/model.js';
import {isStageActive} from '../registry/resolve.js';
import {judgeAssignment, refusalText, withOverrideLines, type Breach, type RulesFile} from '../registry/rules.js';
import {isVersion} from '../registry/semver.js';
import {discoveredAt, findVersion} from './lookup.js';
import {
  checkFullName,
  checkStage,
  messageOr,
  planning,
  refuse,
  refuseByRule,
  tagFor,
  type CreateStep,
  type OpState,
  type Plan,
  type SimpleMode,
} from './plan.js';
import {registrationStep} from './register.js';

export type AssignArgs = {
  readonly name: string;
  readonly stage: string;
  /** The REF argument; absent with `--version` alone (existing-version mode). */
  readonly ref?: string | undefined;
  /** REF (or `HEAD` when neither REF nor --version is given) resolved; null when unknown. */
  readonly commit?: string | null | undefined;
  /** With REF: the name of a new registration there. Alone: the existing version to assign. */
  readonly version?: string | undefined;
  readonly message?: string | undefined;
  readonly simple?: SimpleMode | undefined;
  readonly force?: boolean | undefined;
  readonly skipRegistration?: boolean | undefined;
  /** `--ignore-rules`: assign what the promotion rules refuse, saying so in the tag message. */
  readonly ignoreRules?: boolean | undefined;
  /** `--sign` (the TUI's toggle): the tag will be signed, which a `signed: true` rule asks for. */
  readonly sign?: boolean | undefined;
  /** When the tag will say it was made (seconds; git/tagTime.ts): the moment the rules judge. */
  readonly now?: number | undefined;
};

/** Whether assign runs on REF (given, or HEAD by default) rather than on an existing --version. */
export const assignUsesRef = (args: Pick<AssignArgs, 'ref' | 'version'>): boolean =>
  args.ref !== undefined || args.version === undefined || args.version === '';

const invalidVersion = (version: string): string => `Version '${version}' is not valid. Example of valid version: 'v1.0.0'`;

export const planAssign = (state: OpState, args: AssignArgs): Plan =>
  planning(() => {
    const {name, stage} = args;
    checkFullName(name);
    checkStage(stage, state.config);
    const version = args.version !== undefined && args.version !== '' ? args.version : undefined;
    if (version !== undefined && !isVersion(version)) refuse(invalidVersion(version));
    const useRef = assignUsesRef(args);
    const ref = args.ref ?? 'HEAD';
    if (useRef && version !== undefined && args.skipRegistration) {
      refuse('You either need to supply version name or skip registration');
    }

    const artifact = state.registry.artifacts.get(name);
    const steps: CreateStep[] = [];
    let target: Version | {readonly version: string; readonly commit: string; readonly stages: Version['stages']};
    /** Where the registry files the version's stage tags: itself, or the sha-named version of a commit being registered. */
    let filedAs: {readonly version: string; readonly commit: string};
    if (!useRef) {
      target = findVersion(artifact, {version}) ?? refuse(`Version '${version}' is not registered`);
      filedAs = target;
    } else {
      const commit = args.commit ?? refuse(`unknown Git revision '${ref}'`);
      const found = findVersion(artifact, {commit});
      if (found !== null) {
        if (version !== undefined) refuse(`Can't register '${version}', since '${found.version}' is registered already at this ref`);
        // a deregistered version is used as is: the assignment then stays invisible (§4.2 step 6)
        target = found;
        filedAs = found;
      } else {
        // Stage tags already on this commit belong to whatever version ends up here (§3.1 step 4);
        // our state keeps them on the commit's sha-named version (§3.3 fixed).
        const discovered = discoveredAt(artifact, commit);
        const stages: Version['stages'] = discovered?.stages ?? new Map();
        filedAs = discovered ?? {version: commit, commit};
        if (args.skipRegistration) {
          // GTO's lookup makes a fresh, stage-less version for `--sr` every time (§3.3), so it
          // never refuses a repeated `--sr` assignment; scripts rely on that, so neither do we
          target = {version: commit, commit, stages: new Map()};
        } else {
          // with auto-registration the earlier stage tags attach to the new version (§3.1), so
          // GTO writes the registration and then refuses; we refuse before writing anything
          // auto-registration: always the simple form, never assign's -m (§2.7)
          const registration = registrationStep(state, {name, ref, commit, version, simple: 'true'});
          steps.push(registration);
          target = {version: registration.version, commit, stages};
        }
      }
    }

    const record = target.stages.get(stage);
    if (!args.force && record !== undefined && isStageActive(record)) {
      refuse(`Version '${target.version}' is already in stage '${stage}'. Use the '--force' flag to create a new Git tag nevertheless.`);
    }
    const breaches = judgeByRules(state.rules, {artifact, stage, version: target.version, filedAs, args});
    if (breaches.length > 0 && !args.ignoreRules) refuseByRule(refusalText(breaches[0]!));
    const afterRegistration = {tagNames: [...state.tagNames, ...steps.map((step) => step.tag)]};
    const tag = tagFor({action: 'assign', name, stage}, args.simple === 'true', afterRegistration);
    const message = messageOr(args.message, `Assigning stage ${stage} to artifact ${name} version ${target.version}`);
    steps.push({
      op: 'create',
      tag,
      target: target.commit,
      message: withOverrideLines(message, breaches),
      event: 'assignment',
      artifact: name,
      version: target.version,
    });
    return steps;
  });

/**
 * The promotion rules this assignment breaks (none without a rules file). A malformed file
 * refuses every assignment, `--ignore-rules` or not: rules nobody can read cannot be
 * knowingly overridden.
 */
const judgeByRules = (
  rules: RulesFile | undefined,
  assignment: {
    readonly artifact: Artifact | undefined;
    readonly stage: string;
    readonly version: string;
    readonly filedAs: {readonly version: string; readonly commit: string};
    readonly args: AssignArgs;
  },
): Breach[] => {
  if (rules === undefined || rules.kind === 'absent') return [];
  if (rules.kind === 'malformed') return refuse(rules.message);
  const {artifact, stage, version, filedAs, args} = assignment;
  if (!rules.rules.has(stage)) return [];
  if (args.now === undefined) throw new Error('planAssign judges promotion rules at a time: pass `now`');
  return judgeAssignment(rules.rules, {artifact, stage, version, filedAs: {version: filedAs.version, commit: filedAs.commit}, at: args.now, signed: args.sign === true});
};
