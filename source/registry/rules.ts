/**
 * Promotion rules: the `promotion:` section of `.gto-tui.yaml` at HEAD, which says which stages a
 * version must have been in before it may enter another, and the judge that applies them to an
 * assignment — a planned one (ops/assign.ts) or a past one (`doctor --rules`). GTO knows nothing
 * of them. Pure: the caller reads the file and passes the time in.
 *
 *   promotion:
 *     qa:    {after: [dev]}
 *     stage: {after: [qa]}
 *     prod:  {after: [stage, hot-stage], held_for: 24h, current: true, signed: true}
 *
 * What the judge looks at, for an assignment of version V to stage S at time T (a planned one's T
 * is the time its tag will record):
 * - `after`: V has an assignment to one of the listed stages at or before T (same-second tags
 *   count as before: a tag records whole seconds). Once is enough: a later unassignment, or
 *   another version taking the stage, does not undo "has been in".
 * - `current: true`: besides, V holds one of them at T, as `gto show NAME#STAGE` answers with the
 *   registry as it stood at T (the default of one version per stage).
 * - `held_for`: without `current`, at least that long since V first entered one of them (the
 *   first qualifying assignment that old satisfies it: a re-assignment does not restart the
 *   clock); with `current`, V has held one of them that long without an unassignment between.
 * - `signed: true`: the assignment's tag is signed (signatures.ts).
 */
import type {Artifact, AssignmentEvent, Registry, StageRecord, Version} from './model.js';
import {isSimpleName} from './names.js';
import {DEFAULT_STAGE_QUERY, stageHolders} from './resolve.js';
import {signedRuleRefusal} from './signatures.js';
import {yamlPackage} from './yaml.js';

/** gto-tui's own repository settings file, read at HEAD; `promotion:` is its one section. */
export const RULES_FILE = '.gto-tui.yaml';

/** A minimum time: as written in the file (`24h`), and in seconds. */
export type Duration = {readonly text: string; readonly seconds: number};

export type StageRule = {
  readonly stage: string;
  /** The version must have been in one of these first; empty when the stage only wants signed assignments. */
  readonly after: readonly string[];
  /** It must hold one of them at the time, not only have been there once. */
  readonly current: boolean;
  readonly heldFor: Duration | null;
  readonly signed: boolean;
};

/** By stage; a stage without an entry is unrestricted. */
export type PromotionRules = ReadonlyMap<string, StageRule>;

export type RulesFile =
  | {readonly kind: 'absent'}
  | {readonly kind: 'present'; readonly rules: PromotionRules}
  /** One line naming the file and the line: what is wrong. */
  | {readonly kind: 'malformed'; readonly message: string};

export const NO_RULES: RulesFile = {kind: 'absent'};

// ---------------------------------------------------------------------------------------------
// The file

const RULE_KEYS = ['after', 'current', 'held_for', 'signed'] as const;
type RuleKey = (typeof RULE_KEYS)[number];
const SECTIONS = ['promotion'] as const;

const UNITS: Readonly<Record<string, number>> = {s: 1, m: 60, h: 3600, d: 86_400, w: 604_800};
const DURATION = /^(?:\d+[smhdw])+$/;

/**
 * `30m`, `24h`, `7d`, `1d12h`: one or more whole numbers, each followed by its unit (s, m, h,
 * d = 24 hours, w = 7 days); null for anything else, or for no time at all.
 */
export const parseDuration = (text: string): Duration | null => {
  if (!DURATION.test(text)) return null;
  let seconds = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+)([smhdw])/g)) seconds += Number(amount) * UNITS[unit!]!;
  return Number.isSafeInteger(seconds) && seconds > 0 ? {text, seconds} : null;
};

/** An elapsed time in its two largest units: `45s`, `12m`, `3h 10m`, `2d 4h`. */
export const formatDuration = (seconds: number): string => {
  const whole = Math.max(0, Math.floor(seconds));
  if (whole < 60) return `${whole}s`;
  const parts: string[] = [];
  let rest = whole;
  for (const [unit, size] of [['d', 86_400], ['h', 3600], ['m', 60]] as const) {
    const amount = Math.floor(rest / size);
    rest -= amount * size;
    if (amount > 0 || parts.length > 0) parts.push(`${amount}${unit}`);
  }
  return parts.filter((part) => !part.startsWith('0')).slice(0, 2).join(' ');
};

