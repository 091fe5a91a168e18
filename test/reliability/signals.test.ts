/**
 * Signals around a push. During a `-r URL` write the command works in a temporary clone, pushes
 * from it, and must not leave the clone behind when stopped; the push is held in the remote's
 * `pre-receive` hook, so the signal lands while the clone exists. A signal right after the push
 * completed must not turn a finished write into "Interrupted", and a push that was stopped must
 * not land on the remote later.
 */
import assert from 'node:assert/strict';
import {chmodSync, existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {after, describe, it} from 'node:test';
import {applyTestEnv, commit, git, makeBareRemote, makeRepo, removeTempDirs, tempDir} from '../helpers/repo.js';
import {isRunning, runCli, waitUntil, type CliRun} from './cli.js';

applyTestEnv();
after(removeTempDirs);

/** A remote whose pushes hang in a hook, and a private TMPDIR for the clone. */
const slowRemote = (): {remote: string; tmp: string; cwd: string} => {
  const repo = makeRepo();
  commit(repo, 'one', {'a.txt': '1\n'});
  const remote = makeBareRemote(repo);
  const hook = path.join(remote, 'hooks', 'pre-receive');
  writeFileSync(hook, '#!/bin/sh\nsleep 30\n');
  chmodSync(hook, 0o755);
  return {remote, tmp: tempDir(), cwd: tempDir()};
};

/** `register m -r file://REMOTE`, sent `signal` once its push has started. */
const interruptPush = async (signal: 'SIGINT' | 'SIGTERM'): Promise<{run: CliRun; tmp: string; sawClone: boolean}> => {
  const {remote, tmp, cwd} = slowRemote();
  let sent = false;
  let sawClone = false;
  let pid = 0;
  const run = await runCli(cwd, ['register', 'm', '-r', `file://${remote}`], {
    env: {TMPDIR: tmp},
    detached: true,
    timeoutMs: 25_000,
    started: (child) => {
      pid = child.pid!;
      child.stdout!.on('data', (chunk: Buffer) => {
        if (sent || !chunk.toString().includes('Running `git push')) return;
        sent = true;
        sawClone = readdirSync(tmp).some((name) => name.startsWith('gto-tui-'));
        // only gto-tui itself, as `kill PID` would: its git push is still blocked in the hook
        child.kill(signal);
      });
    },
  });
  // the push that outlived gto-tui (and its hook's sleep): not part of what is tested
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
  assert.ok(sent, `the push started; stderr: ${run.stderr}`);
  return {run, tmp, sawClone};
};

describe('signals during a -r URL write', () => {
  it('SIGTERM removes the temporary clone, says what became of the tag and exits 143', async () => {
    const {run, tmp, sawClone} = await interruptPush('SIGTERM');
    assert.ok(sawClone, 'the clone existed when the signal was sent');
    assert.equal(run.code, 143);
    assert.ok(run.ms < 10_000, `exited at once, not after the hook (${run.ms} ms)`);
    assert.deepEqual(run.stderr.trim().split('\n'), ['❌ Interrupted by SIGTERM; the temporary clone was removed.', "The tag 'm@v0.0.1' was created in the temporary clone, and the push was stopped before the remote confirmed it: check the remote's tags before running the command again."]);
    assert.deepEqual(readdirSync(tmp).filter((name) => name.startsWith('gto-tui-')), []);
  });

  it('SIGINT (Ctrl-C) does the same and exits 130', async () => {
    const {run, tmp} = await interruptPush('SIGINT');
    assert.equal(run.code, 130);
    assert.deepEqual(run.stderr.trim().split('\n'), ['❌ Interrupted by SIGINT; the temporary clone was removed.', "The tag 'm@v0.0.1' was created in the temporary clone, and the push was stopped before the remote confirmed it: check the remote's tags before running the command again."]);
    assert.deepEqual(readdirSync(tmp).filter((name) => name.startsWith('gto-tui-')), []);
  });
});

/** Run `args` in `cwd` and send `signal` as soon as stdout shows `line`. */
const signalAfter = async (cwd: string, args: string[], line: string, signal: NodeJS.Signals, env: Record<string, string> = {}): Promise<{run: CliRun; sent: boolean}> => {
  let sent = false;
  let pid = 0;
  const run = await runCli(cwd, args, {
    env,
    detached: true,
    started: (child) => {
      pid = child.pid!;
      let stdout = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (sent || !stdout.includes(line)) return;
        sent = true;
        child.kill(signal);
      });
    },
  });
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // gone, as it should be
  }
  return {run, sent};
};

