/**
 * `--dvc` on the read commands: `show`, `check-ref --json` and `doctor` with the artifacts of
 * the dvc.yaml files at HEAD, on a repository shaped like DVC's example monorepos. Without
 * the flag every command prints what it prints without dvc.yaml files (the conformance suite
 * checks that on every case, test/conformance/conformance.test.ts).
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {main} from '../../source/cli/main.js';
import {DVC_MONOREPO} from '../helpers/dvcMonorepo.js';
import {applyTestEnv, commit, importHistory, makeRepo, removeTempDirs, T0, tag, type ImportCommit} from '../helpers/repo.js';
import {withLoggedGit} from '../helpers/gitProcesses.js';

type Run = {code: number; stdout: string; stderr: string};

const cli = async (cwd: string, argv: string[], env: Record<string, string | undefined> = process.env): Promise<Run> => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {out: (t) => out.push(t + '\n'), err: (t) => err.push(t + '\n'), env, cwd, interactive: false});
  return {code, stdout: out.join(''), stderr: err.join('')};
};

before(applyTestEnv);
after(removeTempDirs);

/** artifacts.yaml describes `churn` (registered, in prod); the monorepo's dvc.yaml files arrive later. */
const monorepo = (): {dir: string; head: string} => {
  const dir = makeRepo();
  commit(dir, 'churn model\n', {'artifacts.yaml': 'churn:\n  type: legacy\n  path: old/churn.pkl\n  description: from artifacts.yaml\n'}, {time: T0});
  tag(dir, 'churn@v1.0.0', {time: T0 + 60});
  tag(dir, 'churn#prod#1', {time: T0 + 120});
  const head = commit(dir, 'monorepo\n', DVC_MONOREPO, {time: T0 + 180});
  tag(dir, 'cv=pool-segmentation@v0.1.0', {time: T0 + 240});
  return {dir, head};
};

type Enrichment = {source: string; artifact: {type: string | null; path: string | null; labels: string[]; description: string; custom: unknown}};
type VersionJson = {version: string; commit_hexsha: string; enrichments: {enrichments: Enrichment[]}[]};

