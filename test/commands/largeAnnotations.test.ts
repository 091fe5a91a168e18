/**
 * An annotations file larger than gto-tui reads (MAX_ANNOTATIONS_BYTES, 16 MiB) is left out:
 * never fetched from git, never parsed. The read goes on without its annotations, says so in
 * one line on stderr (in `doctor`'s report instead), and exits as it would have.
 */
import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {main} from '../../source/cli/main.js';
import {readCommits} from '../../source/git/objects.js';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {MAX_ANNOTATIONS_BYTES} from '../../source/registry/annotations.js';
import {parseGtoYaml} from '../../source/registry/yaml.js';
import {ROOT, runCli} from '../reliability/cli.js';
import {applyTestEnv, commit, git, makeRepo, openRepo, removeTempDirs, T0, tag} from '../helpers/repo.js';

type Run = {code: number; stdout: string; stderr: string};

const WORKER_TRACE = /^1 YAML file parsed on a worker thread \(\d+ ms\)$/m;

const cli = async (cwd: string, argv: string[]): Promise<Run> => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {out: (t) => out.push(t + '\n'), err: (t) => err.push(t + '\n'), env: {...process.env}, cwd, interactive: false});
  return {code, stdout: out.join(''), stderr: err.join('')};
};

before(applyTestEnv);
after(removeTempDirs);

/** `m` with a description of `bytes` bytes, and `n` listed after it (so HEAD's file names two artifacts). */
const annotations = (bytes: number): string => {
  const head = 'm:\n  type: model\n  description: "';
  const tail = '"\nn:\n  type: dataset\n';
  return head + 'x'.repeat(bytes - head.length - tail.length) + tail;
};

