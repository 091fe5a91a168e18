/**
 * A repository someone hands you can name programs in its config that git runs: an upload-pack,
 * an ssh command, a proxy command, a credential helper, a gpg program, an fsmonitor, hooks. Opening
 * the TUI (which asks origin for its tags by itself) and every read command must run none of
 * them; a push or fetch the user asks for uses the repository's settings, as `git push` would.
 */
import assert from 'node:assert/strict';
import {chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {after, before, describe, it} from 'node:test';
import {startGitHttp} from '../helpers/gitHttp.js';
import {applyTestEnv, commit, git, makeBareRemote, makeRepo, removeTempDirs, tag, tempDir} from '../helpers/repo.js';
import {KEY, renderApp, type Harness} from '../ui/harness.js';
import {assertNoCrash, runCli} from './cli.js';

before(applyTestEnv);
after(removeTempDirs);

let checks = 0;
after(() => console.log(`configured-program checks: ${checks}`));

/** A program that, when run, writes its name into `ran` (which must stay absent) and fails. */
const traps = (): {program: (name: string) => string; ran: string} => {
  const dir = tempDir();
  const ran = path.join(dir, 'ran');
  return {
    ran,
    program: (name) => {
      const file = path.join(dir, name.replaceAll(/\W/g, '_'));
      writeFileSync(file, `#!/bin/sh\necho '${name}' "$@" >> '${ran}'\nexit 1\n`);
      chmodSync(file, 0o755);
      return file;
    },
  };
};

const ranSoFar = (ran: string): string => (existsSync(ran) ? readFileSync(ran, 'utf8') : '');

/** A repository with one registered version, its tag on a bare `origin` (makeBareRemote). */
const registry = (): {repo: string; origin: string} => {
  const repo = makeRepo();
  commit(repo, 'one', {'artifacts.yaml': 'm: {}\n'});
  tag(repo, 'm@v1.0.0');
  const origin = makeBareRemote(repo);
  return {repo, origin};
};

/** Open the TUI, wait until its own remote check has settled, hand it to `body`, close it. */
const openTui = async (repo: string, body: (h: Harness) => Promise<void> = async () => {}): Promise<void> => {
  const h = await renderApp(repo, {columns: 120});
  try {
    await h.waitFor((_, s) => s.remote.kind === 'known' || s.remote.kind === 'error', 'the remote check');
    await body(h);
  } finally {
    h.instance.unmount();
  }
  checks++;
};

const withEnv = async (env: Record<string, string>, body: () => Promise<void>): Promise<void> => {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  try {
    await body();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
};

/** An `ssh` (so named: git passes OpenSSH's options) that runs git's command locally. */
const localSsh = (): string => {
  const dir = tempDir();
  const program = path.join(dir, 'ssh');
  writeFileSync(program, '#!/bin/sh\nfor last; do :; done\nexec sh -c "$last"\n');
  chmodSync(program, 0o755);
  return program;
};

describe("the TUI's own remote check runs nothing the repository configures", () => {
  it('remote.origin.uploadpack never runs; the check still lists origin\'s tags from a local bare origin', async () => {
    const {repo} = registry();
    const {program, ran} = traps();
    git(repo, ['config', 'remote.origin.uploadpack', program('uploadpack')]);
    await openTui(repo, async (h) => {
      const remote = h.store.getState().remote;
      assert.equal(remote.kind, 'known', JSON.stringify(remote));
      assert.deepEqual(remote.kind === 'known' ? [...remote.tags.keys()] : [], ['m@v1.0.0']);
      // R checks again, the same way
      await h.press('R');
      assert.equal(h.store.getState().remote.kind, 'known');
    });
    assert.equal(ranSoFar(ran), '');
  });

  it('the check repeated every --remote-interval runs none either', async () => {
    const {repo} = registry();
    const {program, ran} = traps();
    git(repo, ['config', 'remote.origin.uploadpack', program('uploadpack')]);
    let asked = 0;
    const h = await renderApp(repo, {remoteIntervalMs: 50, services: (real) => ({...real, remoteTags: (check) => (asked++, real.remoteTags(check))})});
    try {
      await h.waitFor(() => asked >= 4, 'origin asked again by itself, three times');
      await h.idle();
      assert.equal(h.store.getState().remote.kind, 'known', JSON.stringify(h.store.getState().remote));
    } finally {
      h.instance.unmount();
    }
    checks++;
    assert.equal(ranSoFar(ran), '');
  });

  it("core.sshCommand never runs with an ssh:// origin; the user's own GIT_SSH does", async () => {
    const {repo, origin} = registry();
    const {program, ran} = traps();
    git(repo, ['config', 'core.sshCommand', program('core.sshCommand')]);
    git(repo, ['remote', 'set-url', 'origin', `ssh://git@127.0.0.1:2222${origin}`]);
    await withEnv({GIT_SSH: localSsh()}, () =>
      openTui(repo, async (h) => {
        assert.equal(h.store.getState().remote.kind, 'known', JSON.stringify(h.store.getState().remote));
      }),
    );
    assert.equal(ranSoFar(ran), '');
  });

  it('core.gitProxy never runs with a git:// origin', async () => {
    const {repo} = registry();
    const {program, ran} = traps();
    git(repo, ['config', 'core.gitProxy', program('core.gitProxy')]);
    git(repo, ['remote', 'set-url', 'origin', 'git://127.0.0.1:1/x.git']);
    await openTui(repo, async (h) => {
      assert.equal(h.store.getState().remote.kind, 'error');
    });
    assert.equal(ranSoFar(ran), '');
  });

  it('credential.helper (and a URL-specific one) never runs when an http origin asks for credentials', async () => {
    const {repo} = registry();
    const root = tempDir();
    const server = await startGitHttp(root, {auth: {user: 'u', password: 'p'}});
    try {
      const url = server.url('x.git');
      const {program, ran} = traps();
      git(repo, ['remote', 'set-url', 'origin', url]);
      git(repo, ['config', 'credential.helper', program('credential.helper')]);
      git(repo, ['config', `credential.${url}.helper`, program('credential.url.helper')]);
      await openTui(repo, async (h) => {
        const remote = h.store.getState().remote;
        assert.equal(remote.kind, 'error');
        assert.match(remote.kind === 'error' ? remote.message : '', /could not read Username|terminal prompts disabled/);
      });
      assert.ok(server.stats.refused > 0, 'the server asked for credentials');
      assert.equal(ranSoFar(ran), '');
    } finally {
      await server.close();
    }
  });

  it('an ext:: origin URL, and remote.origin.vcs=ext, are refused', async () => {
    const {repo} = registry();
    const marker = path.join(tempDir(), 'pwned');
    for (const setup of [
      () => git(repo, ['remote', 'set-url', 'origin', `ext::sh -c touch% ${marker}`]),
      () => {
        git(repo, ['remote', 'set-url', 'origin', `sh -c 'touch ${marker}'`]);
        git(repo, ['config', 'remote.origin.vcs', 'ext']);
      },
    ]) {
      setup();
      await openTui(repo, async (h) => {
        assert.equal(h.store.getState().remote.kind, 'error');
      });
    }
    assert.ok(!existsSync(marker));
  });

  it('a relative path origin is found as git finds it, from the repository root', async () => {
    const {repo, origin} = registry();
    git(repo, ['remote', 'set-url', 'origin', path.relative(repo, origin)]);
    assert.ok(!path.isAbsolute(git(repo, ['remote', 'get-url', 'origin']).trim()));
    await openTui(repo, async (h) => {
      assert.equal(h.store.getState().remote.kind, 'known', JSON.stringify(h.store.getState().remote));
    });
  });
});

describe('a push or fetch the user asks for uses the repository settings, as git push does', () => {
  it("after p pushes, origin is asked again with the repository's own upload-pack", async () => {
    const {repo, origin} = registry();
    commit(repo, 'two');
    tag(repo, 'm@v1.1.0');
    const log = path.join(tempDir(), 'uploadpack.log');
    const wrapper = path.join(tempDir(), 'upload-pack');
    writeFileSync(wrapper, `#!/bin/sh\necho ran >> '${log}'\nexec git-upload-pack "$@"\n`);
    chmodSync(wrapper, 0o755);
    git(repo, ['config', 'remote.origin.uploadpack', wrapper]);
    await openTui(repo, async (h) => {
      assert.equal(h.store.getState().remote.kind, 'known');
      assert.ok(!existsSync(log), 'the check on opening used git-upload-pack');
      await h.press('p');
      await h.press(KEY.enter);
      await h.waitFor((_, s) => s.remote.kind === 'known' && s.modes.length === 1, 'push done');
    });
    assert.ok(git(origin, ['tag', '--list']).includes('m@v1.1.0'));
    assert.ok(existsSync(log), "the check after the push used the repository's upload-pack");
  });
});

describe('opening and reading a hostile repository runs nothing it configures', () => {
  /** Every config key that names a program git might run for a read, set to a trap. */
  const hostile = (): {repo: string; ran: string} => {
    const {repo} = registry();
    const {program, ran} = traps();
    for (const key of [
      'core.fsmonitor',
      'core.pager',
      'core.editor',
      'core.askPass',
      'core.sshCommand',
      'core.gitProxy',
      'core.alternateRefsCommand',
      'credential.helper',
      'remote.origin.uploadpack',
      'remote.origin.receivepack',
      'gpg.program',
      'gpg.ssh.program',
      'gpg.x509.program',
      'gpg.ssh.defaultKeyCommand',
      'diff.external',
      'sequence.editor',
      'uploadpack.packObjectsHook',
      'filter.trap.process',
      'filter.trap.smudge',
      'diff.trap.textconv',
    ]) {
      git(repo, ['config', key, program(key)]);
    }
    git(repo, ['config', 'log.showSignature', 'true']);
    git(repo, ['config', 'pager.log', program('pager.log')]);
    writeFileSync(path.join(repo, '.gitattributes'), '* filter=trap diff=trap\n');
    const hooks = path.join(tempDir(), 'hooks');
    mkdirSync(hooks);
    for (const hook of ['post-checkout', 'post-index-change', 'fsmonitor-watchman', 'pre-auto-gc', 'reference-transaction', 'pre-push']) {
      writeFileSync(path.join(hooks, hook), `#!/bin/sh\necho hook ${hook} >> '${ran}'\n`);
      chmodSync(path.join(hooks, hook), 0o755);
    }
    // HEAD a signed commit, so that log.showSignature has something to verify
    const tree = git(repo, ['rev-parse', 'HEAD^{tree}']).trim();
    const parent = git(repo, ['rev-parse', 'HEAD']).trim();
    const signed = git(repo, ['hash-object', '-t', 'commit', '-w', '--stdin'], {
      input: `tree ${tree}\nparent ${parent}\nauthor A <a@example.com> 1704067200 +0000\ncommitter A <a@example.com> 1704067200 +0000\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n -----END PGP SIGNATURE-----\n\nsigned\n`,
    }).trim();
    git(repo, ['update-ref', 'refs/heads/main', signed]);
    git(repo, ['config', 'core.hooksPath', hooks]);
    return {repo, ran};
  };

  it('the TUI: opening, the remote check, the register form (its commit list), reload', async () => {
    const {repo, ran} = hostile();
    await openTui(repo, async (h) => {
      assert.equal(h.store.getState().remote.kind, 'known', JSON.stringify(h.store.getState().remote));
      const form = await h.press('N');
      assert.match(form, /signed/, 'the commit list shows HEAD');
      await h.press(KEY.escape, KEY.escape, KEY.escape);
      await h.press('R');
    });
    assert.equal(ranSoFar(ran), '');
  });

  it('every read command', async () => {
    const {repo, ran} = hostile();
    for (const args of [['show'], ['show', 'm'], ['show', '--json'], ['history'], ['history', 'm', '--json'], ['stages'], ['doctor'], ['check-ref', 'm@v1.0.0'], ['print-state'], ['show', '-v']]) {
      const run = await runCli(repo, args);
      assertNoCrash(run, args.join(' '));
      assert.equal(run.code, 0, `${args.join(' ')}: ${run.stderr}`);
      checks++;
    }
    assert.equal(ranSoFar(ran), '');
  });
});
