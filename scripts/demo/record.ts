/**
 * Records the README's picture: the built app plays demo.tape in a real terminal (tmux,
 * 100×30, as the tape's test does), and the screen after each keystroke, colours included
 * (`capture-pane -e`), becomes one frame of an asciicast v2 file, timed by the tape's own
 * pacing (TypingSpeed, Sleep) rather than by how busy the machine was.
 *
 *   node --import tsx scripts/demo/record.ts [demo.cast]      (npm run demo renders it too)
 */
import {execFileSync} from 'node:child_process';
import {chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {CLI, ROOT, shellQuote, startTerminal, tmuxMissing} from '../../test/e2e/tmux.js';
import {parseDuration, parseTape} from './tape.js';

const COLUMNS = 100;
const ROWS = 30;
/** No pause in the picture is longer than this: the tape's waits are for VHS and a slow build. */
const LONGEST_PAUSE_MS = 2500;
/** A key's own time in the picture (VHS types keys at its typing speed too). */
const KEY_MS = 120;

export type Frame = {readonly time: number; readonly screen: string};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const recordTape = async (): Promise<Frame[]> => {
  const missing = tmuxMissing();
  if (missing !== null) throw new Error(missing);
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: npm run build first`);
  const tape = parseTape(readFileSync(path.join(ROOT, 'demo.tape'), 'utf8'));
  const typingMs = parseDuration(tape.settings.get('TypingSpeed') ?? '50ms', 0);

  // `npm start` in the pane runs the built program directly, as the tape's test does
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'gto-tui-record-'));
  const shim = path.join(scratch, 'npm');
  writeFileSync(shim, `#!/bin/sh\nexec env -u CI -u CONTINUOUS_INTEGRATION TERM=xterm-256color ${shellQuote(process.execPath)} ${shellQuote(CLI)} --demo\n`);
  chmodSync(shim, 0o755);
  const term = startTerminal({columns: COLUMNS, rows: ROWS, cwd: ROOT, shellEnv: {PATH: `${scratch}:${process.env['PATH'] ?? ''}`}});
  const tmux = (...args: string[]): string => execFileSync('tmux', ['-L', term.socket, ...args], {encoding: 'utf8'});

  /** The screen with its colours, and the cursor where the app left it (hidden when it hid it). */
  const capture = (): string => {
    const lines = tmux('capture-pane', '-p', '-e', '-t', 'e2e').split('\n').slice(0, ROWS);
    const [x, y, visible] = tmux('display-message', '-p', '-t', 'e2e', '#{cursor_x} #{cursor_y} #{cursor_flag}').trim().split(' ');
    const cursor = `\x1b[${Number(y) + 1};${Number(x) + 1}H${visible === '1' ? '\x1b[?25h' : '\x1b[?25l'}`;
    return `\x1b[0m\x1b[H\x1b[2J${lines.map((line) => line.replace(/\s+$/, '')).join('\r\n')}\x1b[0m${cursor}`;
  };

  /** Waits until the screen stops changing (the app has drawn what the key asked for). */
  const settle = async (): Promise<void> => {
    let last = term.screen();
    for (let quiet = 0, waited = 0; quiet < 3 && waited < 3000; waited += 80) {
      await sleep(80);
      const now = term.screen();
      quiet = now === last ? quiet + 1 : 0;
      last = now;
    }
  };

  const frames: Frame[] = [];
  let time = 0;
  const snap = (): void => {
    const screen = capture();
    if (frames.at(-1)?.screen !== screen) frames.push({time, screen});
  };
  try {
    await term.waitForText('$');
    snap();
    time += 500;
    for (const {step, expect, sleepMs} of tape.steps) {
      if (step.kind === 'type') {
        for (const char of step.text) {
          await term.key(char, 20);
          await settle();
          time += typingMs;
          snap();
        }
      } else {
        for (let i = 0; i < step.count; i++) {
          await term.key(step.key, 20);
          await settle();
          time += KEY_MS;
          snap();
        }
      }
      for (const want of expect) await term.waitForText(want);
      await settle();
      snap();
      time += Math.min(sleepMs, LONGEST_PAUSE_MS);
    }
    snap();
    return frames;
  } finally {
    term.kill();
    rmSync(scratch, {recursive: true, force: true});
  }
};

/** asciicast v2: a header line, then one `[seconds, "o", text]` line per frame. */
export const toAsciicast = (frames: readonly Frame[]): string =>
  [
    JSON.stringify({version: 2, width: COLUMNS, height: ROWS, title: 'gto-tui: demo.tape', env: {TERM: 'xterm-256color', SHELL: '/bin/bash'}}),
    ...frames.map((f) => JSON.stringify([Number((f.time / 1000).toFixed(3)), 'o', f.screen])),
  ].join('\n') + '\n';

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? '')) {
  const out = path.resolve(process.argv[2] ?? path.join(ROOT, 'demo.cast'));
  const frames = await recordTape();
  writeFileSync(out, toAsciicast(frames));
  console.log(`${path.relative(process.cwd(), out)}: ${frames.length} frames, ${(frames.at(-1)!.time / 1000).toFixed(1)} s`);
}
