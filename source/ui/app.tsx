/**
 * `gto-tui` with no command, at a terminal: open the repository (or a demo one), take the
 * alternate screen, run the Ink app, and put everything back on the way out.
 */
import type {Repository} from '../git/repository.js';
import {createController} from './controller.js';
import {loadInk, runOnTerminal, truthy} from './inkSession.js';
import {bodyRows} from './layout.js';
import {createServices} from './services.js';
import type {Services} from './services.types.js';
import {createStore, initialState, type DemoNotice, type Store} from './store.js';
import {colorEnabled, makeTheme} from './theme.js';

type Env = Readonly<Record<string, string | undefined>>;

export type RunAppOptions = {
  /** `--repo` (`.` or undefined = the working directory). */
  readonly repoOption?: string | undefined;
  /** The dispatcher's older spelling of repoOption. */
  readonly repo?: string | undefined;
  /** Every `-r` given: several open the dashboard (dashboard/run.ts). */
  readonly repos?: readonly string[];
  /** `--all`: the dashboard of the config file's registries, from anywhere. */
  readonly all?: boolean;
  readonly readonly?: boolean;
  /** `--no-remote`: origin only on p and f. */
  readonly noRemote?: boolean;
  /** `--remote-interval`: seconds between the checks of origin's tags (0: none after opening). */
  readonly remoteInterval?: number;
  readonly demo?: boolean;
  readonly cwd: string;
  readonly env?: Env;
};

/** A store and controller wired to `services`: what runApp renders, and what tests render. */
export const createAppState = (
  services: Services,
  options: {readonly?: boolean; noRemote?: boolean; demo?: DemoNotice | null; remoteIntervalMs?: number; section?: string} = {},
) => {
  const store: Store = createStore(
    initialState({readonly: options.readonly ?? false, noRemote: options.noRemote ?? false, demo: options.demo ?? null, section: options.section ?? null}),
  );
  const controller = createController(store, services, options.remoteIntervalMs === undefined ? {} : {remoteIntervalMs: options.remoteIntervalMs});
  return {store, controller};
};


/**
 * The dashboard over `repos` and, with `fromConfig`, the config file's registries. `orNone`: a
 * config file that lists none is no error, and null says so (the demo opens instead).
 */
async function openDashboardOf(repos: readonly string[], fromConfig: boolean, options: RunAppOptions, env: Env): Promise<number>;
async function openDashboardOf(repos: readonly string[], fromConfig: boolean, options: RunAppOptions, env: Env, none: {orNone: true}): Promise<number | null>;
async function openDashboardOf(repos: readonly string[], fromConfig: boolean, options: RunAppOptions, env: Env, none?: {orNone: true}): Promise<number | null> {
  const [{GtoError}, {readSources, homeDirectory}, {sourceOfOption, configFilePath}] = await Promise.all([
    import('../registry/errors.js'),
    import('./dashboard/configFile.js'),
    import('./dashboard/sources.js'),
  ]);
  const sources = repos.map(sourceOfOption);
  if (fromConfig) {
    const found = await readSources(env);
    if (found.kind === 'error') throw new GtoError(found.message);
    if (found.sources.length === 0 && repos.length === 0) {
      if (none?.orNone === true) return null;
      throw new GtoError(`--all: no registries listed in ${configFilePath(env, homeDirectory(env))}`);
    }
    sources.push(...found.sources);
  }
  const {runDashboard} = await import('./dashboard/run.js');
  return runDashboard({
    sources,
    readonly: options.readonly === true || truthy(env['GTO_TUI_READONLY']),
    noRemote: options.noRemote === true || truthy(env['GTO_TUI_NO_REMOTE']),
    cwd: options.cwd,
    env,
    ...(options.remoteInterval === undefined ? {} : {remoteIntervalMs: options.remoteInterval * 1000}),
  });
}

