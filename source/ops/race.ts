/**
 * Two writers racing for the same counter (spec §2.7: N = 1 + the largest counter seen
 * *locally*): both compute `m#prod#N`, the second push is refused because the remote already
 * has a different tag of that name. For a counter tag that is no real conflict — the number
 * was only ever a tie-breaker — so we drop our local copy, fetch the remote's tags, plan the
 * same operation again (which now yields N+1) and push that. A simple tag name (`m@v1.0.0`,
 * `m@deprecated`, `m#prod`) that the remote already has is a real conflict and is left to the
 * caller to report. Beyond GTO, which just fails (§4.10).
 */
import {fetchTags} from '../git/remote.js';
import type {Repository} from '../git/repository.js';
import {deleteTag} from '../git/tagWrites.js';
import {parseTag} from '../registry/tag.js';
import {applyPlan, type ApplyOptions, type ApplyOutcome} from './apply.js';
import type {CreateStep, Plan, PlanStep} from './plan.js';

/** How many times a lost counter race is retried before giving up. */
export const MAX_RACE_RETRIES = 3;

type PushFailed = Extract<ApplyOutcome, {kind: 'push-failed'}>;

/** Whether `tag` is a GTO tag with a `#N` counter. */
export const isCounterTag = (tag: string): boolean => parseTag(tag)?.counter != null;

/** The tag name without its counter (`m#prod#3` → `m#prod`); other names unchanged. */
const withoutCounter = (tag: string): string => (isCounterTag(tag) ? tag.slice(0, tag.lastIndexOf('#')) : tag);

/**
 * The created counter step whose push the remote refused because it already holds a different
 * tag of that name — a lost race — or null for any other failure.
 */
export const lostCounterRace = (outcome: ApplyOutcome): CreateStep | null =>
  outcome.kind === 'push-failed' && outcome.alreadyExists && outcome.step.op === 'create' && isCounterTag(outcome.step.tag)
    ? outcome.step
    : null;

/** The line printed when a lost race is retried. */
export const raceRetryLine = (taken: string, retry: string): string =>
  `Tag '${taken}' was taken on the remote by another writer; fetched remote tags and retrying as '${retry}'`;

export type RaceReplan =
  /** The same operation with new counters: show it (TUI) or apply it (CLI). `retryAs` is the new name of the lost tag. */
  | {readonly kind: 'replanned'; readonly plan: Extract<Plan, {kind: 'plan'}>; readonly taken: string; readonly retryAs: string}
  /** Re-planning against the remote's tags refused (e.g. the other writer already did the same thing). */
  | {readonly kind: 'refused'; readonly taken: string; readonly message: string}
  /** The fresh plan is not the same operation with other counters; nothing was written. */
  | {readonly kind: 'changed'; readonly taken: string; readonly plan: Plan}
  /** The remote does not hold a different tag of that name after all: no race, nothing changed. */
  | {readonly kind: 'not-taken'; readonly taken: string}
  /** Fetching failed; `localKept`: before the local copy was deleted (else it is gone, and so is the operation). */
  | {readonly kind: 'fetch-failed'; readonly taken: string; readonly reason: string; readonly localKept: boolean};

/** Same steps, same order, same targets and messages; tag names may differ only in their counters. */
const sameOperation = (before: readonly PlanStep[], after: readonly PlanStep[]): boolean =>
  before.length === after.length &&
  before.every((step, i) => {
    const other = after[i]!;
    return (
      step.op === other.op &&
      step.target === other.target &&
      step.message === other.message &&
      (step.op === 'create' && other.op === 'create' ? step.event === other.event && step.version === other.version : true) &&
      withoutCounter(step.tag) === withoutCounter(other.tag) &&
      (isCounterTag(step.tag) ? isCounterTag(other.tag) : step.tag === other.tag)
    );
  });

/**
 * After the push of counter tag `lost.tag` was refused because the remote has that name: fetch
 * the remote's tags (our tag is kept while this can fail), delete our local copy, fetch again
 * so the remote's tag of that name arrives, then ask `replan` (which must read the registry
 * afresh and plan the same request) for the new plan. `pending` is the part of the old plan
 * not yet on the remote — the lost step and any after it — which the new plan must repeat
 * with new counters only. The TUI calls this after a refused push, shows the `replanned` plan
 * and applies it on confirmation.
 */
