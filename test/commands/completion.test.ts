/**
 * `gto-tui completion SHELL` and the hidden `complete-words` it calls: registry names from a
 * real repository, nothing (and no error) anywhere else, and each shell's script asked the
 * way the shell asks it. zsh, which completes only inside its line editor, is driven in a
 * real terminal by test/e2e/completion.test.ts.
 */
import assert from 'node:assert/strict';
import {execFileSync, spawnSync} from 'node:child_process';
import {chmodSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {applyTestEnv, commit, makeBareRemote, makeRepo, removeTempDirs, tag, tempDir, TEST_ENV} from '../helpers/repo.js';
import {CLI, runCli} from '../reliability/cli.js';

before(applyTestEnv);
after(removeTempDirs);

/** churn v1.0.0 (dev) and v1.1.0 (prod), segment v0.1.0; `.gto` stages when `stages` is given. */
const registry = (stages?: string): string => {
  const dir = makeRepo();
  commit(dir, 'one', stages === undefined ? {'artifacts.yaml': 'churn: {}\n'} : {'.gto': `stages: [${stages}]\n`});
  tag(dir, 'churn@v1.0.0');
  tag(dir, 'segment@v0.1.0');
  tag(dir, 'churn#dev#1');
  commit(dir, 'two');
  tag(dir, 'churn@v1.1.0', {time: 1704067300});
  tag(dir, 'churn#prod#2', {time: 1704067300});
  tag(dir, 'release-2024', {lightweight: true});
  return dir;
};

const words = async (cwd: string, ...args: string[]): Promise<string[]> => {
  const run = await runCli(cwd, ['complete-words', ...args]);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stderr, '');
  return run.stdout.split('\n').filter(Boolean);
};

test('complete-words lists artifacts, versions, stages and registry tags of the repository at hand', async () => {
  const repo = registry('dev, staging, prod');
  assert.deepEqual(await words(repo, 'show', ''), ['churn', 'segment']);
  assert.deepEqual(await words(repo, 'show', 's'), ['segment']);
  assert.deepEqual(await words(repo, 'deprecate', 'churn', ''), ['v1.0.0', 'v1.1.0']);
  assert.deepEqual(await words(repo, 'show', 'churn@'), ['churn@v1.0.0', 'churn@v1.1.0', 'churn@latest', 'churn@greatest']);
  assert.deepEqual(await words(repo, 'show', 'churn#'), ['churn#dev', 'churn#staging', 'churn#prod']);
  assert.deepEqual(await words(repo, 'assign', 'churn', '--stage', ''), ['dev', 'staging', 'prod'], 'the stages .gto allows');
  assert.deepEqual(await words(repo, 'check-ref', 'churn'), ['churn#dev#1', 'churn#prod#2', 'churn@v1.0.0', 'churn@v1.1.0']);
  assert.deepEqual(await words(repo, 'check-ref', 'rel'), [], 'not a registry tag');
});

test('without stages in .gto, the stages in use; -r names another repository', async () => {
  const repo = registry();
  assert.deepEqual(await words(repo, 'deprecate', 'churn', 'v1.0.0', ''), ['dev', 'prod']);
  const elsewhere = tempDir();
  assert.deepEqual(await words(elsewhere, '-r', repo, 'history', 'c'), ['churn']);
  assert.deepEqual(await words(elsewhere, 'show', '--repo', repo, 'churn@v1.1'), ['churn@v1.1.0']);
});

test('complete-words prints nothing and succeeds outside a repository, and never clones a URL', async () => {
  const outside = tempDir();
  assert.deepEqual(await words(outside, 'show', ''), []);
  assert.deepEqual(await words(outside, 'show', '-r', path.join(outside, 'missing'), ''), []);
  const remote = makeBareRemote(registry());
  // a clone would find churn and segment there
  assert.deepEqual(await words(outside, '-r', `file://${remote}`, 'show', ''), []);
  assert.deepEqual(await words(outside, 's'), ['show\tShow the registry state, highest version, or what\'s assigned in stage.', 'stages\tPrint list of stages used in the registry.']);
  assert.deepEqual(await words(outside, '-r', ''), [':directories']);
});

