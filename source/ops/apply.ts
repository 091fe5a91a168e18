/**
 * Carrying out a plan: create/delete each tag through the git layer, in order, and push each
 * one right after it is made when asked (spec §4.10): only the tags this plan touched, to
 * `origin`, by full ref name. A failed push stops the run and keeps the local tag; nothing is
 * ever overwritten (git refuses an existing tag name, locally and on the remote).
 */
import {GitError} from '../git/exec.js';
import {PushError, pushTags} from '../git/remote.js';
import {redactUrl} from '../git/redact.js';
import {GtoError} from '../registry/errors.js';
import type {Repository} from '../git/repository.js';
import {createTag, deleteTag, type TagSigning} from '../git/tagWrites.js';
import {pushHint, shellQuote} from '../output/messages.js';
import {resultLine, type Plan, type PlanStep} from './plan.js';

export type ApplyOptions = {
  /** `--push`; a cloned `--repo URL` always pushes (§7). */
  readonly push: boolean;
  /** Receives each result line (stdout). */
  readonly out: (line: string) => void;
  /** `--sign` (or the TUI's toggle): every tag created is signed; unsigned when absent. */
  readonly signing?: TagSigning;
};

export type ApplyOutcome =
  | {readonly kind: 'done'; readonly done: readonly PlanStep[]}
  | {
      readonly kind: 'push-failed';
      /** Steps fully carried out (and pushed) before the failure. */
      readonly done: readonly PlanStep[];
      /** The step whose tag was written locally but not pushed. */
      readonly step: PlanStep;
      /** git's reason, one line. */
      readonly reason: string;
      /** The remote already has a tag of that name (a different one): nothing was overwritten. */
      readonly alreadyExists: boolean;
      /** Steps after the failed one, not carried out. */
      readonly remaining: readonly PlanStep[];
    };

/** `git push origin TAG` / `git push --delete origin TAG`, unquoted as GTO prints it while running (§4.10). */
export const pushCommand = (step: PlanStep): string =>
  step.op === 'create' ? `git push origin ${step.tag}` : `git push --delete origin ${step.tag}`;

/** The same command, shell-quoted, to copy and run again. */
export const retryCommand = (step: PlanStep): string =>
  step.op === 'create' ? `git push origin ${shellQuote(step.tag)}` : `git push --delete origin ${shellQuote(step.tag)}`;

/**
 * git's reason on one line: its error text, plus what it said about this ref and any `remote:`
 * lines (a server hook's explanation), which the bare error line leaves out.
 */
const pushReason = (error: Error, tag: string): string => {
  const parts = [error.message];
  if (error instanceof PushError) {
    const ref = error.refs.find((r) => r.name === tag && !r.ok);
    if (ref !== undefined && ref.summary !== '' && !error.message.includes(ref.summary)) parts.push(`${tag}: ${ref.summary}`);
    const remote = error.stderr
      .split(/\r?\n/)
      .filter((line) => line.startsWith('remote:'))
      .map((line) => line.slice('remote:'.length).trim())
      .filter((line) => line !== '');
    if (remote.length > 0) parts.push(`remote said: ${remote.join(' ')}`);
  }
  return parts.join('; ');
};

/**
 * Whether the remote refused tag `name` because it already has one of that name: git's own
 * `[rejected] (already exists)`, or — when another push created it between git's ref
 * advertisement and our update — the server's `cannot lock ref …: reference already exists`.
 */
const remoteHasTag = (error: Error, name: string): boolean => {
  if (!(error instanceof PushError)) return false;
  if (error.alreadyExists(name)) return true;
  const rejected = error.refs.some((ref) => ref.name === name && !ref.ok && ref.summary.includes('remote rejected'));
  return rejected && error.stderr.includes(`cannot lock ref 'refs/tags/${name}': reference already exists`);
};

/**
 * A local tag write git refused (a stale `.lock`, a file where a directory should be, a full
 * disk…) as one line that says what was and was not written and what to do. git writes a ref
 * atomically (lock file, then rename), so the failed tag is absent, never half-written.
 */
