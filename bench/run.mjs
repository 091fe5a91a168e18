#!/usr/bin/env node
// The benchmark: gto-tui's read commands against the floor no Node implementation can avoid
// (one `git for-each-ref` over the tags plus starting Node), measured alternately in the same
// run so both see the same machine state. `npm run bench` builds first; see bench/README.md.
import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {ensureRegistry, GIT_ENV, REPOS_DIR} from './generate.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(HERE);
// GTO_BENCH_CLI points the bench at another build (e.g. a stash of the previous one).
const CLI = path.resolve(process.env.GTO_BENCH_CLI ?? path.join(ROOT, 'dist', 'cli.js'));
const RESULTS = path.join(HERE, 'results.md');

/** The issue's floor: the fields the core needs from every tag, in one for-each-ref. */
const FLOOR_FORMAT = [
  '%(refname)',
  '%(objecttype)',
  '%(objectname)',
  '%(*objectname)',
  '%(*objecttype)',
  '%(taggername)',
  '%(taggeremail)',
  '%(taggerdate:raw)',
  '%(contents)',
].join('%00');

const TARGETS = {
  ratio: 1.5,
  /** [tags, command with nothing kept, its ratio to the floor] */
  cold: [
    [5000, 'show --json cold', 1.6],
    [50000, 'show --json cold', 1.8],
    [5000, 'check-ref --json cold', 1.5],
  ],
  tuiMs: 1000,
  /** [tags, the TUI's first frame ÷ the same run's warm show --json] */
  tuiRatio: [
    [5000, 2.5],
    [50000, 1.5],
  ],
  rssMb: 200,
};

const CONFIGS = [
  {tags: 1000, packed: true, rounds: 11, tuiRounds: 5},
  {tags: 5000, packed: true, rounds: 11, tuiRounds: 5},
  {tags: 5000, packed: false, rounds: 11, tuiRounds: 0},
  {tags: 50000, packed: true, rounds: 7, tuiRounds: 3},
];

const usage = `Usage: node bench/run.mjs [--sizes 1000,5000,50000] [--rounds N] [--baseline CLI] [--no-tui] [--no-write] [--annotations-only]
  --sizes     only these tag counts (default: all of ${CONFIGS.map((c) => c.tags).join(', ')})
  --rounds    rounds per size instead of the defaults (11, 7 at 50,000)
  --baseline  also time another build's show --json (cold, 2nd read, warm) in the same rounds,
              on its own copy of each registry, e.g. /tmp/before/dist/cli.js
  --no-tui    skip the TUI first-frame measurement
  --no-write  print the table without rewriting bench/results.md
  --annotations-only  only the large-artifacts.yaml read (rewrites only its section of results.md)`;

const parseArgs = (argv) => {
  const options = {sizes: null, rounds: null, baseline: null, tui: true, write: true, annotationsOnly: false};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--sizes') options.sizes = (argv[++i] ?? '').split(',').map(Number);
    else if (flag === '--rounds') options.rounds = Number(argv[++i]);
    else if (flag === '--baseline') options.baseline = path.resolve(argv[++i] ?? '');
    else if (flag === '--no-tui') options.tui = false;
    else if (flag === '--no-write') options.write = false;
    else if (flag === '--annotations-only') options.annotationsOnly = true;
    else if (flag === '-h' || flag === '--help') {
      process.stdout.write(usage + '\n');
      process.exit(0);
    } else throw new Error(`unknown option ${flag}\n${usage}`);
  }
  if (options.sizes?.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error('--sizes needs positive integers');
  if (options.rounds !== null && !(Number.isInteger(options.rounds) && options.rounds > 0)) {
    throw new Error('--rounds needs a positive integer');
  }
  return options;
};

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * The key that seals what gto-tui keeps (source/git/stateKey.ts) lives in a private state
 * directory for the run, not in the user's home: made on the first read, as on a user's first.
 */
const STATE_HOME = fs.mkdtempSync(path.join(os.tmpdir(), 'gto-tui-bench-state-'));
process.on('exit', () => fs.rmSync(STATE_HOME, {recursive: true, force: true}));

const benchEnv = () => {
  const env = {...process.env, XDG_STATE_HOME: STATE_HOME};
  // Ink renders nothing until exit when it thinks it runs in CI.
  delete env.CI;
  delete env.CONTINUOUS_INTEGRATION;
  return env;
};

/** Runs a command to completion with stdout discarded; returns wall milliseconds. */
const timeOnce = ({file, args, cwd, prepare}) => {
  prepare?.();
  const started = process.hrtime.bigint();
  const result = spawnSync(file, args, {cwd, env: benchEnv(), stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26});
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.error) throw result.error;
  if (result.status !== 0) {
    const reason = result.stderr.toString().trim().split('\n')[0] || `signal ${result.signal}`;
    throw new Error(`exit ${result.status}: ${reason}`);
  }
  return ms;
};

/** One untimed run: the command must exit 0 and print something, or it is reported n/a. */
const probe = ({file, args, cwd}) => {
  const result = spawnSync(file, args, {cwd, env: benchEnv(), encoding: 'utf8', maxBuffer: 1 << 30});
  if (result.error) return result.error.message;
  if (result.status !== 0) return `exit ${result.status}: ${(result.stderr.trim().split('\n')[0] ?? '').slice(0, 120)}`;
  if (result.stdout.trim() === '') return 'printed nothing';
  return null;
};