describe('--dvc', () => {
  let dir: string;
  let head: string;
  before(() => ({dir, head} = monorepo()));

  test('show lists dvc.yaml artifacts as it lists artifacts.yaml ones: unregistered ones with a *', async () => {
    const off = await cli(dir, ['show', '--plain']);
    assert.deepEqual(off.stdout.split('\n').slice(1, -1), ['churn                 v1.0.0    v1.0.0', 'cv:pool-segmentation  v0.1.0    -']);
    const on = await cli(dir, ['show', '--plain', '--dvc']);
    assert.equal(on.code, 0);
    assert.equal(on.stderr, '');
    assert.deepEqual(on.stdout.split('\n').slice(1, -1), [
      'churn                     v1.0.0    v1.0.0',
      'cv:pool-segmentation      v0.1.0    -',
      '*nlp/sentiment:sentiment  -         -',
      '*nlp/sentiment:vocab      -         -',
    ]);
    const json = JSON.parse((await cli(dir, ['show', '--json', '--dvc'])).stdout) as Record<string, {registered: boolean}>;
    assert.deepEqual(
      Object.entries(json).map(([name, row]) => [name, row.registered]),
      [
        ['churn', true],
        ['cv:pool-segmentation', true],
        ['nlp/sentiment:sentiment', false],
        ['nlp/sentiment:vocab', false],
      ],
    );
    const table = await cli(dir, ['show', '--dvc']);
    assert.match(table.stdout, /│ \*nlp\/sentiment:vocab +│ - +│ - +│/);
  });

  test('show NAME --json carries the dvc.yaml fields in the HEAD version’s enrichment (source dvc)', async () => {
    const versions = JSON.parse((await cli(dir, ['show', 'nlp/sentiment:sentiment', '--json', '--dvc'])).stdout) as VersionJson[];
    assert.equal(versions.length, 1);
    assert.equal(versions[0]!.version, head);
    assert.deepEqual(versions[0]!.enrichments[0]!.enrichments, [
      {
        source: 'dvc',
        artifact: {type: 'model', path: 'models/sentiment', virtual: true, labels: ['nlp', 'reviews'], description: 'Review sentiment, fine-tuned DistilBERT', custom: null},
      },
    ]);
    const cv = JSON.parse((await cli(dir, ['show', 'cv:pool-segmentation', '--json', '--dvc'])).stdout) as VersionJson[];
    // the registered version sits on HEAD: no extra row, and its enrichment is dvc.yaml's
    assert.deepEqual(cv.map((v) => v.version), ['v0.1.0']);
    assert.deepEqual(cv[0]!.enrichments[0]!.enrichments[0]!.artifact.custom, {framework: 'fastai', epochs: 8});
    assert.equal((await cli(dir, ['show', 'nlp/sentiment:sentiment'])).stderr, "❌ Cannot find artifact 'nlp/sentiment:sentiment'\n");
  });

  test('both files describe churn: dvc.yaml’s annotation is shown at HEAD, artifacts.yaml’s stays on the older version', async () => {
    const versions = JSON.parse((await cli(dir, ['show', 'churn', '--json', '--dvc'])).stdout) as VersionJson[];
    const byVersion = new Map(versions.map((v) => [v.version, v.enrichments[0]!.enrichments[0]!]));
    assert.deepEqual([byVersion.get(head)!.source, byVersion.get(head)!.artifact.path], ['dvc', 'models/churn.pkl']);
    assert.deepEqual([byVersion.get('v1.0.0')!.source, byVersion.get('v1.0.0')!.artifact.path], ['gto', 'old/churn.pkl']);
    const off = JSON.parse((await cli(dir, ['show', 'churn', '--json'])).stdout) as VersionJson[];
    assert.deepEqual(off.find((v) => v.version === head)!.enrichments[0]!.enrichments[0]!.artifact.description, 'from artifacts.yaml');
  });

  test('check-ref --json --dvc adds type, path and description; without --dvc it is GTO’s event', async () => {
    const off = JSON.parse((await cli(dir, ['check-ref', 'cv=pool-segmentation@v0.1.0', '--json'])).stdout) as Record<string, unknown>;
    const on = JSON.parse((await cli(dir, ['check-ref', 'refs/tags/cv=pool-segmentation@v0.1.0', '--json', '--dvc'])).stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(on), [...Object.keys(off), 'type', 'path', 'description']);
    assert.deepEqual([on['type'], on['path'], on['description']], [
      'model',
      'cv/models/model.pkl',
      "This is a Computer Vision (CV) model that's segmenting out swimming pools from satellite images.",
    ]);
    const churn = JSON.parse((await cli(dir, ['check-ref', 'churn#prod#1', '--json', '--dvc'])).stdout) as Record<string, unknown>;
    assert.deepEqual([churn['type'], churn['path']], ['model', 'models/churn.pkl']);
    // the other output flags are GTO's
    assert.equal((await cli(dir, ['check-ref', 'churn#prod#1', '--name', '--dvc'])).stdout, 'churn\n');
  });

  test('check-ref --json --dvc gives nulls for an artifact no dvc.yaml describes', async () => {
    tag(dir, 'other@v1.0.0', {time: T0 + 300});
    const json = JSON.parse((await cli(dir, ['check-ref', 'other@v1.0.0', '--json', '--dvc'])).stdout) as Record<string, unknown>;
    assert.deepEqual([json['type'], json['path'], json['description']], [null, null, null]);
  });

  test('doctor --dvc says what it read', async () => {
    const r = await cli(dir, ['doctor', '--dvc']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /\ndvc\.yaml: 4 artifacts in 3 files at HEAD\n✅  No issues found\n$/);
    assert.doesNotMatch((await cli(dir, ['doctor'])).stdout, /dvc\.yaml/);
  });

  test('--dvc is listed apart from GTO’s options in help', async () => {
    for (const command of ['show', 'check-ref', 'doctor']) {
      const help = (await cli(dir, [command, '-h'])).stdout;
      const [gtoPart, extensions] = help.split('gto-tui extensions (not in GTO):\n');
      assert.ok(extensions !== undefined, help);
      assert.doesNotMatch(gtoPart!, /--dvc/);
      assert.match(extensions, /^ {2}--dvc {2}/);
    }
    assert.doesNotMatch((await cli(dir, ['history', '-h'])).stdout, /--dvc/);
  });
});

