/**
 * `--verify` starts the same git processes whatever the number of tags (spec §12): one listing
 * of the signed tags, one `git config`, and one `verify-tag` over all of them (which starts
 * ssh-keygen or gpg per tag itself) — at most four side by side for hundreds of tags — besides
 * the read's own. Never one git per tag.
 */
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {main} from '../../source/cli/main.js';
import {applyTestEnv, git, importHistory, makeRepo, removeTempDirs} from '../helpers/repo.js';
import {withLoggedGit} from '../helpers/gitProcesses.js';
import {sshKey, useSshSigning} from '../helpers/signing.js';

before(applyTestEnv);
after(removeTempDirs);

/** `count` signed registrations (and assignments) of a few artifacts, SSH-signed. */
const signedRegistry = (count: number): string => {
  const dir = makeRepo();
  const commits = importHistory(dir, {commits: Array.from({length: count}, (_, i) => ({message: `commit ${i}\n`}))});
  const key = sshKey();
  useSshSigning(dir, key, [{principal: 'carol@example.com', key}]);
  for (let i = 0; i < count; i++) {
    // a version per commit, then a stage assigned to the version before
    const name = i % 2 === 0 ? `m${i % 5}@v${i}.0.0` : `m${(i - 1) % 5}#prod#${i}`;
    git(dir, ['tag', '-s', '-m', name, name, commits[i % 2 === 0 ? i : i - 1]!]);
  }
  return dir;
};

/** The git subcommands `argv` starts, sorted (reads start some of them concurrently). */
const gitProcesses = async (repo: string, argv: readonly string[]): Promise<{processes: string[]; out: string}> => {
  const out: string[] = [];
  const {processes, result: code} = await withLoggedGit(() =>
    main(argv, {out: (t) => out.push(t), err: (t) => out.push(t), env: process.env, cwd: repo, interactive: false}),
  );
  assert.equal(code, 0, `${argv.join(' ')}: ${out.join('\n')}`);
  return {processes, out: out.join('\n')};
};

const withoutVerifyTag = (processes: readonly string[]): string[] => processes.filter((p) => p !== 'verify-tag');
const verifyTagRuns = (processes: readonly string[]): number => processes.filter((p) => p === 'verify-tag').length;

test('history --verify, show NAME --verify and doctor --verify run as many git processes for 150 signed tags as for 6', async () => {
  const small = signedRegistry(6);
  const large = signedRegistry(150);
  for (const argv of [['history', '--verify', '--json'], ['show', 'm0', '--verify', '--json'], ['doctor', '--verify']]) {
    const few = await gitProcesses(small, argv);
    const many = await gitProcesses(large, argv);
    assert.deepEqual(withoutVerifyTag(many.processes), withoutVerifyTag(few.processes), argv.join(' '));
    assert.equal(verifyTagRuns(few.processes), 1, argv.join(' '));
    const runs = verifyTagRuns(many.processes);
    assert.ok(runs >= 1 && runs <= 4, `${argv.join(' ')}: ${runs} verify-tag runs`);
    assert.ok(!many.out.includes('"unsigned"') && !many.out.includes(' 0 good'), 'every tag was verified');
  }
  // every one of the 150 verified good, whichever run verified it
  const history = await gitProcesses(large, ['history', '--verify', '--json']);
  assert.equal((history.out.match(/"status": "good"/g) ?? []).length, 150);
});