describe('a signal right after the push completed', () => {
  it('a local write that finished exits 0 and does not say Interrupted', async () => {
    const repo = makeRepo();
    commit(repo, 'one', {'a.txt': '1\n'});
    const remote = makeBareRemote(repo);
    const {run, sent} = await signalAfter(repo, ['register', 'm', '--push'], 'Successfully pushed', 'SIGINT');
    assert.ok(sent);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '');
    assert.equal(git(remote, ['tag', '--list', 'm@*']).trim(), 'm@v0.0.1');
  });

  it('a -r URL write that finished exits 0, does not say Interrupted, and removes its clone', async () => {
    const repo = makeRepo();
    commit(repo, 'one', {'a.txt': '1\n'});
    const remote = makeBareRemote(repo);
    const tmp = tempDir();
    const {run, sent} = await signalAfter(tempDir(), ['register', 'm', '-r', `file://${remote}`], 'Successfully pushed', 'SIGINT', {TMPDIR: tmp});
    assert.ok(sent);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '');
    assert.deepEqual(readdirSync(tmp), [], 'the temporary clone was removed');
    assert.equal(git(remote, ['tag', '--list', 'm@*']).trim(), 'm@v0.0.1');
  });
});

describe('a push stopped by SIGTERM', () => {
  it('never lands on the remote afterwards: git push, receive-pack and the hook are ended with it', async () => {
    const repo = makeRepo();
    commit(repo, 'one', {'a.txt': '1\n'});
    const remote = makeBareRemote(repo);
    // the hook lets the push through after 2 s: an orphaned push would land the tag then
    const pidFile = path.join(remote, 'hook.pid');
    const hook = path.join(remote, 'hooks', 'pre-receive');
    writeFileSync(hook, `#!/bin/sh\necho $$ > '${pidFile}'\nsleep 2\n`);
    chmodSync(hook, 0o755);
    let sent = false;
    let pid = 0;
    const run = await runCli(repo, ['register', 'm', '--push'], {
      detached: true,
      started: (child) => {
        pid = child.pid!;
        const poll = setInterval(() => {
          if (!existsSync(pidFile)) return;
          clearInterval(poll);
          sent = true;
          child.kill('SIGTERM');
        }, 10);
        child.once('exit', () => clearInterval(poll));
      },
    });
    assert.ok(sent, 'the push reached the hook');
    assert.equal(run.code, 143, run.stderr);
    assert.deepEqual(run.stderr.trim().split('\n'), [
      '❌ Interrupted by SIGTERM.',
      "The tag 'm@v0.0.1' was created locally; its push was stopped before origin confirmed it. To push it, run:",
      '    git push origin m@v0.0.1',
    ]);
    const hookPid = Number(readFileSync(pidFile, 'utf8'));
    assert.ok(await waitUntil(() => !isRunning(hookPid)), 'the hook was ended');
    // past the moment the hook would have let an orphaned push through
    await new Promise((resolve) => setTimeout(resolve, 3000));
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // gone
    }
    assert.equal(git(remote, ['tag', '--list', 'm@*']).trim(), '', 'the remote never got the tag');
    assert.equal(git(repo, ['tag', '--list', 'm@*']).trim(), 'm@v0.0.1', 'the local tag is kept, as the message says');
    // and the retry the message gives works
    git(repo, ['push', 'origin', 'm@v0.0.1']);
  });
});
