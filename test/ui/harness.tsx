/**
 * Rendering the app against a real repository, and "send keys, wait for text" helpers that
 * poll the frame (and the store's busy counter) instead of sleeping a fixed time.
 */
// test files are outside tsconfig's include, so tsx compiles their JSX with the classic runtime
import React from 'react';
import {render} from 'ink-testing-library';
import {discover} from '../../source/git/repository.js';
import {createAppState} from '../../source/ui/app.js';
import {App} from '../../source/ui/components/App.js';
import type {Dashboard} from '../../source/ui/dashboard/store.js';
import {Dashboard as DashboardView} from '../../source/ui/dashboard/Dashboard.js';
import {openDashboard} from '../../source/ui/dashboard/run.js';
import type {RegistrySource} from '../../source/ui/dashboard/sources.js';
import {speedUpInkOutput} from '../../source/ui/inkOutput.js';
import {createServices} from '../../source/ui/services.js';
import type {Services} from '../../source/ui/services.types.js';
import type {DemoNotice, State} from '../../source/ui/store.js';
import {makeTheme} from '../../source/ui/theme.js';

export const KEY = {
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  enter: '\r',
  escape: '\u001B',
  tab: '\t',
  backspace: '\u007F',
  pageDown: '\u001B[6~',
  pageUp: '\u001B[5~',
} as const;

const ANSI = /\u001B\[[0-9;?]*[ -/]*[@-~]/g;
export const plain = (text: string | undefined): string => (text ?? '').replace(ANSI, '');

export type Harness = Awaited<ReturnType<typeof renderApp>>;

/** Keys typed one at a time, each followed by `idle` (until the work it started is done); the last frame. */
const pressing =
  (instance: {stdin: {write(data: string): void}}, idle: () => Promise<unknown>, frame: () => string) =>
  async (...keys: string[]): Promise<string> => {
    for (const key of keys) {
      instance.stdin.write(key);
      // Ink parses input and flushes a lone Esc on setImmediate; the handler runs after that
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      await idle();
    }
    return frame();
  };

export const renderApp = async (
  repoPath: string,
  options: {
    readonly?: boolean;
    color?: boolean;
    columns?: number;
    rows?: number;
    /** `--no-remote`. */
    noRemote?: boolean;
    /** `--remote-interval`, in ms (the app's default, a minute, otherwise). */
    remoteIntervalMs?: number;
    /** Wrap the real services (to count calls, say). */
    services?: (real: Services) => Services;
    /** Why this is a demo registry (runApp's outside-a-repository case). */
    demo?: DemoNotice;
  } = {},
) => {
  const repo = await discover(repoPath);
  if (repo === null) throw new Error(`not a repository: ${repoPath}`);
  const real = createServices(repo, process.env);
  const services = options.services?.(real) ?? real;
  const {store, controller} = createAppState(services, {
    readonly: options.readonly ?? false,
    noRemote: options.noRemote ?? false,
    demo: options.demo ?? null,
    ...(options.remoteIntervalMs === undefined ? {} : {remoteIntervalMs: options.remoteIntervalMs}),
  });
  const theme = makeTheme(options.color ?? true);
  const size = {columns: options.columns ?? 100, rows: options.rows ?? 24};
  // Ink's Output as the app runs it (runApp does the same before its first frame)
  await speedUpInkOutput();
  const instance = render(<App store={store} controller={controller} theme={theme} size={size} />);

  const frame = (): string => plain(instance.lastFrame());

  /** Poll until `predicate` holds (frame and state), or fail with the last frame. */
  const waitFor = async (predicate: (frame: string, state: State) => boolean, what: string, timeoutMs = 10_000): Promise<string> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const current = frame();
      if (predicate(current, store.getState())) return current;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last frame:\n${current}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  const idle = (): Promise<string> => waitFor((_, state) => state.busy === 0 && state.model !== null, 'idle');

  const waitForText = (text: string | RegExp, timeoutMs?: number): Promise<string> =>
    waitFor((f) => (typeof text === 'string' ? f.includes(text) : text.test(f)), `text ${String(text)}`, timeoutMs);

  /**
   * Type keys one at a time, like a person who waits for the screen: after each key, until the
   * git work it started (the busy counter) is done.
   */
  const press = pressing(instance, idle, frame);

  const type = (text: string): Promise<string> => press(...[...text]);

  /** Wait for the first full load, including the remote check. */
  await waitFor((_, state) => state.model !== null && state.busy === 0, 'first load');
  return {instance, store, controller, frame, waitFor, waitForText, idle, press, type};
};

/** Render the app on `repo`, run `body` against it, and unmount it whatever happens. */
export const withApp = async (repo: string, options: Parameters<typeof renderApp>[1], body: (h: Harness) => Promise<void>): Promise<void> => {
  const h = await renderApp(repo, options);
  try {
    await body(h);
  } finally {
    h.instance.unmount();
  }
};

/** Whether every repository of a dashboard is open (or failed), read, and done with its git work. */
const dashboardIdle = (dashboard: Dashboard): boolean =>
  dashboard.told() &&
  dashboard.getState().entries.every(
    (entry) => entry.state.kind === 'failed' || (entry.state.kind === 'open' && entry.state.store.getState().model !== null && entry.state.store.getState().busy === 0),
  );

/**
 * The dashboard of several registries (`-r A -r B …`, the config file) opened as runDashboard
 * opens it, with the same "press, wait for text" helpers; `press` waits until every repository
 * is idle.
 */
export const renderDashboard = async (
  sources: readonly RegistrySource[],
  options: {columns?: number; rows?: number; readonly?: boolean; noRemote?: boolean; env?: Readonly<Record<string, string | undefined>>} = {},
) => {
  const size = {columns: options.columns ?? 100, rows: options.rows ?? 30};
  const dashboard = openDashboard(
    {sources, readonly: options.readonly ?? false, noRemote: options.noRemote ?? false, cwd: process.cwd(), env: options.env ?? process.env},
    size,
  );
  await speedUpInkOutput();
  const started = dashboard.start().done;
  const instance = render(<DashboardView dashboard={dashboard} theme={makeTheme(false)} size={size} />);
  const frame = (): string => plain(instance.lastFrame());
  const waitFor = async (predicate: (frame: string) => boolean, what: string, timeoutMs = 15_000): Promise<string> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const current = frame();
      if (predicate(current)) return current;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last frame:\n${current}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const idle = async (): Promise<string> => {
    await waitFor(() => dashboardIdle(dashboard), 'every repository idle');
    // the frame of the last change is drawn on the turn after it is told
    await new Promise((resolve) => setImmediate(resolve));
    return frame();
  };
  const waitForText = (text: string | RegExp): Promise<string> => waitFor((f) => (typeof text === 'string' ? f.includes(text) : text.test(f)), `text ${String(text)}`);
  const press = pressing(instance, idle, frame);
  /** The store of the repository at `index` (it must be open). */
  const storeOf = (index: number) => {
    const entry = dashboard.getState().entries[index]?.state;
    if (entry?.kind !== 'open') throw new Error(`repository ${index} is not open`);
    return entry.store;
  };
  await started;
  await idle();
  return {instance, dashboard, frame, waitFor, waitForText, idle, press, storeOf};
};