export const runApp = async (options: RunAppOptions): Promise<number> => {
  const env: Env = options.env ?? process.env;
  const repoOption = options.repoOption ?? options.repo;
  const {GtoError} = await import('../registry/errors.js');
  if (!process.stdin.isTTY) throw new GtoError('The interactive UI needs a terminal (stdin is not a TTY)');

  // Ink reads CI once, at import, and then draws nothing until exit; someone at a real
  // terminal wants the screen drawn, so CI is dropped before Ink is loaded.
  if (process.stdout.isTTY) {
    delete process.env['CI'];
    delete process.env['CONTINUOUS_INTEGRATION'];
  }
  // Without NODE_ENV, React and Ink's reconciler load their development builds, which render
  // more slowly (and make more garbage) for checks a user never sees.
  process.env['NODE_ENV'] ??= 'production';

  const {openRepository, discover, removeOpenClones} = await import('../git/repository.js');
  let cleanupDemo: (() => void) | null = null;
  let repo: Repository;
  let headAtOpen: string | null | undefined;
  let closeRepo: () => Promise<void> = async () => {};
  const repos = options.repos ?? [];
  if (options.demo !== true && (repos.length > 1 || options.all === true)) return openDashboardOf(repos, options.all === true, options, env);
  const outsideRepo = (repoOption === undefined || repoOption === '.') && (await discover(options.cwd)) === null;
  // outside a repository, a person at a terminal gets the registries of the config file, if any
  if (outsideRepo && repos.length === 0 && options.demo !== true && process.stdout.isTTY) {
    const code = await openDashboardOf([], true, options, env, {orNone: true});
    if (code !== null) return code;
  }
  if (options.demo || (outsideRepo && process.stdout.isTTY)) {
    const {createDemoRepository} = await import('./demo.js');
    const demo = await createDemoRepository();
    cleanupDemo = demo.remove;
    const found = await discover(demo.path);
    if (found === null) throw new GtoError('could not create the demo repository');
    repo = found;
  } else {
    const opened = await openRepository(repoOption === '.' ? undefined : repoOption, options.cwd);
    repo = opened.repo;
    headAtOpen = opened.headAtOpen;
    closeRepo = opened.close;
  }

  const services = createServices(repo, env, headAtOpen === undefined ? {} : {headAtOpen});
  const {store, controller} = createAppState(services, {
    readonly: options.readonly === true || truthy(env['GTO_TUI_READONLY']),
    noRemote: options.noRemote === true || truthy(env['GTO_TUI_NO_REMOTE']),
    // a person who ran gto-tui in the wrong directory must not take the demo for their registry
    demo: outsideRepo && !options.demo ? {reason: 'not-a-repository', directory: options.cwd} : null,
    ...(options.remoteInterval === undefined ? {} : {remoteIntervalMs: options.remoteInterval * 1000}),
  });
  // Reading the tags needs no Ink: it starts now, at the terminal's size, while Ink finishes
  // loading, so the first frame is usually the full grid rather than "Loading…".
  const size = {columns: process.stdout.columns ?? 80, rows: process.stdout.rows ?? 24};
  store.dispatch({type: 'viewport', rows: bodyRows(size), columns: size.columns});
  void controller.start();
  // Initialising Ink, React and the UI takes this thread ~100 ms (Yoga compiles beside it); it
  // starts once git has been asked for the tags, which it then lists on another core meanwhile.
  await new Promise((resolve) => setImmediate(resolve));
  const [ink, {App}] = await Promise.all([loadInk(), import('./components/App.js')]);
  const theme = makeTheme(colorEnabled(env));
  const exitAfterFirstFrame = truthy(env['GTO_TUI_EXIT_AFTER_FIRST_FRAME']);
  try {
    await runOnTerminal(
      ink,
      (suspend) => ink.React.createElement(App, {store, controller, theme, exitAfterFirstFrame, autoStart: false, suspend}),
      () => {
        cleanupDemo?.();
        // a `-r URL` clone: closeRepo() is async and would never run before the exit
        removeOpenClones();
      },
    );
  } finally {
    cleanupDemo?.();
    await closeRepo();
  }
  return 0;
};
