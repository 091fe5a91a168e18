/**
 * Shell completion, the part that needs no repository: given the words of a command line up to
 * the cursor, what may come next — a command, an option of that command, an option's value, or
 * something only the registry knows (artifact names, versions, stages, tags). Read from the
 * flag table (spec.ts), so completion cannot drift from the parser. Pure.
 */
import {COMMANDS, findCommand, GLOBAL_FLAGS, type CommandSpec, type FlagSpec} from './spec.js';

export type Candidate = {readonly value: string; readonly description?: string};

/** What the registry must be asked for: `prefix` is prepended to every name (`churn@`). */
export type RegistryQuery =
  | {readonly kind: 'artifacts'}
  | {readonly kind: 'versions'; readonly artifact: string}
  | {readonly kind: 'stages'}
  | {readonly kind: 'tags'};

export type Completion =
  | {readonly kind: 'candidates'; readonly candidates: readonly Candidate[]}
  /** Let the shell complete directory names (`--repo`). */
  | {readonly kind: 'directories'}
  | {readonly kind: 'registry'; readonly query: RegistryQuery; readonly repo: string | undefined; readonly prefix: string; readonly extra: readonly Candidate[]};

const NOTHING: Completion = {kind: 'candidates', candidates: []};
const HELP: FlagSpec = {key: 'help', names: ['-h', '--help'], type: 'boolean', help: 'Show this message and exit.'};
export const SHELLS = ['bash', 'zsh', 'fish'] as const;

const candidates = (list: readonly Candidate[], current: string): Completion => ({
  kind: 'candidates',
  candidates: list.filter((c) => c.value.startsWith(current)),
});

const flagCandidates = (flags: readonly FlagSpec[]): Candidate[] =>
  [...flags, HELP].filter((f) => !f.hidden).flatMap((f) => f.names.map((name) => ({value: name, description: f.help})));

const takesValue = (flag: FlagSpec): boolean => flag.type !== 'boolean';

const flagNamed = (flags: readonly FlagSpec[], word: string): FlagSpec | undefined => {
  const name = word.startsWith('--') && word.includes('=') ? word.slice(0, word.indexOf('=')) : word;
  return flags.find((f) => f.names.includes(name));
};

/** The value of `flag`: its choices, a directory, a stage; nothing for free text. */
const valueOf = (flag: FlagSpec, command: CommandSpec | null, repo: string | undefined, current: string): Completion => {
  if (flag.key === 'repo') return {kind: 'directories'};
  if (flag.type === 'choice') return candidates((flag.choices ?? []).map((value) => ({value})), current);
  if (flag.key === 'stage' && command?.name === 'assign') return {kind: 'registry', query: {kind: 'stages'}, repo, prefix: '', extra: []};
  return NOTHING;
};

/** `--sort=se` (zsh and fish keep it one word): the flag's values, each after `--sort=`. */
const inlineValue = (flags: readonly FlagSpec[], command: CommandSpec | null, repo: string | undefined, current: string): Completion | null => {
  const eq = current.indexOf('=');
  if (!current.startsWith('--') || eq === -1) return null;
  const flag = flagNamed(flags, current);
  if (flag === undefined || !takesValue(flag)) return NOTHING;
  const prefix = current.slice(0, eq + 1);
  const value = valueOf(flag, command, repo, current.slice(eq + 1));
  switch (value.kind) {
    case 'candidates':
      return {kind: 'candidates', candidates: value.candidates.map((c) => ({value: prefix + c.value}))};
    case 'registry':
      return {...value, prefix: prefix + value.prefix, extra: value.extra.map((c) => ({value: prefix + c.value}))};
    case 'directories':
      return NOTHING;
  }
};