/**
 * What gto-tui keeps in the repository's git dir: the object cache (source/git/objectCache.ts)
 * and the registry snapshot (source/git/registrySnapshot.ts).
 */
const keptDirOf = (dir) => {
  const gitDir = spawnSync('git', ['rev-parse', '--absolute-git-dir'], {cwd: dir, encoding: 'utf8'}).stdout.trim();
  return path.join(gitDir, 'gto-tui');
};

/** The registry snapshot, whatever its format's version. */
const removeSnapshot = (kept) => {
  for (const name of fs.existsSync(kept) ? fs.readdirSync(kept) : []) if (name.startsWith('registry-')) fs.rmSync(path.join(kept, name), {force: true});
};

/** The three reads of `show --json` by `cli`: cold, second, warm (keys prefixed with `prefix`); this build's with check-ref's cold read after the first. */
const showReads = (cli, dir, prefix = '', sampleTag = null, kept = keptDirOf(dir)) => [
  // cold: nothing kept (removed before each run, outside the timing), as on a fresh clone: git
  // reads every tag object and commit
  {key: `${prefix}show --json cold`, file: process.execPath, args: [cli, 'show', '--json', '-r', dir], cwd: ROOT, prepare: () => fs.rmSync(kept, {recursive: true, force: true})},
  // the CI case: a job checks the tag that started it in a fresh clone, nothing kept (it leaves
  // what show's cold read leaves: the object cache, no snapshot)
  ...(prefix === '' ? [{key: 'check-ref --json cold', file: process.execPath, args: [cli, 'check-ref', sampleTag, '--json', '-r', dir], cwd: ROOT, prepare: () => fs.rmSync(kept, {recursive: true, force: true})}] : []),
  // the second read: the object cache the first left, the state built again and kept
  {key: `${prefix}show --json 2nd read`, file: process.execPath, args: [cli, 'show', '--json', '-r', dir], cwd: ROOT, prepare: () => removeSnapshot(kept)},
  // warm: what every later read sees while the tags and HEAD stay as they are
  {key: `${prefix}show --json`, file: process.execPath, args: [cli, 'show', '--json', '-r', dir], cwd: ROOT},
];

/** In this order in every round: each run leaves what the next one starts from. */
const commandsFor = (dir, meta) => [
  ...showReads(CLI, dir, '', meta.sampleAssignment),
  {key: 'show', file: process.execPath, args: [CLI, 'show', '-r', dir], cwd: ROOT},
  {key: 'history --json', file: process.execPath, args: [CLI, 'history', '--json', '-r', dir], cwd: ROOT},
  {key: 'check-ref --json', file: process.execPath, args: [CLI, 'check-ref', meta.sampleAssignment, '--json', '-r', dir], cwd: ROOT},
];

const hasGnuTime = () => {
  const result = spawnSync('/usr/bin/time', ['-f', '%M', 'true'], {encoding: 'utf8'});
  return result.status === 0 && /^\d+\s*$/.test(result.stderr);
};

/**
 * Peak RSS in MB. GNU time reports the largest resident set among the process and the children
 * it waited for (so git's too); without it, a preload hook reads Node's own maxRSS at exit.
 */
const peakRssMb = (command, gnuTime) => {
  const out = path.join(os.tmpdir(), `gto-bench-rss-${process.pid}`);
  try {
    command.prepare?.();
    if (gnuTime) {
      spawnSync('/usr/bin/time', ['-f', '%M', '-o', out, command.file, ...command.args], {cwd: command.cwd, env: benchEnv(), stdio: 'ignore'});
    } else {
      const hook = path.join(HERE, 'rss-hook.mjs');
      spawnSync(command.file, ['--import', hook, ...command.args], {
        cwd: command.cwd,
        env: {...benchEnv(), GTO_BENCH_RSS_FILE: out},
        stdio: 'ignore',
      });
    }
    const kb = Number(fs.readFileSync(out, 'utf8').trim().split('\n').pop());
    return Number.isFinite(kb) && kb > 0 ? kb / 1024 : null;
  } catch {
    return null;
  } finally {
    fs.rmSync(out, {force: true});
  }
};

const ENTER_ALT_SCREEN = '\x1b[?1049h';

// the text as the terminal shows it along a row: a cursor move forward over blanks (the UI's
// screen writer skips runs of blanks that way) is those blanks, every other sequence nothing
const stripAnsi = (text) =>
  text.replace(/\x1b\[(\d*)C/g, (_, n) => ' '.repeat(Number(n || 1))).replace(/\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]|\x1b\][^\x07]*\x07/g, '');

/**
 * Milliseconds from spawning the TUI in a pseudo-terminal (util-linux `script`) to the first
 * output that shows the grid: the alternate screen entered, then at least `need` distinct
 * artifact names of the registry. The UI
 * may honour GTO_TUI_EXIT_AFTER_FIRST_FRAME=1; otherwise we send `q` and then end it ourselves.
 */
