import assert from 'node:assert/strict';
import {execFileSync, spawnSync} from 'node:child_process';
import {chmodSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {T0, applyTestEnv, commit, git, makeRepo, removeTempDirs, tag, tempDir, TEST_ENV} from '../helpers/repo.js';
import {forgeTagMessage, sshKey, useSshSigning} from '../helpers/signing.js';
import {KEY, renderApp, type Harness} from './harness.js';

before(() => {
  applyTestEnv();
  process.env['GIT_COMMITTER_DATE'] = `@${T0 + 1000} +0000`;
});
after(removeTempDirs);

/**
 * m@v1.0.0 signed by carol (✓), m#prod#1 forged under her signature (✗), m#dev#2 signed by a
 * stranger (?), m@v1.1.0 unsigned (-). Returns the repository and its allowed-signers file.
 */
const signedRegistry = (): {dir: string; signers: string} => {
  const dir = makeRepo();
  const c1 = commit(dir, 'first');
  const mine = sshKey();
  const stranger = sshKey();
  useSshSigning(dir, mine, [{principal: 'carol@example.com', key: mine}]);
  const signed = (name: string, message: string, time: number, extra: string[] = []) =>
    git(dir, [...extra, 'tag', '-s', '-m', message, name, c1], {env: {GIT_COMMITTER_DATE: `@${time} +0000`}});
  signed('m@v1.0.0', 'Registering artifact m version v1.0.0', T0 + 10);
  signed('m#prod#1', 'Assigning stage prod to artifact m version v1.0.0', T0 + 20);
  forgeTagMessage(dir, 'm#prod#1', 'Assigning stage prod to artifact m version v1.0.0 (forged)');
  signed('m#dev#2', 'Assigning stage dev to artifact m version v1.0.0', T0 + 30, ['-c', `user.signingkey=${stranger.privateKey}`]);
  const c2 = commit(dir, 'second', {}, {time: T0 + 40});
  tag(dir, 'm@v1.1.0', {target: c2, time: T0 + 50, message: 'Registering artifact m version v1.1.0'});
  return {dir, signers: git(dir, ['config', 'gpg.ssh.allowedSignersFile']).trim()};
};

const withApp = async (dir: string, body: (h: Harness) => Promise<void>) => {
  const h = await renderApp(dir, {columns: 100, rows: 24});
  try {
    await body(h);
  } finally {
    h.instance.unmount();
  }
};

/** The frame's line that shows `text`. */
const lineWith = (frame: string, text: string): string => frame.split('\n').find((line) => line.includes(text)) ?? '';

describe('signature column', () => {
  test('V in the artifact panel marks each version and event ✓ ✗ ? - as git verify-tag says', async () => {
    const {dir} = signedRegistry();
    await withApp(dir, async (h) => {
      let frame = await h.press(KEY.enter);
      assert.match(frame, /Versions/);
      assert.doesNotMatch(frame, /[✓✗]/, 'no column until asked');
      frame = await h.press('V');
      frame = await h.waitFor((_, s) => !s.signatures.checking && s.signatures.results.size > 0, 'verified');
      assert.match(lineWith(frame, 'v1.0.0       '), /^✓ /, 'the version registered by a good signature');
      assert.match(lineWith(frame, 'v1.1.0       '), /^- /, 'an unsigned version');
      assert.match(lineWith(frame, 'm#prod#1'), /^✗ /);
      assert.match(lineWith(frame, 'm#dev#2'), /^\? /);
      assert.match(lineWith(frame, 'm@v1.0.0'), /^✓ /);
      assert.match(lineWith(frame, 'm@v1.1.0'), /^- /);
      frame = await h.press('V');
      assert.doesNotMatch(frame, /^[✓✗?-] /m, 'V again hides it');
    });
  });

  test('verification runs in the background: keys work while git is still verifying', async () => {
    const {dir} = signedRegistry();
    // an ssh-keygen that waits for the test's word, so the verification is still running
    const bin = tempDir('gto-tui-gate-');
    const gate = path.join(bin, 'open');
    const slow = path.join(bin, 'slow-ssh-keygen');
    writeFileSync(slow, `#!/bin/sh\nwhile [ ! -e '${gate}' ]; do sleep 0.02; done\nexec ssh-keygen "$@"\n`);
    chmodSync(slow, 0o755);
    git(dir, ['config', 'gpg.ssh.program', slow]);
    await withApp(dir, async (h) => {
      await h.press(KEY.enter);
      h.instance.stdin.write('V');
      await h.waitFor((f, s) => s.signatures.checking && /^… /m.test(f), 'the column waiting for git');
      // the panel still answers: the cursor moves to the next version while git works
      h.instance.stdin.write('j');
      await h.waitFor((f) => /^… ▶ v1\.0\.0/m.test(f), 'the cursor moved');
      h.instance.stdin.write(KEY.escape);
      await h.waitFor((f, s) => s.modes.at(-1) === 'grid' && s.signatures.checking, 'back on the grid while verifying');
      writeFileSync(gate, '');
      await h.waitFor((_, s) => !s.signatures.checking && s.busy === 0, 'verified');
      const frame = await h.press(KEY.enter);
      assert.match(lineWith(frame, 'm#prod#1'), /^✗ /);
      assert.match(lineWith(frame, 'm@v1.0.0'), /^✓ /);
    });
  });

  test('turning the column off and on verifies afresh: a key taken out of the allowed-signers file is no longer ✓', async () => {
    const {dir, signers} = signedRegistry();
    await withApp(dir, async (h) => {
      await h.press(KEY.enter, 'V');
      let frame = await h.waitFor((_, s) => !s.signatures.checking && s.signatures.results.size > 0, 'verified');
      assert.match(lineWith(frame, 'm@v1.0.0'), /^✓ /);
      writeFileSync(signers, '');
      await h.press('V', 'V');
      frame = await h.waitFor((_, s) => !s.signatures.checking && s.signatures.results.size > 0, 'verified again');
      assert.match(lineWith(frame, 'm@v1.0.0'), /^\? /);
    });
  });
});

test('a verification git refuses says why on the status line, and the column stays usable', async () => {
  const {dir} = signedRegistry();
  git(dir, ['config', 'gpg.minTrustLevel', 'bogus']);
  await withApp(dir, async (h) => {
    await h.press(KEY.enter, 'V');
    const frame = await h.waitFor((_, s) => !s.signatures.checking && s.busy === 0, 'verification ended');
    assert.match(frame, /Cannot verify signatures: invalid value for 'gpg\.mintrustlevel'/);
    assert.doesNotMatch(frame, /^✓ /m);
  });
});

describe('signing in the confirmation', () => {
  const gitAccepts = (dir: string, name: string): boolean =>
    spawnSync('git', ['verify-tag', name], {cwd: dir, env: {...process.env, ...TEST_ENV}, stdio: 'ignore'}).status === 0;
  const isSigned = (dir: string, name: string): boolean => /-----BEGIN SSH SIGNATURE-----/.test(execFileSync('git', ['cat-file', 'tag', name], {cwd: dir, encoding: 'utf8'}));

  test('off by default; s turns it on and the tag made is signed, as git verify-tag accepts', async () => {
    const {dir} = signedRegistry();
    let created = '';
    await withApp(dir, async (h) => {
      let frame = await h.press('a', KEY.enter, KEY.enter); // the preselected version and stage
      assert.match(frame, /\[ \] sign with your key \(s\)/);
      assert.match(frame, /s sign/, 'the hint bar offers it');
      frame = await h.press('s');
      assert.match(frame, /\[x\] sign with your key \(s\)/);
      frame = await h.press(KEY.enter);
      created = /Created '(m#[a-z]+#\d+)'/.exec(frame)?.[1] ?? '';
      assert.notEqual(created, '', frame);
    });
    assert.ok(isSigned(dir, created));
    assert.ok(gitAccepts(dir, created));
  });

  test('on by default when git\'s tag.gpgSign is true; s turns it off and the tag is plain', async () => {
    const {dir} = signedRegistry();
    git(dir, ['config', 'tag.gpgSign', 'true']);
    commit(dir, 'third', {}, {time: T0 + 60});
    await withApp(dir, async (h) => {
      // the defaults of every step, then the review
      let frame = await h.press('r', KEY.enter, KEY.enter, KEY.enter);
      assert.match(frame, /\[x\] sign with your key \(s\)/);
      frame = await h.press('s', KEY.enter);
      assert.match(frame, /Created 'm@v1\.1\.1'/);
    });
    assert.ok(!isSigned(dir, 'm@v1.1.1'));
  });
});
