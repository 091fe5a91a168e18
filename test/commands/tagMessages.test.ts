/**
 * Tag messages are stored as GTO stores them. GTO writes every tag through GitPython's
 * `repo.create_tag(name, ref=…, message=…)`, which runs `git tag -m MESSAGE NAME REF`; the oracle
 * here is that very command, run in the same repository, and the tag objects must match it byte
 * for byte (`git cat-file tag`) — from the CLI's register, assign and deprecate, and from the
 * TUI's plan/apply.
 */
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {after, before, describe, it} from 'node:test';
import {main} from '../../source/cli/main.js';
import {createServices} from '../../source/ui/services.js';
import {applyTestEnv, commit, git, makeRepo, openRepo, removeTempDirs, TEST_ENV} from '../helpers/repo.js';

before(applyTestEnv);
after(removeTempDirs);

const FORMS: ReadonlyArray<readonly [string, string]> = [
  ['spaces at a line end', 'a  \nb'],
  ['a trailing newline', 'a\n'],
  ['\\r\\n line ends', 'a\r\nb\r\n'],
  ['a lone \\r inside a line', 'a\rb'],
  ['runs of blank lines', 'a\n\n\n\nb'],
  ['leading and trailing blank lines, leading spaces', '\n\n  a\n\n\n'],
  ['only whitespace', '  \n\t '],
  ['# lines', '# c\nreal\n#x'],
  ['an indented #', '  # kept\nx'],
  ['only # lines', '# a\n# b'],
  ['tabs, non-ASCII, a no-break space', 'é\tü  ✓\u00a0\n\u00a0'],
  ['text like options', '--force\n-m x'],
  ['one ordinary line', 'Promoted after the A/B test'],
];

const gto = async (cwd: string, ...argv: string[]): Promise<{code: number; err: string}> => {
  const err: string[] = [];
  const code = await main(argv, {out: () => {}, err: (line) => err.push(line), env: process.env, cwd, interactive: false});
  return {code, err: err.join('\n')};
};

/** The message part of tag object `name`, as bytes (everything after the header's blank line). */
const storedMessage = (repo: string, name: string): Buffer => {
  const object = execFileSync('git', ['cat-file', 'tag', `refs/tags/${name}`], {cwd: repo, env: {...process.env, ...TEST_ENV}});
  const end = object.indexOf('\n\n');
  return end === -1 ? Buffer.alloc(0) : object.subarray(end + 2);
};

/** What GTO would store for `message`: GitPython's `git tag -m MESSAGE NAME REF`, run here and undone. */
const gtoStores = (repo: string, message: string): Buffer => {
  git(repo, ['tag', '-m', message, 'gto-oracle', 'HEAD']);
  try {
    return storedMessage(repo, 'gto-oracle');
  } finally {
    git(repo, ['tag', '-d', 'gto-oracle']);
  }
};

const newTags = (repo: string, before: ReadonlySet<string>): string[] =>
  git(repo, ['tag', '--list']).split('\n').filter((name) => name !== '' && !before.has(name));

const tagSet = (repo: string): Set<string> => new Set(git(repo, ['tag', '--list']).split('\n').filter(Boolean));

const show = (bytes: Buffer): string => JSON.stringify(bytes.toString('utf8'));