const tuiFirstFrame = (dir, need, timeoutMs = 15000) =>
  new Promise((resolve) => {
    const quote = (s) => `'${s.replaceAll("'", `'\\''`)}'`;
    const inner = `stty cols 120 rows 40 2>/dev/null; exec ${quote(process.execPath)} ${quote(CLI)} -r ${quote(dir)}`;
    const started = process.hrtime.bigint();
    const child = spawn('script', ['-qfec', inner, '/dev/null'], {
      cwd: ROOT,
      env: {...benchEnv(), TERM: 'xterm-256color', COLUMNS: '120', LINES: '40', GTO_TUI_EXIT_AFTER_FIRST_FRAME: '1'},
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let text = '';
    let settled = false;
    const names = new Set();
    const finish = (value) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.exitCode === null && child.signalCode === null) {
        child.stdin.write('q');
        const term = setTimeout(() => child.kill('SIGTERM'), 300);
        const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
        child.once('exit', () => {
          clearTimeout(term);
          clearTimeout(kill);
          resolve(value);
        });
      } else resolve(value);
    };
    const timer = setTimeout(() => finish({ms: null, reason: `no grid within ${timeoutMs / 1000} s`}), timeoutMs);
    child.stdout.on('data', (chunk) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      text += chunk.toString('utf8');
      // Only the UI enters the alternate screen; the plain table printed without it is no frame.
      const screen = text.indexOf(ENTER_ALT_SCREEN);
      if (screen === -1) return;
      for (const m of stripAnsi(text.slice(screen)).matchAll(/\ba\d+\b/g)) names.add(m[0]);
      if (names.size >= need) finish({ms, reason: null});
    });
    child.stderr.resume();
    child.on('error', (error) => finish({ms: null, reason: error.message}));
    // 'close', not 'exit': output still in the pipe when the process ends must be read first.
    child.on('close', () => finish({ms: null, reason: `exited before a grid appeared: ${JSON.stringify(stripAnsi(text).trim().slice(0, 60))}`}));
  });

const fmtMs = (ms) => (ms === null ? 'n/a' : ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
const fmtCell = (ms, floor) => (ms === null ? 'n/a' : `${fmtMs(ms)} (${(ms / floor).toFixed(2)}×)`);

const machine = () => {
  const cpu = (() => {
    try {
      return /model name\s*:\s*(.*)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model ?? '?';
    } catch {
      return os.cpus()[0]?.model ?? '?';
    }
  })();
  const gitVersion = spawnSync('git', ['--version'], {encoding: 'utf8'}).stdout.trim();
  return {
    nproc: os.availableParallelism?.() ?? os.cpus().length,
    cpu,
    memoryGb: (os.totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    git: gitVersion,
    kernel: `${os.type()} ${os.release()}`,
  };
};

const log = (line) => process.stderr.write(line + '\n');

const benchConfig = async (config, options, gnuTime) => {
  const label = `${config.tags.toLocaleString('en-US')} ${config.packed ? 'packed' : 'loose'}`;
  const genStart = process.hrtime.bigint();
  const {dir, meta, cached} = ensureRegistry({tags: config.tags, packed: config.packed});
  const genSeconds = Number(process.hrtime.bigint() - genStart) / 1e9;
  log(`${label}: registry ${path.relative(ROOT, dir)} ${cached ? '(cached)' : `generated in ${genSeconds.toFixed(1)} s`}`);

  const floorGit = {key: 'for-each-ref', file: 'git', args: ['for-each-ref', `--format=${FLOOR_FORMAT}`, 'refs/tags'], cwd: dir};
  const floorNode = {key: "node -e ''", file: process.execPath, args: ['-e', ''], cwd: ROOT};
  // not part of the floor: for reading the cold ratios (bench/parse-floor.mjs)
  const parseFloor = {key: 'list + parse', file: process.execPath, args: [path.join(HERE, 'parse-floor.mjs'), dir], cwd: ROOT};
  const commands = commandsFor(dir, meta);
  // another build on its own copy of the registry, so neither finds what the other kept
  let baselineDir = null;
  if (options.baseline !== null) {
    baselineDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gto-tui-bench-baseline-'));
    fs.cpSync(dir, baselineDir, {recursive: true});
    fs.rmSync(path.join(baselineDir, '.git', 'gto-tui'), {recursive: true, force: true});
    commands.push(...showReads(options.baseline, baselineDir, 'baseline '));
  }
  const skipped = {};
  for (const command of commands) {
    const problem = probe(command);
    if (problem) {
      skipped[command.key] = problem;
      log(`  ${command.key}: n/a (${problem})`);
    }
  }
  const live = [floorGit, floorNode, parseFloor, ...commands.filter((c) => !skipped[c.key])];
  const samples = Object.fromEntries(live.map((c) => [c.key, []]));
  const rounds = options.rounds ?? config.rounds;
  for (let round = 0; round < rounds; round++) {
    for (const command of live) samples[command.key].push(timeOnce(command));
  }
  const medians = Object.fromEntries(Object.entries(samples).map(([key, values]) => [key, median(values)]));
  const floor = medians['for-each-ref'] + medians["node -e ''"];

  const peak = (command) => (skipped[command.key] ? null : Math.max(...[0, 1, 2].map(() => peakRssMb(command, gnuTime) ?? 0)) || null);
  const byKey = (key) => commands.find((c) => c.key === key);
  // warm first: the rounds left the snapshot in place, and the cold runs remove it
  const rssMb = peak(byKey('show --json'));
  const rssColdMb = peak(byKey('show --json cold'));
  if (baselineDir !== null) fs.rmSync(baselineDir, {recursive: true, force: true});

  let tui = {ms: null, reason: 'not measured at this size'};
  const tuiRounds = options.tui ? config.tuiRounds : 0;
  if (tuiRounds > 0) {
    const need = Math.min(5, meta.params.artifacts);
    // measured as a repeated opening sees the repository, like warm show --json: the RSS runs
    // above removed what gto-tui keeps, so one read fills the object cache again and one
    // unmeasured opening keeps the TUI's registry snapshot
    spawnSync(process.execPath, [CLI, 'show', '--json', '-r', dir], {cwd: ROOT, env: benchEnv(), stdio: 'ignore'});
    await tuiFirstFrame(dir, need);
    const times = [];
    for (let i = 0; i < tuiRounds; i++) {
      const result = await tuiFirstFrame(dir, need);
      if (result.ms === null) {
        tui = result;
        break;
      }
      times.push(result.ms);
    }
    if (times.length === tuiRounds) tui = {ms: median(times), reason: null};
    if (tui.reason) log(`  TUI: n/a (${tui.reason})`);
  }
  const row = {label, config, meta, rounds, medians, floor, skipped, rssMb, rssColdMb, tui, genSeconds, cached};
  log(
    `  floor ${fmtMs(floor)} ms (for-each-ref ${fmtMs(medians['for-each-ref'])} + node ${fmtMs(medians["node -e ''"])})` +
      commands.map((c) => `, ${c.key} ${fmtCell(medians[c.key] ?? null, floor)}`).join('') +
      `, RSS warm ${rssMb === null ? 'n/a' : rssMb.toFixed(0) + ' MB'} cold ${rssColdMb === null ? 'n/a' : rssColdMb.toFixed(0) + ' MB'}, TUI ${fmtMs(tui.ms)}`,
  );
  return row;
};

/**
 * A large artifacts.yaml: one registered version whose commit holds `artifacts` artifacts in a
 * file outside the YAML fast path (quoted strings), so the `yaml` package parses it. Reading it
 * must take time linear in its size: twice the artifacts, about twice the time.
 */
const ANNOTATION_SIZES = [20_000, 40_000];
const ANNOTATION_ROUNDS = 3;

const annotationsRepo = (artifacts) => {
  const dir = path.join(REPOS_DIR, `annotations-${artifacts}`);
  const stamp = path.join(dir, '.git', 'gto-bench-annotations');
  if (fs.existsSync(stamp)) return dir;
  fs.rmSync(dir, {recursive: true, force: true});
  fs.mkdirSync(dir, {recursive: true});
  const git = (args) => {
    const r = spawnSync('git', args, {cwd: dir, env: {...process.env, ...GIT_ENV}, encoding: 'utf8'});
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr.trim()}`);
  };
  git(['init', '--quiet']);
  const lines = [];
  for (let i = 0; i < artifacts; i++) lines.push(`"a${i}":\n  type: model\n  path: "models/a${i}.pkl"\n  labels: ["bench", 'gen']\n  description: 'Synthetic artifact ${i}'\n`);
  fs.writeFileSync(path.join(dir, 'artifacts.yaml'), lines.join(''));
  git(['add', 'artifacts.yaml']);
  git(['commit', '--quiet', '-m', `${artifacts} artifacts`]);
  git(['tag', '-a', 'a0@v1.0.0', '-m', 'Registering artifact a0 version v1.0.0']);
  fs.writeFileSync(stamp, '');
  return dir;
};

