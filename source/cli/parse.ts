/**
 * A small click-like argv parser over the flag table (spec.ts). Hand-written rather than meow:
 * importing meow costs ~25 ms per run against a ~50 ms node start-up, and `show --json` must
 * stay close to one git call (see the report in the commit that added this).
 */
import {printable} from '../output/messages.js';
import {GtoError} from '../registry/errors.js';
import {parseWhen} from '../registry/when.js';
import type {FlagValue} from './context.js';
import type {ArgSpec, FlagSpec} from './spec.js';

export type Parsed = {
  readonly positionals: string[];
  readonly flags: Record<string, FlagValue | undefined>;
  readonly help: boolean;
  readonly verbose: boolean;
};

/** Spellings every command accepts besides its own flags. */
const HELP = ['-h', '--help'];
const VERBOSE = ['-v', '--verbose'];

const usage = (message: string): GtoError => new GtoError(message, 'usage');

/** click names a parameter in errors as `'--vs' / '--versions-per-stage'`. */
export const flagHint = (flag: FlagSpec): string => flag.names.map((n) => `'${n}'`).join(' / ');

/** A WHEN that is neither a date nor something a ref could be (`--as-of`, `--since`, `--until`). */
export const invalidMomentMessage = (option: string, raw: string): string =>
  `Invalid value for '${option}': '${printable(raw)}' is not a date (YYYY-MM-DD[THH:MM[:SS]][Z|±HH:MM]) or a git ref.`;

const convert = (flag: FlagSpec, raw: string): FlagValue => {
  if (flag.type === 'moment' && parseWhen(raw).kind === 'invalid') throw usage(invalidMomentMessage(flag.names.join(' / '), raw));
  if (flag.type === 'integer') {
    if (!/^\s*[+-]?\d+\s*$/.test(raw)) {
      throw usage(`Invalid value for ${flagHint(flag)}: '${raw}' is not a valid integer.`);
    }
    const value = Number.parseInt(raw, 10);
    if (flag.min !== undefined && value < flag.min) throw usage(`Invalid value for ${flagHint(flag)}: ${value} is not in the range x>=${flag.min}.`);
    return value;
  }
  if (flag.type === 'choice' && !(flag.choices ?? []).includes(raw)) {
    // GTO validates these in a callback, hence the Python list repr (§2.7, §4.5).
    const list = `[${(flag.choices ?? []).map((c) => `'${c}'`).join(', ')}]`;
    throw usage(`Invalid value for ${flagHint(flag)}: Only one of ${list} is allowed`);
  }
  return raw;
};

/**
 * Parses the arguments that follow a command (or the program's own options when `args` is
 * null: then the first positional ends parsing and is returned with the rest untouched).
 */
export const parseArgv = (
  argv: readonly string[],
  flags: readonly FlagSpec[],
  args: readonly ArgSpec[] | null,
): Parsed & {rest: string[]} => {
  const byName = new Map<string, FlagSpec>();
  for (const flag of flags) for (const name of flag.names) byName.set(name, flag);
  const values: Record<string, FlagValue | undefined> = {};
  const positionals: string[] = [];
  let help = false;
  let verbose = false;
  let rest: string[] = [];

  const take = (flag: FlagSpec, name: string, inline: string | undefined, next: () => string | undefined): void => {
    if (flag.type === 'boolean') {
      if (inline !== undefined) throw usage(`Option '${name}' does not take a value.`);
      values[flag.key] = true;
      return;
    }
    const raw = inline ?? next();
    if (raw === undefined) throw usage(`Option '${name}' requires an argument.`);
    const value = convert(flag, raw);
    const earlier = values[flag.key];
    if (flag.repeat === 'many' && typeof value === 'string') values[flag.key] = [...(Array.isArray(earlier) ? earlier : []), value];
    else if (flag.repeat === 'once' && earlier !== undefined) {
      throw usage(`Option ${flagHint(flag)} was given more than once: a command works on one repository (several open in the interactive UI).`);
    } else values[flag.key] = value;
  };

  let i = 0;
  const next = (): string | undefined => (i < argv.length ? argv[i++] : undefined);
  let optionsDone = false;
  while (i < argv.length) {
    const token = argv[i++]!;
    if (optionsDone || token === '-' || !token.startsWith('-')) {
      if (args === null) {
        rest = argv.slice(i - 1);
        break;
      }
      positionals.push(token);
      continue;
    }
    if (token === '--') {
      optionsDone = true;
      continue;
    }
    if (token.startsWith('--')) {
      const eq = token.indexOf('=');
      const name = eq === -1 ? token : token.slice(0, eq);
      const inline = eq === -1 ? undefined : token.slice(eq + 1);
      if (HELP.includes(name)) help = true;
      else if (VERBOSE.includes(name) && !byName.has(name)) verbose = true;
      else {
        const flag = byName.get(name);
        if (!flag) throw usage(`No such option: ${name}`);
        take(flag, name, inline, next);
      }
      continue;
    }
    // Short options: `-r PATH`, `-rPATH`, and bundled booleans like `-dh`.
    for (let j = 1; j < token.length; j++) {
      const name = `-${token[j]}`;
      if (HELP.includes(name)) {
        help = true;
        continue;
      }
      const flag = byName.get(name);
      if (!flag) {
        if (VERBOSE.includes(name)) {
          verbose = true;
          continue;
        }
        throw usage(`No such option: ${name}`);
      }
      if (flag.type === 'boolean') {
        values[flag.key] = true;
        continue;
      }
      const attached = token.slice(j + 1);
      take(flag, name, attached === '' ? undefined : attached, next);
      break;
    }
  }

  for (const flag of flags) {
    if (values[flag.key] === undefined && flag.default !== undefined) values[flag.key] = flag.default;
  }
  if (!help && args !== null) {
    // click checks parameters in declaration order: arguments and options interleave as
    // declared; GTO declares the options it requires after NAME.
    for (const [index, arg] of args.entries()) {
      if (arg.required && positionals[index] === undefined) throw usage(`Missing argument '${arg.name}'.`);
    }
    for (const flag of flags) {
      if (flag.required && values[flag.key] === undefined) {
        throw usage(`Missing option '${flag.names[flag.names.length - 1]}'.`);
      }
    }
    const extra = positionals.slice(args.length);
    if (extra.length > 0) {
      const s = extra.length > 1 ? 's' : '';
      throw usage(`Got unexpected extra argument${s} (${extra.join(' ')})`);
    }
  }
  return {positionals, flags: values, help, verbose, rest};
};
