/**
 * What every terminal UI of gto-tui (one repository, the dashboard) does to draw: load Ink with
 * what its first frame needs, then run one root element on the alternate screen until it exits,
 * putting the terminal back on every way out. One place, so the two cannot drift apart.
 */
import type {ReactElement} from 'react';

/** An environment flag's value as on: set, and not empty, `0` or `false`. */
export const truthy = (value: string | undefined): boolean => value !== undefined && value !== '' && value !== '0' && value !== 'false';

/**
 * Yoga compiled: once imported when Ink runs as modules; in the TUI bundle 'yoga-layout' is
 * ./yogaLoader.ts, whose compile runs beside the tag read and settles `ready`.
 */
const yogaReady = async (): Promise<void> => {
  const yoga = (await import('yoga-layout')) as unknown as {ready?: Promise<void>};
  await yoga.ready;
};

/** Ink, React and the screen's helpers, with Yoga compiled and Ink's output sped up (inkOutput.ts). */
export const loadInk = async () => {
  const [{render}, React, {enterAlternateScreen}, {createScreenWriter}] = await Promise.all([
    import('ink'),
    import('react'),
    import('./terminal.js'),
    import('./screenWriter.js'),
    yogaReady(),
    import('./inkOutput.js').then(({speedUpInkOutput}) => speedUpInkOutput()),
  ]);
  return {render, React, enterAlternateScreen, createScreenWriter};
};

export type Ink = Awaited<ReturnType<typeof loadInk>>;

/**
 * Runs `root` (given how to suspend on Ctrl+Z) on the alternate screen until Ink exits.
 * `onSignalExit` runs when a signal ends the process meanwhile (after Ink has unmounted): what
 * the caller must undo synchronously then.
 */
export const runOnTerminal = async (ink: Ink, root: (suspend: () => void) => ReactElement, onSignalExit: () => void = () => {}): Promise<void> => {
  let unmount: (() => void) | null = null;
  const session = ink.enterAlternateScreen(process.stdout, () => {
    try {
      unmount?.();
    } finally {
      onSignalExit();
    }
  });
  try {
    // every frame reaches the terminal as the rows that changed (see screenWriter.ts)
    const screen = ink.createScreenWriter(process.stdout);
    // Ctrl+Z: the shell gets its screen back; `fg` draws the last frame again
    const suspend = () => session.suspend(screen.repaint);
    // Ink turns raw mode on in an effect, after its first frame is on screen: a key typed in
    // between would be echoed over that frame and arrive line-buffered. Raw from here, a key
    // waits unseen until Ink reads it (Ink turns raw mode off again when it unmounts).
    process.stdin.setRawMode(true);
    const instance = ink.render(root(suspend), {stdout: screen.stream, exitOnCtrlC: true, patchConsole: true});
    unmount = () => instance.unmount();
    try {
      await instance.waitUntilExit();
    } finally {
      screen.dispose();
    }
  } finally {
    session.restore();
  }
};
