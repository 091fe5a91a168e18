#!/usr/bin/env node
/**
 * The dashboard's first frame against its target: five registries of 1,000 tags each, warm,
 * must show in no more than the single-registry first frame + 4 × one registry's read.
 *
 *   npm run build && node bench/dashboard.mjs [--runs N]
 *
 * - single: `gto-tui -r team-0` in a 120×40 pseudo-terminal (util-linux `script`), from spawn
 *   to the first frame with the grid (GTO_TUI_EXIT_AFTER_FIRST_FRAME, as bench/run.mjs).
 * - dashboard: `gto-tui -r team-0 … -r team-4`, from spawn to the first frame with every
 *   section read (its header shows the artifact count).
 * - read: one registry read in process as the UI reads it (load.ts with dvc and rules), warm.
 * Medians of --runs runs (default 7), after one warm-up of each. GTO_BENCH_CLI=path/to/cli.js
 * measures another build; GTO_BENCH_BASE_CLI=path/to/cli.js (main's, say) adds that build's
 * single-registry first frame, measured in turn with this one's.
 */
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {generateRegistry, paramsHash, presetFor, readMeta, REPOS_DIR} from './generate.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(HERE);
const CLI = path.resolve(process.env.GTO_BENCH_CLI ?? path.join(ROOT, 'dist', 'cli.js'));
const BASE_CLI = process.env.GTO_BENCH_BASE_CLI;
const REGISTRIES = 5;
const TAGS = 1000;
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg === -1 ? 7 : Number(process.argv[runsArg + 1]);

const STATE_HOME = fs.mkdtempSync(path.join(os.tmpdir(), 'gto-bench-state-'));
process.on('exit', () => fs.rmSync(STATE_HOME, {recursive: true, force: true}));
const env = () => {
  const e = {...process.env, XDG_STATE_HOME: STATE_HOME, TERM: 'xterm-256color', COLUMNS: '120', LINES: '40', GTO_TUI_EXIT_AFTER_FIRST_FRAME: '1'};
  delete e.CI;
  delete e.CONTINUOUS_INTEGRATION;
  return e;
};

/** bench/repos/dashboard/team-N: the same 1,000-tag registry five times (cached between runs). */
const registries = () =>
  Array.from({length: REGISTRIES}, (_, i) => {
    const dir = path.join(REPOS_DIR, 'dashboard', `team-${i}`);
    const params = {...presetFor(TAGS), packed: true};
    if (readMeta(dir)?.hash !== paramsHash(params)) {
      fs.rmSync(dir, {recursive: true, force: true});
      generateRegistry({...params, dir});
    }
    return dir;
  });

const ENTER_ALT_SCREEN = '\x1b[?1049h';
// the text as the terminal shows it along a row: a cursor move forward over blanks (the UI's
// screen writer skips runs of blanks that way) is those blanks, every other sequence nothing
const stripAnsi = (text) =>
  text.replace(/\x1b\[(\d*)C/g, (_, n) => ' '.repeat(Number(n || 1))).replace(/\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]|\x1b\][^\x07]*\x07/g, '');

const LEAVE_ALT_SCREEN = '\x1b[?1049l';

/**
 * Milliseconds from spawn to the last frame drawn before the UI left the alternate screen: with
 * GTO_TUI_EXIT_AFTER_FIRST_FRAME the single-repository app leaves after its first grid, the
 * dashboard after the first frame with every repository read (most sections are below the
 * screen's 40 rows, so the frame itself cannot tell). `check` looks at what was drawn.
 */
