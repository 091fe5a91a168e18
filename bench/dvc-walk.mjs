#!/usr/bin/env node
/**
 * Finding the dvc.yaml files of a commit: the walk of its trees through the read's cat-file
 * (source/git/dvcFiles.ts) against one `git ls-tree -r` over the same tree, on synthetic
 * monorepos of 200, 2,000 and 20,000 directories. Prints the medians; writes nothing.
 *
 *   npm run build && node bench/dvc-walk.mjs [--rounds N]
 */
import {execFileSync, spawn} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {findDvcFiles} from '../dist/git/dvcFiles.js';
import {ObjectReader} from '../dist/git/objects.js';

const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 9;

/** `dirs` directories (grouped two levels deep), `files` files in each, a dvc.yaml in every `every`-th. */
const monorepo = (dirs, files, every) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gto-tui-dvc-walk-'));
  execFileSync('git', ['init', '-q', dir]);
  const parts = ['commit refs/heads/main\ncommitter A <a@example.com> 1700000000 +0000\ndata 2\nm\n'];
  for (let d = 0; d < dirs; d++) {
    const at = `group${d % 10}/sub${Math.floor(d / 10) % 20}/project${d}`;
    for (let f = 0; f < files; f++) parts.push(`M 100644 inline ${at}/file${f}.txt\ndata 2\n${f % 10}\n\n`);
    const body = `artifacts:\n  model${d}:\n    path: model.pkl\n`;
    if (d % every === 0) parts.push(`M 100644 inline ${at}/dvc.yaml\ndata ${body.length}\n${body}\n`);
  }
  execFileSync('git', ['-C', dir, 'fast-import', '--quiet'], {input: parts.join('')});
  return dir;
};

const lsTree = (dir, commit) =>
  new Promise((resolve, reject) => {
    const child = spawn('git', ['-C', dir, 'ls-tree', '-r', '-z', commit], {stdio: ['ignore', 'pipe', 'inherit']});
    const chunks = [];
    child.stdout.on('data', (chunk) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', () => {
      const found = Buffer.concat(chunks).toString('utf8').split('\0').filter((line) => /(^|\/)dvc\.yaml$/.test(line.slice(line.indexOf('\t') + 1)));
      resolve(found.length);
    });
  });

const median = async (work) => {
  const ms = [];
  let found = 0;
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    found = await work();
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  return {ms: ms[Math.floor(rounds / 2)], found};
};

console.log('| directories | files | dvc.yaml | walk, cat-file running | walk + starting cat-file | ls-tree -r (one more process) |');
console.log('|---|---|---|---|---|---|');
for (const [dirs, files, every] of [[200, 5, 10], [2000, 10, 40], [20000, 5, 200]]) {
  const dir = monorepo(dirs, files, every);
  try {
    const repo = {root: dir, gitDir: path.join(dir, '.git'), bare: false, clonedFrom: null};
    const commit = execFileSync('git', ['-C', dir, 'rev-parse', 'refs/heads/main'], {encoding: 'utf8'}).trim();
    const running = new ObjectReader(repo);
    await running.ask([{verb: 'info', object: commit}]);
    const shared = await median(async () => (await findDvcFiles(running, commit)).length);
    await running.close();
    const own = await median(async () => {
      const reader = new ObjectReader(repo);
      const found = (await findDvcFiles(reader, commit)).length;
      await reader.close();
      return found;
    });
    const listed = await median(() => lsTree(dir, commit));
    if (shared.found !== listed.found || own.found !== listed.found) throw new Error(`found ${shared.found} / ${own.found} / ${listed.found}`);
    const row = [dirs, dirs * files, listed.found, shared.ms, own.ms, listed.ms].map((v, i) => (i < 3 ? v.toLocaleString('en-US') : `${v.toFixed(1)} ms`));
    console.log(`| ${row.join(' | ')} |`);
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}
