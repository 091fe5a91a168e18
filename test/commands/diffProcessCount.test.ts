/**
 * `diff` starts the same git processes whether 3 or 600 commits lie between the two versions:
 * the read's (discovery, for-each-ref, cat-file), one `log`, one `diff --numstat`, and one
 * `rev-parse` per side named as a git ref; never one per commit.
 */
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {chmodSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {main} from '../../source/cli/main.js';
import {T0, applyTestEnv, git, importHistory, makeRepo, removeTempDirs, tempDir, type ImportCommit} from '../helpers/repo.js';

before(applyTestEnv);
after(removeTempDirs);

/** `between` commits from m@v1.0.0 (in prod) to m@v2.0.0, each changing a file under models/. */
const history = (between: number): string => {
  const dir = makeRepo();
  const commits: ImportCommit[] = Array.from({length: between + 1}, (_, i) => ({
    message: `commit ${i}\n`,
    files: i === 0 ? {'.gto': 'stages: [dev, prod]\n', 'artifacts.yaml': 'm:\n  path: models\n'} : {[`models/f${i % 50}.txt`]: `${i}\n`},
    time: T0 + i,
  }));
  const last = commits.length - 1;
  importHistory(dir, {
    commits,
    tags: [
      {name: 'm@v1.0.0', commit: 0, message: 'v1', time: T0 + 10_000},
      {name: 'm#prod#1', commit: 0, message: 'prod', time: T0 + 10_001},
      {name: 'm@v2.0.0', commit: last, message: 'v2', time: T0 + 10_002},
    ],
  });
  git(dir, ['branch', 'candidate', 'main']);
  return dir;
};

/** Run `diff` with a logging git first in PATH: the subcommands it started, sorted, and the JSON. */
const diffJson = async (repo: string, argv: string[]): Promise<{processes: string[]; commits: number; files: number}> => {
  const realGit = execFileSync('which', ['git'], {encoding: 'utf8'}).trim();
  const bin = tempDir('gto-tui-bin-');
  const log = path.join(bin, 'log');
  writeFileSync(log, '');
  writeFileSync(path.join(bin, 'git'), `#!/bin/sh\nprintf '%s\\n' "$1" >> '${log}'\nexec '${realGit}' "$@"\n`);
  chmodSync(path.join(bin, 'git'), 0o755);
  const env = {...process.env, PATH: `${bin}${path.delimiter}${process.env['PATH'] ?? ''}`};
  const savedPath = process.env['PATH'];
  process.env['PATH'] = env.PATH; // git is spawned with process.env
  const out: string[] = [];
  let code: number;
  try {
    code = await main(['diff', ...argv, '--json'], {out: (t) => out.push(t), err: () => {}, env, cwd: repo, interactive: false});
  } finally {
    process.env['PATH'] = savedPath;
  }
  assert.equal(code, 0);
  const parsed = JSON.parse(out.join('\n')) as {commits: unknown[]; files: unknown[]};
  // log and diff run concurrently, so the log's order is not fixed: compare as a sorted list
  return {processes: readFileSync(log, 'utf8').split('\n').filter(Boolean).sort(), commits: parsed.commits.length, files: parsed.files.length};
};

test('diff runs the same git processes for 600 commits between two versions as for 3', async () => {
  const small = history(3);
  const large = history(600);
  const few = await diffJson(small, ['m']);
  const many = await diffJson(large, ['m']);
  assert.deepEqual([few.commits, few.files], [3, 3]);
  assert.deepEqual([many.commits, many.files], [600, 50]);
  assert.deepEqual(many.processes, ['cat-file', 'diff', 'for-each-ref', 'log', 'rev-parse']);
  assert.deepEqual(few.processes, many.processes);
  // a side named as a git ref costs one rev-parse, still not one per commit
  const fewRef = await diffJson(small, ['m', '#prod', 'candidate']);
  const manyRef = await diffJson(large, ['m', '#prod', 'candidate']);
  assert.equal(manyRef.commits, 600);
  assert.deepEqual(manyRef.processes, ['diff', 'for-each-ref', 'log', 'rev-parse', 'rev-parse']);
  assert.deepEqual(fewRef.processes, manyRef.processes);
});
