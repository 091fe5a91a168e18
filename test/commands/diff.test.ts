/**
 * `gto-tui diff NAME [FROM] [TO]` through the real dispatcher on real repositories: defaults,
 * versions, stages and git refs on either side, forward, rollback and another branch, with
 * and without an annotation path, a renamed file, the JSON shape, errors, and escaping.
 */
import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {main} from '../../source/cli/main.js';
import {T0, applyTestEnv, commit, git, makeRepo, removeTempDirs, tag} from '../helpers/repo.js';

type Run = {code: number; stdout: string; stderr: string};

const cli = async (cwd: string, argv: string[]): Promise<Run> => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {out: (t) => out.push(t + '\n'), err: (t) => err.push(t + '\n'), env: process.env, cwd, interactive: false});
  return {code, stdout: out.join(''), stderr: err.join('')};
};

before(applyTestEnv);
after(removeTempDirs);

const ANNOTATIONS = 'm:\n  type: model\n  path: models/m\nn:\n  type: model\n';
const lines = (...items: string[]): string => items.map((item) => `${item}\n`).join('');

/**
 * main: c0 ─ c1 ─ c2 ─ c3, branch `side` from c1. m (path models/m): v1.0.0 c0 (prod),
 * v1.1.0 c2 (dev), v1.2.0 c3. n (no path): v0.1.0 c0, v0.2.0 c3, no stage.
 */
const fixture = () => {
  const dir = makeRepo();
  const c0 = commit(dir, 'first model', {'.gto': 'stages: [dev, prod]\n', 'artifacts.yaml': ANNOTATIONS, 'models/m/weights.txt': lines('a', 'b', 'c', 'd'), 'README.md': 'hi\n'}, {time: T0});
  const c1 = commit(dir, 'retrain', {'models/m/weights.txt': lines('a', 'B', 'c', 'd')}, {time: T0 + 60});
  const c2 = commit(dir, 'rename the weights', {'models/m/weights.txt': null, 'models/m/model.txt': lines('a', 'B', 'c', 'd', 'e')}, {time: T0 + 120});
  const c3 = commit(dir, 'docs only', {'README.md': 'hello\n'}, {time: T0 + 180});
  git(dir, ['checkout', '--quiet', '-b', 'side', c1]);
  const s1 = commit(dir, 'experiment', {'models/m/weights.txt': lines('a', 'B', 'C', 'd')}, {time: T0 + 240});
  git(dir, ['checkout', '--quiet', 'main']);
  tag(dir, 'm@v1.0.0', {target: c0, time: T0 + 300});
  tag(dir, 'm#prod#1', {target: c0, time: T0 + 310});
  tag(dir, 'm@v1.1.0', {target: c2, time: T0 + 320});
  tag(dir, 'm#dev#2', {target: c2, time: T0 + 330});
  tag(dir, 'm@v1.2.0', {target: c3, time: T0 + 340});
  tag(dir, 'n@v0.1.0', {target: c0, time: T0 + 350});
  tag(dir, 'n@v0.2.0', {target: c3, time: T0 + 360});
  return {dir, c0, c1, c2, c3, s1};
};

type Fixture = ReturnType<typeof fixture>;
type DiffJson = {
  artifact: string;
  path: string | null;
  from: {version: string | null; stage: string | null; ref: string | null; commit: string};
  to: {version: string | null; stage: string | null; ref: string | null; commit: string};
  direction: string;
  commits: {sha: string; author: string; date: string; subject: string; side: string}[];
  files: {path: string; added: number | null; removed: number | null; renamed_from: string | null}[];
};

const json = async (cwd: string, argv: string[]): Promise<DiffJson> => {
  const r = await cli(cwd, ['diff', ...argv, '--json']);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as DiffJson;
};

