#!/usr/bin/env node
// Bytes the TUI writes to the terminal for one cursor move: the grid of a 300-artifact registry
// in a 200×50 pseudo-terminal (util-linux `script`, CI unset so Ink draws), `j` pressed, every
// byte counted until the screen is quiet again. A full repaint (`ESC[2J ESC[3J` and the whole
// frame) is what Ink writes when a frame is as tall as the terminal; a move that rewrites only
// the rows that changed is a small fraction of it.
//
//   node bench/repaint.mjs                       # dist/cli.js (build first: npm run build)
//   GTO_BENCH_CLI=/other/dist/cli.js node bench/repaint.mjs   # another build, e.g. before a change
//
// Prints one JSON line: {moves, bytes (median of the moves), rows (most rows one move rewrote
// one by one; 0 for a build that repaints the whole screen), clears (moves that cleared the
// screen), frameBytes (the first complete frame, a full paint, for scale), ratio}.
import {spawn} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {ensureRegistry} from './generate.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = process.env.GTO_BENCH_CLI ?? path.join(ROOT, 'dist', 'cli.js');
const COLUMNS = 200;
const ROWS = 50;
const MOVES = 5;
/** Output is over when nothing more came for this long (Ink throttles frames to ~30 per second). */
const QUIET_MS = 400;

const CLEAR = '\x1b[2J';
/** How the writer starts a changed row: to its first column, erased. */
const ROW_WRITE = /\x1b\[\d+;1H\x1b\[2K/g;
const ENTER_ALT_SCREEN = '\x1b[?1049h';
// the text as the terminal shows it along a row: a cursor move forward over blanks (the UI's
// screen writer skips runs of blanks that way) is those blanks, every other sequence nothing
const stripAnsi = (text) =>
  text.replace(/\x1b\[(\d*)C/g, (_, n) => ' '.repeat(Number(n || 1))).replace(/\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]|\x1b\][^\x07]*\x07/g, '');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const {dir} = ensureRegistry({tags: 3000, artifacts: 300});

const env = {...process.env, TERM: 'xterm-256color', COLUMNS: String(COLUMNS), LINES: String(ROWS)};
delete env.CI;
delete env.CONTINUOUS_INTEGRATION;
const quote = (s) => `'${s.replaceAll("'", `'\\''`)}'`;
const inner = `stty cols ${COLUMNS} rows ${ROWS} 2>/dev/null; exec ${quote(process.execPath)} ${quote(CLI)} --no-remote -r ${quote(dir)}`;
const child = spawn('script', ['-qfec', inner, '/dev/null'], {cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe']});

let output = Buffer.alloc(0);
let lastData = Date.now();
child.stdout.on('data', (chunk) => {
  output = Buffer.concat([output, chunk]);
  lastData = Date.now();
});
child.stderr.resume();

/** Waits until `check` holds and no byte came for QUIET_MS. */
const settle = async (check, what, timeoutMs = 30_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(check() && Date.now() - lastData >= QUIET_MS)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(stripAnsi(output.toString('utf8')).slice(-300))}`);
    if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}) waiting for ${what}`);
    await sleep(25);
  }
};

try {
  const text = () => output.toString('utf8');
  await settle(() => {
    const at = text().indexOf(ENTER_ALT_SCREEN);
    return at !== -1 && (stripAnsi(text().slice(at)).match(/\ba\d+\b/g) ?? []).length >= 20;
  }, 'the grid');
  const frameBytes = output.length - output.indexOf(ENTER_ALT_SCREEN);
  const moves = [];
  const rows = [];
  let clears = 0;
  for (let i = 0; i < MOVES; i++) {
    const from = output.length;
    child.stdin.write('j');
    await settle(() => output.length > from, `move ${i + 1}`);
    const written = output.subarray(from);
    moves.push(written.length);
    rows.push(written.toString('utf8').match(ROW_WRITE)?.length ?? 0);
    if (written.includes(CLEAR)) clears++;
  }
  moves.sort((a, b) => a - b);
  const bytes = moves[Math.floor(moves.length / 2)];
  process.stdout.write(JSON.stringify({moves: MOVES, bytes, rows: Math.max(...rows), clears, frameBytes, ratio: Math.round((bytes / frameBytes) * 1000) / 1000}) + '\n');
} finally {
  child.stdin.write('q');
  const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
  child.once('exit', () => clearTimeout(kill));
}
