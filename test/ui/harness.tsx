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
  const press = async (...keys: string[]): Promise<string> => {
    for (const key of keys) {
      instance.stdin.write(key);
      // Ink parses input and flushes a lone Esc on setImmediate; the handler runs after that
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      await idle();
    }
    return frame();
  };

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
