/**
 * `show --as-of WHEN` and `history --since/--until WHEN` through the real dispatcher on real
 * repositories: the registry as of a moment is exactly what a copy of the repository holding
 * only the tags made up to then shows, for random histories (fast-check), and WHEN is an ISO
 * 8601 date or time (local without a zone, TZ respected) or a git ref.
 */
import assert from 'node:assert/strict';
import {cpSync, rmSync} from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import fc from 'fast-check';
import {main} from '../../source/cli/main.js';
import {DVC_MONOREPO} from '../helpers/dvcMonorepo.js';
import {withLoggedGit} from '../helpers/gitProcesses.js';
import {applyTestEnv, commit, git, importHistory, makeRepo, removeTempDirs, T0, tag, tempDir, type ImportTag} from '../helpers/repo.js';
import {historyArbitrary, type History} from '../registry/randomHistory.js';

type Run = {code: number; stdout: string; stderr: string};

const cli = async (cwd: string, argv: string[], env: Record<string, string> = {}): Promise<Run> => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {out: (t) => out.push(t + '\n'), err: (t) => err.push(t + '\n'), env: {...process.env, ...env}, cwd, interactive: false});
  return {code, stdout: out.join(''), stderr: err.join('')};
};

before(applyTestEnv);
after(removeTempDirs);

const offset = (minutes: number): string => {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
};

/** The history as a real repository: commits and annotated tags by fast-import, lightweight tags after. */
const writeRepository = (history: History): string => {
  const dir = makeRepo();
  const shas = importHistory(dir, {
    commits: history.commits.map((c, i) => ({message: `${c.message}\n`, files: c.annotations === null ? {[`f${i}`]: String(i)} : {'artifacts.yaml': c.annotations}, time: c.time})),
    tags: history.tags
      .filter((t) => !t.lightweight)
      .map((t): ImportTag => ({name: t.name, commit: t.commit, message: `${t.name}\n`, time: t.time, offset: offset(t.offsetMinutes)})),
  });
  for (const t of history.tags) if (t.lightweight) git(dir, ['tag', t.name, shas[t.commit]!]);
  return dir;
};

/** A copy of the repository holding only the tags made up to `seconds` (lightweight ones have no time: kept). */
const copyUpTo = (dir: string, history: History, seconds: number): string => {
  const copy = path.join(tempDir(), 'copy');
  cpSync(dir, copy, {recursive: true});
  rmSync(path.join(copy, '.git', 'gto-tui'), {recursive: true, force: true});
  const later = history.tags.filter((t) => !t.lightweight && t.time > seconds).map((t) => t.name);
  if (later.length > 0) git(copy, ['tag', '-d', ...later]);
  return copy;
};

const isoZ = (seconds: number): string => new Date(seconds * 1000).toISOString();

