/**
 * `gto-tui -r A -r B`, `--all`, or the config file's list outside a repository: open every
 * registry concurrently and run the dashboard on the terminal. Imported only then: a single
 * repository runs none of it.
 */
import {stat} from 'node:fs/promises';
import path from 'node:path';
import {openRepository} from '../../git/repository.js';
import {openCachedClone, refreshCachedClone} from '../../git/registryCache.js';
import {GtoError} from '../../registry/errors.js';
import {loadInk, runOnTerminal, truthy} from '../inkSession.js';
import {bodyRows} from '../layout.js';
import {createServices} from '../services.js';
import {colorEnabled, makeTheme} from '../theme.js';
import {homeDirectory} from './configFile.js';
import {createDashboard, type Dashboard, type Opener} from './store.js';
import {cacheDirectory, type RegistrySource} from './sources.js';

type Env = Readonly<Record<string, string | undefined>>;

/** A local repository of the dashboard: it must exist and be one (never cloned, unlike the CLI's `-r`). */
const checkLocalPath = async (where: string, cwd: string): Promise<string> => {
  const resolved = path.resolve(cwd, where);
  try {
    if (!(await stat(resolved)).isDirectory()) throw new GtoError(`not a directory: ${where}`);
  } catch (error) {
    if (error instanceof GtoError) throw error;
    throw new GtoError(`no such directory: ${where}`);
  }
  return resolved;
};

/**
 * Opens a source: a path as the repository it is; a URL from its clone in the cache, at once,
 * with a fetch in the background (its new tags show when it is done; the busy count waits for it).
 */
export const openSource =
  (options: {readonly cwd: string; readonly env: Env}): Opener =>
  async (source: RegistrySource) => {
    if (source.kind === 'path') {
      // a directory that exists is opened, never cloned (the existence is checked first)
      const {repo, headAtOpen} = await openRepository(await checkLocalPath(source.path, options.cwd), options.cwd);
      return {services: createServices(repo, options.env, {headAtOpen})};
    }
    const {repo, headAtOpen, cloned} = await openCachedClone(source.url, cacheDirectory(options.env, homeDirectory(options.env)));
    const services = createServices(repo, options.env, {headAtOpen});
    if (cloned) return {services};
    return {
      services,
      afterStart: ({store, controller}) => {
        store.dispatch({type: 'busy', delta: 1, label: 'Fetching from origin'});
        void refreshCachedClone(repo)
          .then(
            () => controller.reload(),
            (error: unknown) => {
              const reason = error instanceof Error ? error.message : String(error);
              store.dispatch({type: 'status', status: {kind: 'error', text: `Showing the cached copy: fetching from origin failed: ${reason}`}});
            },
          )
          .finally(() => store.dispatch({type: 'busy', delta: -1}));
      },
    };
  };

export type DashboardRunOptions = {
  readonly sources: readonly RegistrySource[];
  readonly readonly: boolean;
  readonly noRemote: boolean;
  readonly remoteIntervalMs?: number;
  readonly cwd: string;
  readonly env: Env;
};

/** A dashboard over `sources`, opening them as a person at the terminal would (for runDashboard and tests). */
export const openDashboard = (options: DashboardRunOptions, size: {columns: number; rows: number}): Dashboard =>
  createDashboard(options.sources, openSource({cwd: options.cwd, env: options.env}), {
    readonly: options.readonly,
    noRemote: options.noRemote,
    viewport: {rows: bodyRows(size), columns: size.columns},
    ...(options.remoteIntervalMs === undefined ? {} : {remoteIntervalMs: options.remoteIntervalMs}),
  });

/** How long the first frame waits for every repository's tags (after Ink has loaded). */
const FIRST_FRAME_WAIT_MS = 250;

/** As runApp does for one repository: the alternate screen, raw keys, Ink, and everything put back on the way out. */
export const runDashboard = async (options: DashboardRunOptions): Promise<number> => {
  const size = {columns: process.stdout.columns ?? 80, rows: process.stdout.rows ?? 24};
  const dashboard = openDashboard(options, size);
  // Every repository is read while Ink loads. Ink's loading holds this thread ~100 ms, while
  // the repositories' rev-parse runs on the other core; waiting for those first (as app.tsx
  // does for one) measured slower with five (bench/dashboard.mjs): their reads, spawned after,
  // then wait for Ink instead of Ink for them.
  const {read} = dashboard.start();
  await new Promise((resolve) => setImmediate(resolve));
  const [ink, {Dashboard}] = await Promise.all([loadInk(), import('./Dashboard.js')]);
  // A frame of "reading…" sections costs about what a repository's read does: when the reads
  // are nearly done (warm), the first frame waits for them, as one repository's usually does.
  await Promise.race([read, new Promise((resolve) => setTimeout(resolve, FIRST_FRAME_WAIT_MS))]);
  const theme = makeTheme(colorEnabled(options.env));
  const exitAfterFirstFrame = truthy(options.env['GTO_TUI_EXIT_AFTER_FIRST_FRAME']);
  try {
    await runOnTerminal(ink, (suspend) => ink.React.createElement(Dashboard, {dashboard, theme, suspend, home: homeDirectory(options.env), exitAfterFirstFrame}));
  } finally {
    dashboard.stop();
  }
  return 0;
};
