/**
 * The GitHub Action, as a CI job sees it: a tag pushed to a bare remote, a shallow clone checked
 * out at that tag (what actions/checkout makes), and action/run.mjs run there with GITHUB_REF
 * and a GITHUB_OUTPUT file. Its outputs must be gto-action's, from the same inputs.
 */
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {readFileSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {applyTestEnv, commit, git, makeBareRemote, makeRepo, removeTempDirs, tag, tempDir, TEST_ENV} from '../helpers/repo.js';
import {ROOT} from '../reliability/cli.js';

before(applyTestEnv);
after(removeTempDirs);

const ANNOTATIONS = 'churn:\n  type: model\n  path: models/churn.pkl\n  description: |-\n    Predicts churn\n    ::warning::not a command\n';

/** A registry on a bare remote: churn v1.0.0 and v1.1.0 at dev; returns the remote. */
const remoteRegistry = (): {repo: string; remote: string} => {
  const repo = makeRepo();
  commit(repo, 'one', {'artifacts.yaml': ANNOTATIONS, '.gto': 'stages: [dev, prod]\n'});
  tag(repo, 'churn@v1.0.0');
  commit(repo, 'two', {}, {time: 1704067300});
  tag(repo, 'churn@v1.1.0', {time: 1704067300});
  tag(repo, 'churn#dev#1', {time: 1704067400});
  tag(repo, 'release-1', {lightweight: true});
  return {repo, remote: makeBareRemote(repo)};
};

/** What a job on `ref` runs: a one-commit clone at the tag, then the action's script. */
const runAction = (remote: string, ref: string, inputs: Record<string, string> = {}) => {
  const workspace = path.join(tempDir('gto-tui-job-'), 'workspace');
  const branch = ref.replace(/^refs\/(tags|heads)\//, '');
  git(path.dirname(workspace), ['clone', '--quiet', '--depth', '1', '--branch', branch, `file://${remote}`, workspace]);
  const outputFile = path.join(path.dirname(workspace), 'github_output');
  writeFileSync(outputFile, '');
  const env: Record<string, string | undefined> = {...process.env, ...TEST_ENV, NO_COLOR: '1', GITHUB_REF: ref, GITHUB_OUTPUT: outputFile, ...inputs};
  const result = spawnSync(process.execPath, [path.join(ROOT, 'action', 'run.mjs')], {cwd: workspace, env: env as NodeJS.ProcessEnv, encoding: 'utf8'});
  return {...result, outputs: parseOutputs(readFileSync(outputFile, 'utf8'))};
};

/** GitHub's GITHUB_OUTPUT format: `name=value` lines and `name<<DELIMITER` blocks. */
const parseOutputs = (text: string): Record<string, string> => {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const block = /^([\w-]+)<<(.+)$/.exec(line);
    if (block) {
      const end = lines.indexOf(block[2]!, i + 1);
      assert.ok(end > i, `unterminated ${block[1]}`);
      outputs[block[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
  }
  return outputs;
};

test('an assignment pushed by another writer: gto-action\'s outputs, the annotation included', () => {
  const {repo, remote} = remoteRegistry();
  tag(repo, 'churn#prod#2', {target: 'HEAD~1', time: 1704067500});
  git(repo, ['push', '--quiet', 'origin', 'refs/tags/churn#prod#2']);
  const run = runAction(remote, 'refs/tags/churn#prod#2');
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.deepEqual(run.outputs, {
    name: 'churn',
    stage: 'prod',
    version: 'v1.0.0',
    event: 'assignment',
    type: 'model',
    path: 'models/churn.pkl',
    description: 'Predicts churn\n::warning::not a command',
  });
  assert.match(run.stdout, /The Git tag that triggered this run: refs\/tags\/churn#prod#2/);
  assert.match(run.stdout, /│ v1\.1\.0 +│ /, 'show churn printed, with the versions fetched from the remote');
  assert.match(run.stdout, /churn#prod#2/, 'history churn printed');
});

test('a registration: no stage; show and history of the whole registry when asked', () => {
  const {remote} = remoteRegistry();
  const run = runAction(remote, 'refs/tags/churn@v1.1.0', {GTO_SHOW: 'true', GTO_HISTORY: 'true'});
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual([run.outputs['name'], run.outputs['version'], run.outputs['event'], run.outputs['stage']], ['churn', 'v1.1.0', 'registration', '']);
  assert.ok((run.stdout.match(/│ churn +│ v1\.1\.0/g) ?? []).length >= 2, 'show churn, then show');
});

test('a tag or branch that is not a registry event: every output empty, success', () => {
  const {remote} = remoteRegistry();
  for (const ref of ['refs/tags/release-1', 'refs/heads/main']) {
    const run = runAction(remote, ref);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(run.outputs, {name: '', stage: '', version: '', event: '', type: '', path: '', description: ''}, ref);
  }
});

test('printed outputs cannot act as workflow commands; pull asks for DVC, which gto-tui does not run', () => {
  const {remote} = remoteRegistry();
  const run = runAction(remote, 'refs/tags/churn#dev#1', {GTO_PULL: 'true'});
  const token = /^::stop-commands::(\w+)$/m.exec(run.stdout)?.[1];
  assert.ok(token, run.stdout);
  const printed = run.stdout.slice(run.stdout.indexOf(`::stop-commands::${token}`), run.stdout.indexOf(`::${token}::`));
  assert.match(printed, /description="Predicts churn\\n::warning::not a command"/);
  assert.equal(run.status, 1);
  assert.match(run.stdout, /^::error::pull: gto-tui does not run DVC; add a step that runs `dvc pull models\/churn\.pkl`/m);
  assert.equal(run.outputs['path'], 'models/churn.pkl', 'the outputs are written before');
});

test('action.yml: gto-action\'s inputs and outputs, composite, running the script tested here', () => {
  const yaml = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  const action = yaml.parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, {default: string}>;
    outputs: Record<string, {value: string}>;
    runs: {using: string; steps: {id?: string; run: string; env?: Record<string, string>}[]};
  };
  assert.deepEqual(
    Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default])),
    {show: 'false', history: 'false', 'print-outputs': 'true', pull: 'false'},
  );
  const names = ['event', 'name', 'version', 'stage', 'type', 'path', 'description'];
  assert.deepEqual(Object.keys(action.outputs), names);
  for (const name of names) assert.equal(action.outputs[name]!.value, `\${{ steps.gto.outputs.${name} }}`);
  assert.equal(action.runs.using, 'composite');
  const step = action.runs.steps.find((s) => s.id === 'gto')!;
  assert.equal(step.run, 'node "$GITHUB_ACTION_PATH/action/run.mjs"');
  assert.deepEqual(step.env, {
    GTO_SHOW: '${{ inputs.show }}',
    GTO_HISTORY: '${{ inputs.history }}',
    GTO_PRINT_OUTPUTS: '${{ inputs.print-outputs }}',
    GTO_PULL: '${{ inputs.pull }}',
  });
  assert.match(action.runs.steps[0]!.run, /cd "\$GITHUB_ACTION_PATH" && npm ci/);
});
