/**
 * The UI's services over a real repository: reads through load.ts (the registry core), writes
 * through the ops layer (the same plans and refusals as the CLI), remote work through the git
 * layer. Every plan is made against a fresh read of the tags, so the confirmation shows what
 * will really happen even if someone else wrote tags meanwhile.
 */
import {fetchTags, pushTags, remoteTags} from '../git/remote.js';
import {redactUrl, type Repository} from '../git/repository.js';
import {currentBranch, originUrl, recentCommits, resolveCommit} from '../git/revisions.js';
import {deleteTag} from '../git/tagWrites.js';
import {loadRegistry, type Loaded} from '../load.js';
import {applyPlan} from '../ops/apply.js';
import {planAssign} from '../ops/assign.js';
import {planDeprecate} from '../ops/deprecate.js';
import {planToText, type OpState, type Plan} from '../ops/plan.js';
import {planRegister} from '../ops/register.js';
import type {Services, WritePlan, WriteRequest} from './services.types.js';

type Env = Readonly<Record<string, string | undefined>>;

const opState = (loaded: Loaded): OpState => ({registry: loaded.registry, tagNames: loaded.tags.map((t) => t.name), config: loaded.config});

const planFor = async (repo: Repository, loaded: Loaded, request: WriteRequest): Promise<Plan> => {
  const state = opState(loaded);
  switch (request.kind) {
    case 'register':
      return planRegister(state, {
        name: request.name,
        ref: request.ref,
        commit: await resolveCommit(repo, request.ref),
        version: request.version ?? undefined,
        message: request.message ?? undefined,
      });
    case 'assign':
      return request.version !== null
        ? planAssign(state, {name: request.name, stage: request.stage, version: request.version, message: request.message ?? undefined})
        : planAssign(state, {
            name: request.name,
            stage: request.stage,
            ref: request.ref ?? 'HEAD',
            commit: await resolveCommit(repo, request.ref ?? 'HEAD'),
            message: request.message ?? undefined,
          });
    case 'deprecate':
      return planDeprecate(state, {mode: 'artifact', name: request.name, head: loaded.head});
    case 'deregister':
      return planDeprecate(state, {mode: 'deregister', name: request.name, version: request.version});
    case 'unassign':
      return planDeprecate(state, {mode: 'unassign', name: request.name, version: request.version, stage: request.stage});
  }
};

const toWritePlan = (plan: Plan): WritePlan => {
  if (plan.kind === 'refused') return plan;
  const tags = plan.steps.flatMap((step) => (step.op === 'create' ? [{tag: step.tag, target: step.target, message: step.message}] : []));
  const deletes = plan.steps.some((step) => step.op === 'delete');
  return {kind: 'plan', tags, text: deletes ? planToText(plan) : [], handle: plan};
};

export const createServices = (repo: Repository, env: Env): Services => ({
  info: async () => {
    const [branch, origin] = await Promise.all([currentBranch(repo), originUrl(repo)]);
    return {root: repo.clonedFrom ?? repo.root, branch, origin: origin === null ? null : redactUrl(origin)};
  },
  load: async () => {
    const loaded = await loadRegistry(repo, env);
    const tagTargets = new Map<string, string>();
    for (const tag of loaded.tags) tagTargets.set(tag.name, tag.target);
    return {config: loaded.config, registry: loaded.registry, head: loaded.head, tagTargets};
  },
  recentCommits: (count) => recentCommits(repo, count),
  plan: async (request) => toWritePlan(await planFor(repo, await loadRegistry(repo, env), request)),
  apply: async (plan) => {
    const outcome = await applyPlan(repo, plan.handle as Plan, {push: false, out: () => {}});
    if (outcome.kind === 'push-failed') throw new Error(`The command \`git push origin ${outcome.step.tag}\` failed: ${outcome.reason}`);
    return outcome.done.map((step) => step.tag);
  },
  remoteTags: () => remoteTags(repo),
  push: (tags) => pushTags(repo, {push: tags, delete: []}),
  fetch: async () => fetchTags(repo),
  deleteTags: async (tags) => {
    for (const tag of tags) await deleteTag(repo, tag);
  },
});
