/**
 * `doctor`: version, the environment's configuration, then a full state build (spec §4.8).
 * Deliberate addition: it also lists the GTO-looking tags the state builder ignored (e.g.
 * `@created` tags, on which GTO itself crashes, §2.6).
 */
import {flagBool, flagString, type CommandContext} from '../cli/context.js';
import {versionLine} from '../cli/main.js';
import {hasShallowFile, SHALLOW_WARNING} from '../git/revisions.js';
import {verifyTagNames} from '../git/signatures.js';
import {loadRegistry, withRepository} from '../load.js';
import {emojis, emojisEnabled, okLine, printable} from '../output/messages.js';
import {signatureCell} from '../output/signatures.js';
import {tableTime} from '../output/time.js';
import {parseConfig} from '../registry/config.js';
import {GtoError} from '../registry/errors.js';
import {historyEvents} from '../registry/history.js';
import type {IgnoredTag, Registry} from '../registry/model.js';
import {auditAssignments, pastBreachText, RULES_FILE, signedRuleTags, type PromotionRules} from '../registry/rules.js';
import {isVerified, SIGNATURE_STATUSES, type Verification} from '../registry/signatures.js';

const RULE = '---------------------------------';

/** Python's repr of a value as pydantic's `__repr_str__` shows it. */
const pyRepr = (value: unknown): string => {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'string') return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  return String(value);
};

/** The configuration GTO's doctor prints: environment variables only, never `.gto` (§4.8). */
export const envConfigBlock = (env: CommandContext['env']): string[] => {
  const config = parseConfig({text: null, path: '.gto', env});
  const logLevel = env['GTO_LOG_LEVEL'] ?? 'INFO';
  const debug = ['1', 'true', 'yes', 'on', 't', 'y'].includes((env['GTO_DEBUG'] ?? '').toLowerCase());
  return [
    `INDEX=${pyRepr(config.index)}`,
    `CONFIG_FILE_NAME=${pyRepr(env['GTO_CONFIG_FILE_NAME'] ?? '.gto')}`,
    `LOG_LEVEL=${pyRepr(logLevel)}`,
    `DEBUG=${pyRepr(debug)}`,
    `EMOJIS=${pyRepr(emojisEnabled(env))}`,
    `types=${pyRepr(config.types)}`,
    `stages=${pyRepr(config.stages)}`,
    'enrichments=[]',
    'autoload_enrichments=True',
  ];
};

export const ignoredLines = (ignored: readonly IgnoredTag[]): string[] =>
  ignored.map((t) => `Ignored tag '${t.tag}': ${t.reason}`);

/**
 * `--verify` (beyond GTO): a count of each verdict over every registry tag, then one line for
 * each tag whose signature is not good.
 */
export const signatureLines = (signatures: ReadonlyMap<string, Verification>): string[] => {
  const counts = SIGNATURE_STATUSES.map((status) => `${[...signatures.values()].filter((v) => v.status === status).length} ${status}`);
  const lines = [`Signatures of ${signatures.size} registry tag${signatures.size === 1 ? '' : 's'}: ${counts.join(', ')}`];
  for (const [tag, verification] of signatures) {
    if (verification.status === 'bad') lines.push(`Bad signature on tag '${printable(tag)}': ${signatureCell(verification)}`);
    else if (verification.status === 'unknown') lines.push(`Unverified signature on tag '${printable(tag)}': ${signatureCell(verification)}`);
  }
  return lines;
};

/**
 * `--rules` (beyond GTO): how many past assignments the rules judge, then one line for each that
 * broke one, oldest first, marked when its tag message says the rule was overridden on purpose.
 * `verified`: what git said of the tags a `signed: true` rule asks about.
 */
