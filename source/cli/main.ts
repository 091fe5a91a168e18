/**
 * The dispatcher: argv → one command, run, print, exit code. Commands load lazily, so `show`
 * never pays for the TUI (ink, react) or for commands it does not run.
 */
import {readFileSync} from 'node:fs';
import {GtoError, isGtoError} from '../registry/errors.js';
import {emojis, emojisEnabled, errorLine, logLine, printable} from '../output/messages.js';
import type {CommandContext, CommandModule} from './context.js';
import {commandHelp, programHelp, usageError} from './help.js';
import {parseArgv} from './parse.js';
import {withSignalCleanup} from './signals.js';
import {findCommand, GLOBAL_FLAGS, type CommandSpec} from './spec.js';

type Io = {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly interactive: boolean;
  /** Loads the TUI; by default `import()`s it (the launcher supplies its own: see program.ts). */
  readonly loadUi?: () => Promise<UiModule>;
};

type RunApp = (options: {
  /** The one repository (`.` when no `-r`); `repos` holds every `-r` given, in order. */
  repo: string;
  repos: readonly string[];
  /** `--all`: the dashboard of the config file's registries. */
  all: boolean;
  demo: boolean;
  readonly: boolean;
  noRemote: boolean;
  remoteInterval?: number;
  cwd: string;
  env: Io['env'];
}) => Promise<number | void>;
export type UiModule = {readonly runApp?: RunApp};

const LOADERS: Readonly<Record<string, () => Promise<CommandModule>>> = {
  'check-ref': () => import('../commands/checkRef.js'),
  show: () => import('../commands/show.js'),
  history: () => import('../commands/history.js'),
  stages: () => import('../commands/stages.js'),
  doctor: () => import('../commands/doctor.js'),
  'parse-tag': () => import('../commands/parseTag.js'),
  'print-state': () => import('../commands/printState.js'),
  register: () => import('../commands/register.js'),
  assign: () => import('../commands/assign.js'),
  deprecate: () => import('../commands/deprecate.js'),
  diff: () => import('../commands/diff.js'),
  completion: () => import('../commands/completion.js'),
  'complete-words': () => import('../commands/completeWords.js'),
};

export const programVersion = (): string => {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {version?: string};
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
};

/**
 * `🪴  GTO Version: 1.10.1 (gto-tui 0.1.0)`: GTO's line with the GTO release we follow, so
 * scripts looking for "GTO Version" still match (§4.0, §9.6 #48), then our own version.
 */
export const versionLine = (env: Io['env']): string =>
  `${emojis(emojisEnabled(env)).gto} GTO Version: 1.10.1 (gto-tui ${programVersion()})`;

const firstLine = (text: string): string => text.split('\n').find((line) => line.trim() !== '') ?? text;

/** Prints an error the way GTO does and returns the exit code. */
const report = (error: unknown, command: CommandSpec | null, io: Io): number => {
  const e = emojis(emojisEnabled(io.env));
  if (isGtoError(error)) {
    if (error.kind === 'usage') {
      io.err(usageError(command, error.message));
      return 2;
    }
    for (const warning of error.warnings) io.out(logLine('WARNING', printable(warning), new Date()));
    io.err(errorLine(e, printable(error.message)));
    return 1;
  }
  // Deliberate fix (§4.0): GTO prints "Unexpected error: … please report"; we print one line.
  const message = error instanceof Error ? error.message : String(error);
  io.err(errorLine(e, printable(firstLine(message))));
  return 1;
};

const runCommand = async (command: CommandSpec, argv: readonly string[], io: Io, verbose: boolean): Promise<number> => {
  const parsed: ReturnType<typeof parseArgv> = command.raw
    ? {positionals: [...argv], flags: {}, help: false, verbose: false, rest: []}
    : parseArgv(argv, command.flags, command.args);
  if (parsed.help) {
    io.out(commandHelp(command));
    return 0;
  }
  if (verbose || parsed.verbose) {
    const {setGitTrace} = await import('../git/exec.js');
    setGitTrace((line) => io.err(line));
  }
  const load = LOADERS[command.name];
  if (load === undefined) throw new Error(`Command '${command.name}' is not available`);
  // from the first git process on, a signal ends the command's git and says what it left done
  return withSignalCleanup(interruptSay(io), () => runStarted(command, load, parsed, io), io.err);
};

/** The first line a signal's stop prints, with GTO's error mark. */
const interruptSay = (io: Io) => (line: string): void => io.err(errorLine(emojis(emojisEnabled(io.env)), line));

