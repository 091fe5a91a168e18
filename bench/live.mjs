#!/usr/bin/env node
/**
 * The live registry's cost and speed (source/git/watch.ts, source/ui/liveController.ts), on the
 * synthetic registries of bench/generate.mjs (a copy: the cached one is left as it is):
 *
 * - idle: the UI open under --no-remote with nothing changing, for --idle seconds: the git
 *   processes it starts (a logging git first in PATH) and the CPU time its process uses
 *   (/proc/PID/stat, clock ticks);
 * - a re-read: the git processes one tag made outside costs;
 * - outside tag → frame: from the moment `git tag -a` (or `git tag -d`), run by this script as
 *   another program would, has exited to the first output of the UI whose header counts the
 *   artifact it made (or no longer counts it). In its own session, without the logging git.
 *
 * Writes nothing but its temporary copies.
 *
 *   npm run build && node bench/live.mjs [--sizes 1000,5000] [--rounds N] [--idle SECONDS]
 */
import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {ensureRegistry} from './generate.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(HERE);
const CLI = path.join(ROOT, 'dist', 'cli.js');

const option = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : process.argv[at + 1];
};
const sizes = option('--sizes', '1000,5000').split(',').map(Number);
const rounds = Number(option('--rounds', '10'));
const idleSeconds = Number(option('--idle', '10'));
if (sizes.some((n) => !Number.isInteger(n) || n <= 0) || !(rounds > 0) || !(idleSeconds > 0)) {
  throw new Error('usage: node bench/live.mjs [--sizes 1000,5000] [--rounds N] [--idle SECONDS]');
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const max = (values) => Math.max(...values);
const ticksPerSecond = Number(spawnSync('getconf', ['CLK_TCK'], {encoding: 'utf8'}).stdout.trim()) || 100;
// the text as the terminal shows it along a row: a cursor move forward over blanks (the UI's
// screen writer skips runs of blanks that way) is those blanks, every other sequence nothing
const stripAnsi = (text) =>
  text.replace(/\x1b\[(\d*)C/g, (_, n) => ' '.repeat(Number(n || 1))).replace(/\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]|\x1b\][^\x07]*\x07/g, '');

const env = () => {
  const e = {...process.env, TERM: 'xterm-256color', COLUMNS: '120', LINES: '40'};
  // Ink draws nothing until exit when it thinks it runs in CI
  delete e.CI;
  delete e.CONTINUOUS_INTEGRATION;
  return e;
};

/** A git first in PATH that logs each subcommand, then runs the real git. */
const loggingGit = () => {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'gto-tui-live-bin-'));
  const log = path.join(bin, 'calls.log');
  fs.writeFileSync(log, '');
  const real = spawnSync('sh', ['-c', 'command -v git'], {encoding: 'utf8'}).stdout.trim();
  fs.writeFileSync(
    path.join(bin, 'git'),
    `#!/bin/sh\nsub=''\nskip=0\nfor a in "$@"; do if [ $skip = 1 ]; then skip=0; continue; fi; case "$a" in -c|-C) skip=1;; -*) ;; *) sub="$a"; break;; esac; done\necho "$sub" >> '${log}'\nexec '${real}' "$@"\n`,
  );
  fs.chmodSync(path.join(bin, 'git'), 0o755);
  return {bin, calls: () => fs.readFileSync(log, 'utf8').split('\n').filter(Boolean)};
};

/** The UI in a pseudo-terminal (util-linux `script`), its output kept, its node process known. */
const openUi = (dir, pathPrefix = null) => {
  const quote = (s) => `'${s.replaceAll("'", `'\\''`)}'`;
  const inner = `stty cols 120 rows 40 2>/dev/null; exec ${quote(process.execPath)} ${quote(CLI)} --no-remote -r ${quote(dir)}`;
  const e = env();
  if (pathPrefix !== null) e.PATH = `${pathPrefix}:${e.PATH}`;
  const child = spawn('script', ['-qfec', inner, '/dev/null'], {cwd: ROOT, env: e, stdio: ['pipe', 'pipe', 'ignore']});
  const ui = {
    text: '',
    waiters: [],
    /** Resolves with the time of the first output from `from` on (characters) that matches. */
    waitFor(pattern, from = 0, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!pattern.test(stripAnsi(ui.text.slice(from)))) return false;
          resolve(performance.now());
          return true;
        };
        if (check()) return;
        const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${timeoutMs / 1000} s`)), timeoutMs);
        ui.waiters.push(() => (check() ? (clearTimeout(timer), true) : false));
      });
    },
    /** The node process: `script`'s child (the shell execs node). */
    pid() {
      const children = fs.readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/);
      return Number(children[0]);
    },
    async quit() {
      child.stdin.write('q');
      const killer = setTimeout(() => child.kill('SIGKILL'), 3000);
      if (child.exitCode === null) await new Promise((resolve) => child.once('close', resolve));
      clearTimeout(killer);
    },
  };
  child.stdout.on('data', (chunk) => {
    ui.text += chunk.toString('utf8');
    ui.waiters = ui.waiters.filter((waiter) => !waiter());
  });
  return ui;
};