class Malformed extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * `.gto-tui.yaml` at HEAD (null: there is none). YAML 1.2 like `.gto`; an unknown key, a stage
 * name GTO would refuse, a value of the wrong kind, or stages that could never be entered make
 * the whole file malformed (nothing half-applied), reported with its line.
 */
export const parseRulesFile = (text: string | null): RulesFile => {
  if (text === null) return NO_RULES;
  try {
    return {kind: 'present', rules: parseRules(text)};
  } catch (error) {
    if (error instanceof Malformed) return {kind: 'malformed', message: `${RULES_FILE} at HEAD, line ${error.line}: ${error.message}`};
    throw error;
  }
};

type Y = ReturnType<typeof yamlPackage>;
type Node = ReturnType<Y['parseDocument']>['contents'];

const parseRules = (text: string): Map<string, StageRule> => {
  const Y = yamlPackage();
  const counter = new Y.LineCounter();
  const doc = Y.parseDocument(text, {version: '1.2', uniqueKeys: true, lineCounter: counter, prettyErrors: false, logLevel: 'error'});
  const lineAt = (offset: number): number => counter.linePos(offset).line;
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem !== undefined) throw new Malformed(lineAt(problem.pos[0]), `not valid YAML (${problem.message.split('\n')[0]!.replace(/ at line \d+.*$/, '')})`);
  const resolve = (node: unknown): Node => (Y.isAlias(node) ? (node.resolve(doc) as Node) : (node as Node));
  const lineOf = (node: unknown, fallback = 1): number => {
    const range = (node as {range?: [number, number, number] | null} | null)?.range;
    return range ? lineAt(range[0]) : fallback;
  };
  const isNull = (node: Node): boolean => node === null || (Y.isScalar(node) && node.value === null);
  const keyOf = (pair: {key: unknown}, where: string): string => {
    const key = resolve(pair.key);
    if (!Y.isScalar(key) || typeof key.value !== 'string') throw new Malformed(lineOf(key), `${where}a key that is not a name`);
    return key.value;
  };

  const root = resolve(doc.contents);
  const rules = new Map<string, StageRule>();
  const lines = new Map<string, number>();
  if (isNull(root)) return rules;
  if (!Y.isMap(root)) throw new Malformed(lineOf(root), 'expected a mapping with a promotion: section');
  let promotion: Node = null;
  for (const pair of root.items) {
    const key = keyOf(pair, '');
    if (!(SECTIONS as readonly string[]).includes(key)) throw new Malformed(lineOf(pair.key), `unknown key '${key}' (known: ${SECTIONS.join(', ')})`);
    promotion = resolve(pair.value);
    if (!isNull(promotion) && !Y.isMap(promotion)) {
      throw new Malformed(lineOf(pair.value, lineOf(pair.key)), 'promotion: expected a mapping of stages, such as prod: {after: [stage]}');
    }
  }
  if (!Y.isMap(promotion)) return rules;

  for (const pair of promotion.items) {
    const stage = keyOf(pair, 'promotion: ');
    const line = lineOf(pair.key);
    if (!isSimpleName(stage)) throw new Malformed(line, `'${stage}' is not a valid stage name`);
    const body = resolve(pair.value);
    if (!Y.isMap(body)) throw new Malformed(lineOf(pair.value, line), `${stage}: expected a mapping, such as {after: [qa]}`);
    let after: readonly string[] = [];
    let current = false;
    let heldFor: Duration | null = null;
    let signed = false;
    for (const field of body.items) {
      const key = keyOf(field, `${stage}: `);
      const at = lineOf(field.key, line);
      if (!(RULE_KEYS as readonly string[]).includes(key)) throw new Malformed(at, `${stage}: unknown key '${key}' (known: ${RULE_KEYS.join(', ')})`);
      const value = resolve(field.value);
      const valueLine = lineOf(field.value, at);
      switch (key as RuleKey) {
        case 'after': {
          const wrong = () => new Malformed(valueLine, `${stage}: after: expected a list of one or more stage names, such as [qa]`);
          if (!Y.isSeq(value) || value.items.length === 0) throw wrong();
          after = value.items.map((item) => {
            const node = resolve(item);
            if (!Y.isScalar(node) || typeof node.value !== 'string') throw wrong();
            if (!isSimpleName(node.value)) throw new Malformed(lineOf(node, valueLine), `${stage}: after: '${node.value}' is not a valid stage name`);
            return node.value;
          });
          break;
        }
        case 'current':
        case 'signed': {
          if (!Y.isScalar(value) || typeof value.value !== 'boolean') throw new Malformed(valueLine, `${stage}: ${key}: expected true or false`);
          if (key === 'current') current = value.value;
          else signed = value.value;
          break;
        }
        case 'held_for': {
          const duration = Y.isScalar(value) && typeof value.value === 'string' ? parseDuration(value.value) : null;
          if (duration === null) throw new Malformed(valueLine, `${stage}: held_for: expected a time such as 30m, 24h, 7d or 1d12h`);
          heldFor = duration;
          break;
        }
      }
    }
    if (after.length === 0 && (current || heldFor !== null)) {
      throw new Malformed(line, `${stage}: ${current ? 'current' : 'held_for'} needs after: (the stages it is about)`);
    }
    rules.set(stage, {stage, after, current, heldFor, signed});
    lines.set(stage, line);
  }
  const trapped = unreachable(rules);
  if (trapped !== null) throw new Malformed(lines.get(trapped.stage)!, `${trapped.stage} can never be entered: ${trapped.circle.join(' requires ')}`);
  return rules;
};

