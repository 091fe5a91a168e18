/**
 * Bad input everywhere it enters, through the built CLI (and the TUI's text fields): each ends
 * with one error line (or the documented lines), a non-zero exit (0 where GTO says so), no
 * stack trace, and no ref created or moved.
 */
import assert from 'node:assert/strict';
import {existsSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {after, before, describe, it} from 'node:test';
import fc from 'fast-check';
import {main} from '../../source/cli/main.js';
import {T0, applyTestEnv, commit, git, makeRepo, removeTempDirs, tag, tempDir} from '../helpers/repo.js';
import {makeFixture, localTags} from '../ui/fixture.js';
import {KEY, renderApp} from '../ui/harness.js';
import {STACK_TRACE, assertFsckClean, assertNoCrash, assertOneLineFailure, nonEmptyLines, refs, runBuilt, runCli, tagNames, type CliRun} from './cli.js';

before(applyTestEnv);
after(removeTempDirs);

const LONG = 'a'.repeat(10_000);
const UNICODE = {
  emoji: 'model😀',
  rtl: 'm\u202Eledom', // RIGHT-TO-LEFT OVERRIDE
  hebrew: 'מודל',
  combining: 'me\u0301del', // e + COMBINING ACUTE ACCENT
  zeroWidth: 'mo\u200Bdel',
};

/** Counts by kind, for the report printed at the end. */
const tried = new Map<string, number>();
const count = (kind: string, n = 1): void => {
  tried.set(kind, (tried.get(kind) ?? 0) + n);
};
after(() => {
  const total = [...tried.values()].reduce((a, b) => a + b, 0);
  console.log(`bad inputs tried: ${total} (${[...tried].map(([k, n]) => `${k}: ${n}`).join(', ')})`);
});

type Case = {kind: string; args: string[]; expect: 'fail' | 'ok-silent'; pattern?: RegExp};

/**
 * Run cases a few at a time (2 cores), each against the same repository, checking refs never
 * change. Every fourth case runs as its own `node dist/cli.js` process, the rest call the
 * built `main` in this process (same code, no node start-up).
 */
const runCases = async (repo: string, cases: readonly Case[]): Promise<void> => {
  const before = refs(repo);
  const queue = cases.map((c, i) => ({...c, spawn: i % 4 === 0}));
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const c = next;
      const run = c.spawn ? await runCli(repo, c.args) : await runBuilt(repo, c.args);
      const what = `${c.kind}: ${JSON.stringify(c.args).slice(0, 200)}`;
      count(c.kind);
      if (c.expect === 'fail') assertOneLineFailure(run, what, c.pattern);
      else {
        assertNoCrash(run, what);
        assert.equal(run.code, 0, `${what}\n${run.stderr}`);
        assert.equal(run.stderr, '', what);
      }
    }
  };
  await Promise.all([worker(), worker(), worker()]);
  assert.equal(refs(repo), before, 'no ref created, moved or deleted');
  assertFsckClean(repo);
};

type Fixture = {repo: string; c1: string; tree: string; blob: string; marker: string};

/** m v1.0.0 in prod at c1; a second commit c2 with nothing registered; tags on a tree, a blob and a tag. */
const fixture = (): Fixture => {
  const repo = makeRepo();
  const c1 = commit(repo, 'one', {'model.bin': '1'});
  tag(repo, 'm@v1.0.0', {target: c1});
  tag(repo, 'm#prod#1', {target: c1, time: T0 + 1});
  commit(repo, 'two', {'model.bin': '2'}, {time: T0 + 10});
  const tree = git(repo, ['rev-parse', `${c1}^{tree}`]).trim();
  const blob = git(repo, ['rev-parse', `${c1}:model.bin`]).trim();
  tag(repo, 'tree@v1.0.0', {target: tree});
  tag(repo, 'blob@v1.0.0', {target: blob});
  tag(repo, 'nested@v1.0.0', {target: 'm@v1.0.0'});
  tag(repo, 'tree#prod#1', {target: 'tree@v1.0.0'});
  git(repo, ['tag', 'light-tree@v1.0.0', tree]);
  const marker = path.join(tempDir(), 'pwned');
  return {repo, c1, tree, blob, marker};
};

const INVALID_NAME = /^❌ Invalid value '.*'\. Only letters, numbers/;