const cpuTicks = (pid) => {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
};

const realGit = (dir, args) => {
  const result = spawnSync('git', ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', ...args], {cwd: dir, encoding: 'utf8'});
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr.trim()}`);
};

const artifactsShown = async (ui) => {
  await ui.waitFor(/\d+ artifacts/);
  return Number(/(\d+) artifacts/.exec(stripAnsi(ui.text))[1]);
};
const counting = (n) => new RegExp(`(?<!\\d)${n} artifacts`);

/** Idle under --no-remote, then one tag made outside: git processes and CPU. */
const idle = async (dir) => {
  const git = loggingGit();
  const ui = openUi(dir, git.bin);
  try {
    const artifacts = await artifactsShown(ui);
    // the opening reads are done when the log stops growing
    let count = -1;
    while (count !== git.calls().length) {
      count = git.calls().length;
      await sleep(1000);
    }
    const pid = ui.pid();
    const cpuBefore = cpuTicks(pid);
    await sleep(idleSeconds * 1000);
    const idleTicks = cpuTicks(pid) - cpuBefore;
    const idleProcesses = git.calls().length - count;
    const from = ui.text.length;
    realGit(dir, ['tag', '-a', '-m', 'live bench', 'live-bench-idle@v0.0.1', 'HEAD']);
    await ui.waitFor(counting(artifacts + 1), from);
    await sleep(1000);
    const reread = git.calls().slice(count + idleProcesses);
    realGit(dir, ['tag', '-d', 'live-bench-idle@v0.0.1']);
    await ui.waitFor(counting(artifacts), from);
    return {idleTicks, idleProcesses, reread};
  } finally {
    await ui.quit();
    fs.rmSync(git.bin, {recursive: true, force: true});
  }
};

/** Outside tag → frame, made and deleted `rounds` times. */
const latency = async (dir) => {
  const ui = openUi(dir);
  const made = [];
  const deleted = [];
  try {
    const artifacts = await artifactsShown(ui);
    await sleep(2000);
    for (let i = 0; i < rounds; i++) {
      let from = ui.text.length;
      realGit(dir, ['tag', '-a', '-m', 'live bench', `live-bench-${i}@v0.0.1`, 'HEAD']);
      let started = performance.now();
      made.push((await ui.waitFor(counting(artifacts + 1), from)) - started);
      await sleep(500);
      from = ui.text.length;
      realGit(dir, ['tag', '-d', `live-bench-${i}@v0.0.1`]);
      started = performance.now();
      deleted.push((await ui.waitFor(counting(artifacts), from)) - started);
      await sleep(500);
    }
    return {made, deleted};
  } finally {
    await ui.quit();
  }
};

console.log(`rounds: ${rounds}, idle: ${idleSeconds} s, ${os.availableParallelism()} cores, load ${os.loadavg()[0].toFixed(2)}, ${ticksPerSecond} ticks/s`);
console.log('| tags | idle: git processes | idle: CPU (ms) | git processes per outside tag | tag made → frame, median / max (ms) | tag deleted → frame, median / max (ms) |');
console.log('|---|---|---|---|---|---|');
for (const tags of sizes) {
  const {dir: cached} = ensureRegistry({tags, packed: true});
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `gto-tui-live-${tags}-`));
  try {
    fs.cpSync(cached, dir, {recursive: true});
    const quiet = await idle(dir);
    const timed = await latency(dir);
    const cell = (values) => `${median(values).toFixed(0)} / ${max(values).toFixed(0)}`;
    // for bench/run.mjs: the same figures as one JSON line
    console.log(
      'json ' +
        JSON.stringify({
          tags,
          idleSeconds,
          idleProcesses: quiet.idleProcesses,
          idleCpuMs: (quiet.idleTicks * 1000) / ticksPerSecond,
          reread: quiet.reread,
          made: {median: median(timed.made), max: max(timed.made)},
          deleted: {median: median(timed.deleted), max: max(timed.deleted)},
        }),
    );
    console.log(
      `| ${tags.toLocaleString('en')} | ${quiet.idleProcesses} | ${((quiet.idleTicks * 1000) / ticksPerSecond).toFixed(0)} | ${quiet.reread.length} (${quiet.reread.join(', ')}) | ${cell(timed.made)} | ${cell(timed.deleted)} |`,
    );
  } finally {
    fs.rmSync(dir, {recursive: true, force: true});
  }
}
