import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import {GitError, condenseStderr, formatGitCommand, gitOutput, runGit, setGitTrace} from '../../source/git/exec.js';
import {applyTestEnv, makeRepo, removeTempDirs, tempDir} from '../helpers/repo.js';

applyTestEnv();
after(removeTempDirs);

test('runGit returns stdout, stderr and exit code without throwing on failure', async () => {
  const dir = tempDir();
  const result = await runGit(['rev-parse', '--git-dir'], {cwd: dir});
  assert.notEqual(result.code, 0);
  assert.match(result.stderr, /not a git repository/);
  assert.equal(result.stdout, '');
});

test('runGit passes the caller\'s environment, overrides and stdin to git', async () => {
  const dir = makeRepo();
  const ident = await runGit(['var', 'GIT_COMMITTER_IDENT'], {cwd: dir, env: {GIT_COMMITTER_NAME: 'Override Name'}});
  assert.match(ident.stdout, /^Override Name <carol@example\.com> /);
  const hashed = await runGit(['hash-object', '--stdin'], {cwd: dir, input: 'hello\n'});
  assert.equal(hashed.stdout.trim(), 'ce013625030ba8dba906f756967f9e9ca394464a');
});

test('gitOutput throws a GitError with git\'s reason on one line', async () => {
  const dir = makeRepo();
  await assert.rejects(gitOutput(['rev-parse', '--verify', 'nope'], {cwd: dir}), (error: unknown) => {
    assert.ok(error instanceof GitError);
    assert.equal(error.message, 'Needed a single revision');
    assert.deepEqual(error.args, ['rev-parse', '--verify', 'nope']);
    assert.equal(error.code, 128);
    return true;
  });
});

test('a command that runs too long is killed and reported', async () => {
  const dir = makeRepo();
  const started = performance.now();
  // A shell alias (set only for this command) stands in for a hung network call.
  await assert.rejects(
    runGit(['-c', 'alias.nap=!sleep 5', 'nap'], {cwd: dir, timeoutMs: 200}),
    (error: unknown) => error instanceof GitError && /timed out after 200 ms/.test(error.message),
  );
  assert.ok(performance.now() - started < 3000, 'the timeout does not wait for the command to finish');
});

test('setGitTrace logs each command with its duration', async () => {
  const dir = makeRepo();
  const lines: string[] = [];
  setGitTrace((line) => lines.push(line));
  try {
    await runGit(['for-each-ref', '--format=%(refname)', 'refs/tags'], {cwd: dir});
  } finally {
    setGitTrace(null);
  }
  await runGit(['status'], {cwd: dir});
  assert.equal(lines.length, 1);
  assert.match(lines[0]!, /^git for-each-ref '--format=%\(refname\)' refs\/tags \(\d+ ms\)$/);
});

test('condenseStderr keeps fatal/error lines and drops hints', () => {
  assert.equal(condenseStderr('hint: do this\nfatal: bad thing\n'), 'bad thing');
  assert.equal(condenseStderr('error: one\nerror: two\n'), 'one; two');
  assert.equal(condenseStderr('To /r.git\n ! [rejected] a -> a (already exists)\n'), 'To /r.git; ! [rejected] a -> a (already exists)');
  assert.equal(condenseStderr(''), '');
});

test('formatGitCommand quotes arguments a shell would split', () => {
  assert.equal(formatGitCommand(['push', 'origin', 'refs/tags/m#prod#1', "it's"]), `git push origin 'refs/tags/m#prod#1' 'it'\\''s'`);
});
