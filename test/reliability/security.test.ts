/**
 * Security: no user text through a shell, refs always passed as full names or after `--` /
 * `--end-of-options`, network git never prompts, `-r URL` refuses command transports, and
 * temporary clones are private and removed, also on failure.
 */
import assert from 'node:assert/strict';
import {chmodSync, existsSync, readFileSync, readdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {after, before, describe, it} from 'node:test';
import {applyTestEnv, commit, git, makeBareRemote, makeRepo, removeTempDirs, tag, tempDir} from '../helpers/repo.js';
import {ROOT, assertFsckClean, assertNoCrash, assertOneLineFailure, refs, runCli, tagNames} from './cli.js';

before(applyTestEnv);
after(removeTempDirs);

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : /\.tsx?$/.test(entry.name) ? [full] : [];
  });

describe('no shell, one place that starts processes (static)', () => {
  const files = sourceFiles(path.join(ROOT, 'source')).map((file) => ({file: path.relative(ROOT, file), text: readFileSync(file, 'utf8')}));

  it('the source has no shell: true, exec(), execSync() or execFile()', () => {
    assert.ok(files.length > 50, 'the scan sees the source tree');
    for (const {file, text} of files) {
      assert.doesNotMatch(text, /shell\s*:\s*(true|['"`])/, `${file}: shell option`);
      assert.doesNotMatch(text, /(?<![.\w])exec(Sync)?\s*\(/, `${file}: exec()`);
      assert.doesNotMatch(text, /\bexecFile(Sync)?\s*\(|\bspawnSync\s*\(|\bexecSync\b/, `${file}: sync/exec process API`);
    }
  });

  it('only source/git/exec.ts spawns processes (objects.ts may import the type)', () => {
    for (const {file, text} of files) {
      if (file === path.join('source', 'git', 'exec.ts')) continue;
      assert.doesNotMatch(text, /\bspawn\s*\(/, `${file} spawns`);
      const imports = [...text.matchAll(/import\s+(type\s+)?[^;]*from\s+'node:child_process'/g)];
      assert.ok(imports.every((m) => m[1] !== undefined), `${file} imports child_process for real`);
    }
  });
});

/** A `git` first in PATH that logs its arguments and the prompt-related environment, then runs the real git. */
const gitWrapper = (): {env: Record<string, string>; log: string} => {
  const dir = tempDir();
  const log = path.join(dir, 'git.log');
  const realGit = (process.env['PATH'] ?? '').split(':').map((p) => path.join(p, 'git')).find((p) => p !== '' && existsSync(p)) ?? '/usr/bin/git';
  const script = [
    '#!/bin/sh',
    `{`,
    `  printf 'CALL'; for a in "$@"; do printf ' [%s]' "$a"; done; printf '\\n'`,
    `  printf 'ENV GIT_TERMINAL_PROMPT=[%s] GIT_ASKPASS=[%s] SSH_ASKPASS=[%s] GCM_INTERACTIVE=[%s]\\n' "$GIT_TERMINAL_PROMPT" "$GIT_ASKPASS" "$SSH_ASKPASS" "$GCM_INTERACTIVE"`,
    `  case " $* " in *" clone "*) for last in "$@"; do :; done; printf 'CLONE_PARENT_MODE %s\\n' "$(stat -c %a "$(dirname "$last")")";; esac`,
    `} >> '${log}'`,
    `exec '${realGit}' "$@"`,
  ].join('\n');
  writeFileSync(path.join(dir, 'git'), script + '\n');
  chmodSync(path.join(dir, 'git'), 0o755);
  return {env: {PATH: `${dir}:${process.env['PATH']}`, GIT_TERMINAL_PROMPT: '1', GIT_ASKPASS: '/bin/false', SSH_ASKPASS: '/bin/false'}, log};
};

type Call = {args: string[]; env: string; cloneParentMode?: string};

const calls = (log: string): Call[] => {
  const result: Call[] = [];
  for (const line of readFileSync(log, 'utf8').split('\n')) {
    if (line.startsWith('CALL')) result.push({args: [...line.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]!), env: ''});
    else if (line.startsWith('ENV ')) result.at(-1)!.env = line;
    else if (line.startsWith('CLONE_PARENT_MODE ')) result.at(-1)!.cloneParentMode = line.split(' ')[1];
  }
  return result;
};

const NETWORK = ['push', 'fetch', 'ls-remote', 'clone'];
const subcommand = (call: Call): string | undefined => call.args.find((arg, i) => !arg.startsWith('-') && call.args[i - 1] !== '-c');

describe('what git is given (a logging git wrapper in PATH)', () => {
  it('network git runs with GIT_TERMINAL_PROMPT=0 and no askpass, pushes full refs/tags/ names after --', async () => {
    const repo = makeRepo();
    commit(repo, 'one');
    const remote = makeBareRemote(repo);
    const wrapper = gitWrapper();
    const run = await runCli(repo, ['assign', 'm', '--stage', 'prod', '--push'], {env: wrapper.env});
    assert.equal(run.code, 0, run.stderr);
    const read = await runCli(repo, ['show', '-r', `file://${remote}`], {env: wrapper.env});
    assert.equal(read.code, 0, read.stderr);
    const network = calls(wrapper.log).filter((call) => NETWORK.includes(subcommand(call) ?? ''));
    assert.deepEqual(network.map(subcommand), ['push', 'push', 'clone']);
    for (const call of network) {
      assert.equal(call.env, 'ENV GIT_TERMINAL_PROMPT=[0] GIT_ASKPASS=[] SSH_ASKPASS=[] GCM_INTERACTIVE=[never]', call.args.join(' '));
      assert.ok(call.args.includes('protocol.allow=never'), 'command transports off');
      const dashdash = call.args.indexOf('--');
      assert.ok(dashdash > 0, `${call.args.join(' ')}: '--' before the remote`);
    }
    const refspecs = network.filter((c) => subcommand(c) === 'push').map((c) => c.args.slice(c.args.indexOf('--') + 2));
    assert.deepEqual(refspecs, [['refs/tags/m@v0.0.1:refs/tags/m@v0.0.1'], ['refs/tags/m#prod#1:refs/tags/m#prod#1']]);
  });

  it('a race retry fetches and deletes by full names with the same no-prompt environment', async () => {
    const repo = makeRepo();
    commit(repo, 'one');
    tag(repo, 'm@v1.0.0');
    const remote = makeBareRemote(repo);
    const other = tempDir();
    git(other, ['clone', '--quiet', remote, '.']);
    tag(other, 'm#prod#1', {target: 'm@v1.0.0^{commit}', message: 'theirs'});
    git(other, ['push', '--quiet', 'origin', 'refs/tags/m#prod#1']);
    const wrapper = gitWrapper();
    const run = await runCli(repo, ['assign', 'm', '--version', 'v1.0.0', '--stage', 'prod', '--force', '--push'], {env: wrapper.env});
    assert.equal(run.code, 0, run.stderr);
    const all = calls(wrapper.log);
    const fetches = all.filter((c) => subcommand(c) === 'fetch');
    assert.ok(fetches.length >= 1);
    for (const call of fetches) {
      assert.match(call.env, /GIT_TERMINAL_PROMPT=\[0\] GIT_ASKPASS=\[\]/);
      assert.deepEqual(call.args.slice(call.args.indexOf('--') + 1), ['origin', 'refs/tags/*:refs/tags/*']);
    }
    const deletion = all.find((c) => c.args.includes('update-ref') && c.args.includes('-d'));
    assert.deepEqual(deletion?.args.slice(-2), ['--', 'refs/tags/m#prod#1']);
  });
});

describe('tags named like options', () => {
  it('tags `--foo`, `--upload-pack=…`, `-c`, `--output=…` made by plumbing is only ever data, for reads and writes', async () => {
    const repo = makeRepo();
    const c1 = commit(repo, 'one');
    tag(repo, 'm@v1.0.0');
    const remote = makeBareRemote(repo);
    const marker = path.join(tempDir(), 'pwned');
    const evil = ['--foo', '--upload-pack=pwned', '-c', '--output=' + marker];
    const object = git(repo, ['rev-parse', 'refs/tags/m@v1.0.0']).trim();
    for (const name of evil) git(repo, ['update-ref', `refs/tags/${name}`, name === '--foo' ? object : c1]);
    const before = refs(repo);

    for (const args of [['show'], ['show', 'm'], ['history'], ['doctor'], ['stages'], ['print-state'], ['check-ref', '--', '--foo'], ['check-ref', '--', '--upload-pack=pwned'], ['check-ref', '--', '-c']]) {
      const run = await runCli(repo, args);
      assertNoCrash(run, args.join(' '));
      assert.equal(run.code, 0, `${args.join(' ')}: ${run.stderr}`);
    }
    // a REF argument that is an option-named tag resolves to its commit, never to an option
    const register = await runCli(repo, ['register', 'n', '--', '--output=' + marker]);
    assert.equal(register.code, 0, register.stderr);
    assert.equal(git(repo, ['rev-parse', 'n@v0.0.1^{commit}']).trim(), c1);
    const assign = await runCli(repo, ['assign', 'n', '--stage', 'prod', '--push']);
    assert.equal(assign.code, 0, assign.stderr);
    const deprecate = await runCli(repo, ['deprecate', 'n', 'v0.0.1', 'prod', '--delete', '--push']);
    assert.equal(deprecate.code, 0, deprecate.stderr);
    assert.ok(!existsSync(marker), 'no option was ever taken from a tag name');
    // the option-named tags are untouched and were never pushed
    for (const name of evil) assert.ok(tagNames(repo).includes(name), name);
    assert.deepEqual(tagNames(remote), ['m@v1.0.0']);
    assert.ok(refs(repo).includes(before.split('\n').find((line) => line.endsWith('refs/tags/--foo'))!));
    assertFsckClean(repo);
  });
});

describe('-r URL', () => {
  const marker = (): string => path.join(tempDir(), 'pwned');

  it('refuses ext:: and other command transports, and option-like URLs; file:// works', async () => {
    const repo = makeRepo();
    commit(repo, 'one');
    tag(repo, 'm@v1.0.0');
    const remote = makeBareRemote(repo);
    const m = marker();
    for (const url of [`ext::sh -c touch% ${m}`, `EXT::sh -c "touch ${m}"`, 'fd::0', `--upload-pack=touch ${m}`, `-cprotocol.ext.allow=always`]) {
      for (const args of [['show', '-r', url], ['register', 'x', '-r', url]]) {
        const run = await runCli(repo, args);
        assertOneLineFailure(run, args.join(' '), /^❌ Failed to clone repo '.*': (transport '\w+' not allowed|a URL cannot start with "-")$/);
      }
    }
    assert.ok(!existsSync(m));
    const ok = await runCli(repo, ['show', '-r', `file://${remote}`, '--json']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.ok('m' in JSON.parse(ok.stdout));
  });

  it("an origin configured as ext:: is refused by git's protocol policy on --push", async () => {
    const repo = makeRepo();
    commit(repo, 'one');
    const m = marker();
    git(repo, ['remote', 'add', 'origin', `ext::sh -c touch% ${m}`]);
    const run = await runCli(repo, ['register', 'm', '--push']);
    assertNoCrash(run, 'ext origin');
    assert.equal(run.code, 1);
    assert.match(run.stderr, /transport 'ext' not allowed/);
    assert.ok(!existsSync(m));
  });

  it('temporary clones are made in a 0700 directory and removed, after success and after failure', async () => {
    const repo = makeRepo();
    commit(repo, 'one');
    tag(repo, 'm@v1.0.0');
    const remote = makeBareRemote(repo);
    const tmp = tempDir();
    const wrapper = gitWrapper();
    const env = {...wrapper.env, TMPDIR: tmp};
    const runs = [
      await runCli(repo, ['show', '-r', `file://${remote}`], {env}), // success
      await runCli(repo, ['register', 'n', '-r', `file://${remote}`], {env}), // success with a push
      await runCli(repo, ['register', 'bad name', '-r', `file://${remote}`], {env}), // refused after cloning
      await runCli(repo, ['show', '-r', `file://${remote}-missing`], {env}), // clone fails
    ];
    assert.deepEqual(runs.map((r) => r.code), [0, 0, 1, 1], runs.map((r) => r.stderr).join('\n'));
    const clones = calls(wrapper.log).filter((c) => subcommand(c) === 'clone');
    assert.equal(clones.length, 4);
    for (const clone of clones) assert.equal(clone.cloneParentMode, '700', clone.args.join(' '));
    assert.deepEqual(readdirSync(tmp), [], 'every temporary clone was removed');
    assert.deepEqual(tagNames(remote), ['m@v1.0.0', 'n@v0.0.1']);
  });
});
