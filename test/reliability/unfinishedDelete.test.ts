/**
 * `deprecate NAME VERSION --delete` deletes the version's tags oldest first, the registration
 * first (GTO's order and lines, spec §4.3). Stopped after that, the version has no name left;
 * running the same command again must still find the tags it did not delete (here, and those
 * origin still has) and finish, with the lines the first run would have printed for them.
 */
import assert from 'node:assert/strict';
import {chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {after, describe, it} from 'node:test';
import {applyTestEnv, commit, git, makeBareRemote, makeRepo, removeTempDirs, T0, tag, tempDir} from '../helpers/repo.js';
import {isRunning, runCli, slowGit, waitUntil, type CliRun} from './cli.js';

applyTestEnv();
after(removeTempDirs);

/** m v1.0.0 registered, then assigned to dev and to prod; `base` beside it; all on origin. */
const fixture = (): {repo: string; remote: string} => {
  const repo = makeRepo();
  commit(repo, 'one', {'model.bin': '1'}, {time: T0});
  tag(repo, 'base@v1.0.0', {time: T0 + 5});
  tag(repo, 'm@v1.0.0', {time: T0 + 10});
  tag(repo, 'm#dev#1', {time: T0 + 20});
  tag(repo, 'm#prod#2', {time: T0 + 30});
  return {repo, remote: makeBareRemote(repo)};
};

const tagsOf = (repo: string): string[] => git(repo, ['tag', '--list']).split('\n').filter(Boolean).sort();

/** Run `args`, send SIGTERM once `ready()` holds; every process of the run is gone afterwards. */
const stopWhen = async (cwd: string, args: string[], ready: () => boolean, env: Record<string, string> = {}): Promise<CliRun> => {
  let pid = 0;
  let sent = false;
  const run = await runCli(cwd, args, {
    env,
    detached: true,
    started: (child) => {
      pid = child.pid!;
      const poll = setInterval(() => {
        if (!ready()) return;
        clearInterval(poll);
        sent = true;
        child.kill('SIGTERM');
      }, 10);
      child.once('exit', () => clearInterval(poll));
    },
  });
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // gone
  }
  assert.ok(sent, `the moment to stop came:\n${run.stdout}\n${run.stderr}`);
  return run;
};

const DELETE = ['deprecate', 'm', 'v1.0.0', '--delete'];

