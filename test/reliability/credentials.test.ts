/**
 * Credentials in `-r` URLs and in origins are never printed: every URL form (user:password,
 * a token as the user name, with a port, a path, percent-encoding, file://, ssh://) through every
 * message that names a URL — a clone's trace under `-v`, "Failed to clone repo …", the push
 * failure of a temporary clone, git's own complaints, the TUI header — against real git servers
 * (git http-backend over HTTP and HTTPS, a local ssh stand-in, file://).
 */
import assert from 'node:assert/strict';
import {chmodSync, mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {after, before, describe, it} from 'node:test';
import {openRepository} from '../../source/git/repository.js';
import {createServices} from '../../source/ui/services.js';
import {startGitHttp, tlsAvailable, type GitHttpServer, type HttpAuth} from '../helpers/gitHttp.js';
import {applyTestEnv, commit, git, makeRepo, removeTempDirs, tag, tempDir} from '../helpers/repo.js';
import {renderApp} from '../ui/harness.js';
import {assertNoCrash, runCli, type CliRun} from './cli.js';

before(applyTestEnv);
after(removeTempDirs);

let runs = 0;
let secretsPrinted = 0;
after(() => console.log(`credential runs: ${runs}, secrets printed: ${secretsPrinted}`));

/** The repositories every server serves: `repo.git` and `deep/path/repo.git`, both refusing every push. */
const serverRoot = (): {root: string; source: string} => {
  const source = makeRepo();
  commit(source, 'one', {'artifacts.yaml': 'm: {}\n'});
  tag(source, 'm@v1.0.0');
  const root = tempDir();
  for (const repoPath of ['repo.git', 'deep/path/repo.git']) {
    mkdirSync(path.join(root, path.dirname(repoPath)), {recursive: true});
    git(root, ['clone', '--bare', '--quiet', source, repoPath]);
    const hook = path.join(root, repoPath, 'hooks', 'pre-receive');
    writeFileSync(hook, '#!/bin/sh\necho "refused by the test server"\nexit 1\n');
    chmodSync(hook, 0o755);
  }
  return {root, source};
};

/**
 * An `ssh` stand-in (named ssh, so git speaks OpenSSH's options to it) that runs git's command
 * locally, and, like ssh refusing a key, prints `<user@host>: Permission denied (publickey).`
 * when the repository does not exist.
 */
const fakeSsh = (): string => {
  const dir = tempDir();
  const program = path.join(dir, 'ssh');
  writeFileSync(
    program,
    [
      '#!/bin/sh',
      'for last; do :; done',
      'host=""; prev=""',
      'for a; do [ "$a" = "$last" ] && break; host=$a; done',
      `repo=$(printf '%s' "$last" | sed "s/^[^']*'//; s/'$//")`,
      'if [ ! -d "$repo" ]; then echo "$host: Permission denied (publickey)." >&2; exit 255; fi',
      'exec sh -c "$last"',
    ].join('\n') + '\n',
  );
  chmodSync(program, 0o755);
  return program;
};

type Form = {
  name: string;
  /** A URL of the served repository, carrying the secret. */
  url: string;
  /** The same, of a repository that does not exist (or with credentials the server refuses). */
  broken: string;
  secrets: readonly string[];
  env: Record<string, string>;
};

const assertNoSecret = (run: CliRun, form: Form, what: string): void => {
  runs++;
  assertNoCrash(run, `${form.name}: ${what}`);
  for (const secret of form.secrets) {
    if ((run.stdout + run.stderr).includes(secret)) secretsPrinted++;
    assert.ok(!run.stdout.includes(secret), `${form.name}: ${what}: stdout shows '${secret}':\n${run.stdout}`);
    assert.ok(!run.stderr.includes(secret), `${form.name}: ${what}: stderr shows '${secret}':\n${run.stderr}`);
  }
};

describe('credentials in -r URLs', () => {
  let root: string;
  let source: string;
  const servers: GitHttpServer[] = [];
  const forms: Form[] = [];

  before(async () => {
    ({root, source} = serverRoot());
    const serve = async (auth: HttpAuth, tls = false): Promise<GitHttpServer> => {
      const server = await startGitHttp(root, {auth, tls});
      servers.push(server);
      return server;
    };
    const basic = await serve({user: 'alice', password: 'PW-SECRET-1'});
    forms.push({
      name: 'http user:password, port and path',
      url: basic.url('deep/path/repo.git', 'alice:PW-SECRET-1'),
      broken: basic.url('deep/path/repo.git', 'alice:PW-SECRET-1-wrong'),
      secrets: ['PW-SECRET-1'],
      env: {},
    });
    const encoded = await serve({user: 'al@ice', password: 'p:SECRET-3'});
    forms.push({
      name: 'http percent-encoded user info',
      url: encoded.url('repo.git', 'al%40ice:p%3ASECRET-3'),
      broken: encoded.url('missing.git', 'al%40ice:p%3ASECRET-3'),
      secrets: ['SECRET-3'],
      env: {},
    });
    const tokenHttp = await serve({token: 'ghp_SECRET2http'});
    forms.push({
      name: 'http token as the user name',
      url: tokenHttp.url('repo.git', 'ghp_SECRET2http'),
      // a token the server refuses: git then asks for a password, naming the URL with the token
      broken: tokenHttp.url('repo.git', 'ghp_SECRET2wrong'),
      secrets: ['ghp_SECRET2'],
      env: {},
    });
    if (tlsAvailable()) {
      const tokenHttps = await serve({token: 'ghp_SECRET2tls'}, true);
      forms.push({
        name: 'https token as the user name',
        url: tokenHttps.url('repo.git', 'ghp_SECRET2tls'),
        broken: tokenHttps.url('repo.git', 'ghp_SECRET2badtls'),
        secrets: ['ghp_SECRET2'],
        env: {GIT_SSL_CAINFO: tokenHttps.caFile!},
      });
    }
    forms.push({
      name: 'file:// with user info',
      url: `file://user:SECRET-5@${path.join(root, 'repo.git')}`,
      broken: `file://user:SECRET-5@${path.join(root, 'missing.git')}`,
      secrets: ['SECRET-5'],
      env: {},
    });
    forms.push({
      name: 'ssh://user:password@ with a port',
      url: `ssh://deploy:SECRET-6@127.0.0.1:2222${path.join(root, 'repo.git')}`,
      broken: `ssh://deploy:SECRET-6@127.0.0.1:2222${path.join(root, 'missing.git')}`,
      secrets: ['SECRET-6'],
      env: {GIT_SSH_COMMAND: fakeSsh()},
    });
  });
  after(async () => {
    for (const server of servers) await server.close();
  });

  it('a clone and its -v trace show the URL redacted', async () => {
    for (const form of forms) {
      const run = await runCli(source, ['show', '-v', '-r', form.url], {env: form.env});
      assertNoSecret(run, form, 'show -v');
      assert.equal(run.code, 0, `${form.name}: ${run.stderr}`);
      assert.match(run.stderr, /^git .* clone --quiet -- '?[a-z]+:\/\/\*\*\*@\S+ \S+ \(\d+ ms\)$/m, `${form.name}: the trace names the redacted URL`);
    }
  });

  it('"Failed to clone repo" names the URL redacted, and git\'s reason carries no credentials', async () => {
    for (const form of forms) {
      for (const args of [['show', '-v', '-r', form.broken], ['register', 'n', '-r', form.broken]]) {
        const run = await runCli(source, args, {env: form.env});
        assertNoSecret(run, form, args.join(' '));
        assert.equal(run.code, 1, `${form.name}: ${run.stderr}`);
        assert.match(run.stderr, /❌ Failed to clone repo '[a-z]+:\/\/\*\*\*@[^']+': \S/, `${form.name}: ${run.stderr}`);
      }
    }
  });

  it('a push refused by the server: "made only in a temporary clone of" names the URL redacted', async () => {
    for (const form of forms) {
      for (const args of [['register', 'n', '-r', form.url], ['assign', 'm', '--version', 'v1.0.0', '--stage', 'prod', '-v', '-r', form.url]]) {
        const run = await runCli(source, args, {env: form.env});
        assertNoSecret(run, form, args.join(' '));
        assert.equal(run.code, 1, `${form.name}: ${run.stderr}`);
        assert.match(run.stderr, /refused by the test server/, `${form.name}: git's reason is shown`);
        assert.match(run.stderr, /was made only in a temporary clone of [a-z]+:\/\/\*\*\*@\S+, which was removed/, `${form.name}: ${run.stderr}`);
      }
    }
  });

  it('an origin with credentials: a refused --push, its retry hint and -v show none', async () => {
    for (const form of forms) {
      const repo = makeRepo();
      commit(repo, 'one');
      git(repo, ['remote', 'add', 'origin', form.url]);
      for (const args of [['register', 'm', '--push', '-v'], ['register', 'm', '--push']]) {
        const run = await runCli(repo, args, {env: form.env});
        assertNoSecret(run, form, `origin: ${args.join(' ')}`);
        assert.equal(run.code, 1, `${form.name}: ${run.stderr}`);
      }
      // an origin the server refuses: git's complaint names the URL
      git(repo, ['remote', 'set-url', 'origin', form.broken]);
      const run = await runCli(repo, ['assign', 'm', '--stage', 'prod', '--push', '-v'], {env: form.env});
      assertNoSecret(run, form, 'broken origin: assign --push');
      assert.equal(run.code, 1, `${form.name}: ${run.stderr}`);
    }
  });

  it('the TUI header names a cloned URL and an origin redacted, and so does its remote check', async () => {
    for (const form of forms) {
      const saved = {...process.env};
      Object.assign(process.env, form.env);
      try {
        const opened = await openRepository(form.url, '/');
        try {
          const info = await createServices(opened.repo, process.env).info();
          runs++;
          const shown = JSON.stringify(info);
          for (const secret of form.secrets) assert.ok(!shown.includes(secret), `${form.name}: ${shown}`);
          assert.match(info.root, /^[a-z]+:\/\/\*\*\*@/);
          assert.match(info.origin ?? '', /^[a-z]+:\/\/\*\*\*@/);
        } finally {
          await opened.close();
        }
        for (const url of [form.url, form.broken]) {
          const repo = makeRepo();
          commit(repo, 'one');
          tag(repo, 'm@v1.0.0');
          git(repo, ['remote', 'add', 'origin', url]);
          const h = await renderApp(repo, {columns: 250, rows: 20});
          try {
            const frame = h.frame();
            runs++;
            for (const secret of form.secrets) assert.ok(!frame.includes(secret), `${form.name}: ${frame}`);
            assert.match(frame, /origin [a-z]+:\/\/\*\*\*@/, `${form.name}: ${frame}`);
          } finally {
            h.instance.unmount();
          }
        }
      } finally {
        for (const key of Object.keys(form.env)) delete process.env[key];
        Object.assign(process.env, saved);
      }
    }
  });
});
