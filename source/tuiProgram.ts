/**
 * The program with the TUI inside (dist/bundle/tui.cjs, built from this file): the launcher
 * loads it instead of the command bundle when a person at a terminal runs `gto-tui` without a
 * command, so the first frame waits for one bundle read from V8's code cache rather than for
 * Ink, React and the UI as separate modules.
 */
import {run as runProgram, type RunOptions} from './program.js';

export const run = (options: RunOptions): void => {
  runProgram({...options, loadUi: () => import('./ui/app.js')});
};
