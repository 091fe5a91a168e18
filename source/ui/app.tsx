/**
 * `gto-tui` with no command, at a terminal: open the repository (or a demo one), take the
 * alternate screen, run the Ink app, and put everything back on the way out.
 */
import type {Repository} from '../git/repository.js';
import {createController} from './controller.js';
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
  options: {readonly?: boolean; noRemote?: boolean; demo?: DemoNotice | null; remoteIntervalMs?: number} = {},
) => {
  const store: Store = createStore(
    initialState({readonly: options.readonly ?? false, noRemote: options.noRemote ?? false, demo: options.demo ?? null}),
  );
  const controller = createController(store, services, options.remoteIntervalMs === undefined ? {} : {remoteIntervalMs: options.remoteIntervalMs});
  return {store, controller};
};

/**
 * Yoga compiled: once imported when Ink runs as modules; in the TUI bundle 'yoga-layout' is
 * ./yogaLoader.ts, whose compile runs beside the tag read and settles `ready`.
 */
const yogaReady = async (): Promise<void> => {
  const yoga = (await import('yoga-layout')) as unknown as {ready?: Promise<void>};
  await yoga.ready;
};

const truthy = (value: string | undefined): boolean => value !== undefined && value !== '' && value !== '0' && value !== 'false';

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
  const outsideRepo = (repoOption === undefined || repoOption === '.') && (await discover(options.cwd)) === null;
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
  const [{render}, React, {App}, {enterAlternateScreen}, {createScreenWriter}] = await Promise.all([
    import('ink'),
    import('react'),
    import('./components/App.js'),
    import('./terminal.js'),
    import('./screenWriter.js'),
    yogaReady(),
    import('./inkOutput.js').then(({speedUpInkOutput}) => speedUpInkOutput()),
  ]);

  const theme = makeTheme(colorEnabled(env));
  const exitAfterFirstFrame = truthy(env['GTO_TUI_EXIT_AFTER_FIRST_FRAME']);
  let unmount: (() => void) | null = null;
  const session = enterAlternateScreen(process.stdout, () => {
    try {
      unmount?.();
    } finally {
      cleanupDemo?.();
      // a `-r URL` clone: closeRepo() is async and would never run before the exit
      removeOpenClones();
    }
  });
  try {
    // every frame reaches the terminal as the rows that changed (see screenWriter.ts)
    const screen = createScreenWriter(process.stdout);
    // Ctrl+Z: the shell gets its screen back; `fg` draws the last frame again
    const suspend = () => session.suspend(screen.repaint);
    // Ink turns raw mode on in an effect, after its first frame is on screen: a key typed in
    // between would be echoed over that frame and arrive line-buffered. Raw from here, a key
    // waits unseen until Ink reads it (Ink turns raw mode off again when it unmounts).
    process.stdin.setRawMode(true);
    const instance = render(React.createElement(App, {store, controller, theme, exitAfterFirstFrame, autoStart: false, suspend}), {
      stdout: screen.stream,
      exitOnCtrlC: true,
      patchConsole: true,
    });
    unmount = () => instance.unmount();
    try {
      await instance.waitUntilExit();
    } finally {
      screen.dispose();
    }
  } finally {
    session.restore();
    cleanupDemo?.();
    await closeRepo();
  }
  return 0;
};