describe('bad input through the built CLI', () => {
  let f: Fixture;
  before(() => {
    f = fixture();
  });

  it('invalid artifact and stage names: one line each, nothing written', async () => {
    const names = ['', 'a b', 'a_', '_a', 'a..b:', 'x:y:z', 'm@v1.0.0', 'm#prod', 'a\tb', 'a\nb', LONG + '!', ...Object.values(UNICODE)];
    const optionLike = ['-bad', '--upload-pack=touch ' + f.marker, '-c core.pager=touch ' + f.marker, '--output=' + f.marker];
    const cases: Case[] = [];
    for (const name of [...names, ...optionLike]) {
      const kind = optionLike.includes(name) ? 'option-like name' : name === '' ? 'empty' : name.length > 1000 ? 'long' : /[^\x20-\x7e]/.test(name) ? 'unicode/control name' : 'invalid name';
      cases.push(
        {kind, args: ['register', '--', name], expect: 'fail', pattern: INVALID_NAME},
        {kind, args: ['assign', '--stage', 'prod', '--', name], expect: 'fail', pattern: INVALID_NAME},
        {kind, args: ['deprecate', '--', name], expect: 'fail', pattern: INVALID_NAME},
        {kind, args: ['assign', 'm', '--stage', name], expect: 'fail', pattern: name === '' ? INVALID_NAME : INVALID_NAME},
        {kind, args: ['deprecate', 'm', 'v1.0.0', '--', name], expect: 'fail', pattern: name === '' ? undefined : INVALID_NAME},
      );
    }
    // `deprecate m v1.0.0 ''`: an empty STAGE is no stage (Python truthiness) — a deregistration. Tested below.
    await runCases(
      f.repo,
      cases.filter((c) => !(c.args[0] === 'deprecate' && c.args[4] === '')),
    );
    assert.ok(!existsSync(f.marker), 'no option was ever taken from a name');
  });

  it('a 10k-character name that is valid grammar is refused before git with a short reason', async () => {
    const run = await runCli(f.repo, ['register', LONG]);
    count('long');
    const line = assertOneLineFailure(run, 'register LONG', /is too long for git: 10007 bytes between slashes, at most 250 allowed$/);
    assert.ok(line.length < 200, 'the message does not echo 10k characters');
    const stage = await runCli(f.repo, ['assign', 'm', '--stage', LONG]);
    count('long');
    assertOneLineFailure(stage, 'assign --stage LONG', /too long for git/);
  });

  it('invalid versions: one line each, nothing written', async () => {
    const versions = ['1.0.0', 'v1', 'v1.0', 'vx.y.z', 'v1.0.0😀', 'v1.0.0\u0301', 'v-1.0.0', 'v1.0.0\nx', `v${LONG}.0.0`, '--upload-pack=touch ' + f.marker, 'v1.0.0 ', ' v1.0.0'];
    const cases: Case[] = [];
    for (const version of versions) {
      const kind = version.length > 1000 ? 'long' : version.startsWith('-') ? 'option-like version' : 'invalid version';
      cases.push(
        {kind, args: ['register', 'fresh', `--version=${version}`], expect: 'fail', pattern: /^❌ Supplied version '.*' cannot be parsed$/},
        {kind, args: ['assign', 'm', `--version=${version}`, '--stage', 'dev'], expect: 'fail', pattern: /^❌ Version '.*' is not valid\. Example of valid version: 'v1\.0\.0'$/},
        {kind, args: ['deprecate', 'm', '--', version], expect: 'fail', pattern: /^❌ Version '.*' is not valid/},
        {kind, args: ['deprecate', 'm', '--', version, 'prod'], expect: 'fail', pattern: /^❌ Version '.*' is not valid/},
      );
    }
    await runCases(f.repo, cases);
  });

  it('refs that do not name a commit: missing, out of range, trees, blobs, option-like; one line each', async () => {
    const missing = ['nosuchref', 'HEAD~999', 'HEAD^^^^^^^^^^^^^^^^^^^^', 'refs/tags/nothing', '0'.repeat(40), f.tree, f.blob, 'tree@v1.0.0', 'blob@v1.0.0', 'light-tree@v1.0.0', 'HEAD:model.bin', 'HEAD\nx', 'HEAD😀', LONG, '--output=' + f.marker, '-c', '--upload-pack=touch ' + f.marker, '@{-1}', 'HEAD@{999}', ':/nothing matches this'];
    const cases: Case[] = [];
    for (const ref of missing) {
      const kind = ref.startsWith('-') ? 'option-like ref' : ref.length > 1000 ? 'long' : 'bad ref';
      cases.push(
        {kind, args: ['register', 'fresh', '--', ref], expect: 'fail', pattern: /^❌ unknown Git revision '.*'$/},
        {kind, args: ['assign', 'fresh', '--stage', 'dev', '--', ref], expect: 'fail', pattern: /^❌ unknown Git revision '.*'$/},
        {kind, args: ['deprecate', 'm', `--ref=${ref}`], expect: 'fail'},
        // check-ref of a ref that is not a GTO tag prints nothing and succeeds (§4.4)
        {kind, args: ['check-ref', '--', ref], expect: 'ok-silent'},
      );
    }
    await runCases(f.repo, cases);
    assert.ok(!existsSync(f.marker));
  });

  it('read commands with bad names fail in one line or print nothing, as GTO does', async () => {
    const cases: Case[] = [];
    for (const name of ['', 'nosuch', LONG, ...Object.values(UNICODE), 'a\nb', '-x', 'm#', 'm@', 'm@v1', 'm#prod#', 'tree', 'blob']) {
      const kind = name.length > 1000 ? 'long' : 'read name';
      cases.push({kind, args: ['show', '--', name], expect: 'fail', pattern: /^❌ Cannot find artifact '.*'$/});
      cases.push({kind, args: ['parse-tag', '--', name], expect: 'fail', pattern: /^❌ Cannot parse tag name '.*'$/});
      cases.push({kind, args: ['history', '--', name], expect: 'ok-silent'});
    }
    await runCases(f.repo, cases);
  });

  it('bad option values end with click-style usage lines and exit 2', async () => {
    const usages: string[][] = [
      ['register', '--upload-pack=touch ' + f.marker, 'm'],
      ['show', '--vs', 'abc'],
      ['show', '--vs', LONG],
      ['register', 'm', '--simple', 'maybe'],
      ['assign', 'm'],
      ['register'],
      ['show', '--json', '--json=1'],
      ['nosuchcommand😀'],
    ];
    const before = refs(f.repo);
    for (const args of usages) {
      const run = await runCli(f.repo, args);
      count('usage');
      assertNoCrash(run, args.join(' '));
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
      const lines = nonEmptyLines(run.stderr);
      assert.match(lines[0]!, /^Usage: gto-tui/);
      assert.match(lines.at(-1)!, /^Error: /);
      assert.ok(lines.length <= 4, run.stderr);
    }
    assert.equal(refs(f.repo), before);
    assert.ok(!existsSync(f.marker));
  });

  it('GTO semantics: an empty --version or STAGE means "not given" (exit 0)', async () => {
    const repo = makeRepo();
    commit(repo, 'one');
    tag(repo, 'm@v1.0.0');
    commit(repo, 'two', {}, {time: T0 + 5});
    const register = await runCli(repo, ['register', 'm', '--version', '']);
    count('empty');
    assert.equal(register.code, 0, register.stderr);
    assert.match(register.stdout, /Created git tag 'm@v1\.0\.1'/);
    const deregister = await runCli(repo, ['deprecate', 'm', 'v1.0.1', '']);
    count('empty');
    assert.equal(deregister.code, 0, deregister.stderr);
    assert.match(deregister.stdout, /Created git tag 'm@v1\.0\.1!'/);
  });

  it('messages are data: long, Unicode, option-like and multi-line messages are stored as GTO stores them', async () => {
    const repo = makeRepo();
    commit(repo, 'one');
    const messages = [LONG, `${UNICODE.emoji} ${UNICODE.rtl} ${UNICODE.combining} ${UNICODE.hebrew}`, '--upload-pack=touch x', '-c core.pager=x', '# a comment to git tag -m\nsecond line', "it's \"quoted\" $(echo no) `no`"];
    for (const [i, message] of messages.entries()) {
      const run = await runCli(repo, ['register', `m${i}`, '-m', message]);
      count('message');
      assert.equal(run.code, 0, run.stderr);
      const stored = git(repo, ['for-each-ref', '--format=%(contents)', `refs/tags/m${i}@v0.0.1`]);
      // GTO's GitPython runs `git tag -m MESSAGE`: what that stores, as the oracle
      git(repo, ['tag', '-m', message, 'oracle']);
      assert.equal(stored, git(repo, ['for-each-ref', '--format=%(contents)', 'refs/tags/oracle']), JSON.stringify(message));
      git(repo, ['tag', '-d', 'oracle']);
      if (!message.startsWith('#')) assert.equal(stored.replace(/\n+$/, ''), message);
    }
  });

  it('malformed .gto: bad YAML, wrong types, alias bombs, huge: one line, nothing written', async () => {
    const repo = makeRepo();
    commit(repo, 'one', {'model.bin': '1'});
    tag(repo, 'm@v1.0.0');
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefghij'.split('').map((n, i) => `${n}: &${n} [${Array(9).fill('*' + 'abcdefghij'[i]).join(', ')}]`), 'stages: *j'].join('\n');
    const configs: [string, string | Buffer][] = [
      ['bad yaml', 'stages: [dev, prod'],
      ['wrong type', 'stages: 5'],
      ['wrong type', 'stages: {a: 1}'],
      ['wrong type', 'types: x'],
      ['wrong type', '- a\n- b'],
      ['wrong type', 'stages: [1, 2]'],
      ['wrong type', 'stages: [null]'],
      ['invalid stage', 'stages: ["bad name!"]'],
      ['not utf-8', Buffer.from([0x73, 0x3a, 0x20, 0xff, 0xfe, 0x0a])],
      ['alias bomb', bomb],
      ['huge', 'x: "' + 'y'.repeat(5_000_000) + '"\nstages: 3\n'],
      ['control chars', 'stages: [dev]\n\u0000\u0001'],
    ];
    const before = refs(repo);
    for (const [kind, text] of configs) {
      writeFileSync(path.join(repo, '.gto'), text);
      for (const args of [['show'], ['register', 'n'], ['assign', 'm', '--stage', 'dev'], ['deprecate', 'm']]) {
        const run = args[0] === 'show' ? await runCli(repo, args) : await runBuilt(repo, args);
        count(`.gto ${kind}`);
        assertOneLineFailure(run, `.gto ${kind}: ${args.join(' ')}`, /^❌ Wrong config file '.*\.gto'$/);
        assert.ok(run.ms < 10_000, `${kind} took ${run.ms} ms`);
      }
    }
    assert.equal(refs(repo), before);
  });

  it('malformed artifacts.yaml in a commit: the documented WARNING line on stdout, one error line', async () => {
    const bodies: [string, string | Buffer][] = [
      ['bad yaml', 'm: ['],
      ['wrong type', 'm: 5'],
      ['wrong type', '- a'],
      ['wrong type', 'm: {type: [1, 2], labels: x}'],
      ['wrong type', 'm: {path: {a: 1}}'],
      ['not utf-8', Buffer.from([0xff, 0xfe])],
      ['wrong type', 'm: {labels: [a, null, 3]}'],
      ['huge', `m: {description: "${'d'.repeat(2_000_000)}"}\nn: 5\n`],
    ];
    for (const [kind, body] of bodies) {
      const repo = makeRepo();
      commit(repo, 'one', {'artifacts.yaml': body.toString()});
      if (Buffer.isBuffer(body)) {
        writeFileSync(path.join(repo, 'artifacts.yaml'), body);
        commit(repo, 'binary', {}, {time: T0 + 1});
      }
      tag(repo, 'm@v1.0.0');
      const before = refs(repo);
      for (const args of [['show'], ['show', 'm'], ['history', 'm'], ['register', 'n']]) {
        const run = args.length === 1 ? await runCli(repo, args) : await runBuilt(repo, args);
        count(`artifacts.yaml ${kind}`);
        assertOneLineFailure(run, `artifacts.yaml ${kind}: ${args.join(' ')}`, /^❌ artifacts\.yaml file doesn't conform to GTO format$/);
        assert.match(run.stdout, /\[WARNING\] gto: Corrupted artifacts\.yaml file in commit [0-9a-f]{40}\n$/);
      }
      assert.equal(refs(repo), before);
    }
  });

  it('tags on trees, blobs and other tags: reads succeed, writes refuse or work, nothing crashes', async () => {
    const before = refs(f.repo);
    for (const [i, args] of [['show'], ['show', 'm'], ['history'], ['stages'], ['doctor'], ['print-state'], ['check-ref', 'tree@v1.0.0'], ['check-ref', 'blob@v1.0.0'], ['check-ref', 'tree#prod#1'], ['check-ref', 'nested@v1.0.0']].entries()) {
      const run = i % 3 === 0 ? await runCli(f.repo, args) : await runBuilt(f.repo, args);
      count('odd tag targets');
      assertNoCrash(run, args.join(' '));
      assert.equal(run.code, 0, `${args.join(' ')}: ${run.stderr}`);
    }
    const doctor = await runCli(f.repo, ['doctor']);
    assert.match(doctor.stdout, /Ignored tag 'blob@v1\.0\.0'/);
    assert.equal(refs(f.repo), before);
  });

  it('thousands of unrelated tags: reads and writes ignore them and stay fast', async () => {
    const repo = makeRepo();
    const c1 = commit(repo, 'one');
    tag(repo, 'm@v1.0.0');
    tag(repo, 'm#prod#1');
    const expected = (await runCli(repo, ['show', '--json'])).stdout;
    const updates: string[] = [];
    for (let i = 0; i < 4000; i++) {
      const name = [`release-${i}`, `v${i}.0`, `feature/x${i}`, `m@latest${i}`, `m#${i}`, `weird@@${i}`, `#${i}`, `m@v1.0.0#x${i}`][i % 8]!;
      updates.push(`create refs/tags/${name} ${c1}`);
    }
    git(repo, ['update-ref', '--stdin'], {input: updates.join('\n') + '\n'});
    count('unrelated tags', 4000);
    const show = await runCli(repo, ['show', '--json']);
    assert.equal(show.code, 0, show.stderr);
    assert.equal(show.stdout, expected, 'unrelated tags change nothing');
    assert.ok(show.ms < 10_000, `show took ${show.ms} ms`);
    const assign = await runCli(repo, ['assign', 'm', '--stage', 'dev']);
    assert.equal(assign.code, 0, assign.stderr);
    assert.match(assign.stdout, /Created git tag 'm#dev#2'/, 'counter ignores names that are not GTO tags');
  });
});

describe('NUL and newlines inside arguments (in process: argv cannot carry NUL)', () => {
  const gto = async (cwd: string, ...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, {out: (l) => out.push(l), err: (l) => err.push(l), env: process.env, cwd, interactive: false});
    return {code, out, err};
  };

  it('NUL, CR and newline in names, versions, refs, stages and -r: one printable line, nothing written', async () => {
    const repo = makeRepo();
    commit(repo, 'one');
    tag(repo, 'm@v1.0.0');
    const before = refs(repo);
    const bad = ['a\0b', 'a\r\nb', 'm\n'];
    const commands = (x: string): string[][] => [
      ['register', x],
      ['register', 'fresh', x],
      ['register', 'fresh', '--version', x],
      ['assign', 'm', '--stage', x],
      ['assign', 'm', x, '--stage', 'dev'],
      ['deprecate', 'm', x],
      ['show', x],
      ['parse-tag', x],
      ['check-ref', x],
      ['show', '-r', x],
      ['register', 'm', '-m', x],
    ];
    const all = bad.flatMap((x) => commands(x));
    const runs = await Promise.all(all.map((args) => gto(repo, ...args)));
    for (const [i, run] of runs.entries()) {
      {
        const args = all[i]!;
        count('NUL/newline');
        const text = [...run.out, ...run.err].join('\n');
        assert.doesNotMatch(text, STACK_TRACE);
        if (run.code !== 0) {
          assert.equal(run.err.length, 1, `${JSON.stringify(args)}: ${JSON.stringify(run.err)}`);
          assert.doesNotMatch(run.err[0]!, /[\0\r\n]/, `${JSON.stringify(args)}: printable`);
        } else {
          assert.deepEqual(run.err, [], JSON.stringify(args));
        }
      }
    }
    // only `-m` with control characters may write (a message is data); nothing else did
    const written = tagNames(repo).filter((name) => !before.includes(`refs/tags/${name}`));
    assert.ok(written.every((name) => name.startsWith('m@v')), `unexpected tags: ${written.join(', ')}`);
    assertFsckClean(repo);
  });
});

