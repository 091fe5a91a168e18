/**
 * The write commands end to end, in process, on real repositories with a bare `origin`:
 * pushing exactly the tags written, `--repo URL` clones, failed pushes, dry runs, and a CI job
 * reading pushed tags back through the built CLI.
 */
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync, chmodSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, before, describe, it} from 'node:test';
import {fileURLToPath} from 'node:url';
import {main} from '../../source/cli/main.js';
import {applyTestEnv, commit, git, makeBareRemote, makeRepo, removeTempDirs, tag, tempDir} from '../helpers/repo.js';

before(applyTestEnv);
after(removeTempDirs);

type Run = {code: number; out: string[]; err: string[]};

const gto = async (cwd: string, ...argv: string[]): Promise<Run> => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {out: (l) => out.push(l), err: (l) => err.push(l), env: process.env, cwd, interactive: false});
  return {code, out, err};
};

const tagNames = (repo: string): string[] => git(repo, ['tag', '--list']).split('\n').filter(Boolean).sort();
const tagTarget = (repo: string, name: string): string => git(repo, ['rev-parse', `refs/tags/${name}^{commit}`]).trim();

const repoWithCommit = (): string => {
  const repo = makeRepo();
  commit(repo, 'one', {'model.bin': '1'});
  return repo;
};

describe('--push', () => {
  it('register then assign push exactly the two new tags to origin', async () => {
    const repo = repoWithCommit();
    tag(repo, 'other@v1.0.0');
    const remote = makeBareRemote(repo);
    tag(repo, 'local-only@v1.0.0');
    const before = tagNames(remote);

    const register = await gto(repo, 'register', 'm', '--push');
    assert.deepEqual(register, {
      code: 0,
      out: ["Created git tag 'm@v0.0.1' that registers version", 'Running `git push origin m@v0.0.1`', 'Successfully pushed git tag m@v0.0.1 on remote.'],
      err: [],
    });
    const assign = await gto(repo, 'assign', 'm', '--stage', 'prod', '--push');
    assert.deepEqual(assign.out, [
      "Created git tag 'm#prod#1' that assigns stage to version 'v0.0.1'",
      'Running `git push origin m#prod#1`',
      'Successfully pushed git tag m#prod#1 on remote.',
    ]);
    assert.deepEqual(tagNames(remote), [...before, 'm#prod#1', 'm@v0.0.1'].sort());
    assert.equal(tagTarget(remote, 'm#prod#1'), tagTarget(repo, 'm#prod#1'));
  });

  it('without --push prints the hint and leaves origin alone', async () => {
    const repo = repoWithCommit();
    const remote = makeBareRemote(repo);
    const run = await gto(repo, 'assign', 'm', '--stage', 'prod');
    assert.deepEqual(run.out.slice(3), ["Created git tag 'm#prod#1' that assigns stage to version 'v0.0.1'", 'To push the changes upstream, run:', "    git push origin 'm#prod#1'"]);
    assert.deepEqual(tagNames(remote), []);
  });

  it('fails clearly when there is no origin, keeping the local tag', async () => {
    const repo = repoWithCommit();
    const run = await gto(repo, 'register', 'm', '--push');
    assert.equal(run.code, 1);
    assert.deepEqual(run.out, ["Created git tag 'm@v0.0.1' that registers version", 'Running `git push origin m@v0.0.1`']);
    assert.equal(run.err[0], '❌ The command `git push origin m@v0.0.1` failed. Make sure your local repository is in sync with the remote.');
    assert.match(run.err[1]!, /^git: .*'origin' does not appear to be a git repository/);
    assert.deepEqual(run.err.slice(2), ["The tag 'm@v0.0.1' was created locally and kept. To retry the push, run:", '    git push origin m@v0.0.1']);
    assert.deepEqual(tagNames(repo), ['m@v0.0.1']);
  });

  it('a remote that already has the (simple) tag name refuses the push; nothing is overwritten and the retry is quoted', async () => {
    const repo = repoWithCommit();
    tag(repo, 'm@v0.0.1');
    const remote = makeBareRemote(repo);
    // someone else assigned prod (simple form) from another clone, on another commit, and pushed it;
    // a counter tag would be retried with the next counter instead (test/reliability/race.test.ts)
    const other = tempDir();
    git(other, ['clone', '--quiet', remote, '.']);
    const theirs = commit(other, 'theirs', {'model.bin': '2'});
    tag(other, 'm#prod', {message: 'theirs'});
    git(other, ['push', '--quiet', 'origin', 'main', 'refs/tags/m#prod']);

    const run = await gto(repo, 'assign', 'm', '--stage', 'prod', '--simple', 'true', '--push');
    assert.equal(run.code, 1);
    assert.equal(run.err[0], '❌ The command `git push origin m#prod` failed. Make sure your local repository is in sync with the remote.');
    assert.match(run.err[1]!, /^git: /);
    assert.doesNotMatch(run.err[1]!, /\n/);
    assert.deepEqual(run.err.slice(2), [
      "The remote already has a different tag 'm#prod'; nothing was overwritten.",
      "The tag 'm#prod' was created locally and kept. To retry the push, run:",
      "    git push origin 'm#prod'",
    ]);
    assert.equal(tagTarget(remote, 'm#prod'), theirs);
    assert.notEqual(tagTarget(repo, 'm#prod'), theirs);
  });

  it('deprecate --delete --push deletes on origin too', async () => {
    const repo = repoWithCommit();
    tag(repo, 'm@v0.0.1');
    tag(repo, 'm#prod#1');
    const remote = makeBareRemote(repo);
    const run = await gto(repo, 'deprecate', 'm', 'v0.0.1', 'prod', '--delete', '--push');
    assert.deepEqual(run.out, ["Deleted git tag 'm#prod#1'", 'Running `git push --delete origin m#prod#1`', 'Successfully deleted git tag m#prod#1 on remote.']);
    assert.deepEqual(tagNames(remote), ['m@v0.0.1']);
    assert.deepEqual(tagNames(repo), ['m@v0.0.1']);
  });
});