/** `show --json` of each annotations registry, cold (nothing kept), medians in ms and the ratio. */
const benchAnnotations = () => {
  const rows = [];
  for (const artifacts of ANNOTATION_SIZES) {
    const dir = annotationsRepo(artifacts);
    const kept = keptDirOf(dir);
    const command = {file: process.execPath, args: [CLI, 'show', '--json', '-r', dir], cwd: ROOT, prepare: () => fs.rmSync(kept, {recursive: true, force: true})};
    const problem = probe(command);
    if (problem) throw new Error(`show --json on ${artifacts} annotated artifacts: ${problem}`);
    const times = [];
    for (let round = 0; round < ANNOTATION_ROUNDS; round++) times.push(timeOnce(command));
    const bytes = fs.statSync(path.join(dir, 'artifacts.yaml')).size;
    rows.push({artifacts, bytes, ms: median(times)});
    log(`artifacts.yaml with ${artifacts.toLocaleString('en-US')} artifacts (${(bytes / 1e6).toFixed(1)} MB): show --json ${fmtMs(median(times))} ms`);
  }
  return rows;
};

const ANNOTATIONS_HEADING = '## A large artifacts.yaml';

const annotationsSection = (rows) => {
  const [small, large] = rows;
  return `${ANNOTATIONS_HEADING}

\`show --json\` (cold: nothing kept) of a repository with one registered version whose commit holds
an artifacts.yaml of N artifacts outside the YAML fast path (quoted strings: the \`yaml\` package
parses it), median of ${ANNOTATION_ROUNDS} runs. Linear time means twice the artifacts, at most about twice the time; the
\`yaml\` package's own duplicate-key check made it 3.4× on a quiet machine (20,000: 5.5 s, 40,000:
18.9 s) and 13× on a busy one (\`GTO_BENCH_CLI=<that build>/dist/cli.js node bench/run.mjs
--annotations-only --no-write\`: 6.3 s, 81 s). Files over 16 MiB are not read at all (README,
"Where gto-tui differs from GTO").

| artifacts | file | show --json |
|---|---|---|
${rows.map((r) => `| ${r.artifacts.toLocaleString('en-US')} | ${(r.bytes / 1e6).toFixed(1)} MB | ${fmtMs(r.ms)} ms |`).join('\n')}

${large.artifacts.toLocaleString('en-US')} vs ${small.artifacts.toLocaleString('en-US')} artifacts: **${(large.ms / small.ms).toFixed(2)}×** the time (run: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}, load average ${os.loadavg()[0].toFixed(2)}; \`node bench/run.mjs --annotations-only\` reruns only this part).
`;
};