describe('fast-check: arbitrary strings never crash the CLI', () => {
  const gto = async (cwd: string, argv: string[]): Promise<CliRun & {lines: string[]}> => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, {out: (l) => out.push(l), err: (l) => err.push(l), env: process.env, cwd, interactive: false});
    return {code, signal: null, stdout: out.join('\n'), stderr: err.join('\n'), ms: 0, lines: err};
  };

  it('parse-tag, show NAME, check-ref and register NAME: exit 0/1/2 with printable one-line errors, no tag from a refusal', async () => {
    const repo = makeRepo();
    commit(repo, 'one');
    tag(repo, 'm@v1.0.0');
    tag(repo, 'm#prod#1');
    const arbitrary = fc.oneof(fc.string({unit: 'grapheme', maxLength: 40}), fc.string({unit: 'binary', maxLength: 40}), fc.stringMatching(/^[-a-z0-9@#!=:/.]{0,30}$/));
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('parse-tag', 'show', 'check-ref', 'register', 'history'), arbitrary, async (command, text) => {
        runs++;
        const before = refs(repo);
        const run = await gto(repo, [command, '--', text]);
        assert.ok([0, 1, 2].includes(run.code ?? -1));
        assert.doesNotMatch(run.stderr, STACK_TRACE);
        if (run.code === 1) {
          assert.equal(run.lines.length, 1);
          assert.doesNotMatch(run.lines[0]!, /[\0\r\n\u202e]/);
        }
        if (run.code !== 0) assert.equal(refs(repo), before, 'a refused command wrote nothing');
        else if (command === 'register') git(repo, ['tag', '-d', ...localTags(repo).filter((t) => !['m@v1.0.0', 'm#prod#1'].includes(t))]);
      }),
      {numRuns: 150, seed: 20240101},
    );
    count('fast-check arbitrary', runs);
  });
});