describe('--repo URL', () => {
  /** Runs `use` with TMPDIR pointing at a fresh directory, so leftover clones are visible. */
  const withPrivateTmp = async (use: (tmp: string) => Promise<void>): Promise<void> => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'gto-tui-writes-tmp-'));
    const saved = process.env['TMPDIR'];
    process.env['TMPDIR'] = tmp;
    try {
      await use(tmp);
    } finally {
      if (saved === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = saved;
      rmSync(tmp, {recursive: true, force: true});
    }
  };

  it('register, assign and deprecate write to the remote, leave the local repository alone and no clone behind', async () => {
    const repo = repoWithCommit();
    tag(repo, 'm@v1.0.0');
    const remote = makeBareRemote(repo);
    const url = `file://${remote}`;
    await withPrivateTmp(async (tmp) => {
      assert.deepEqual(readdirSync(tmp), []);
      const register = await gto(repo, 'register', 'n', '-r', url);
      assert.deepEqual(register.out, ["Created git tag 'n@v0.0.1' that registers version", 'Running `git push origin n@v0.0.1`', 'Successfully pushed git tag n@v0.0.1 on remote.']);
      assert.deepEqual(readdirSync(tmp), []);
      const assign = await gto(repo, 'assign', 'm', '--version', 'v1.0.0', '--stage', 'dev', '-r', url);
      assert.equal(assign.code, 0, assign.err.join('\n'));
      assert.deepEqual(readdirSync(tmp), []);
      const deprecate = await gto(repo, 'deprecate', 'n', '--repo', url);
      assert.deepEqual(deprecate.out, ["Created git tag 'n@deprecated' that deprecates artifact", 'Running `git push origin n@deprecated`', 'Successfully pushed git tag n@deprecated on remote.']);
      assert.deepEqual(readdirSync(tmp), []);
    });
    assert.deepEqual(tagNames(remote), ['m#dev#1', 'm@v1.0.0', 'n@deprecated', 'n@v0.0.1']);
    assert.deepEqual(tagNames(repo), ['m@v1.0.0']);
    // a clone is a fresh repository: its tags carry the process's git identity
    assert.match(git(remote, ['for-each-ref', '--format=%(taggername)', 'refs/tags/n@v0.0.1']), /Carol Committer/);
  });

  it('removes the clone when the push fails, and says the remote is unchanged', async () => {
    const repo = repoWithCommit();
    const remote = makeBareRemote(repo);
    const hook = path.join(remote, 'hooks', 'pre-receive');
    writeFileSync(hook, '#!/bin/sh\necho "no tags today" >&2\nexit 1\n');
    chmodSync(hook, 0o755);
    await withPrivateTmp(async (tmp) => {
      const run = await gto(repo, 'register', 'm', '-r', `file://${remote}`);
      assert.equal(run.code, 1);
      assert.equal(run.err[0], '❌ The command `git push origin m@v0.0.1` failed. Make sure your local repository is in sync with the remote.');
      assert.match(run.err.join('\n'), /no tags today/);
      assert.match(run.err.at(-1)!, /temporary clone of file:\/\/.*which was removed; the remote is unchanged\. Run the command again\./);
      assert.deepEqual(readdirSync(tmp), []);
    });
    assert.deepEqual(tagNames(remote), []);
  });

  it('removes the clone when the plan is refused', async () => {
    const repo = repoWithCommit();
    const remote = makeBareRemote(repo);
    await withPrivateTmp(async (tmp) => {
      const run = await gto(repo, 'deprecate', 'nope', '-r', `file://${remote}`);
      assert.deepEqual([run.code, run.err], [1, ["❌ Cannot find artifact 'nope'"]]);
      assert.deepEqual(readdirSync(tmp), []);
    });
  });
});

