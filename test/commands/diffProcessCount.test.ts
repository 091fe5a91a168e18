/**
 * `diff` starts the same git processes whether 3 or 600 commits lie between the two versions:
 * the read's (discovery, for-each-ref, cat-file), one `log`, one `diff --numstat`, and one
 * `rev-parse` per side named as a git ref; never one per commit.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {main} from '../../source/cli/main.js';
import {T0, applyTestEnv, git, importHistory, makeRepo, removeTempDirs, type ImportCommit} from '../helpers/repo.js';
import {withLoggedGit} from '../helpers/gitProcesses.js';

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
  const out: string[] = [];
  const {processes, result: code} = await withLoggedGit(() =>
    main(['diff', ...argv, '--json'], {out: (t) => out.push(t), err: () => {}, env: process.env, cwd: repo, interactive: false}),
  );
  assert.equal(code, 0);
  const parsed = JSON.parse(out.join('\n')) as {commits: unknown[]; files: unknown[]};
  return {processes, commits: parsed.commits.length, files: parsed.files.length};
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