describe('a malformed dvc.yaml', () => {
  let dir: string;
  before(() => {
    ({dir} = monorepo());
    commit(dir, 'broken\n', {'nlp/sentiment/dvc.yaml': 'artifacts:\n  sentiment: {path: [unclosed\n', 'cv/dvc.yaml': 'artifacts:\n  pool-segmentation: {type: model}\n  \u202eevil: {path: x}\n'}, {time: T0 + 400});
  });

  test('show --dvc shows the rest and warns on stderr, one line per problem, escaped', async () => {
    const r = await cli(dir, ['show', '--plain', '--dvc']);
    assert.equal(r.code, 0);
    assert.deepEqual(r.stdout.split('\n').slice(1, -1), ['churn                 v1.0.0    v1.0.0', 'cv:pool-segmentation  v0.1.0    -']);
    assert.equal(
      r.stderr,
      [
        "WARNING: cv/dvc.yaml: artifact 'pool-segmentation' has no 'path'",
        "WARNING: cv/dvc.yaml: artifact name '\\u202eevil' is not valid: letters, digits, '-', '_' and '/', starting and ending with a letter or digit",
        'WARNING: nlp/sentiment/dvc.yaml: not valid YAML',
        '',
      ].join('\n'),
    );
  });

  test('doctor --dvc lists every problem and fails; doctor without --dvc does not look', async () => {
    const r = await cli(dir, ['doctor', '--dvc']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /\ndvc\.yaml: 1 artifact in 3 files at HEAD\nMalformed cv\/dvc\.yaml: artifact 'pool-segmentation' has no 'path'\n.*\nMalformed nlp\/sentiment\/dvc\.yaml: not valid YAML\n$/);
    assert.equal(r.stderr, '❌ 3 dvc.yaml problems found, listed above\n');
    assert.equal((await cli(dir, ['doctor'])).code, 0);
  });
});

describe('process count', () => {
  /** A monorepo of `dirs` directories, one dvc.yaml in every fifth, and a few tags. */
  const manyDirectories = (dirs: number): string => {
    const dir = makeRepo();
    const files: Record<string, string> = {};
    for (let i = 0; i < dirs; i++) {
      const at = `team${i % 7}/project${i}/src`;
      files[`${at}/main.py`] = `print(${i})\n`;
      if (i % 5 === 0) files[`team${i % 7}/project${i}/dvc.yaml`] = `stages:\n  train:\n    cmd: python src/main.py\nartifacts:\n  model${i}:\n    path: model.pkl\n    type: model\n`;
    }
    const commits: ImportCommit[] = [{message: 'tree\n', files}, {message: 'head\n', files: {'README.md': 'x\n'}}];
    importHistory(dir, {commits, tags: [{name: 'team0/project0=model0@v1.0.0', commit: 0, message: 'r'}, {name: 'team0/project0=model0#prod#1', commit: 1, message: 'a'}]});
    return dir;
  };

  const gitProcesses = async (repo: string, argv: string[]): Promise<{processes: string[]; stdout: string}> => {
    const {processes, result: r} = await withLoggedGit(() => cli(repo, argv, process.env));
    assert.equal(r.code, 0, r.stderr);
    return {processes, stdout: r.stdout};
  };

  test('show --dvc --json starts the same git processes on 500 directories as on 5, cold and warm', async () => {
    const small = manyDirectories(5);
    const large = manyDirectories(500);
    const cold = await gitProcesses(large, ['show', '--json', '--dvc']);
    assert.equal(Object.keys(JSON.parse(cold.stdout) as object).length, 100);
    assert.deepEqual(cold.processes, ['cat-file', 'for-each-ref', 'rev-parse']);
    assert.deepEqual((await gitProcesses(small, ['show', '--json', '--dvc'])).processes, cold.processes);
    // warm: the walk and the files come from the object cache, then the state from the snapshot
    for (const round of ['cache', 'snapshot']) {
      const warm = await gitProcesses(large, ['show', '--json', '--dvc']);
      assert.deepEqual(warm.processes, ['for-each-ref', 'rev-parse'], round);
      assert.equal(warm.stdout, cold.stdout, round);
    }
  });
});