describe('--dry-run', () => {
  it('prints the tags it would write and changes nothing', async () => {
    const repo = repoWithCommit();
    const sha = git(repo, ['rev-parse', 'HEAD']).trim();
    const run = await gto(repo, 'assign', 'm', '--stage', 'prod', '--dry-run', '--push');
    assert.deepEqual(run.out, [
      `Would create tag 'm@v0.0.1' at ${sha} with message "Registering artifact m version v0.0.1"`,
      `Would create tag 'm#prod#1' at ${sha} with message "Assigning stage prod to artifact m version v0.0.1"`,
    ]);
    assert.deepEqual(tagNames(repo), []);
  });
});

describe('tags read back', () => {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'created_at' && k !== 'activated_at').map(([k, v]) => [k, strip(v)]));
    }
    return value;
  };

  it('a tag written by gto-tui and one written with git tag -a in GTO format read back the same', async () => {
    const ours = repoWithCommit();
    const theirs = repoWithCommit();
    assert.equal(git(ours, ['rev-parse', 'HEAD']), git(theirs, ['rev-parse', 'HEAD']));
    assert.equal((await gto(ours, 'register', 'm')).code, 0);
    assert.equal((await gto(ours, 'assign', 'm', '--stage', 'prod')).code, 0);
    git(theirs, ['tag', '-a', 'm@v0.0.1', '-m', 'Registering artifact m version v0.0.1']);
    git(theirs, ['tag', '-a', 'm#prod#1', '-m', 'Assigning stage prod to artifact m version v0.0.1']);
    for (const argv of [['show', 'm', '--json'], ['show', '--json'], ['history', '--json'], ['check-ref', 'm#prod#1', '--json']]) {
      const a = await gto(ours, ...argv);
      const b = await gto(theirs, ...argv);
      assert.equal(a.code, 0);
      assert.deepEqual(strip(JSON.parse(a.out.join('\n'))), strip(JSON.parse(b.out.join('\n'))), argv.join(' '));
    }
  });
});

describe('a CI job reading pushed tags', () => {
  const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
  const script = [
    'NAME=$(node "$CLI" check-ref "$TAG" --name)',
    'VERSION=$(node "$CLI" check-ref "$TAG" --version)',
    'EVENT=$(node "$CLI" check-ref "$TAG" --event)',
    'STAGE=""',
    'if [ "$EVENT" = assignment ]; then STAGE=$(node "$CLI" check-ref "$TAG" --stage); fi',
    'printf "%s|%s|%s|%s\\n" "$NAME" "$VERSION" "$EVENT" "$STAGE"',
  ].join('\n');

  it('gets name, version, event and stage of each pushed tag from a fresh clone', async () => {
    assert.ok(existsSync(cli), `${cli} is missing: run \`npm run build\` first`);
    const repo = repoWithCommit();
    const remote = makeBareRemote(repo);
    for (const argv of [['register', 'm', '--push'], ['assign', 'm', '--stage', 'prod', '--push'], ['deprecate', 'm', 'v0.0.1', '--push']]) {
      const run = await gto(repo, ...argv);
      assert.equal(run.code, 0, run.err.join('\n'));
    }
    const clone = tempDir();
    git(clone, ['clone', '--quiet', remote, '.']);
    const job = (ref: string): string =>
      execFileSync('bash', ['-c', script], {cwd: clone, env: {...process.env, CLI: cli, TAG: ref}, encoding: 'utf8'}).trim();
    assert.equal(job('m@v0.0.1'), 'm|v0.0.1|registration|');
    assert.equal(job('refs/tags/m#prod#1'), 'm|v0.0.1|assignment|prod');
    assert.equal(job('refs/tags/m@v0.0.1!'), 'm|v0.0.1|deregistration|');
    assert.equal(job('refs/heads/main'), '|||');
  });
});