/** results.md with its annotations section replaced (or added at the end). */
const withAnnotationsSection = (text, section) => {
  const at = text.indexOf(ANNOTATIONS_HEADING);
  if (at === -1) return text.replace(/\n*$/, '\n\n') + section;
  const next = text.indexOf('\n## ', at + ANNOTATIONS_HEADING.length);
  return text.slice(0, at) + section + (next === -1 ? '' : text.slice(next));
};

const KEYS = ['show --json', 'show --json cold', 'show --json 2nd read', 'list + parse', 'show', 'history --json', 'check-ref --json', 'check-ref --json cold'];

/** The TUI's first frame as a multiple of the same run's warm `show --json`, or null. */
const tuiRatio = (r) => (r.tui.ms === null || !r.medians['show --json'] ? null : r.tui.ms / r.medians['show --json']);

const table = (rows) => {
  const header = [
    'registry',
    'rounds',
    'for-each-ref',
    "node -e ''",
    'floor',
    ...KEYS.map((k) => `${k} (×floor)`),
    'peak RSS show --json (warm / cold)',
    'TUI first frame',
    'TUI first frame ÷ show --json',
  ];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const r of rows) {
    lines.push(
      `| ${[
        r.label,
        r.rounds,
        fmtMs(r.medians['for-each-ref']),
        fmtMs(r.medians["node -e ''"]),
        fmtMs(r.floor),
        ...KEYS.map((k) => fmtCell(r.medians[k] ?? null, r.floor)),
        `${r.rssMb === null ? 'n/a' : `${r.rssMb.toFixed(0)} MB`} / ${r.rssColdMb === null ? 'n/a' : `${r.rssColdMb.toFixed(0)} MB`}`,
        fmtMs(r.tui.ms),
        tuiRatio(r) === null ? 'n/a' : `${tuiRatio(r).toFixed(2)}×`,
      ].join(' | ')} |`,
    );
  }
  return lines.join('\n');
};

const BASELINE_KEYS = ['show --json', 'show --json 2nd read', 'show --json cold'];

/** This build's show --json beside the baseline's, measured in the same rounds: ms and ×floor each, and the difference. */
const baselineTable = (rows) => {
  const names = {'show --json': 'warm', 'show --json 2nd read': '2nd read', 'show --json cold': 'cold'};
  const header = ['registry', ...BASELINE_KEYS.map((k) => `${names[k]}: baseline → this build (difference)`)];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const r of rows) {
    const cell = (k) => {
      const before = r.medians[`baseline ${k}`];
      const now = r.medians[k];
      if (before === undefined || now === undefined) return 'n/a';
      const delta = now - before;
      return `${fmtCell(before, r.floor)} → ${fmtCell(now, r.floor)} (${delta >= 0 ? '+' : '−'}${fmtMs(Math.abs(delta))})`;
    };
    lines.push(`| ${[r.label, ...BASELINE_KEYS.map(cell)].join(' | ')} |`);
  }
  return lines.join('\n');
};

/** The issue's targets, each with its verdict (or "not measured"). */
/**
 * Keypress → frame latency on a 1,000-artifact grid (bench/cursor.tsx, ink-testing-library):
 * {median, p90, max} in ms, or {error}.
 */
const cursorLatency = () => {
  log('cursor move on a 1,000-artifact grid (bench/cursor.tsx)');
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', 'cursor.tsx')], {cwd: ROOT, encoding: 'utf8', env: benchEnv(), timeout: 120_000});
  try {
    return {...JSON.parse(r.stdout.trim().split('\n').at(-1)), repaint: repaintBytes()};
  } catch {
    return {error: (r.stderr || r.stdout || 'no output').trim().split('\n')[0], repaint: repaintBytes()};
  }
};

