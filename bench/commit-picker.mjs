#!/usr/bin/env node
/**
 * The commit picker's history (source/git/commitLog.ts): one `git log` read a page at a time,
 * paused between pages, against paging with `git log --skip=N -n 101` (a process per page, each
 * walking every commit before its page), on a synthetic history of 20,000 and 100,000 commits.
 * Prints the medians of the first page and of reading the whole history; writes nothing.
 *
 *   npm run build && node bench/commit-picker.mjs [--rounds N] [--sizes 20000,100000]
 */
import {execFileSync, spawn} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {openCommitLog} from '../dist/git/commitLog.js';

const option = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : process.argv[at + 1];
};
const rounds = Number(option('--rounds', '5'));
const sizes = option('--sizes', '20000,100000').split(',').map(Number);
if (!(Number.isInteger(rounds) && rounds > 0) || sizes.some((n) => !Number.isInteger(n) || n <= 0)) {
  throw new Error('usage: node bench/commit-picker.mjs [--rounds N] [--sizes 20000,100000]');
}
const PAGE = 100;
const FORMAT = ['-z', '--no-show-signature', '--date=raw', '--format=%H%x00%s%x00%an%x00%ad'];

const history = (count) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gto-tui-commit-picker-'));
  execFileSync('git', ['init', '-q', dir]);
  const parts = [];
  for (let i = 0; i < count; i++) {
    const message = `commit ${i}: a subject of a usual length for a commit\n`;
    parts.push(`commit refs/heads/main\ncommitter A <a@example.com> ${1700000000 + i} +0000\ndata ${Buffer.byteLength(message)}\n${message}\n`);
  }
  execFileSync('git', ['-C', dir, 'fast-import', '--quiet'], {input: parts.join(''), maxBuffer: 1 << 30});
  execFileSync('git', ['-C', dir, 'symbolic-ref', 'HEAD', 'refs/heads/main']);
  return dir;
};

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const git = (dir, args) =>
  new Promise((resolve, reject) => {
    const child = spawn('git', args, {cwd: dir, stdio: ['ignore', 'pipe', 'ignore']});
    let out = 0;
    child.stdout.on('data', (chunk) => (out += chunk.length));
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`git ${args[0]} exited ${code}`))));
  });

const repoOf = (dir) => ({root: dir, gitDir: path.join(dir, '.git'), bare: false, clonedFrom: null});

/** One git log, paged: the first page's time, and the whole history's. */
const streamed = async (dir) => {
  const started = performance.now();
  const log = openCommitLog(repoOf(dir));
  let page = await log.read(PAGE);
  const first = performance.now() - started;
  let read = page.commits.length;
  while (!page.done) {
    page = await log.read(PAGE);
    read += page.commits.length;
  }
  log.close();
  return {first, all: performance.now() - started, read, processes: 1};
};

/** A process per page: --skip walks every commit before the page again. */
const skipped = async (dir, count) => {
  const started = performance.now();
  let first = 0;
  let processes = 0;
  for (let skip = 0; skip < count; skip += PAGE) {
    await git(dir, ['log', ...FORMAT, `--skip=${skip}`, `-n${PAGE + 1}`, 'HEAD', '--']);
    processes++;
    if (skip === 0) first = performance.now() - started;
  }
  return {first, all: performance.now() - started, processes};
};

console.log(`| commits | way | git processes | first page (ms) | whole history (ms) |`);
console.log(`|---|---|---|---|---|`);
for (const count of sizes) {
  const dir = history(count);
  try {
    const a = [];
    const b = [];
    for (let r = 0; r < rounds; r++) {
      a.push(await streamed(dir));
      b.push(await skipped(dir, count));
    }
    if (a.some((run) => run.read !== count)) throw new Error('streamed the wrong number of commits');
    const row = (way, runs) =>
      console.log(`| ${count.toLocaleString('en')} | ${way} | ${runs[0].processes} | ${median(runs.map((x) => x.first)).toFixed(1)} | ${median(runs.map((x) => x.all)).toFixed(0)} |`);
    row('one git log, paused between pages (gto-tui)', a);
    row('git log --skip=N -n101 per page', b);
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}