describe('show --as-of: the registry as it stood at a moment', () => {
  test('property: show --as-of T (json, table, one artifact) and history --until T equal a copy holding only the tags made up to T', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(historyArbitrary, fc.integer({min: 0, max: 1000}), async (history, pick) => {
        runs++;
        const dir = writeRepository(history);
        const times = [...new Set(history.tags.filter((t) => !t.lightweight).map((t) => t.time))].sort((a, b) => a - b);
        const chosen = times[pick % Math.max(1, times.length)] ?? T0;
        const moments = times.length === 0 ? [T0] : [times[0]! - 1, chosen - 1, chosen, times.at(-1)!];
        for (const seconds of moments) {
          const copy = copyUpTo(dir, history, seconds);
          for (const args of [['show', '--json'], ['show'], ['show', 'churn', '--json'], ['history', '--json']]) {
            const flag = args[0] === 'show' ? '--as-of' : '--until';
            const asOf = await cli(dir, [...args, flag, isoZ(seconds)]);
            const copied = await cli(copy, args);
            assert.deepEqual(asOf, copied, `${args.join(' ')} ${flag} ${isoZ(seconds)}`);
          }
        }
        // far in the future: today's output, byte for byte
        for (const args of [['show', '--json'], ['show', '-d', '--plain'], ['history']]) {
          const flag = args[0] === 'show' ? '--as-of' : '--until';
          assert.deepEqual(await cli(dir, [...args, flag, '9999-12-31']), await cli(dir, args));
        }
      }),
      {numRuns: 4},
    );
    assert.equal(runs, 4);
  });

  describe('on a small registry', () => {
    let repo: string;
    let c1: string;
    before(() => {
      repo = makeRepo();
      c1 = commit(repo, 'one', {'artifacts.yaml': 'churn: {type: model}\n'}, {time: T0});
      tag(repo, 'churn@v1.0.0', {time: T0 + 3600}); // 01:00Z
      tag(repo, 'churn#prod#1', {time: T0 + 7200}); // 02:00Z
      commit(repo, 'two', {'f': '2'}, {time: T0 + 9000}); // 02:30Z
      tag(repo, 'churn@v2.0.0', {time: T0 + 10800}); // 03:00Z
      tag(repo, 'churn#prod#2', {time: T0 + 14400, offset: '+0200'}); // 04:00Z
      tag(repo, 'light', {lightweight: true, target: c1});
    });

    const prod = async (when: string, env: Record<string, string> = {}): Promise<string> => {
      const r = await cli(repo, ['show', 'churn#prod', '--version', '--as-of', when], env);
      assert.equal(r.code, 0, r.stderr);
      return r.stdout.trim();
    };

    test('a moment without a zone is local time: TZ decides', async () => {
      const saved = process.env['TZ'];
      try {
        process.env['TZ'] = 'Asia/Kolkata'; // +05:30
        assert.equal(await prod('2024-01-01T09:29'), 'v1.0.0');
        assert.equal(await prod('2024-01-01T09:30'), 'v2.0.0');
        process.env['TZ'] = 'UTC';
        assert.equal(await prod('2024-01-01T03:59:59'), 'v1.0.0');
        assert.equal(await prod('2024-01-01T04:00'), 'v2.0.0');
        assert.equal(await prod('2024-01-01T06:00:00+02:00'), 'v2.0.0');
        assert.equal(await prod('2024-01-01T05:59:59+02:00'), 'v1.0.0');
      } finally {
        process.env['TZ'] = saved;
      }
    });

    test('a ref names its moment: an annotated tag its tagger time, anything else its commit time', async () => {
      assert.equal(await prod('churn#prod#2'), 'v2.0.0');
      assert.equal(await prod('churn@v2.0.0'), 'v1.0.0');
      assert.equal(await prod('refs/tags/churn#prod#1'), 'v1.0.0');
      // main is commit two (02:30): prod was v1.0.0 then; the lightweight tag is commit one (00:00)
      assert.equal(await prod('main'), 'v1.0.0');
      const before = await cli(repo, ['show', '--as-of', 'light', '--json']);
      assert.deepEqual(JSON.parse(before.stdout), {churn: {version: null, stage: {}, registered: false, active: true}});
    });

    test('history --since/--until keep the events between two moments, both inclusive', async () => {
      const r = await cli(repo, ['history', '--asc', '--plain', '--since', '2024-01-01T02:00Z', '--until', 'churn@v2.0.0']);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(
        r.stdout.trim().split('\n').slice(1).map((line) => line.split(/\s+/).at(-1)),
        ['churn#prod#1', 'churn@v2.0.0'],
      );
      const none = await cli(repo, ['history', '--since', '2025-01-01']);
      assert.equal(none.stdout, 'Nothing found in the current workspace\n');
    });

    test('a bad WHEN is one usage line and exit 2, nothing on stdout', async () => {
      for (const [args, wording] of [
        [['show', '--as-of', '2024-02-30'], "Error: Invalid value for '--as-of': '2024-02-30' is not a date (YYYY-MM-DD[THH:MM[:SS]][Z|±HH:MM]) or a git ref."],
        [['history', '--until', 'no-such-ref'], "Error: Invalid value for '--until': 'no-such-ref' is neither a date nor a tag or commit of this repository."],
        [['history', '--since', 'HEAD:artifacts.yaml'], "Error: Invalid value for '--since': 'HEAD:artifacts.yaml' is neither a date nor a tag or commit of this repository."],
        [['show', '--as-of', 'evil\u001b]0;x\u0007'], "Error: Invalid value for '--as-of': 'evil\\u001b]0;x\\u0007' is not a date (YYYY-MM-DD[THH:MM[:SS]][Z|±HH:MM]) or a git ref."],
      ] as const) {
        const r = await cli(repo, [...args]);
        assert.equal(r.code, 2, args.join(' '));
        assert.equal(r.stdout, '');
        assert.equal(r.stderr.trim().split('\n').at(-1), wording);
        assert.doesNotMatch(r.stderr, /\u001b/);
      }
    });

    test('help lists the new options apart from GTO’s', async () => {
      const show = (await cli(repo, ['show', '--help'])).stdout;
      const options = show.slice(show.indexOf('Options:'), show.indexOf('gto-tui extensions (not in GTO):'));
      assert.doesNotMatch(options, /--as-of/);
      assert.match(show.slice(show.indexOf('gto-tui extensions (not in GTO):')), /--as-of WHEN/);
      assert.match((await cli(repo, ['history', '-h'])).stdout, /gto-tui extensions \(not in GTO\):\n {2}--since WHEN +.*\n {2}--until WHEN/);
    });
  });

  test('--as-of with --dvc: the tags up to WHEN, the dvc.yaml files at HEAD as today', async () => {
    const repo = makeRepo();
    commit(repo, 'churn model\n', {'artifacts.yaml': 'churn: {type: model}\n'}, {time: T0});
    tag(repo, 'churn@v1.0.0', {time: T0 + 60});
    commit(repo, 'monorepo\n', DVC_MONOREPO, {time: T0 + 120});
    tag(repo, 'cv=pool-segmentation@v0.1.0', {time: T0 + 180});
    const before = await cli(repo, ['show', '--plain', '--dvc', '--as-of', isoZ(T0 + 120)]);
    assert.equal(before.code, 0, before.stderr);
    const copy = copyUpTo(repo, {commits: [], tags: [{name: 'cv=pool-segmentation@v0.1.0', commit: 0, time: T0 + 180, offsetMinutes: 0, lightweight: false, author: 'Alice'}]}, T0 + 120);
    assert.deepEqual(before, await cli(copy, ['show', '--plain', '--dvc']));
    assert.match(before.stdout, /^\*nlp\/sentiment:sentiment /m);
    assert.deepEqual(await cli(repo, ['show', '--json', '--dvc', '--as-of', '9999-12-31']), await cli(repo, ['show', '--json', '--dvc']));
  });

  test('a ref moment costs no git process of its own: the same three as a cold show', async () => {
    const repo = makeRepo();
    const c = commit(repo, 'one', {}, {time: T0});
    for (let i = 0; i < 40; i++) tag(repo, `m${i}@v1.0.0`, {time: T0 + i, target: c});
    const {processes, result: r} = await withLoggedGit(() => cli(repo, ['show', '--json', '--as-of', 'm20@v1.0.0']));
    assert.equal(r.code, 0, r.stderr);
    assert.equal(Object.keys(JSON.parse(r.stdout) as object).length, 21);
    assert.deepEqual(processes, ['cat-file', 'for-each-ref', 'rev-parse']);
  });
});