/** Bytes written to a real pseudo-terminal for one cursor move, 300 artifacts at 200×50 (bench/repaint.mjs). */
const repaintBytes = () => {
  log('bytes for one cursor move at 200×50 (bench/repaint.mjs)');
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bench', 'repaint.mjs')], {cwd: ROOT, encoding: 'utf8', env: benchEnv(), timeout: 120_000});
  try {
    return JSON.parse(r.stdout.trim().split('\n').at(-1));
  } catch {
    return {error: (r.stderr || r.stdout || 'no output').trim().split('\n')[0]};
  }
};

/**
 * A timeline step at 50,000 tags (bench/timeline.tsx): keypress → frame in the app, the same
 * steps in the core alone, and CPU time per step: {median, p90, max, cpu, core, enterMs} in ms,
 * or {error}.
 */
const timelineSteps = () => {
  log('timeline steps at 50,000 tags (bench/timeline.tsx)');
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', 'timeline.tsx')], {cwd: ROOT, encoding: 'utf8', env: benchEnv(), timeout: 600_000});
  try {
    return JSON.parse(r.stdout.trim().split('\n').at(-1));
  } catch {
    return {error: (r.stderr || r.stdout || 'no output').trim().split('\n')[0]};
  }
};

/**
 * The live registry at 5,000 tags (bench/live.mjs): under --no-remote, the CPU and git
 * processes of a minute of idling, and tag made/deleted outside → frame. Its JSON line, or {error}.
 */
const LIVE = {tags: 5000, idleSeconds: 60, rounds: 5};
const liveRegistry = () => {
  log(`the live registry at ${LIVE.tags.toLocaleString('en-US')} tags: ${LIVE.idleSeconds} s idle, ${LIVE.rounds} outside tags (bench/live.mjs)`);
  const args = [path.join(ROOT, 'bench', 'live.mjs'), '--sizes', String(LIVE.tags), '--idle', String(LIVE.idleSeconds), '--rounds', String(LIVE.rounds)];
  const r = spawnSync(process.execPath, args, {cwd: ROOT, encoding: 'utf8', env: benchEnv(), timeout: 600_000});
  const line = r.stdout?.split('\n').find((l) => l.startsWith('json '));
  return line ? JSON.parse(line.slice(5)) : {error: (r.stderr || r.stdout || 'no output').trim().split('\n')[0]};
};