describe('an interrupted deprecate --delete, finished by running it again', () => {
  it('with --push: stopped while origin deletes the second tag, the same command deletes the rest here and on origin', async () => {
    const {repo, remote} = fixture();
    // origin holds the deletion of m#dev#1 in its hook; the others go through
    const hold = path.join(remote, 'hold.pid');
    const hook = path.join(remote, 'hooks', 'pre-receive');
    writeFileSync(hook, `#!/bin/sh\nwhile read old new ref; do\n  case "$ref" in *'#dev#'*) echo $$ > '${hold}'; exec sleep 60;; esac\ndone\n`);
    chmodSync(hook, 0o755);

    const first = await stopWhen(repo, [...DELETE, '--push'], () => existsSync(hold));
    assert.equal(first.code, 143, first.stderr);
    assert.equal(
      first.stdout,
      [
        "Deleted git tag 'm@v1.0.0'",
        'Running `git push --delete origin m@v1.0.0`',
        'Successfully deleted git tag m@v1.0.0 on remote.',
        "Deleted git tag 'm#dev#1'",
        'Running `git push --delete origin m#dev#1`',
        '',
      ].join('\n'),
    );
    assert.deepEqual(first.stderr.trim().split('\n'), [
      '❌ Interrupted by SIGTERM.',
      "Done before the stop: 'm@v1.0.0'.",
      "The tag 'm#dev#1' was deleted locally; its deletion on origin was stopped before origin confirmed it. To delete it there, run:",
      "    git push --delete origin 'm#dev#1'",
      "Not done: 'm#prod#2'. Run the command again to finish.",
    ]);
    const hookPid = Number(readFileSync(hold, 'utf8'));
    assert.ok(await waitUntil(() => !isRunning(hookPid)), "origin's hook was ended with the push");
    assert.deepEqual(tagsOf(repo), ['base@v1.0.0', 'm#prod#2']);
    assert.deepEqual(tagsOf(remote), ['base@v1.0.0', 'm#dev#1', 'm#prod#2'], 'origin did not delete m#dev#1');

    rmSync(hook);
    const dryRun = await runCli(repo, [...DELETE, '--push', '--dry-run']);
    assert.equal(dryRun.code, 0, dryRun.stderr);
    assert.match(dryRun.stdout, /^Would delete tag 'm#dev#1' on origin \(deleted here already, at [0-9a-f]{40}, message "m#dev#1"\)\nWould delete tag 'm#prod#2' \(at /);

    const again = await runCli(repo, [...DELETE, '--push']);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.stderr, '');
    assert.equal(
      again.stdout,
      [
        'Running `git push --delete origin m#dev#1`',
        'Successfully deleted git tag m#dev#1 on remote.',
        "Deleted git tag 'm#prod#2'",
        'Running `git push --delete origin m#prod#2`',
        'Successfully deleted git tag m#prod#2 on remote.',
        '',
      ].join('\n'),
    );
    assert.deepEqual(tagsOf(repo), ['base@v1.0.0']);
    assert.deepEqual(tagsOf(remote), ['base@v1.0.0']);

    // show agrees here and on origin: m is gone, not a bare commit holding prod
    const here = await runCli(repo, ['show', '--json']);
    const there = await runCli(tempDir(), ['show', '--json', '-r', `file://${remote}`]);
    assert.deepEqual(Object.keys(JSON.parse(here.stdout) as object), ['base']);
    assert.equal(there.stdout, here.stdout);

    // done: the same command is GTO's again
    const third = await runCli(repo, [...DELETE, '--push']);
    assert.equal(third.code, 1);
    assert.equal(third.stderr, "❌ No versions found for 'm'\n");
  });

  it('without --push: stopped while deleting the second tag here, the same command deletes the rest', async () => {
    const {repo} = fixture();
    const slow = slowGit();
    const first = await stopWhen(repo, DELETE, () => slow.lines().some((line) => line.startsWith('held ')), slow.env('update-ref -d -- refs/tags/m#dev#1'));
    assert.equal(first.code, 143, first.stderr);
    assert.equal(first.stdout, ["Deleted git tag 'm@v1.0.0'", 'To push the changes upstream, run:', '    git push --delete origin m@v1.0.0', ''].join('\n'));
    assert.deepEqual(first.stderr.trim().split('\n'), [
      '❌ Interrupted by SIGTERM.',
      "Done before the stop: 'm@v1.0.0'.",
      "The tag 'm#dev#1' was not deleted.",
      "Not done: 'm#prod#2'. Run the command again to finish.",
    ]);
    assert.deepEqual(tagsOf(repo), ['base@v1.0.0', 'm#dev#1', 'm#prod#2']);

    const again = await runCli(repo, DELETE);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(
      again.stdout.split('\n').filter((line) => line.startsWith('Deleted')),
      ["Deleted git tag 'm#dev#1'", "Deleted git tag 'm#prod#2'"],
    );
    assert.deepEqual(tagsOf(repo), ['base@v1.0.0']);
    const show = await runCli(repo, ['show', '--json']);
    assert.deepEqual(Object.keys(JSON.parse(show.stdout) as object), ['base']);
  });

  it('a deletions file that git does not bear out is not acted on', async () => {
    const {repo} = fixture();
    const commitOf = (name: string) => git(repo, ['rev-parse', `${name}^{commit}`]).trim();
    const c = commitOf('m@v1.0.0');
    git(repo, ['tag', '-d', 'm@v1.0.0']);
    mkdirSync(path.join(repo, '.git', 'gto-tui'), {recursive: true});
    const remember = (tags: string[]) =>
      writeFileSync(path.join(repo, '.git', 'gto-tui', 'deletions-v1.json'), JSON.stringify([{artifact: 'm', version: 'v1.0.0', tags: tags.map((t) => ({tag: t, target: c, message: t}))}]));
    // names another artifact's tag: none of it is used
    remember(['m@v1.0.0', 'base@v1.0.0', 'm#dev#1']);
    const foreign = await runCli(repo, DELETE);
    assert.equal(foreign.code, 1);
    assert.equal(foreign.stderr, "❌ No versions found for 'm'\n");
    assert.deepEqual(tagsOf(repo), ['base@v1.0.0', 'm#dev#1', 'm#prod#2']);
    // m#prod#2 made again at another commit since: it is not the tag remembered, and stays
    commit(repo, 'two', {'model.bin': '2'}, {time: T0 + 40});
    git(repo, ['tag', '-d', 'm#prod#2']);
    tag(repo, 'm#prod#2', {time: T0 + 50});
    remember(['m@v1.0.0', 'm#dev#1', 'm#prod#2']);
    const moved = await runCli(repo, DELETE);
    assert.equal(moved.code, 0, moved.stderr);
    assert.deepEqual(moved.stdout.split('\n').filter((line) => line.startsWith('Deleted')), ["Deleted git tag 'm#dev#1'"]);
    assert.deepEqual(tagsOf(repo), ['base@v1.0.0', 'm#prod#2']);
    assert.equal(commitOf('m#prod#2'), commitOf('HEAD'));
  });
});