/**
 * A stage no version could enter without an override: every stage it requires first requires,
 * in the end, itself or another such stage. With the circle that shows it, or null.
 */
const unreachable = (rules: ReadonlyMap<string, StageRule>): {stage: string; circle: string[]} | null => {
  const reachable = new Set<string>();
  const open = (stage: string): boolean => reachable.has(stage) || (rules.get(stage)?.after.length ?? 0) === 0;
  for (let changed = true; changed; ) {
    changed = false;
    for (const rule of rules.values()) {
      if (!open(rule.stage) && rule.after.some(open)) {
        reachable.add(rule.stage);
        changed = true;
      }
    }
  }
  const first = [...rules.values()].find((rule) => !open(rule.stage));
  if (first === undefined) return null;
  const circle = [first.stage];
  for (let stage = first.after[0]!; ; stage = rules.get(stage)!.after[0]!) {
    circle.push(stage);
    if (circle.indexOf(stage) < circle.length - 1) break;
  }
  return {stage: first.stage, circle};
};

// ---------------------------------------------------------------------------------------------
// The judge

/** Why an assignment breaks a rule. `stages`: the rule's `after`. */
export type Reason =
  | {readonly kind: 'never'; readonly stages: readonly string[]}
  | {readonly kind: 'not-now'; readonly stages: readonly string[]}
  /** `held`: a `current` rule (held that long without a break); else since first entering. */
  | {readonly kind: 'too-soon'; readonly stage: string; readonly seconds: number; readonly held: boolean}
  | {readonly kind: 'unsigned'};

export type Breach = {readonly rule: StageRule; readonly version: string; readonly reason: Reason};

/** One assignment, planned or made. */
export type Candidate = {
  /** The artifact, with whatever happened after `at` (undefined: a new artifact). */
  readonly artifact: Artifact | undefined;
  readonly stage: string;
  /** The version as messages name it (a registration the write makes: its new name). */
  readonly version: string;
  /**
   * The name and commit the registry files the version's stage tags under: the version itself,
   * or, for a commit the write registers, the commit's sha-named version (its tags join the
   * new version, spec §3.1).
   */
  readonly filedAs: {readonly version: string; readonly commit: string};
  /** When (seconds): a planned assignment's tag time, a past one's tagger time. */
  readonly at: number;
  /** Whether its tag is signed: `--sign` for a planned one, a good signature for a past one. */
  readonly signed: boolean;
};

/** The rules `candidate` breaks: the order rule (after, current, held_for) first, then `signed`. */
export const judgeAssignment = (rules: PromotionRules, candidate: Candidate): Breach[] => {
  const rule = rules.get(candidate.stage);
  if (rule === undefined) return [];
  const breaches: Breach[] = [];
  const order = rule.after.length === 0 ? null : orderReason(rule, candidate);
  if (order !== null) breaches.push({rule, version: candidate.version, reason: order});
  if (signedRuleRefusal(rule.stage, rule, {sign: candidate.signed}) !== null) breaches.push({rule, version: candidate.version, reason: {kind: 'unsigned'}});
  return breaches;
};