const writeFailure = (error: unknown, step: PlanStep, done: readonly PlanStep[]): unknown => {
  if (!(error instanceof GitError) && !(error instanceof GtoError && done.length > 0)) return error;
  const verb = step.op === 'create' ? 'create' : 'delete';
  const parts = [`Could not ${verb} tag '${step.tag}': ${error.message.replace(/[.\s]+$/, '')}.`];
  const lock = /Unable to create '([^']+\.lock)': File exists/.exec(error.message);
  if (lock !== null) parts.push(`Another git process may be running in this repository; if none is, remove '${lock[1]}' and run the command again.`);
  else if (error instanceof GitError) parts.push('Nothing was written for it; fix the cause and run the command again.');
  if (done.length > 0) parts.push(`Already done and kept: ${done.map((d) => `'${d.tag}'`).join(', ')}.`);
  return new GtoError(parts.join(' '));
};

/** Runs a plan (a refused plan must be handled by the caller). Git errors other than push failures throw. */
export const applyPlan = async (repo: Repository, plan: Plan, options: ApplyOptions): Promise<ApplyOutcome> => {
  if (plan.kind === 'refused') throw new Error(`cannot apply a refused plan: ${plan.message}`);
  const push = options.push || repo.clonedFrom !== null;
  const done: PlanStep[] = [];
  for (const [index, step] of plan.steps.entries()) {
    try {
      if (step.op === 'create') await createTag(repo, {name: step.tag, target: step.target, message: step.message}, options.signing);
      else await deleteTag(repo, step.tag);
    } catch (error) {
      throw writeFailure(error, step, done);
    }
    options.out(resultLine(step));
    if (!push) {
      for (const line of pushHint(step.tag, step.op === 'create' ? 'push' : 'delete')) options.out(line);
      done.push(step);
      continue;
    }
    options.out(`Running \`${pushCommand(step)}\``);
    try {
      await pushTags(repo, step.op === 'create' ? {push: [step.tag], delete: []} : {push: [], delete: [step.tag]});
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      const alreadyExists = remoteHasTag(error, step.tag);
      return {kind: 'push-failed', done, step, reason: pushReason(error, step.tag), alreadyExists, remaining: plan.steps.slice(index + 1)};
    }
    options.out(`Successfully ${step.op === 'create' ? 'pushed' : 'deleted'} git tag ${step.tag} on remote.`);
    done.push(step);
  }
  return {kind: 'done', done};
};

/**
 * stderr lines for a failed push: GTO's sentence (§4.10), then git's reason, then what is left
 * and how to retry. `clonedFrom` is the URL when the repository was a temporary clone.
 */
export const pushFailureLines = (
  outcome: Extract<ApplyOutcome, {kind: 'push-failed'}>,
  clonedFrom: string | null,
  failPrefix: string,
): string[] => {
  const {step} = outcome;
  const lines = [
    `${failPrefix}The command \`${pushCommand(step)}\` failed. Make sure your local repository is in sync with the remote.`,
    `git: ${outcome.reason}`,
  ];
  if (outcome.alreadyExists) lines.push(`The remote already has a different tag '${step.tag}'; nothing was overwritten.`);
  if (/could not read (Username|Password)|Authentication failed|terminal prompts disabled|Permission denied \(publickey/i.test(outcome.reason)) {
    lines.push('The remote asked for credentials; gto-tui never prompts for them. Set up a credential helper or an SSH key so that `git push` works without asking.');
  }
  if (clonedFrom !== null) {
    const pushed = outcome.done.map((done) => `'${done.tag}'`).join(', ');
    lines.push(
      `The change to '${step.tag}' was made only in a temporary clone of ${redactUrl(clonedFrom)}, which was removed` +
        (pushed === '' ? '; the remote is unchanged.' : `; already on the remote: ${pushed}.`) +
        ' Run the command again.',
    );
  } else if (step.op === 'create') {
    lines.push(`The tag '${step.tag}' was created locally and kept. To retry the push, run:`, `    ${retryCommand(step)}`);
  } else {
    lines.push(`The tag '${step.tag}' was deleted locally. To retry the deletion on the remote, run:`, `    ${retryCommand(step)}`);
  }
  if (outcome.remaining.length > 0) {
    lines.push(`Not done: ${outcome.remaining.map((s) => `'${s.tag}'`).join(', ')}; run the command again once the push works.`);
  }
  return lines;
};