const firstFrame = (args, check, cli = CLI, timeoutMs = 30000) =>
  new Promise((resolve, reject) => {
    const quote = (s) => `'${s.replaceAll("'", `'\\''`)}'`;
    const inner = `stty cols 120 rows 40 2>/dev/null; exec ${quote(process.execPath)} ${quote(cli)} ${args.map(quote).join(' ')}`;
    const started = process.hrtime.bigint();
    const child = spawn('script', ['-qfec', inner, '/dev/null'], {cwd: ROOT, env: env(), stdio: ['pipe', 'pipe', 'pipe']});
    let text = '';
    let ms = null;
    let left = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (chunk) => {
      const at = Number(process.hrtime.bigint() - started) / 1e6;
      const piece = chunk.toString('utf8');
      if (left) return;
      text += piece;
      const leave = piece.indexOf(LEAVE_ALT_SCREEN);
      // a piece with something drawn before the app left the screen: the frame so far ends here
      if (text.includes(ENTER_ALT_SCREEN) && leave !== 0) ms = at;
      if (leave !== -1) left = true;
    });
    child.stderr.resume();
    child.on('close', () => {
      clearTimeout(timer);
      const screen = stripAnsi(text.slice(text.indexOf(ENTER_ALT_SCREEN), text.lastIndexOf(LEAVE_ALT_SCREEN)));
      if (ms === null || !text.includes(LEAVE_ALT_SCREEN) || !check(screen)) reject(new Error(`no frame for ${args.join(' ')}: ${JSON.stringify(screen.slice(-300))}`));
      else resolve(ms);
    });
  });

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** One registry read in process, as the UI's services read it; warm (the snapshot of this process). */
const readTimes = async (dir) => {
  const [{openRepository}, {loadRegistry}, {setBuildIdentity}] = await Promise.all([
    import(pathToFileURL(path.join(ROOT, 'dist', 'git', 'repository.js')).href),
    import(pathToFileURL(path.join(ROOT, 'dist', 'load.js')).href),
    import(pathToFileURL(path.join(ROOT, 'dist', 'git', 'registrySnapshot.js')).href),
  ]);
  process.env.XDG_STATE_HOME = STATE_HOME;
  setBuildIdentity('bench dashboard');
  const times = [];
  for (let i = 0; i <= RUNS; i++) {
    const started = process.hrtime.bigint();
    const {repo} = await openRepository(dir, ROOT);
    await loadRegistry(repo, process.env, {dvc: true, rules: true});
    if (i > 0) times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return times;
};

const dirs = registries();
const names = dirs.map((dir) => path.basename(dir));
// an artifact's name runs into its first cell when the row is written without styles between them
const singleDone = (screen) => new Set(screen.match(/\ba\d+(?=\s|v\d|-|$)/g) ?? []).size >= 5;
const dashboardDone = (screen) => {
  const shown = [...screen.matchAll(new RegExp(`(\\d+) artifacts in ${REGISTRIES} repositories`, 'g'))].at(-1);
  return shown !== undefined && Number(shown[1]) >= REGISTRIES * presetFor(TAGS).artifacts;
};

const single = [];
const base = [];
const dashboard = [];
await firstFrame(['-r', dirs[0]], singleDone);
if (BASE_CLI) await firstFrame(['-r', dirs[0]], singleDone, BASE_CLI);
await firstFrame(dirs.flatMap((dir) => ['-r', dir]), dashboardDone);
for (let i = 0; i < RUNS; i++) {
  single.push(await firstFrame(['-r', dirs[0]], singleDone));
  if (BASE_CLI) base.push(await firstFrame(['-r', dirs[0]], singleDone, BASE_CLI));
  dashboard.push(await firstFrame(dirs.flatMap((dir) => ['-r', dir]), dashboardDone));
}
const read = await readTimes(dirs[0]);

const s = median(single);
const d = median(dashboard);
const r = median(read);
const bound = s + (REGISTRIES - 1) * r;
const fmt = (ms) => `${ms.toFixed(0)} ms`;
console.log(`registries: ${names.join(', ')} (${TAGS} tags each, warm); medians of ${RUNS} runs; ${os.availableParallelism?.() ?? os.cpus().length} cores`);
console.log(`single-registry first frame: ${fmt(s)}`);
if (BASE_CLI) console.log(`  the same, ${path.relative(ROOT, BASE_CLI)}: ${fmt(median(base))}`);
console.log(`one registry's read:         ${fmt(r)}`);
console.log(`dashboard first frame:       ${fmt(d)}   (target ≤ ${fmt(s)} + 4 × ${fmt(r)} = ${fmt(bound)}: ${d <= bound ? 'met' : 'NOT met'})`);