const runStarted = async (command: CommandSpec, load: () => Promise<CommandModule>, parsed: ReturnType<typeof parseArgv>, io: Io): Promise<number> => {
  if (EARLY_OPENING.has(command.name)) {
    // rev-parse runs while the command's modules load (spec §12: a read is mostly waiting)
    const repoOption = parsed.flags['repo'];
    if (repoOption === undefined || typeof repoOption === 'string') {
      const [{startOpening}, {startListing, startListingIn}] = await Promise.all([import('../git/repository.js'), import('../git/tags.js')]);
      // and for-each-ref lists the tags beside it, or as soon as the repository is known
      startOpening(repoOption === undefined || repoOption === '.' ? undefined : repoOption, io.cwd, {before: startListingIn, then: startListing});
    }
  }
  try {
    return await runLoaded(command, load, parsed, io);
  } finally {
    if (EARLY_OPENING.has(command.name)) {
      (await import('../git/repository.js')).forgetOpening();
      (await import('../git/tags.js')).forgetListing();
    }
  }
};

/** Read commands that open `--repo` through withRepository first thing. */
const EARLY_OPENING: ReadonlySet<string> = new Set(['show', 'history', 'print-state', 'check-ref', 'doctor']);

const runLoaded = async (command: CommandSpec, load: () => Promise<CommandModule>, parsed: ReturnType<typeof parseArgv>, io: Io): Promise<number> => {
  let module: CommandModule;
  try {
    module = await load();
  } catch (error) {
    if ((error as {code?: string}).code === 'ERR_MODULE_NOT_FOUND') {
      throw new Error(`Command '${command.name}' is not available in this build`);
    }
    throw error;
  }
  const ctx: CommandContext = {
    args: parsed.positionals,
    flags: parsed.flags,
    env: io.env,
    cwd: io.cwd,
    out: io.out,
    err: io.err,
  };
  return (await module.run(ctx)) ?? 0;
};

/** `--demo` without a terminal: the demo registry's table, like any non-interactive run. */
const printDemo = async (io: Io, verbose: boolean): Promise<number> => {
  const {createDemoRepository} = await import('../ui/demo.js');
  const demo = await createDemoRepository();
  try {
    return await runCommand(findCommand('show')!, ['--repo', demo.path], io, verbose);
  } finally {
    demo.remove();
  }
};

/**
 * No command: the TUI when a person is at a terminal, otherwise the registry table, so that
 * piping `gto-tui` still prints something useful.
 */
const runDefault = async (flags: Record<string, unknown>, io: Io): Promise<number> => {
  const repos = repoValues(flags);
  const repo = repos[0] ?? '.';
  if (!io.interactive && (repos.length > 1 || flags['all'] === true)) {
    throw new GtoError(`${repos.length > 1 ? 'Several repositories' : "'--all'"} open only in the interactive UI (a terminal is needed).`, 'usage');
  }
  if (!io.interactive && flags['demo'] === true) return printDemo(io, flags['verbose'] === true);
  if (io.interactive) {
    const specifier = '../ui/app.js';
    let app: UiModule;
    try {
      app = await (io.loadUi ?? (() => import(specifier) as Promise<UiModule>))();
    } catch (error) {
      if ((error as {code?: string}).code !== 'ERR_MODULE_NOT_FOUND') throw error;
      app = {};
    }
    if (app.runApp) {
      const {runApp} = app;
      const options = {
        repo,
        repos,
        all: flags['all'] === true,
        demo: flags['demo'] === true,
        readonly: flags['readonly'] === true,
        noRemote: flags['noRemote'] === true,
        ...(typeof flags['remoteInterval'] === 'number' ? {remoteInterval: flags['remoteInterval']} : {}),
        cwd: io.cwd,
        env: io.env,
      };
      // a `-r URL` clone is made before the TUI takes the screen (and its own signal handlers)
      return withSignalCleanup(interruptSay(io), async () => (await runApp(options)) ?? 0, io.err);
    }
    if (flags['demo'] === true) throw new Error('The interactive UI is not available in this build');
  }
  const show = findCommand('show')!;
  return runCommand(show, ['--repo', repo], io, flags['verbose'] === true);
};

/** Every `-r` given before the command, in order (the flag is repeatable: spec.ts). */
const repoValues = (flags: Record<string, unknown>): readonly string[] => {
  const value = flags['repo'];
  return Array.isArray(value) ? (value as string[]) : typeof value === 'string' ? [value] : [];
};

export const main = async (argv: readonly string[], io: Io): Promise<number> => {
  let command: CommandSpec | null = null;
  try {
    const globals = parseArgv(argv, GLOBAL_FLAGS, null);
    const verbose = globals.verbose || globals.flags['verbose'] === true;
    if (globals.help) {
      io.out(programHelp());
      return 0;
    }
    const [name, ...rest] = globals.rest;
    if (name === undefined) {
      if (globals.flags['showVersion'] === true) {
        io.out(versionLine(io.env));
        return 0;
      }
      return await runDefault({...globals.flags, verbose}, io);
    }
    command = findCommand(name) ?? null;
    if (command === null) {
      throw new GtoError(`No such command '${name}'.`, 'usage');
    }
    if (repoValues(globals.flags).length > 1) {
      throw new GtoError(`Option '-r' / '--repo' was given more than once: a command works on one repository (several open in the interactive UI).`, 'usage');
    }
    return await runCommand(command, rest, io, verbose);
  } catch (error) {
    return report(error, command, io);
  }
};
