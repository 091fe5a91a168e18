/**
 * What a write operation will do, computed before anything is written: a refusal with GTO's
 * exact message, or the list of tags to create and delete. Plans are plain data, so the CLI,
 * `--dry-run` and the TUI's confirmations all show the same thing. Pure.
 */
import type {Config} from '../registry/config.js';
import type {Registry} from '../registry/model.js';
import type {RulesFile} from '../registry/rules.js';
import {formatTag, nextCounter, type TagAction} from '../registry/tag.js';
import {pyListRepr} from '../registry/state.js';
import {invalidNameMessage, isFullName, isSimpleName} from '../registry/names.js';

export type CreateEvent = 'registration' | 'deregistration' | 'assignment' | 'unassignment' | 'deprecation';

export type CreateStep = {
  readonly op: 'create';
  readonly tag: string;
  /** Full sha of the commit the tag will point at. */
  readonly target: string;
  readonly message: string;
  readonly event: CreateEvent;
  readonly artifact: string;
  /** The version the event is about: `vX.Y.Z`, or the commit sha of an unregistered version. */
  readonly version: string;
};

export type DeleteStep = {
  readonly op: 'delete';
  readonly tag: string;
  /** The commit the tag points at now, and its message (shown by --dry-run). */
  readonly target: string;
  readonly message: string;
};

export type PlanStep = CreateStep | DeleteStep;

export type Plan =
  | {
      readonly kind: 'refused';
      readonly message: string;
      /** A promotion rule refused it (`--ignore-rules` overrides that; `--force` does not). */
      readonly rule?: true;
    }
  | {readonly kind: 'plan'; readonly steps: readonly PlanStep[]};

/**
 * Everything a plan reads: the loaded registry, every tag name (lightweight too), the config,
 * and the promotion rules of `.gto-tui.yaml` at HEAD (assign judges by them; a read that did
 * not ask for them has none, and only assign asks).
 */
export type OpState = {
  readonly registry: Registry;
  readonly tagNames: readonly string[];
  readonly config: Config;
  readonly rules?: RulesFile;
};

/** The plan inputs from one read of the repository (the CLI and the TUI both plan from this). */
export const opStateOf = (loaded: {
  readonly registry: Registry;
  readonly tags: readonly {readonly name: string}[];
  readonly config: Config;
  readonly rules?: RulesFile | null;
}): OpState => ({
  registry: loaded.registry,
  tagNames: loaded.tags.map((t) => t.name),
  config: loaded.config,
  ...(loaded.rules === null || loaded.rules === undefined ? {} : {rules: loaded.rules}),
});

/** `--simple`, as the CLI spells it. */
export type SimpleMode = 'auto' | 'true' | 'false';

export const refused = (message: string, rule = false): Plan => (rule ? {kind: 'refused', message, rule} : {kind: 'refused', message});
export const planOf = (steps: readonly PlanStep[]): Plan => ({kind: 'plan', steps});

/** Thrown inside a planner to stop at the first failed check; planners turn it into a refusal. */
export class Refusal extends Error {
  override readonly name = 'Refusal';
  constructor(
    message: string,
    /** A promotion rule's refusal, which `--ignore-rules` overrides. */
    readonly rule = false,
  ) {
    super(message);
  }
}

export const refuse = (message: string): never => {
  throw new Refusal(message);
};

/** A promotion rule's refusal. */
export const refuseByRule = (message: string): never => {
  throw new Refusal(message, true);
};

/** Runs a planner body, turning its first Refusal into a refused plan. */
export const planning = (body: () => readonly PlanStep[]): Plan => {
  try {
    return planOf(body());
  } catch (error) {
    if (error instanceof Refusal) return refused(error.message, error.rule);
    throw error;
  }
};

export const checkFullName = (name: string): void => {
  if (!isFullName(name)) refuse(invalidNameMessage(name));
};

/** Stage name valid, then allowed by `.gto` (§4.2 step 1, also for unassign §4.3). */
export const checkStage = (stage: string, config: Config): void => {
  if (!isSimpleName(stage)) refuse(invalidNameMessage(stage));
  if (config.stages !== null && !config.stages.includes(stage)) refuse(`Allowed stages are: '${pyListRepr(config.stages)}'`);
};

/**
 * The tag name for `action`: the simple form, or `#N` with N = 1 + the artifact's largest
 * counter over every tag name (§2.7). `taken` is refused like git would (`tag … already exists`).
 */
export const tagFor = (action: TagAction, simple: boolean, state: Pick<OpState, 'tagNames'>): string => {
  const tag = formatTag(action, simple ? null : nextCounter(action.name, state.tagNames));
  if (state.tagNames.includes(tag)) refuse(`tag '${tag}' already exists`);
  checkTagLength(tag);
  return tag;
};

/**
 * git stores a tag as a file (`refs/tags/NAME` and, while writing, `NAME.lock`), so each part
 * between slashes is limited to 250 bytes; past that git's own error is a truncated
 * `cannot lock ref 'refs/tags/aaaa…` that never says why. Beyond GTO (which passes git's on).
 */
export const MAX_TAG_PART_BYTES = 250;

const checkTagLength = (tag: string): void => {
  const longest = Math.max(...tag.split('/').map((part) => new TextEncoder().encode(part).length));
  if (longest > MAX_TAG_PART_BYTES) {
    refuse(`Tag name '${tag.slice(0, 40)}…' is too long for git: ${longest} bytes between slashes, at most ${MAX_TAG_PART_BYTES} allowed`);
  }
};

/** GTO uses `message or default`, so an empty `-m ''` also gets the default text. */
export const messageOr = (message: string | undefined, fallback: string): string =>
  message !== undefined && message !== '' ? message : fallback;

/** The line GTO prints after creating or deleting a tag (§4.11). */
export const resultLine = (step: PlanStep): string => {
  if (step.op === 'delete') return `Deleted git tag '${step.tag}'`;
  switch (step.event) {
    case 'registration':
      return `Created git tag '${step.tag}' that registers version`;
    case 'assignment':
      return `Created git tag '${step.tag}' that assigns stage to version '${step.version}'`;
    case 'unassignment':
      return `Created git tag '${step.tag}' that unassigns stage from version '${step.version}'`;
    case 'deregistration':
      return `Created git tag '${step.tag}' that deregisters version`;
    case 'deprecation':
      return `Created git tag '${step.tag}' that deprecates artifact`;
  }
};

const quoteMessage = (message: string): string => JSON.stringify(message);

/**
 * `--dry-run` (beyond GTO): one line per tag that would be created or deleted, with its commit
 * and message; a refusal is returned as the refusal message.
 */
export const planToText = (plan: Plan): string[] => {
  if (plan.kind === 'refused') return [plan.message];
  if (plan.steps.length === 0) return ['Nothing to do.'];
  return plan.steps.map((step) =>
    step.op === 'create'
      ? `Would create tag '${step.tag}' at ${step.target} with message ${quoteMessage(step.message)}`
      : `Would delete tag '${step.tag}' (at ${step.target}, message ${quoteMessage(step.message)})`,
  );
};
