/**
 * Faults while writing: refused and unreachable remotes, a remote that wants credentials,
 * repositories without commits, detached or shallow, ref writes git refuses, and a process
 * killed in the middle of a push. After each: `git fsck` passes, nothing is half-written, and
 * the message says what to do next.
 */
import assert from 'node:assert/strict';
import {chmodSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import path from 'node:path';
import {after, before, describe, it} from 'node:test';
import {T0, applyTestEnv, commit, git, makeBareRemote, makeRepo, removeTempDirs, tag, tempDir} from '../helpers/repo.js';
import {assertFsckClean, assertNoCrash, assertOneLineFailure, nonEmptyLines, refs, runCli, tagNames} from './cli.js';

before(applyTestEnv);
after(removeTempDirs);

let faults = 0;
after(() => console.log(`faults injected: ${faults}`));

const repoWithCommit = (): string => {
  const repo = makeRepo();
  commit(repo, 'one', {'model.bin': '1'});
  return repo;
};

const PUSH_FAILED = /^❌ The command `git push origin m@v0\.0\.1` failed\. Make sure your local repository is in sync with the remote\.$/;

/** A failed push of m@v0.0.1: GTO's sentence, git's reason, the kept tag and the retry command. */
const assertPushFailedKeptTag = (run: Awaited<ReturnType<typeof runCli>>, repo: string, what: string): string[] => {
  assertNoCrash(run, what);
  assert.equal(run.code, 1, `${what}: ${run.stderr}`);
  const lines = nonEmptyLines(run.stderr);
  assert.match(lines[0]!, PUSH_FAILED, what);
  assert.match(lines[1]!, /^git: \S/, what);
  assert.ok(lines.includes("The tag 'm@v0.0.1' was created locally and kept. To retry the push, run:"), `${what}: ${run.stderr}`);
  assert.ok(lines.includes('    git push origin m@v0.0.1'), what);
  assert.deepEqual(tagNames(repo), ['m@v0.0.1'], `${what}: the local tag is whole and kept`);
  assert.equal(git(repo, ['cat-file', '-t', 'refs/tags/m@v0.0.1']).trim(), 'tag');
  assertFsckClean(repo);
  return lines;
};

describe('unreachable remotes', () => {
  for (const [kind, url] of [
    ['a path that does not exist', '/nonexistent/gto-tui/remote.git'],
    ['git:// on a closed loopback port', 'git://127.0.0.1:1/x.git'],
    ['http:// on a closed loopback port', 'http://127.0.0.1:1/x.git'],
  ] as const) {
    it(`${kind}: --push fails fast, keeps the local tag, and re-running says what is not pushed`, async () => {
      const repo = repoWithCommit();
      git(repo, ['remote', 'add', 'origin', url]);
      const run = await runCli(repo, ['register', 'm', '--push']);
      faults++;
      assert.ok(run.ms < 10_000, `took ${run.ms} ms`);
      assertPushFailedKeptTag(run, repo, kind);

      // the same command again: refused (the tag exists), but it says what is left to do
      const again = await runCli(repo, ['register', 'm', '--push']);
      assertNoCrash(again, 'again');
      assert.equal(again.code, 1);
      const lines = nonEmptyLines(again.stderr);
      assert.equal(lines[0], "❌ 'm' is already registered in this commit with version 'v0.0.1'");
      // the remote cannot be asked, so there is no claim about it: GTO's one line
      assert.equal(lines.length, 1, again.stderr);

      const clone = await runCli(repo, ['show', '-r', url]);
      assertOneLineFailure(clone, `show -r ${url}`, /^❌ Failed to clone repo '.*': \S/);
    });
  }
});

describe('a remote that refuses', () => {
  it('already has a tag of that name (simple form): exit 1, nothing overwritten, retry hint; fsck clean on both sides', async () => {
    const repo = repoWithCommit();
    const remote = makeBareRemote(repo);
    const other = tempDir();
    git(other, ['clone', '--quiet', remote, '.']);
    commit(other, 'theirs', {'model.bin': '2'});
    tag(other, 'm@v0.0.1', {message: 'theirs'});
    git(other, ['push', '--quiet', 'origin', 'refs/tags/m@v0.0.1']);
    const theirs = git(remote, ['rev-parse', 'refs/tags/m@v0.0.1']).trim();
    const run = await runCli(repo, ['register', 'm', '--push']);
    faults++;
    const lines = assertPushFailedKeptTag(run, repo, 'push rejected');
    assert.ok(lines.includes("The remote already has a different tag 'm@v0.0.1'; nothing was overwritten."));
    assert.equal(git(remote, ['rev-parse', 'refs/tags/m@v0.0.1']).trim(), theirs);
    assertFsckClean(remote);
  });

  it('a server hook refuses: its explanation is shown on the git: line', async () => {
    const repo = repoWithCommit();
    const remote = makeBareRemote(repo);
    const hook = path.join(remote, 'hooks', 'pre-receive');
    writeFileSync(hook, '#!/bin/sh\necho "tags are frozen until Monday" >&2\nexit 1\n');
    chmodSync(hook, 0o755);
    const run = await runCli(repo, ['register', 'm', '--push']);
    faults++;
    const lines = assertPushFailedKeptTag(run, repo, 'hook refuses');
    assert.match(lines[1]!, /remote said: tags are frozen until Monday/);
    assert.deepEqual(tagNames(remote), []);
  });
});

describe('a remote that asks for credentials', () => {
  let server: http.Server;
  let base: string;
  let requests = 0;
  before(async () => {
    server = http.createServer((_request, response) => {
      requests++;
      response.writeHead(401, {'WWW-Authenticate': 'Basic realm="gto-tui test"', 'Content-Type': 'text/plain'});
      response.end('authentication required\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** An askpass program that leaves a mark when run (it must never be). */
  const askpass = (): {program: string; marker: string} => {
    const dir = tempDir();
    const marker = path.join(dir, 'asked');
    const program = path.join(dir, 'askpass.sh');
    writeFileSync(program, `#!/bin/sh\necho "$*" >> '${marker}'\necho secret\n`);
    chmodSync(program, 0o755);
    return {program, marker};
  };

  it('--push fails within seconds with a clear message; no prompt, GIT_ASKPASS, core.askPass and SSH_ASKPASS never run', async () => {
    const repo = repoWithCommit();
    git(repo, ['remote', 'add', 'origin', `${base}/repo.git`]);
    const {program, marker} = askpass();
    git(repo, ['config', 'core.askPass', program]);
    const seen = requests;
    const run = await runCli(repo, ['register', 'm', '--push'], {
      env: {GIT_ASKPASS: program, SSH_ASKPASS: program, DISPLAY: ':0', GIT_TERMINAL_PROMPT: undefined},
      timeoutMs: 20_000,
    });
    faults++;
    assert.ok(requests > seen, 'git did reach the server');
    assert.ok(run.ms < 5_000, `took ${run.ms} ms`);
    const lines = assertPushFailedKeptTag(run, repo, 'credentials');
    assert.match(lines[1]!, /could not read Username|Authentication failed/);
    assert.ok(lines.some((line) => line.startsWith('The remote asked for credentials; gto-tui never prompts for them.')), run.stderr);
    assert.ok(!existsSync(marker), 'no askpass program was run');
  });

  it('-r URL that wants credentials: one line, no askpass, no clone left behind', async () => {
    const repo = repoWithCommit();
    const {program, marker} = askpass();
    const tmp = tempDir();
    const run = await runCli(repo, ['show', '-r', `${base}/other.git`], {env: {GIT_ASKPASS: program, SSH_ASKPASS: program, TMPDIR: tmp}});
    faults++;
    assert.ok(run.ms < 5_000, `took ${run.ms} ms`);
    assertOneLineFailure(run, 'clone with credentials', /^❌ Failed to clone repo 'http:\/\/127\.0\.0\.1:\d+\/other\.git': .*(could not read Username|Authentication failed)/);
    assert.ok(!existsSync(marker));
    assert.deepEqual(readdirSync(tmp), [], 'the temporary clone was removed');
  });
});

describe('unusual repository states', () => {
  it('no commits: writes refuse in one line, reads print "Nothing found"', async () => {
    const repo = makeRepo();
    for (const args of [['register', 'm'], ['assign', 'm', '--stage', 'prod'], ['deprecate', 'm']]) {
      const run = await runCli(repo, args);
      faults++;
      assertOneLineFailure(run, args.join(' '), /^❌ (unknown Git revision 'HEAD'|Cannot find artifact 'm')$/);
    }
    const show = await runCli(repo, ['show']);
    assert.equal(show.code, 0, show.stderr);
    assert.equal(show.stdout.trim(), 'Nothing found in the current workspace');
    assert.equal(refs(repo), '');
  });

  it('detached HEAD: register and assign tag the checked-out commit', async () => {
    const repo = repoWithCommit();
    const second = commit(repo, 'two', {'model.bin': '2'}, {time: T0 + 10});
    const first = git(repo, ['rev-parse', 'HEAD~1']).trim();
    git(repo, ['checkout', '--quiet', '--detach', first]);
    faults++;
    const run = await runCli(repo, ['assign', 'm', '--stage', 'prod']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(git(repo, ['rev-parse', 'm@v0.0.1^{commit}']).trim(), first);
    assert.equal(git(repo, ['rev-parse', 'm#prod#1^{commit}']).trim(), first);
    assert.notEqual(first, second);
    const show = await runCli(repo, ['show', 'm#prod', '--version']);
    assert.equal(show.stdout.trim(), 'v0.0.1');
    assertFsckClean(repo);
  });

  it('shallow clone without tags: show and doctor say the registry may be incomplete', async () => {
    const origin = repoWithCommit();
    tag(origin, 'm@v1.0.0');
    commit(origin, 'two', {}, {time: T0 + 10});
    const shallow = tempDir();
    git(shallow, ['clone', '--quiet', '--depth', '1', '--no-tags', `file://${origin}`, '.']);
    faults++;
    const show = await runCli(shallow, ['show']);
    assert.equal(show.code, 0, show.stderr);
    assert.deepEqual(nonEmptyLines(show.stderr), [
      'WARNING: This repository is a shallow clone: tags and history may be missing, so the registry may be incomplete. Run `git fetch --unshallow --tags` to get all of it.',
    ]);
    const json = await runCli(shallow, ['show', '--json']);
    assert.equal(JSON.parse(json.stdout) instanceof Object, true, 'stdout stays machine-readable');
    const doctor = await runCli(shallow, ['doctor']);
    assert.equal(doctor.code, 0);
    assert.match(doctor.stdout, /WARNING: This repository is a shallow clone/);
    // a full clone says nothing of the kind
    const full = await runCli(origin, ['show']);
    assert.equal(full.stderr, '');
  });
});

describe('ref writes git refuses (we run as root, so permissions cannot block: a stale lock and a file in the way stand in)', () => {
  it("a stale lock on the tag's ref: one line naming the lock and what to do; nothing written; works once removed", async () => {
    const repo = repoWithCommit();
    const lock = path.join(repo, '.git', 'refs', 'tags', 'm@v0.0.1.lock');
    mkdirSync(path.dirname(lock), {recursive: true});
    writeFileSync(lock, '');
    const run = await runCli(repo, ['register', 'm']);
    faults++;
    assertOneLineFailure(
      run,
      'stale lock',
      /^❌ Could not create tag 'm@v0\.0\.1': .*File exists\. Another git process may be running in this repository; if none is, remove '.*m@v0\.0\.1\.lock' and run the command again\.$/,
    );
    assert.deepEqual(tagNames(repo), []);
    assertFsckClean(repo);
    rmSync(lock);
    assert.equal((await runCli(repo, ['register', 'm'])).code, 0);
    assert.deepEqual(tagNames(repo), ['m@v0.0.1']);
  });

  it('assign with auto-registration, the second tag blocked: the message names the tag already made', async () => {
    const repo = repoWithCommit();
    const lock = path.join(repo, '.git', 'refs', 'tags', 'm#prod#1.lock');
    mkdirSync(path.dirname(lock), {recursive: true});
    writeFileSync(lock, '');
    const run = await runCli(repo, ['assign', 'm', '--stage', 'prod']);
    faults++;
    assert.equal(run.code, 1);
    assert.match(run.stdout, /Created git tag 'm@v0\.0\.1' that registers version/);
    assertOneLineFailure(run, 'second tag blocked', /^❌ Could not create tag 'm#prod#1': .* Already done and kept: 'm@v0\.0\.1'\.$/);
    assert.deepEqual(tagNames(repo), ['m@v0.0.1']);
    assertFsckClean(repo);
    rmSync(lock);
    const again = await runCli(repo, ['assign', 'm', '--stage', 'prod']);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(tagNames(repo), ['m#prod#1', 'm@v0.0.1']);
  });

  it('refs/tags is a file: one line, nothing written', async () => {
    const repo = repoWithCommit();
    const tags = path.join(repo, '.git', 'refs', 'tags');
    rmSync(tags, {recursive: true, force: true});
    writeFileSync(tags, '');
    const run = await runCli(repo, ['register', 'm']);
    faults++;
    assertOneLineFailure(run, 'refs/tags is a file', /^❌ Could not create tag 'm@v0\.0\.1': .*Nothing was written for it; fix the cause and run the command again\.$/);
    rmSync(tags);
    mkdirSync(tags);
    assert.deepEqual(tagNames(repo), []);
    assertFsckClean(repo);
  });
});

describe('a push killed midway', () => {
  it('SIGKILL of gto-tui and its git during the push: local tag whole, fsck clean, re-running says what to push', async () => {
    const repo = repoWithCommit();
    const remote = makeBareRemote(repo);
    const hook = path.join(remote, 'hooks', 'pre-receive');
    writeFileSync(hook, '#!/bin/sh\nsleep 30\n');
    chmodSync(hook, 0o755);

    let killedAt = 0;
    const run = await runCli(repo, ['register', 'm', '--push'], {
      detached: true,
      timeoutMs: 25_000,
      started: (child) => {
        child.stdout!.on('data', (chunk: Buffer) => {
          // the push has started (and blocks in the hook): kill everything, like a closed terminal
          if (killedAt === 0 && chunk.toString().includes('Running `git push')) {
            killedAt = Date.now();
            setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 300);
          }
        });
      },
    });
    faults++;
    assert.ok(killedAt > 0, 'the push started');
    assert.equal(run.signal, 'SIGKILL');
    assert.ok(run.ms < 10_000, `killed, not timed out (${run.ms} ms)`);

    // local: the tag is whole (created before the push); remote: the update never happened
    assert.deepEqual(tagNames(repo), ['m@v0.0.1']);
    assert.equal(git(repo, ['cat-file', '-t', 'refs/tags/m@v0.0.1']).trim(), 'tag');
    assertFsckClean(repo);
    assert.deepEqual(tagNames(remote), []);
    assertFsckClean(remote);

    // running the command again tells what is left to do
    rmSync(hook);
    const again = await runCli(repo, ['register', 'm', '--push']);
    assertNoCrash(again, 'again');
    assert.equal(again.code, 1);
    assert.deepEqual(nonEmptyLines(again.stderr), [
      "❌ 'm' is already registered in this commit with version 'v0.0.1'",
      "Only in this repository, not on origin: 'm@v0.0.1' (a push failed or was interrupted?). To push, run:",
      '    git push origin m@v0.0.1',
    ]);
    git(repo, ['push', '--quiet', 'origin', 'm@v0.0.1']);
    assert.deepEqual(tagNames(remote), ['m@v0.0.1']);
    const done = await runCli(repo, ['register', 'm', '--push']);
    assert.deepEqual(nonEmptyLines(done.stderr), ["❌ 'm' is already registered in this commit with version 'v0.0.1'"], 'nothing left to push: GTO\'s one line');
  });
});
