/** Help pages and click-style usage errors, generated from the flag table (spec.ts). */
import {COMMANDS, GLOBAL_FLAGS, SECTION_TITLES, type CommandSpec, type FlagSpec, type Section} from './spec.js';

export const PROGRAM = 'gto-tui';

const argUsage = (command: CommandSpec): string =>
  command.args.map((a) => (a.required ? a.name : `[${a.name}]`)).join(' ');

export const usageLine = (command: CommandSpec | null): string =>
  command === null
    ? `Usage: ${PROGRAM} [OPTIONS] COMMAND [ARGS]...`
    : `Usage: ${PROGRAM} ${command.name} [OPTIONS]${command.args.length > 0 ? ' ' + argUsage(command) : ''}`;

/** click's usage error block (stderr, exit 2). */
export const usageError = (command: CommandSpec | null, message: string): string =>
  [
    usageLine(command),
    `Try '${PROGRAM}${command === null ? '' : ' ' + command.name} -h' for help.`,
    '',
    `Error: ${message}`,
  ].join('\n');

const definitionList = (rows: readonly (readonly [string, string])[]): string[] => {
  const width = Math.min(30, Math.max(...rows.map(([term]) => term.length)));
  return rows.map(([term, text]) =>
    term.length > width ? `  ${term}\n  ${' '.repeat(width + 2)}${text}` : `  ${term.padEnd(width)}  ${text}`,
  );
};

const metavar = (flag: FlagSpec): string =>
  flag.type === 'boolean' ? '' : flag.type === 'integer' ? ' INTEGER' : ' TEXT';

const flagRow = (flag: FlagSpec): [string, string] => {
  const shown = flag.default !== undefined && flag.type !== 'boolean' ? `  [default: ${String(flag.default)}]` : '';
  const required = flag.required ? '  [required]' : '';
  return [flag.names.join(', ') + metavar(flag), flag.help + shown + required];
};

const HELP_ROW: [string, string] = ['-h, --help', 'Show this message and exit.'];

export const commandHelp = (command: CommandSpec): string => {
  const lines = [usageLine(command), '', `  ${command.summary}`];
  if (command.args.length > 0) {
    lines.push('', 'Arguments:');
    lines.push(...definitionList(command.args.map((a) => [a.required ? a.name : `[${a.name}]`, a.help])));
  }
  const shown = command.flags.filter((f) => !f.hidden);
  lines.push('', 'Options:');
  lines.push(...definitionList([...shown.filter((f) => !f.extension).map(flagRow), HELP_ROW]));
  // GTO's own options above stay exactly GTO's; what gto-tui adds is listed apart
  const extensions = shown.filter((f) => f.extension);
  if (extensions.length > 0) {
    lines.push('', `${PROGRAM} extensions (not in GTO):`);
    lines.push(...definitionList(extensions.map(flagRow)));
  }
  return lines.join('\n');
};

export const programHelp = (): string => {
  const lines = [
    usageLine(null),
    '',
    '  Git Tag Ops registry in your terminal: a GTO-compatible command line, and an',
    '  interactive UI when run without a command in a terminal.',
    '',
    'Options:',
    ...definitionList([...GLOBAL_FLAGS.filter((f) => !f.hidden && f.section === undefined).map(flagRow), HELP_ROW]),
    '',
    "Interactive UI options (gto-tui's own):",
    ...definitionList(GLOBAL_FLAGS.filter((f) => !f.hidden && f.section === 'ui').map(flagRow)),
  ];
  const sections: Section[] = ['read', 'modify', 'own'];
  for (const section of sections) {
    const commands = COMMANDS.filter((c) => c.section === section && !c.hidden);
    if (commands.length === 0) continue;
    lines.push('', `${SECTION_TITLES[section]}:`);
    lines.push(
      ...definitionList(
        commands.map((c) => [c.name + (c.aliases ? ` (${c.aliases.join(',')})` : ''), c.summary]),
      ),
    );
  }
  return lines.join('\n');
};