/** The n-th argument of `command`, from what came before it. */
const argumentOf = (command: CommandSpec, positionals: readonly string[], repo: string | undefined, current: string): Completion => {
  const arg = command.args[positionals.length];
  if (arg === undefined) return NOTHING;
  const registry = (query: RegistryQuery, prefix = '', extra: readonly Candidate[] = []): Completion => ({kind: 'registry', query, repo, prefix, extra});
  switch (arg.name) {
    case 'NAME': {
      // `show churn@v1.2.0`, `show churn@latest`, `show churn#prod` (§4.5)
      const at = command.name === 'show' ? current.search(/[@#]/) : -1;
      if (at > 0) {
        const artifact = current.slice(0, at);
        if (current[at] === '#') return registry({kind: 'stages'}, `${artifact}#`);
        return registry({kind: 'versions', artifact}, `${artifact}@`, [{value: `${artifact}@latest`}, {value: `${artifact}@greatest`}]);
      }
      return registry({kind: 'artifacts'});
    }
    case 'VERSION':
      return positionals[0] === undefined ? NOTHING : registry({kind: 'versions', artifact: positionals[0]});
    case 'STAGE':
      return registry({kind: 'stages'});
    case 'REF':
      return command.name === 'check-ref' ? registry({kind: 'tags'}) : NOTHING;
    case 'SHELL':
      return candidates(SHELLS.map((value) => ({value})), current);
    default:
      return NOTHING;
  }
};

/**
 * `words`: the command line after the program name, up to the cursor; the last word is the
 * one being completed (empty right after a space).
 */
export const completeWords = (typed: readonly string[]): Completion => {
  // bash splits `--sort=semver` into `--sort`, `=`, `semver`: one flag and its value again
  const words = typed.filter((word, i) => !(word === '=' && i > 0 && i < typed.length - 1 && typed[i - 1]!.startsWith('--')));
  const current = words.at(-1) ?? '';
  const before = words.slice(0, -1);
  if (current === '=') return NOTHING;
  let repo: string | undefined;
  let i = 0;
  let command: CommandSpec | null = null;
  // the program's own options, then the command
  while (i < before.length) {
    const word = before[i]!;
    if (word.startsWith('-') && word !== '-' && word !== '--') {
      const flag = flagNamed(GLOBAL_FLAGS, word);
      if (flag !== undefined && takesValue(flag) && !word.includes('=')) {
        if (i + 1 === before.length) return valueOf(flag, null, repo, current);
        if (flag.key === 'repo') repo = before[i + 1];
        i += 2;
      } else {
        if (flag?.key === 'repo') repo = word.slice(word.indexOf('=') + 1);
        i += 1;
      }
      continue;
    }
    command = findCommand(word) ?? null;
    if (command === null || command.hidden) return NOTHING;
    i += 1;
    break;
  }
  if (command === null) {
    const inline = inlineValue(GLOBAL_FLAGS, null, repo, current);
    if (inline !== null) return inline;
    if (current.startsWith('-')) return candidates(flagCandidates(GLOBAL_FLAGS), current);
    const visible = COMMANDS.filter((c) => !c.hidden).flatMap((c) => [c.name, ...(c.aliases ?? [])].map((value) => ({value, description: c.summary})));
    return candidates(visible, current);
  }

  const positionals: string[] = [];
  let optionsDone = false;
  for (let j = i; j < before.length; j++) {
    const word = before[j]!;
    if (optionsDone || word === '-' || !word.startsWith('-')) {
      positionals.push(word);
      continue;
    }
    if (word === '--') {
      optionsDone = true;
      continue;
    }
    const flag = flagNamed(command.flags, word);
    if (flag === undefined || !takesValue(flag) || word.includes('=')) {
      if (flag?.key === 'repo' && word.includes('=')) repo = word.slice(word.indexOf('=') + 1);
      continue;
    }
    if (j + 1 === before.length) return valueOf(flag, command, repo, current);
    if (flag.key === 'repo') repo = before[j + 1];
    j += 1;
  }
  if (!optionsDone) {
    const inline = inlineValue(command.flags, command, repo, current);
    if (inline !== null) return inline;
    if (current.startsWith('-')) return candidates(flagCandidates(command.flags), current);
  }
  return argumentOf(command, positionals, repo, current);
};
