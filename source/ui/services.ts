/**
 * The UI's services over a real repository: reads through load.ts (the registry core), writes
 * through the ops layer (the same plans and refusals as the CLI), remote work through the git
 * layer. Every plan is made against a fresh read of the tags, so the confirmation shows what
 * will really happen even if someone else wrote tags meanwhile.
 */
import {lookupCommit, openCommitLog} from '../git/commitLog.js';
import {compareCommits, fileDiff} from '../git/compare.js';
import {fetchTags, PushError, pushTags, remoteTags, remoteTagsUnattended} from '../git/remote.js';
import {redactUrl} from '../git/redact.js';
import type {Repository} from '../git/repository.js';
import {currentBranch, localTagIds, originUrl, resolveCommit, signsByDefault} from '../git/revisions.js';
import {verifyTags} from '../git/signatures.js';
import {tagTime} from '../git/tagTime.js';
import {deleteTag} from '../git/tagWrites.js';
import {watchRefs} from '../git/watch.js';
import {loadRecords, loadRegistry, type Loaded} from '../load.js';
import {applyPlan} from '../ops/apply.js';
import {planAssign} from '../ops/assign.js';
import {planDeprecate} from '../ops/deprecate.js';
import {opStateOf, planToText, type CreateStep, type OpState, type Plan, type PlanStep} from '../ops/plan.js';
import {isCounterTag, lostCounterRace, replanAfterRace} from '../ops/race.js';
import {planRegister} from '../ops/register.js';
import {isOverridden, NO_RULES} from '../registry/rules.js';
import {isVersion} from '../registry/semver.js';
import type {Verification} from '../registry/signatures.js';
import {parseTag} from '../registry/tag.js';
import {createdStep} from './raceSteps.js';
import {tagChanges} from './tagChanges.js';
import type {LostRace, PlanOptions, RaceRetry, Services, WritePlan, WriteRequest} from './services.types.js';

type Env = Readonly<Record<string, string | undefined>>;

/** git's one-line reason, then all it printed (a remote hook's lines too) for the full error view. */
const withStderr = (message: string, stderr: string): string => {
  const all = stderr.trim();
  return all === '' || all === message ? message : `${message}\n${all}`;
};

const planFor = async (repo: Repository, loaded: Loaded, request: WriteRequest, options: PlanOptions & {readonly now: number}): Promise<Plan> => {
  const state = opStateOf(loaded);
  const force = options.force === true;
  const judging = {ignoreRules: options.ignoreRules === true, sign: options.sign === true, now: options.now};
  switch (request.kind) {
    case 'register':
      return planRegister(state, {
        force,
        name: request.name,
        ref: request.ref,
        commit: await resolveCommit(repo, request.ref),
        version: request.version ?? undefined,
        message: request.message ?? undefined,
      });
    case 'assign':
      return request.version !== null
        ? planAssign(state, {force, ...judging, name: request.name, stage: request.stage, version: request.version, message: request.message ?? undefined})
        : planAssign(state, {
            force,
            ...judging,
            name: request.name,
            stage: request.stage,
            ref: request.ref ?? 'HEAD',
            commit: await resolveCommit(repo, request.ref ?? 'HEAD'),
            message: request.message ?? undefined,
          });
    case 'deprecate':
      return planDeprecate(state, {force, mode: 'artifact', name: request.name, head: loaded.head});
    case 'deregister':
      return planDeprecate(state, {force, mode: 'deregister', name: request.name, version: request.version});
    case 'unassign':
      return planDeprecate(state, {force, mode: 'unassign', name: request.name, version: request.version, stage: request.stage});
  }
};

/** The lost step and the steps after it that are still to do: what a retry must redo. */
type RaceHandle = {readonly lost: CreateStep; readonly pending: readonly PlanStep[]};

/**
 * The same write as `step`, planned against `state`: what the user asked for, read back from
 * the tag it made (so a tag made in an earlier session can be retried too). Counter tags only,
 * hence `simple: 'false'`. A promotion rule the message says was overridden stays overridden;
 * the retry's confirmation signs what a `signed: true` stage asks to be signed.
 */