const orderReason = (rule: StageRule, candidate: Candidate): Reason | null => {
  const {at, filedAs} = candidate;
  const isIt = (v: Version): boolean => v.version === filedAs.version && v.commit === filedAs.commit;
  const entered: {stage: string; first: number}[] = [];
  const own = candidate.artifact?.versions.find(isIt);
  for (const stage of rule.after) {
    const first = earliest((own?.stages.get(stage)?.assignments ?? []).filter((a) => a.createdAt.seconds <= at), -Infinity);
    if (first !== null) entered.push({stage, first});
  }
  if (entered.length === 0) return {kind: 'never', stages: rule.after};
  if (!rule.current) {
    if (rule.heldFor === null) return null;
    const earliest = entered.reduce((a, b) => (b.first < a.first ? b : a));
    const seconds = at - earliest.first;
    return seconds >= rule.heldFor.seconds ? null : {kind: 'too-soon', stage: earliest.stage, seconds, held: false};
  }
  // who holds a stage depends on every version's events: the whole artifact, as it stood at `at`
  const artifact = artifactAsOf(candidate.artifact!, at);
  const holders = stageHolders(artifact, DEFAULT_STAGE_QUERY);
  const held = rule.after.filter((stage) => holders.get(stage)?.some(isIt));
  if (held.length === 0) return {kind: 'not-now', stages: rule.after};
  if (rule.heldFor === null) return null;
  const version = artifact.versions.find(isIt)!;
  let longest = {stage: held[0]!, seconds: -1};
  for (const stage of held) {
    const seconds = at - holdingSince(version.stages.get(stage)!);
    if (seconds > longest.seconds) longest = {stage, seconds};
  }
  return longest.seconds >= rule.heldFor.seconds ? null : {kind: 'too-soon', ...longest, held: true};
};

type Timed = {readonly createdAt: {readonly seconds: number}};

/** The earliest time among `events` later than `after`, or null. */
const earliest = (events: readonly Timed[], after: number): number | null => {
  let first: number | null = null;
  for (const {createdAt} of events) if (createdAt.seconds > after && (first === null || createdAt.seconds < first)) first = createdAt.seconds;
  return first;
};

/**
 * When the version's present hold of a stage began: its first assignment after its last
 * unassignment (it holds the stage, so there is one: a same-second unassignment would have won).
 */
const holdingSince = (record: StageRecord): number => {
  let lastOff = -Infinity;
  for (const {createdAt} of record.unassignments) lastOff = Math.max(lastOff, createdAt.seconds);
  return earliest(record.assignments, lastOff) ?? earliest(record.assignments, -Infinity)!;
};

/** The artifact as it stood at `at` (seconds): every event after it left out. */
export const artifactAsOf = (artifact: Artifact, at: number): Artifact => {
  const upTo = <T extends Timed>(events: readonly T[]): T[] => events.filter((e) => e.createdAt.seconds <= at);
  const versions: Version[] = [];
  for (const version of artifact.versions) {
    const stages = new Map<string, StageRecord>();
    for (const [stage, record] of version.stages) {
      const assignments = upTo(record.assignments);
      const unassignments = upTo(record.unassignments);
      if (assignments.length + unassignments.length > 0) stages.set(stage, {...record, assignments, unassignments});
    }
    const kept: Version = {
      ...version,
      registrations: upTo(version.registrations),
      deregistrations: upTo(version.deregistrations),
      enrichments: upTo(version.enrichments),
      stages,
    };
    if (kept.registrations.length + kept.deregistrations.length + kept.enrichments.length + stages.size > 0) versions.push(kept);
  }
  return {...artifact, versions, deprecations: upTo(artifact.deprecations)};
};

// ---------------------------------------------------------------------------------------------
// The words

const quotedEither = (stages: readonly string[]): string => stages.map((s) => `'${s}'`).join(' or ');

/** `prod requires stage or hot-stage` (+ ` now`, ` for 24h`, ` for the last 24h`), or `prod requires a signed assignment`. */
export const ruleText = (breach: Breach): string => {
  const {rule} = breach;
  if (breach.reason.kind === 'unsigned') return `${rule.stage} requires a signed assignment`;
  const when = rule.current ? (rule.heldFor === null ? ' now' : ` for the last ${rule.heldFor.text}`) : rule.heldFor === null ? '' : ` for ${rule.heldFor.text}`;
  return `${rule.stage} requires ${rule.after.join(' or ')}${when}`;
};

