/**
 * Ctrl-C / SIGTERM during a `-r URL` write: the command works in a temporary clone, pushes from
 * it, and must not leave the clone behind when stopped. The push is held in the remote's
 * `pre-receive` hook, so the signal lands while the clone exists.
 */
import assert from 'node:assert/strict';
import {chmodSync, readdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {after, describe, it} from 'node:test';
import {applyTestEnv, commit, makeBareRemote, makeRepo, removeTempDirs, tempDir} from '../helpers/repo.js';
import {runCli, type CliRun} from './cli.js';

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