describe('tag messages are stored as GTO stores them', () => {
  it('the oracle: git tag -m strips spaces at line ends, blank-line runs, \\r before \\n and # lines', () => {
    const repo = makeRepo();
    commit(repo, 'one');
    assert.equal(gtoStores(repo, 'a  \nb').toString(), 'a\nb\n');
    assert.equal(gtoStores(repo, 'a\r\nb\r\n').toString(), 'a\nb\n');
    assert.equal(gtoStores(repo, 'a\n\n\n\nb').toString(), 'a\n\nb\n');
    assert.equal(gtoStores(repo, '  \n\t ').toString(), '');
    assert.equal(gtoStores(repo, '# c\nreal\n#x').toString(), 'real\n');
  });

  it('register, assign and deprecate (unassign, deregister, deprecate) from the CLI: byte-identical to git tag -m', async () => {
    for (const [what, message] of FORMS) {
      const repo = makeRepo();
      commit(repo, 'one', {'artifacts.yaml': 'm: {}\n'});
      const expected = gtoStores(repo, message);
      for (const argv of [
        ['register', 'm', '--version', 'v1.0.0', '-m', message],
        ['assign', 'm', '--version', 'v1.0.0', '--stage', 'prod', '-m', message],
        ['deprecate', 'm', 'v1.0.0', 'prod', '-m', message],
        ['deprecate', 'm', 'v1.0.0', '-m', message],
        ['deprecate', 'm', '-m', message],
      ]) {
        const before = tagSet(repo);
        const run = await gto(repo, ...argv);
        assert.equal(run.code, 0, `${what}: ${argv[0]}: ${run.err}`);
        const made = newTags(repo, before);
        assert.equal(made.length, 1, `${what}: ${argv.join(' ')} made ${made.join(', ')}`);
        const stored = storedMessage(repo, made[0]!);
        assert.ok(stored.equals(expected), `${what}: ${argv.slice(0, 4).join(' ')}: stored ${show(stored)}, GTO stores ${show(expected)}`);
      }
    }
  });

  it("the TUI's plan and apply (register, assign): byte-identical to git tag -m", async () => {
    for (const [what, message] of FORMS) {
      const dir = makeRepo();
      commit(dir, 'one', {'artifacts.yaml': 'm: {}\n'});
      const expected = gtoStores(dir, message);
      const services = createServices(await openRepo(dir), process.env);
      for (const request of [
        {kind: 'register', name: 'm', ref: 'HEAD', version: 'v1.0.0', message},
        {kind: 'assign', name: 'm', stage: 'prod', version: 'v1.0.0', ref: null, message},
      ] as const) {
        const plan = await services.plan(request);
        assert.equal(plan.kind, 'plan', `${what}: ${request.kind}`);
        if (plan.kind !== 'plan') continue;
        assert.deepEqual(plan.tags.map((tag) => tag.message), [message], 'the plan carries the message as typed');
        const result = await services.apply(plan);
        assert.equal(result.kind, 'applied', `${what}: ${request.kind}`);
        const stored = storedMessage(dir, plan.tags[0]!.tag);
        assert.ok(stored.equals(expected), `${what}: ${request.kind}: stored ${show(stored)}, GTO stores ${show(expected)}`);
      }
    }
  });

  it("core.commentChar is the repository's, for GTO and for us alike", async () => {
    const repo = makeRepo();
    commit(repo, 'one', {'artifacts.yaml': 'm: {}\n'});
    git(repo, ['config', 'core.commentChar', ';']);
    const message = '; dropped\n# kept\nbody';
    const expected = gtoStores(repo, message);
    assert.equal(expected.toString(), '# kept\nbody\n');
    assert.equal((await gto(repo, 'register', 'm', '-m', message)).code, 0);
    assert.ok(storedMessage(repo, 'm@v0.0.1').equals(expected), show(storedMessage(repo, 'm@v0.0.1')));
  });

  it('reading back: history --json gives the stored message without surrounding whitespace', async () => {
    const repo = makeRepo();
    commit(repo, 'one', {'artifacts.yaml': 'm: {}\n'});
    assert.equal((await gto(repo, 'register', 'm', '-m', 'Trained on\n\n\nMarch data  ')).code, 0);
    assert.equal((await gto(repo, 'assign', 'm', '--stage', 'prod', '-m', '  # tracking: #42\nok')).code, 0);
    const out: string[] = [];
    await main(['history', 'm', '--json'], {out: (line) => out.push(line), err: () => {}, env: process.env, cwd: repo, interactive: false});
    const messages = (JSON.parse(out.join('\n')) as Array<{event: string; message: string}>).filter((e) => e.event !== 'commit').map((e) => e.message);
    assert.deepEqual(messages.sort(), ['# tracking: #42\nok', 'Trained on\n\nMarch data'].sort());
  });
});