const verdicts = (rows, cursor = null, timeline = null, live = null) => {
  const find = (tags, packed) => rows.find((r) => r.config.tags === tags && r.config.packed === packed);
  const out = [];
  for (const tags of [5000, 50000]) {
    const r = find(tags, true);
    const ms = r?.medians['show --json'];
    const cold = r?.medians['show --json cold'];
    out.push(
      ms === undefined
        ? `- show --json at ${tags.toLocaleString('en-US')} tags ≤ ${TARGETS.ratio}× floor: not measured`
        : `- show --json at ${tags.toLocaleString('en-US')} tags ≤ ${TARGETS.ratio}× floor: ${(ms / r.floor).toFixed(2)}× warm — ${ms / r.floor <= TARGETS.ratio ? 'met' : 'NOT met'}` +
            (cold === undefined ? '' : ` (cold, nothing kept: ${(cold / r.floor).toFixed(2)}×; listing and parsing alone: ${(r.medians['list + parse'] / r.floor).toFixed(2)}×)`),
    );
  }
  for (const [tags, key, target] of TARGETS.cold) {
    const r = find(tags, true);
    const ms = r?.medians[key];
    out.push(
      ms === undefined
        ? `- ${key.replace(/ cold$/, '')} with nothing kept at ${tags.toLocaleString('en-US')} tags ≤ ${target}× floor: not measured`
        : `- ${key.replace(/ cold$/, '')} with nothing kept at ${tags.toLocaleString('en-US')} tags ≤ ${target}× floor: ${(ms / r.floor).toFixed(2)}× (${fmtMs(ms)} ms) — ${ms / r.floor <= target ? 'met' : 'NOT met'}`,
    );
  }
  const t = find(5000, true)?.tui.ms;
  out.push(
    t === null || t === undefined
      ? `- TUI first full frame at 5,000 tags < ${TARGETS.tuiMs} ms: not measured`
      : `- TUI first full frame at 5,000 tags < ${TARGETS.tuiMs} ms: ${fmtMs(t)} ms — ${t < TARGETS.tuiMs ? 'met' : 'NOT met'}`,
  );
  for (const [tags, target] of TARGETS.tuiRatio) {
    const r = find(tags, true);
    const ratio = r ? tuiRatio(r) : null;
    out.push(
      ratio === null
        ? `- TUI first full frame at ${tags.toLocaleString('en-US')} tags ≤ ${target}× warm show --json: not measured`
        : `- TUI first full frame at ${tags.toLocaleString('en-US')} tags ≤ ${target}× warm show --json: ${ratio.toFixed(2)}× (${fmtMs(r.tui.ms)} ms) — ${ratio <= target ? 'met' : 'NOT met'}`,
    );
  }
  if (cursor !== null) {
    out.push(
      cursor.error
        ? `- cursor move on a 1,000-artifact grid, median < 15 ms and p90 < 35 ms: n/a — ${cursor.error}`
        : `- cursor move on a 1,000-artifact grid, median < 15 ms and p90 < 35 ms (keypress → frame, ink-testing-library): median ${cursor.median} ms, p90 ${cursor.p90} ms, max ${cursor.max} ms — ${cursor.median < 15 && cursor.p90 < 35 ? 'met' : 'NOT met'}`,
    );
  }
  if (live !== null) {
    const share = live.error ? null : live.idleCpuMs / (live.idleSeconds * 1000);
    out.push(
      live.error
        ? `- idle TUI (--no-remote) at 5,000 tags < 1% of a core over 60 s; an outside tag re-read within 500 ms: n/a — ${live.error}`
        : `- idle TUI (--no-remote) at ${live.tags.toLocaleString('en-US')} tags < 1% of a core over ${live.idleSeconds} s (/proc/PID/stat): ${live.idleCpuMs.toFixed(0)} ms of CPU (${(share * 100).toFixed(2)}%), ${live.idleProcesses} git processes — ${share < 0.01 ? 'met' : 'NOT met'}\n` +
            `- an outside tag re-read within 500 ms (tag made → frame, median of ${LIVE.rounds}, bench/live.mjs): ${live.made.median.toFixed(0)} ms (max ${live.made.max.toFixed(0)}; tag deleted → frame ${live.deleted.median.toFixed(0)} ms) — ${live.made.median < 500 && live.deleted.median < 500 ? 'met' : 'NOT met'}`,
    );
  }
  if (timeline !== null) {
    const met = !timeline.error && timeline.median < 16 && timeline.p90 < 30;
    out.push(
      timeline.error
        ? `- timeline step at 50,000 tags (median < 16 ms, p90 < 30 ms): n/a — ${timeline.error}`
        : `- timeline step at 50,000 tags, median < 16 ms and p90 < 30 ms (keypress → frame, ink-testing-library, 120×40): median ${timeline.median} ms, p90 ${timeline.p90} ms, max ${timeline.max} ms — ${met ? 'met' : 'NOT met'} (CPU per step: median ${timeline.cpu.median} ms, p90 ${timeline.cpu.p90} ms; the core alone: median ${timeline.core.median} ms, p90 ${timeline.core.p90} ms; entering the timeline ${timeline.enterMs} ms)`,
    );
  }
  const repaint = cursor?.repaint;
  if (repaint) {
    out.push(
      repaint.error
        ? `- one cursor move on a 300-artifact grid at 200×50 ≤ 10% of a full repaint: n/a — ${repaint.error}`
        : `- one cursor move on a 300-artifact grid at 200×50 ≤ 10% of a full repaint (bytes to a real pseudo-terminal, bench/repaint.mjs): ${repaint.bytes} B of ${repaint.frameBytes} B (${(repaint.ratio * 100).toFixed(1)}%), ${repaint.rows} rows rewritten, ${repaint.clears} screen clears in ${repaint.moves} moves — ${repaint.ratio <= 0.1 && repaint.clears === 0 ? 'met' : 'NOT met'}`,
    );
  }
  const rss = find(50000, true)?.rssMb;
  const rssCold = find(50000, true)?.rssColdMb;
  out.push(
    rss === null || rss === undefined
      ? `- peak RSS at 50,000 tags < ${TARGETS.rssMb} MB: not measured`
      : `- peak RSS at 50,000 tags < ${TARGETS.rssMb} MB: ${rss.toFixed(0)} MB warm — ${rss < TARGETS.rssMb ? 'met' : 'NOT met'}` +
          (rssCold === null || rssCold === undefined ? '' : ` (cold: ${rssCold.toFixed(0)} MB)`),
  );
  return out.join('\n');
};