describe('diff', () => {
  let f: Fixture;
  before(() => {
    f = fixture();
  });

  test('--json by default: FROM what the last .gto stage holding a version holds, TO the latest version', async () => {
    const r = await cli(f.dir, ['diff', 'm', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), {
      artifact: 'm',
      path: 'models/m',
      from: {version: 'v1.0.0', stage: 'prod', ref: null, commit: f.c0},
      to: {version: 'v1.2.0', stage: null, ref: null, commit: f.c3},
      direction: 'forward',
      commits: [
        {sha: f.c3, author: 'Alice Author', date: '2024-01-01T00:03:00+00:00', subject: 'docs only', side: 'to'},
        {sha: f.c2, author: 'Alice Author', date: '2024-01-01T00:02:00+00:00', subject: 'rename the weights', side: 'to'},
        {sha: f.c1, author: 'Alice Author', date: '2024-01-01T00:01:00+00:00', subject: 'retrain', side: 'to'},
      ],
      files: [{path: 'models/m/model.txt', added: 2, removed: 1, renamed_from: 'models/m/weights.txt'}],
    });
    // GTO's JSON layout: four-space indent
    assert.match(r.stdout, /^\{\n {4}"artifact": "m",\n/);
  });

  test('text: the summary, the commits and the files, a rename as old → new', async () => {
    const r = await cli(f.dir, ['diff', 'm']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      [
        'm · prod: v1.0.0 → v1.2.0 · 3 commits · 1 file under models/m',
        '',
        'Commits (3), newest first:',
        `  + ${f.c3.slice(0, 7)}  2024-01-01 00:03:00+00:00  Alice Author  docs only`,
        `  + ${f.c2.slice(0, 7)}  2024-01-01 00:02:00+00:00  Alice Author  rename the weights`,
        `  + ${f.c1.slice(0, 7)}  2024-01-01 00:01:00+00:00  Alice Author  retrain`,
        '',
        'Files changed under models/m (1):',
        '  +2 -1  models/m/weights.txt → models/m/model.txt',
        '',
      ].join('\n'),
    );
  });

  test('a stage on the TO side: a rollback, with the commits it takes away', async () => {
    const found = await json(f.dir, ['m', 'v1.2.0', '#prod']);
    assert.equal(found.direction, 'rollback');
    assert.deepEqual(found.to, {version: 'v1.0.0', stage: 'prod', ref: null, commit: f.c0});
    assert.deepEqual(
      found.commits.map((c) => [c.sha, c.side]),
      [f.c3, f.c2, f.c1].map((sha) => [sha, 'from']),
    );
    const text = await cli(f.dir, ['diff', 'm', 'v1.2.0', '#prod']);
    assert.match(text.stdout, /^m · v1\.2\.0 → prod v1\.0\.0 · rollback: 3 commits back · 1 file under models\/m$/m);
  });

  test('a branch on the TO side: on another branch, the commits of each side', async () => {
    const found = await json(f.dir, ['m', '#dev', 'side']);
    assert.equal(found.direction, 'diverged');
    assert.deepEqual(found.from, {version: 'v1.1.0', stage: 'dev', ref: null, commit: f.c2});
    assert.deepEqual(found.to, {version: null, stage: null, ref: 'side', commit: f.s1});
    assert.deepEqual(
      found.commits.map((c) => [c.sha, c.side]),
      [
        [f.s1, 'to'],
        [f.c2, 'from'],
      ],
    );
    const text = await cli(f.dir, ['diff', 'm', '#dev', 'side']);
    assert.match(text.stdout, /^m · dev: v1\.1\.0 → side · on another branch: 1 commit ahead, 1 behind · 1 file under models\/m$/m);
    assert.match(text.stdout, new RegExp(`common ancestor ${f.c1.slice(0, 7)}`));
  });

  test('a git ref at a version commit is named with that version', async () => {
    const found = await json(f.dir, ['m', 'm@v1.1.0', 'HEAD']);
    assert.deepEqual(found.from, {version: 'v1.1.0', stage: null, ref: 'm@v1.1.0', commit: f.c2});
    assert.deepEqual(found.to, {version: 'v1.2.0', stage: null, ref: 'HEAD', commit: f.c3});
    assert.deepEqual(found.files, []);
  });

  test('without an annotation path every file counts; with no stage holding a version FROM is the previous version', async () => {
    const found = await json(f.dir, ['n']);
    assert.equal(found.path, null);
    assert.deepEqual([found.from.version, found.to.version], ['v0.1.0', 'v0.2.0']);
    assert.deepEqual(
      found.files.map((file) => file.path),
      ['README.md', 'models/m/model.txt'],
    );
    const text = await cli(f.dir, ['diff', 'n']);
    assert.match(text.stdout, /^n · v0\.1\.0 → v0\.2\.0 · 3 commits · 2 files$/m);
  });

  test('without stages in .gto the stages in use give the order', async () => {
    const dir = makeRepo();
    const c0 = commit(dir, 'one', {'a.txt': '1\n'});
    const c1 = commit(dir, 'two', {'a.txt': '2\n'}, {time: T0 + 60});
    const c2 = commit(dir, 'three', {'a.txt': '3\n'}, {time: T0 + 120});
    tag(dir, 'm@v1.0.0', {target: c0, time: T0 + 200});
    tag(dir, 'm@v2.0.0', {target: c1, time: T0 + 210});
    tag(dir, 'm@v3.0.0', {target: c2, time: T0 + 220});
    tag(dir, 'm#staging#1', {target: c0, time: T0 + 230});
    tag(dir, 'm#beta#2', {target: c1, time: T0 + 240});
    // in use, sorted: beta, staging: the last is staging
    const found = await json(dir, ['m']);
    assert.deepEqual(found.from, {version: 'v1.0.0', stage: 'staging', ref: null, commit: c0});
  });

  test('unknown artifact, version, ref or an empty stage: one line on stderr, exit 1, nothing on stdout', async () => {
    for (const [argv, message] of [
      [['nope'], "❌ Cannot find artifact 'nope'\n"],
      [['m', 'v9.9.9'], "❌ 'v9.9.9' is not a version of 'm', a stage (#name) or a git revision\n"],
      [['m', 'v1.0.0', 'no-such-branch'], "❌ 'no-such-branch' is not a version of 'm', a stage (#name) or a git revision\n"],
      [['m', '#qa'], "❌ Stage 'qa' holds no version of 'm'\n"],
    ] as const) {
      const r = await cli(f.dir, ['diff', ...argv]);
      assert.deepEqual(r, {code: 1, stdout: '', stderr: message}, argv.join(' '));
    }
  });

  test('commit subjects, authors and paths are escaped in text; JSON keeps them as data', async () => {
    const dir = makeRepo();
    const c0 = commit(dir, 'one', {'a.txt': '1\n'});
    const evil = 'pwn \u001b]0;owned\u0007 \u001b[2J \u202e';
    git(dir, ['commit', '--quiet', '--allow-empty', '-m', `sneaky ${evil}`], {env: {GIT_AUTHOR_NAME: `Mallory \u202e`}});
    commit(dir, 'two', {[`b \u001b[31mred.txt`]: '2\n'}, {time: T0 + 60});
    tag(dir, 'm@v1.0.0', {target: c0});
    tag(dir, 'm@v1.1.0', {target: 'HEAD', time: T0 + 100});
    const r = await cli(dir, ['diff', 'm']);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /[\u001b\u0007\u202e]/);
    assert.match(r.stdout, /sneaky pwn \\u001b\]0;owned\\u0007 \\u001b\[2J \\u202e/);
    assert.match(r.stdout, /Mallory \\u202e/);
    assert.match(r.stdout, /b \\u001b\[31mred\.txt/);
    const parsed = JSON.parse((await cli(dir, ['diff', 'm', '--json'])).stdout) as DiffJson;
    assert.equal(parsed.commits[1]!.subject, `sneaky ${evil}`);
  });

  test('--help lists diff apart from GTO\'s commands; diff -h and -v work like other commands', async () => {
    const help = await cli(f.dir, ['--help']);
    const modify = help.stdout.indexOf('Modify artifacts:');
    const own = help.stdout.indexOf("gto-tui's own commands (not in GTO):");
    assert.ok(modify !== -1 && own > modify, help.stdout);
    assert.match(help.stdout.slice(own), /\n {2}diff +Show the commits and changed files between two versions of an artifact\./);
    assert.doesNotMatch(help.stdout.slice(0, own), /\bdiff\b/);
    const commandHelp = await cli(f.dir, ['diff', '-h']);
    assert.match(commandHelp.stdout, /^Usage: gto-tui diff \[OPTIONS\] NAME \[FROM\] \[TO\]/);
    const verbose = await cli(f.dir, ['diff', 'm', '-v']);
    assert.equal(verbose.code, 0);
    assert.match(verbose.stderr, /^git log .*\.\.\./m);
    assert.match(verbose.stderr, /^git diff --numstat .* -- models\/m \(\d+ ms\)$/m);
    const elsewhere = await cli('/', ['diff', 'm', '-r', f.dir, '--json']);
    assert.equal(elsewhere.code, 0, elsewhere.stderr);
  });
});