const replanStep = (step: CreateStep, state: OpState, head: string | null, now: number): Plan => {
  const parsed = parseTag(step.tag);
  const common = {name: step.artifact, message: step.message, simple: 'false', ignoreRules: isOverridden(step.message), sign: true, now} as const;
  switch (step.event) {
    case 'assignment':
      if (parsed?.action !== 'assign') break;
      return isVersion(step.version)
        ? planAssign(state, {...common, stage: parsed.stage, version: step.version})
        : planAssign(state, {...common, stage: parsed.stage, ref: step.target, commit: step.target, skipRegistration: true});
    case 'unassignment':
      if (parsed?.action !== 'unassign') break;
      return planDeprecate(state, {...common, mode: 'unassign', version: step.version, stage: parsed.stage});
    case 'deregistration':
      return planDeprecate(state, {...common, mode: 'deregister', version: step.version});
    case 'deprecation':
      return planDeprecate(state, {...common, mode: 'artifact', head});
    case 'registration':
      break;
  }
  return {kind: 'refused', message: `'${step.tag}' cannot be planned again`};
};

const toWritePlan = (plan: Plan): WritePlan => {
  if (plan.kind === 'refused') return plan;
  const tags = plan.steps.flatMap((step) => (step.op === 'create' ? [{tag: step.tag, target: step.target, message: step.message}] : []));
  const deletes = plan.steps.some((step) => step.op === 'delete');
  return {kind: 'plan', tags, text: deletes ? planToText(plan) : [], handle: plan};
};

const raceRetry = (result: Awaited<ReturnType<typeof replanAfterRace>>): RaceRetry => {
  const {taken} = result;
  switch (result.kind) {
    case 'replanned': {
      const plan = toWritePlan(result.plan);
      if (plan.kind === 'refused') return {kind: 'dropped', taken, message: plan.message};
      return {kind: 'replanned', taken, retryAs: result.retryAs, plan};
    }
    case 'refused':
      return {kind: 'dropped', taken, message: `after fetching origin's tags the write is refused: ${result.message.trim()}`};
    case 'changed':
      return {kind: 'dropped', taken, message: 'the registry changed so that the write would now do something else; nothing was written'};
    case 'not-taken':
      return {kind: 'kept', taken, message: `origin does not hold another '${taken}' after all`};
    case 'fetch-failed':
      return result.localKept
        ? {kind: 'kept', taken, message: `fetching origin's tags failed: ${result.reason}`}
        : {kind: 'dropped', taken, message: `fetching origin's tags failed after it was removed: ${result.reason}`};
  }
};

/**
 * `headAtOpen`: HEAD's commit as opening the repository found it. The first read passes it on,
 * so, like a command, it can take the state a read of the same tags at the same HEAD kept
 * (git/registrySnapshot.ts); later reads resolve HEAD again, since it may have moved.
 */