describe("the TUI's text fields", () => {
  it('the register form refuses invalid names and versions with an error line; no tag is created', async () => {
    const fixtureRepo = makeFixture();
    const before = refs(fixtureRepo.repo);
    const h = await renderApp(fixtureRepo.repo);
    try {
      for (const name of ['-bad', 'a b', UNICODE.emoji, UNICODE.rtl, UNICODE.combining, 'x'.repeat(300) + '!', '--upload-pack=x']) {
        await h.press('N');
        h.instance.stdin.write(name); // a paste arrives as one string
        await h.idle();
        const frame = await h.press(KEY.enter);
        count('TUI name');
        assert.match(frame, /✗ Invalid value/, `name ${JSON.stringify(name)}:\n${frame}`);
        assert.equal(h.store.getState().form?.kind, 'register', 'Enter refused: still on the name');
        await h.press(KEY.escape);
      }
      // a valid artifact, then bad versions
      await h.press('j', 'r', KEY.enter);
      for (const version of ['1.2', 'v1', 'v1.0.0😀', 'v1.0.0\u0301', 'v' + '9'.repeat(5000) + '.0', '--x']) {
        await h.press('\u0015');
        h.instance.stdin.write(version);
        await h.idle();
        const frame = await h.press(KEY.enter);
        count('TUI version');
        assert.match(frame, /✗ (Supplied version '|Version ')/, `version ${JSON.stringify(version)}:\n${frame}`);
        const form = h.store.getState().form;
        assert.equal(form?.kind === 'register' && form.step, 'version', 'Enter refused');
      }
      await h.press(KEY.escape);
      // a control character in a paste is not text: nothing is inserted
      await h.press('N');
      h.instance.stdin.write('ab\u0000cd');
      await h.idle();
      count('TUI control');
      assert.doesNotMatch(h.frame(), /ab.cd/);
      await h.press(KEY.escape);
    } finally {
      h.instance.unmount();
    }
    assert.equal(refs(fixtureRepo.repo), before, 'no tag created');
    assert.ok(!localTags(fixtureRepo.repo).some((t) => t.includes('bad')));
  });
});