export const rulesAuditLines = (
  registry: Registry,
  rules: PromotionRules,
  verified: ReadonlyMap<string, Verification>,
): {lines: string[]; unexplained: number} => {
  const {judged, broken} = auditAssignments(registry, rules, (tag) => isVerified(verified.get(tag)));
  const overridden = broken.filter((b) => b.overridden).length;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const lines = [
    `Promotion rules (${RULES_FILE} at HEAD): ${plural(judged, 'assignment')} to stages with rules, ${broken.length} broke them` +
      (overridden === 0 ? '' : ` (${overridden} overridden)`),
  ];
  for (const {event, breaches, overridden} of broken) {
    const what = `'${printable(event.tag)}' (${printable(event.version)} to ${printable(event.stage)}, ${tableTime(event.createdAt)})`;
    lines.push(`${overridden ? 'Overridden' : 'Broken'} rule: ${what}: ${printable(breaches.map(pastBreachText).join('; '))}`);
  }
  return {lines, unexplained: broken.length - overridden};
};

export const run = async (ctx: CommandContext): Promise<number> => {
  const e = emojis(emojisEnabled(ctx.env));
  ctx.out(versionLine(ctx.env));
  ctx.out(RULE);
  let block: string[];
  try {
    block = envConfigBlock(ctx.env);
  } catch {
    block = [`${e.fail} Fail to parse config`];
  }
  ctx.out(block.join('\n'));
  ctx.out(RULE);
  await withRepository(flagString(ctx, 'repo'), ctx.cwd, async (repo, head) => {
    const {registry, dvc, rules} = await loadRegistry(repo, ctx.env, {head, dvc: flagBool(ctx, 'dvc'), rules: flagBool(ctx, 'rules')});
    for (const line of ignoredLines(registry.ignored)) ctx.out(line);
    // beyond GTO: a shallow clone's registry may be incomplete, which no tag shows
    if (await hasShallowFile(repo)) ctx.out(`WARNING: ${SHALLOW_WARNING}`);
    // --dvc: a malformed dvc.yaml leaves artifacts out of every --dvc read and the TUI: a failure here
    if (dvc !== null) ctx.out(`dvc.yaml: ${dvc.annotations.size} artifact${dvc.annotations.size === 1 ? '' : 's'} in ${dvc.files.length} file${dvc.files.length === 1 ? '' : 's'} at HEAD`);
    const problems = dvc?.problems ?? [];
    for (const problem of problems) ctx.out(`Malformed ${printable(problem)}`);
    let bad = 0;
    let signatures: Map<string, Verification> | null = null;
    if (flagBool(ctx, 'verify')) {
      const tags = [...new Set(historyEvents(registry, {ascending: true}).map((event) => event.tag))].sort();
      signatures = await verifyTagNames(repo, tags);
      for (const line of signatureLines(signatures)) ctx.out(line);
      bad = [...signatures.values()].filter((v) => v.status === 'bad').length;
    }
    let unexplained = 0;
    if (rules?.kind === 'absent') ctx.out(`Promotion rules: no ${RULES_FILE} at HEAD`);
    else if (rules?.kind === 'present') {
      // a signed: true rule asks git about those tags (--verify has asked already)
      const asked = signedRuleTags(registry, rules.rules);
      const verified = signatures ?? (asked.length === 0 ? new Map<string, Verification>() : await verifyTagNames(repo, [...new Set(asked)].sort()));
      const audit = rulesAuditLines(registry, rules.rules, verified);
      for (const line of audit.lines) ctx.out(line);
      unexplained = audit.unexplained;
    }
    if (problems.length > 0) {
      throw new GtoError(`${problems.length} dvc.yaml problem${problems.length === 1 ? '' : 's'} found, listed above`);
    }
    if (rules?.kind === 'malformed') throw new GtoError(rules.message);
    if (bad > 0) {
      throw new GtoError(`${bad} registry tag${bad === 1 ? ' has' : 's have'} a bad signature (listed above)`);
    }
    if (unexplained > 0) {
      throw new GtoError(`${unexplained} assignment${unexplained === 1 ? '' : 's'} broke the promotion rules without an override (listed above)`);
    }
    const n = registry.ignored.length;
    ctx.out(okLine(e, n === 0 ? 'No issues found' : `No issues found (${n} tag${n === 1 ? '' : 's'} ignored, listed above)`));
  });
  return 0;
};