const report = ({rows, cursor, timeline, live = null, m, totalSeconds, argv, gnuTime, load, baseline}) => {
  const notes = rows.flatMap((r) => [
    ...Object.entries(r.skipped).map(([k, why]) => `- ${r.label}: \`${k}\` n/a — ${why}`),
    ...(r.tui.reason && r.config.tuiRounds > 0 ? [`- ${r.label}: TUI n/a — ${r.tui.reason}`] : []),
  ]);
  const shapes = rows
    .filter((r, i) => rows.findIndex((q) => q.config.tags === r.config.tags) === i)
    .map((r) => {
      const p = r.meta.params;
      const c = r.meta.counts;
      return `- ${p.tags.toLocaleString('en-US')} tags: ${p.artifacts} artifacts, ${p.commits} commits, ${p.unrelatedTags} unrelated tags; ${c.register} registrations, ${c.assign} assignments, ${c.unassign} unassignments, ${c.deregister} deregistrations, ${c.deprecate} deprecations`;
    });
  return `# Benchmark results

Run: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}, \`npm run bench${argv.length ? ' -- ' + argv.join(' ') : ''}\`
(= \`npm run build && node bench/run.mjs${argv.length ? ' ' + argv.join(' ') : ''}\`), whole run ${totalSeconds.toFixed(0)} s including registry generation.

Machine: ${m.nproc} CPUs (${m.cpu}), ${m.memoryGb} GiB memory, ${m.kernel}, Node ${m.node}, ${m.git}.
Load average (1 min) at start ${load.start}, at end ${load.end}: other work on the machine shows up as noise.

Medians in milliseconds over the rounds shown; each round runs every command once, in the
order for-each-ref, \`node -e ''\`, then the commands (so the floor and the commands share the
machine's state). **floor** = median(for-each-ref) + median(\`node -e ''\`); the ratio is
command ÷ floor. The commands run in this order, each starting from what the one before left:
\`show --json cold\` with nothing gto-tui keeps (\`.git/gto-tui/\`: the object cache and the
registry snapshot removed before each run), as on the first read of a fresh clone or a
\`-r URL\`; \`show --json 2nd read\` with the object cache the first read left (the state built
again, and kept); then \`show --json\` (**warm**), \`show\`, \`history --json\` and
\`check-ref --json\` as every later read sees it while tags and HEAD stay the same (the tags
listed against the object cache, the state from the snapshot); \`check-ref --json cold\` runs
right after \`show --json cold\`, with nothing kept either, as in a CI job checking the tag that
started it. **list + parse** is not part
of the floor: \`bench/parse-floor.mjs\`, the floor's for-each-ref turned into one object per tag
in Node, the least a first read does before any registry logic. Peak RSS: largest of 3 runs of \`show --json\`, via ${gnuTime ? 'GNU `/usr/bin/time -f %M` (largest of the process and the git children it waited for)' : 'a preload hook reading `process.resourceUsage().maxRSS` (Node only, git children not counted)'}.
TUI first frame: median wall time from spawning \`node dist/cli.js -r REPO\` in a 120×40 pseudo-terminal
(\`script\`) to the first output that enters the alternate screen and then shows at least 5
artifact names, as a repeated opening sees it (the object cache and the TUI's registry snapshot
kept by an unmeasured opening before); **TUI first frame ÷ show --json** divides it by the same
run's warm \`show --json\`.

${table(rows)}
${baseline === null ? '' : `
Against a baseline build (\`--baseline ${baseline.startsWith(ROOT + path.sep) ? path.relative(ROOT, baseline) : baseline}\`), run in the same rounds on its own copy of each registry,
after this build's commands: \`show --json\` medians in ms (×floor).

${baselineTable(rows)}
`}
Targets (from the issue):
${verdicts(rows, cursor, timeline, live)}
${notes.length ? `\nNot measured:\n${notes.join('\n')}\n` : ''}
Registries (bench/generate.mjs, ratios in bench/README.md):
${shapes.join('\n')}

Floor command: \`git for-each-ref refs/tags --format='${FLOOR_FORMAT}'\`.
Profiling: see bench/profile.md.
`;
};

const main = async () => {
  const argv = process.argv.slice(2);
  const options = parseArgs(argv);
  if (options.annotationsOnly) {
    const section = annotationsSection(benchAnnotations());
    process.stdout.write('\n' + section);
    if (options.write) {
      fs.writeFileSync(RESULTS, withAnnotationsSection(fs.existsSync(RESULTS) ? fs.readFileSync(RESULTS, 'utf8') : '# Benchmark results\n', section));
      log(`wrote the annotations section of ${path.relative(ROOT, RESULTS)}`);
    }
    return;
  }
  const totalStart = process.hrtime.bigint();
  const loadStart = os.loadavg()[0].toFixed(2);
  if (!fs.existsSync(CLI)) throw new Error(`${path.relative(ROOT, CLI)} is missing: run \`npm run build\` first (npm run bench does)`);
  const gnuTime = hasGnuTime();
  if (!gnuTime) log('GNU time not found (apt-get install time): peak RSS is Node-only, via a preload hook');
  const configs = CONFIGS.filter((c) => !options.sizes || options.sizes.includes(c.tags));
  if (configs.length === 0) throw new Error(`no configured size in --sizes; known: ${CONFIGS.map((c) => c.tags).join(', ')}`);
  const rows = [];
  for (const config of configs) rows.push(await benchConfig(config, options, gnuTime));
  const cursor = options.tui ? cursorLatency() : null;
  const timeline = options.tui ? timelineSteps() : null;
  const live = options.tui ? liveRegistry() : null;
  const annotations = annotationsSection(benchAnnotations());
  const totalSeconds = Number(process.hrtime.bigint() - totalStart) / 1e9;
  const text = withAnnotationsSection(
    report({rows, cursor, timeline, live, m: machine(), totalSeconds, argv, gnuTime, load: {start: loadStart, end: os.loadavg()[0].toFixed(2)}, baseline: options.baseline}),
    annotations,
  );
  const against = options.baseline === null ? '' : '\n' + baselineTable(rows) + '\n';
  process.stdout.write('\n' + table(rows) + '\n' + against + '\n' + verdicts(rows, cursor, timeline, live) + '\n\n' + annotations + `\nwhole run: ${totalSeconds.toFixed(0)} s\n`);
  if (options.write) {
    fs.writeFileSync(RESULTS, text);
    log(`wrote ${path.relative(ROOT, RESULTS)}`);
  }
};

main().catch((error) => {
  process.stderr.write(`bench: ${error.message}\n`);
  process.exitCode = 1;
});