describe('an annotations file over the size limit', () => {
  let repo: string;
  let big: string;
  before(() => {
    repo = makeRepo();
    commit(repo, 'small', {'artifacts.yaml': 'm:\n  type: model\n'}, {time: T0});
    tag(repo, 'm@v1.0.0', {time: T0 + 60});
    // 50 MB: GTO takes half a minute and 1.8 GB on this
    big = commit(repo, 'huge', {'artifacts.yaml': annotations(50 * 1000 * 1000)}, {time: T0 + 120});
    tag(repo, 'm@v2.0.0', {time: T0 + 180});
  });

  const warning = () =>
    `WARNING: artifacts.yaml in commit ${big} is 50000000 bytes, more than gto-tui reads (16 MiB): its annotations are left out\n`;

  test('show reads on without its annotations, with one line on stderr and exit 0', async () => {
    const r = await cli(repo, ['show', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, warning());
    const state = JSON.parse(r.stdout) as Record<string, unknown>;
    // `n` is only known from HEAD's (unread) file; `m` is registered
    assert.deepEqual(Object.keys(state), ['m']);
  });

  test('a second and a third read warn the same (no snapshot hides it)', async () => {
    for (let i = 0; i < 2; i++) {
      const r = await cli(repo, ['show']);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, warning());
    }
  });

  test('the annotation of the version whose file was read is still there', async () => {
    const r = await cli(repo, ['print-state']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /"type": "model"/);
    assert.equal(r.stderr, warning());
  });

  test('doctor lists it in its report', async () => {
    const r = await cli(repo, ['doctor']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.ok(r.stdout.includes(warning()), r.stdout);
  });

  test('the git layer does not fetch a file one byte over the limit, and fetches one at the limit', async () => {
    const at = commit(repo, 'at the limit', {'artifacts.yaml': annotations(MAX_ANNOTATIONS_BYTES)}, {time: T0 + 240});
    const over = commit(repo, 'over the limit', {'artifacts.yaml': annotations(MAX_ANNOTATIONS_BYTES + 1)}, {time: T0 + 300});
    const commits = await readCommits(await openRepo(repo), [at, over], 'artifacts.yaml');
    const atIndex = commits.get(at)!.index;
    assert.equal(atIndex.kind, 'present');
    assert.equal(atIndex.kind === 'present' && atIndex.text.length, MAX_ANNOTATIONS_BYTES);
    const blob = git(repo, ['rev-parse', `${over}:artifacts.yaml`]).trim();
    assert.deepEqual(commits.get(over)!.index, {kind: 'too-large', blob, bytes: MAX_ANNOTATIONS_BYTES + 1});
  });
});

describe('a large annotations file, parsed on a worker thread (the built program: a worker cannot load TypeScript)', () => {
  /** 300 KB, outside the YAML fast path (quoted strings): parsed off the main thread. */
  const large = (extra: string): string => {
    const lines: string[] = [];
    for (let i = 0; lines.join('').length < 300 * 1024; i++) lines.push(`"a${i}":\n  type: model\n  path: "models/a${i}.pkl"\n`);
    return lines.join('') + extra;
  };

  test('gives the same values as parsing on this thread (maps, dates, numbers, merges)', async () => {
    const {parseYamlOffThread} = (await import(pathToFileURL(path.join(ROOT, 'dist', 'yamlThread.js')).href)) as typeof import('../../source/yamlThread.js');
    const text = large('m:\n  custom:\n    when: 2024-01-01\n    1: one\n    .nan: x\n    neg: -0.0\n    base: &b {k: v}\n    merged: {<<: *b, j: w}\n');
    const parsed = await parseYamlOffThread([text]);
    assert.ok(parsed !== null, 'the worker ran');
    assert.deepEqual(parsed.get(text), parseGtoYaml(text));
  });

  test('its annotations reach the state', async () => {
    const repo = makeRepo();
    commit(repo, 'big', {'artifacts.yaml': large('m:\n  type: dataset\n  description: from a large file\n')}, {time: T0});
    tag(repo, 'm@v1.0.0', {time: T0 + 60});
    const r = await runCli(repo, ['print-state', '-v']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, WORKER_TRACE);
    assert.match(r.stdout, /"description": "from a large file"/);
  });

  test('a duplicate key at its end makes it corrupt, as GTO says', async () => {
    const repo = makeRepo();
    commit(repo, 'big', {'artifacts.yaml': large('"a0": {}\n')}, {time: T0});
    tag(repo, 'a0@v1.0.0', {time: T0 + 60});
    const r = await runCli(repo, ['show', '-v']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, WORKER_TRACE);
    assert.equal(r.stderr.split('\n').filter((line) => line.startsWith('❌')).join('\n'), "❌ artifacts.yaml file doesn't conform to GTO format");
  });
});

describe('a dvc.yaml over the size limit', () => {
  /** `big` declared first, then a description filling the file to `bytes`. */
  const dvcYaml = (bytes: number): string => {
    const head = 'artifacts:\n  big:\n    path: big.pkl\n    description: "';
    const tail = '"\n';
    return head + 'x'.repeat(bytes - head.length - tail.length) + tail;
  };

  test('is never fetched: show --dvc goes on with the other dvc.yaml files, with one line on stderr', async () => {
    const repo = makeRepo();
    commit(repo, 'models', {'big/dvc.yaml': dvcYaml(MAX_ANNOTATIONS_BYTES + 1), 'small/dvc.yaml': 'artifacts:\n  s:\n    path: s.pkl\n'}, {time: T0});
    tag(repo, 'small=s@v1.0.0', {time: T0 + 60});
    const r = await cli(repo, ['show', '--json', '--dvc']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, `WARNING: big/dvc.yaml: ${MAX_ANNOTATIONS_BYTES + 1} bytes, more than gto-tui reads (16 MiB): its artifacts are left out\n`);
    assert.deepEqual(Object.keys(JSON.parse(r.stdout) as object), ['small:s']);
    // the same on the next read, from the object cache's walk
    assert.equal((await cli(repo, ['show', '--json', '--dvc'])).stderr, r.stderr);
  });

  test('a large one under the limit is parsed on the worker thread, with the same artifacts', async () => {
    const repo = makeRepo();
    commit(repo, 'models', {'big/dvc.yaml': dvcYaml(1024 * 1024)}, {time: T0});
    tag(repo, 'big=big@v1.0.0', {time: T0 + 60});
    const r = await runCli(repo, ['show', 'big:big', '--json', '--dvc', '-v']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, WORKER_TRACE);
    assert.match(r.stdout, /"path": "big\/big\.pkl"/);
  });
});