/** What is missing: `now` for a planned assignment, `then` for a past one (`doctor --rules`). */
export const reasonText = (breach: Breach, tense: 'now' | 'then'): string => {
  const {version, reason} = breach;
  const now = tense === 'now';
  switch (reason.kind) {
    case 'never':
      return `${version} ${now ? 'has' : 'had'} never been in ${quotedEither(reason.stages)}`;
    case 'not-now':
      return `${version} ${now ? 'is' : 'was'} not in ${quotedEither(reason.stages)} ${now ? 'now' : 'then'}`;
    case 'too-soon':
      return reason.held
        ? `${version} ${now ? 'has' : 'had'} held '${reason.stage}' for only ${formatDuration(reason.seconds)}`
        : `${version} ${now ? 'entered' : 'had entered'} '${reason.stage}' only ${formatDuration(reason.seconds)} ${now ? 'ago' : 'before'}`;
    case 'unsigned':
      return now ? 'the tag would not be signed' : 'its tag has no signature git verifies as good';
  }
};

/** The refusal of a planned assignment: `v3.1.1 has never been in 'stage'; prod requires stage`. */
export const refusalText = (breach: Breach): string =>
  breach.reason.kind === 'unsigned'
    ? signedRuleRefusal(breach.rule.stage, breach.rule, {sign: false})!
    : `${reasonText(breach, 'now')}; ${ruleText(breach)}`;

/** A past assignment's breach, for `doctor --rules`. */
export const pastBreachText = (breach: Breach): string => `${reasonText(breach, 'then')}; ${ruleText(breach)}`;

const OVERRIDDEN = 'Promotion rule overridden: ';

/** The line an overridden assignment's tag message gets, one per rule it breaks. */
export const overrideLine = (breach: Breach): string => `${OVERRIDDEN}${ruleText(breach)}`;

/** `message` with one more line per overridden rule, unless it carries it already (a retried write keeps its own). */
export const withOverrideLines = (message: string, breaches: readonly Breach[]): string => {
  const present = new Set(message.split('\n'));
  const added = breaches.map(overrideLine).filter((line) => !present.has(line));
  return added.length === 0 ? message : `${message.replace(/\n+$/, '')}\n${added.join('\n')}`;
};

/** Whether a tag message records a rule overridden on purpose (`--ignore-rules`, the TUI's "assign anyway"). */
export const isOverridden = (message: string): boolean => message.split('\n').some((line) => line.startsWith(OVERRIDDEN));

// ---------------------------------------------------------------------------------------------
// The audit

export type PastBreach = {
  readonly event: AssignmentEvent;
  readonly breaches: readonly Breach[];
  /** Its tag message says a rule was overridden on purpose. */
  readonly overridden: boolean;
};

/** The assignment tags whose signature a `signed: true` rule asks about: what to verify first. */
export const signedRuleTags = (registry: Registry, rules: PromotionRules): string[] => {
  const tags: string[] = [];
  for (const event of assignments(registry)) if (rules.get(event.stage)?.signed === true) tags.push(event.tag);
  return tags;
};

function* assignments(registry: Registry): Generator<AssignmentEvent> {
  for (const artifact of registry.artifacts.values()) {
    for (const version of artifact.versions) for (const record of version.stages.values()) yield* record.assignments;
  }
}

/**
 * Every past assignment to a stage with a rule, judged against the registry as it stood at its
 * tag's time (and `signed(tag)`: whether git verifies its signature as good); the ones that
 * break a rule, oldest first.
 */
export const auditAssignments = (
  registry: Registry,
  rules: PromotionRules,
  signed: (tag: string) => boolean,
): {readonly judged: number; readonly broken: readonly PastBreach[]} => {
  let judged = 0;
  const broken: PastBreach[] = [];
  for (const event of assignments(registry)) {
    if (!rules.has(event.stage)) continue;
    judged++;
    const breaches = judgeAssignment(rules, {
      artifact: registry.artifacts.get(event.artifact),
      stage: event.stage,
      version: event.version,
      filedAs: {version: event.version, commit: event.commit},
      at: event.createdAt.seconds,
      signed: signed(event.tag),
    });
    if (breaches.length > 0) broken.push({event, breaches, overridden: isOverridden(event.message)});
  }
  broken.sort((a, b) => a.event.createdAt.seconds - b.event.createdAt.seconds || (a.event.tag < b.event.tag ? -1 : a.event.tag > b.event.tag ? 1 : 0));
  return {judged, broken};
};