export const replanAfterRace = async (
  repo: Repository,
  lost: CreateStep,
  pending: readonly PlanStep[],
  replan: () => Promise<Plan>,
): Promise<RaceReplan> => {
  const taken = lost.tag;
  const dropped = await dropLostTag(repo, taken);
  if (dropped !== null) return dropped;
  const plan = await replan();
  if (plan.kind === 'refused') return {kind: 'refused', taken, message: plan.message};
  if (!sameOperation(pending, plan.steps)) return {kind: 'changed', taken, plan};
  const index = pending.indexOf(lost);
  const retryAs = plan.steps[index === -1 ? 0 : index]!.tag;
  return {kind: 'replanned', plan, taken, retryAs};
};

/**
 * Fetch (our tag is kept while this can fail), delete our local copy of `taken`, fetch again so
 * the remote's tag of that name arrives. Null when all went well.
 */
const dropLostTag = async (
  repo: Repository,
  taken: string,
): Promise<Extract<RaceReplan, {kind: 'fetch-failed' | 'not-taken'}> | null> => {
  const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));
  let conflicts: readonly string[];
  try {
    ({conflicts} = await fetchTags(repo));
  } catch (error) {
    return {kind: 'fetch-failed', taken, reason: reason(error), localKept: true};
  }
  // git refuses to fetch over our differing tag: that is the proof the remote holds another one
  if (!conflicts.includes(taken)) return {kind: 'not-taken', taken};
  // The local tag was created by this very plan and never reached the remote: dropping it loses nothing.
  await deleteTag(repo, taken);
  try {
    await fetchTags(repo);
  } catch (error) {
    return {kind: 'fetch-failed', taken, reason: reason(error), localKept: false};
  }
  return null;
};

export type RacingOutcome =
  | ApplyOutcome
  /** A lost race could not be retried; `reason` says why (one line), and the local repository is in sync. */
  | {readonly kind: 'race-abandoned'; readonly taken: string; readonly reason: string; readonly done: readonly PlanStep[]};

/**
 * `applyPlan`, retrying lost counter races up to MAX_RACE_RETRIES times (each retry printed
 * through `options.out`). Any other outcome is returned as is. A race that cannot be retried
 * (the fresh plan is refused or different, retries used up) ends as `race-abandoned`, with our
 * lost tag dropped and the remote's fetched, so the local repository is left in sync.
 */
export const applyWithRaceRetry = async (
  repo: Repository,
  plan: Plan,
  replan: () => Promise<Plan>,
  options: ApplyOptions & {readonly retries?: number},
): Promise<RacingOutcome> => {
  const retries = options.retries ?? MAX_RACE_RETRIES;
  const done: PlanStep[] = [];
  let current = plan;
  for (let attempt = 0; ; attempt++) {
    const outcome = await applyPlan(repo, current, options);
    done.push(...outcome.done);
    const lost = lostCounterRace(outcome);
    if (outcome.kind === 'done' || lost === null) return {...outcome, done};
    if (attempt >= retries) {
      const dropped = await dropLostTag(repo, lost.tag);
      if (dropped?.kind === 'not-taken' || (dropped?.kind === 'fetch-failed' && dropped.localKept)) return {...outcome, done};
      return {
        kind: 'race-abandoned',
        taken: lost.tag,
        done,
        reason:
          `Gave up after ${retries} retries: other writers kept taking the next counter ('${lost.tag}' was the last one tried). ` +
          (dropped === null
            ? "Its local copy was removed and the remote's tags fetched: run the command again."
            : `Its local copy was removed, but fetching the remote's tags failed (${dropped.reason}): run the command again.`),
      };
    }
    const pending = [(outcome as PushFailed).step, ...(outcome as PushFailed).remaining];
    const next = await replanAfterRace(repo, lost, pending, replan);
    switch (next.kind) {
      case 'replanned':
        options.out(raceRetryLine(next.taken, next.retryAs));
        current = next.plan;
        continue;
      case 'not-taken':
        return {...outcome, done};
      case 'fetch-failed':
        if (next.localKept) return {...outcome, done};
        return {
          kind: 'race-abandoned',
          taken: next.taken,
          done,
          reason: `Tag '${next.taken}' was taken on the remote by another writer; its local copy was removed, but fetching the remote's tags failed (${next.reason}). Nothing of this command remains to push: run it again.`,
        };
      case 'refused':
        return {
          kind: 'race-abandoned',
          taken: next.taken,
          done,
          reason: `Tag '${next.taken}' was taken on the remote by another writer; after fetching its tags the command is refused: ${next.message.trim()}`,
        };
      case 'changed':
        return {
          kind: 'race-abandoned',
          taken: next.taken,
          done,
          reason: `Tag '${next.taken}' was taken on the remote by another writer, and the registry changed so that the command would now do something else; nothing more was written. Check \`show\` and run the command again.`,
        };
    }
  }
};