export const createServices = (repo: Repository, env: Env, opened: {readonly headAtOpen?: string | null} = {}): Services => {
  let headAtOpen = opened.headAtOpen;
  return {
    info: async () => {
      const [branch, origin] = await Promise.all([currentBranch(repo), originUrl(repo)]);
      return {root: repo.clonedFrom === null ? repo.root : redactUrl(repo.clonedFrom), branch, origin: origin === null ? null : redactUrl(origin)};
    },
    load: async () => {
      // the UI always shows the artifacts of HEAD's dvc.yaml files (DVC's model registry)
      const head = headAtOpen;
      headAtOpen = undefined;
      const loaded = await loadRegistry(repo, env, {dvc: true, rules: true, ...(head === undefined ? {} : {head})});
      const tagTargets = new Map<string, string>();
      for (const tag of loaded.tags) tagTargets.set(tag.name, tag.target);
      return {config: loaded.config, registry: loaded.registry, head: loaded.head, tagTargets, dvcProblems: loaded.dvc?.problems ?? [], rules: loaded.rules ?? NO_RULES};
    },
    // the timeline's records: the same dvc.yaml files as the grid, so that its now is the grid's now
    records: async () => (await loadRecords(repo, env, {dvc: true})).input,
    commitLog: () => openCommitLog(repo),
    lookupCommit: (name) => lookupCommit(repo, name),
    plan: async (request, options = {}) => toWritePlan(await planFor(repo, await loadRegistry(repo, env, {rules: true}), request, {...options, now: tagTime(env)})),
    now: () => tagTime(env),
    apply: async (plan, options = {sign: false}) => {
      // pushes only in a temporary clone (`-r URL`), where applyPlan always pushes
      const outcome = await applyPlan(repo, plan.handle as Plan, {push: false, out: () => {}, signing: {sign: options.sign, noTerminal: true}});
      const created = outcome.done.map((step) => step.tag);
      if (outcome.kind === 'done') return {kind: 'applied', created};
      const lost = lostCounterRace(outcome);
      const handle: RaceHandle | null = lost === null ? null : {lost, pending: [outcome.step, ...outcome.remaining]};
      return {
        kind: 'push-failed',
        created: outcome.step.op === 'create' ? [...created, outcome.step.tag] : created,
        message: `The command \`git push origin ${outcome.step.tag}\` failed: ${outcome.reason}`,
        lost: handle === null ? null : {tag: handle.lost.tag, handle},
      };
    },
    remoteTags: (check) => (check === 'automatic' ? remoteTagsUnattended(repo) : remoteTags(repo)),
    push: async (tags) => {
      try {
        await pushTags(repo, {push: tags, delete: []});
        return {kind: 'pushed'};
      } catch (error) {
        if (!(error instanceof PushError)) throw error;
        const refused = error.refs.filter((ref) => !ref.ok).map((ref) => ref.name);
        const races = refused.filter((tag) => isCounterTag(tag) && error.alreadyExists(tag));
        const lost: LostRace[] = [];
        if (races.length > 0) {
          // the tags as this repository holds them: what a retry must redo
          const loaded = await loadRegistry(repo, env);
          for (const tag of races) {
            const step = createdStep(loaded.registry, tag);
            if (step !== null) lost.push({tag, handle: {lost: step, pending: [step]} satisfies RaceHandle});
          }
        }
        return {kind: 'failed', message: withStderr(error.message, error.stderr), refused, lost};
      }
    },
    retryRace: async (race) => {
      const {lost, pending} = race.handle as RaceHandle;
      let head: string | null = null;
      const replan = async (): Promise<Plan> => {
        const loaded = await loadRegistry(repo, env, {rules: true});
        head = loaded.head;
        return replanStep(lost, opStateOf(loaded), head, tagTime(env));
      };
      const result = await replanAfterRace(repo, lost, pending, replan);
      return raceRetry(result);
    },
    fetch: async () => {
      // the local tags before and after (two for-each-ref): what the fetch brought, said by name
      const before = await localTagIds(repo);
      const {conflicts} = await fetchTags(repo);
      return {conflicts, changes: tagChanges(before, await localTagIds(repo))};
    },
    deleteTags: async (tags) => {
      for (const tag of tags) await deleteTag(repo, tag);
    },
    compare: async ({artifact, from, to, path}) => ({...(await compareCommits(repo, {from: from.commit, to: to.commit, path})), artifact, from, to, path}),
    fileDiff: (request) => fileDiff(repo, request),
    verifySignatures: async (tags, known, onProgress) => {
      const results = new Map<string, {id: string; verification: Verification}>();
      return verifyTags(repo, {
        names: tags,
        known,
        onBatch: (batch) => {
          for (const [name, signature] of batch) results.set(name, signature);
          onProgress(new Map(results));
        },
      });
    },
    signsByDefault: () => signsByDefault(repo),
    watch: (onChange) => {
      const watcher = watchRefs(repo, onChange);
      return watcher.close;
    },
  };
};