test('completion is listed apart from GTO\'s commands in --help, and complete-words not at all', async () => {
  const help = (await runCli(tempDir(), ['--help'])).stdout;
  const own = help.slice(help.indexOf("gto-tui's own commands (not in GTO):"));
  assert.match(own, /^gto-tui's own commands \(not in GTO\):\n(?: {2}\S.*\n)* {2}completion +Print a shell script/);
  assert.equal(help.indexOf('completion'), help.indexOf(own) + own.indexOf('completion'), 'listed once, in its own section');
  assert.doesNotMatch(help, /complete-words/);
});

test('completion refuses a shell it has no script for, click-style', async () => {
  const bad = await runCli(tempDir(), ['completion', 'tcsh']);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr, "Usage: gto-tui completion [OPTIONS] SHELL\nTry 'gto-tui completion -h' for help.\n\nError: Invalid value for 'SHELL': 'tcsh' is not one of 'bash', 'zsh', 'fish'.\n");
  const missing = await runCli(tempDir(), ['completion']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /Error: Missing argument 'SHELL'\.\n$/);
});

/** A directory whose `gto-tui` runs the built CLI, to put first on PATH as an install would. */
const binDir = (): string => {
  const bin = tempDir('gto-tui-bin-');
  writeFileSync(path.join(bin, 'gto-tui'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} "$@"\n`);
  chmodSync(path.join(bin, 'gto-tui'), 0o755);
  return bin;
};

const shellEnv = (bin: string): NodeJS.ProcessEnv => ({...process.env, ...TEST_ENV, PATH: `${bin}:${process.env['PATH'] ?? ''}`});

test('bash: the script registers a completion function that answers from the registry', () => {
  const repo = registry('dev, staging, prod');
  const query = (line: string[]): string =>
    execFileSync(
      'bash',
      ['--norc', '--noprofile', '-c', 'source <(gto-tui completion bash) && complete -p gto-tui && COMP_WORDS=("$@") && COMP_CWORD=$(($# - 1)) && _gto_tui && printf "<%s>\\n" "${COMPREPLY[@]}"', 'bash', ...line],
      {cwd: repo, env: shellEnv(binDir()), encoding: 'utf8'},
    );
  assert.equal(query(['gto-tui', 'show', 'churn@v1']), 'complete -F _gto_tui gto-tui\n<churn@v1.0.0>\n<churn@v1.1.0>\n');
  assert.equal(query(['gto-tui', 'prom']), 'complete -F _gto_tui gto-tui\n<promote>\n', 'descriptions are not inserted');
  assert.equal(query(['gto-tui', 'show', '--sort', '=', 'se']), 'complete -F _gto_tui gto-tui\n<semver>\n');
  assert.match(query(['gto-tui', '-r', 'sourc']), /^complete -F _gto_tui gto-tui\n<>\n$/, 'no directory of that name here');
});

test('bash: --repo completes directories', () => {
  const repo = registry();
  execFileSync('mkdir', ['-p', path.join(repo, 'models', 'deep')]);
  const out = execFileSync('bash', ['--norc', '--noprofile', '-c', 'source <(gto-tui completion bash); COMP_WORDS=(gto-tui show -r mo); COMP_CWORD=3; _gto_tui; printf "<%s>\\n" "${COMPREPLY[@]}"'], {
    cwd: repo,
    env: shellEnv(binDir()),
    encoding: 'utf8',
  });
  assert.equal(out, '<models>\n');
});

const fishMissing = spawnSync('fish', ['--version']).status === 0 ? null : 'fish is not installed (apt-get install fish; .ci/run installs it)';

describe('fish', {skip: fishMissing ?? false}, () => {
  test('the script answers `complete -C` from the registry, with descriptions for commands and options', () => {
    const repo = registry('dev, staging, prod');
    const complete = (line: string): string[] =>
      execFileSync('fish', ['--no-config', '-c', 'gto-tui completion fish | source; complete -C $argv[1]', line], {cwd: repo, env: shellEnv(binDir()), encoding: 'utf8'})
        .split('\n')
        .filter(Boolean);
    assert.deepEqual(complete('gto-tui show '), ['churn', 'segment']);
    assert.deepEqual(complete('gto-tui show churn#p'), ['churn#prod']);
    assert.deepEqual(complete('gto-tui assign churn --stage '), ['dev', 'prod', 'staging']);
    assert.deepEqual(complete('gto-tui show --sort='), ['--sort=semver', '--sort=timestamp']);
    assert.deepEqual(complete('gto-tui hist'), ['history\tShow a journal of registry operations.']);
  });
});
