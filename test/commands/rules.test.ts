/**
 * Promotion rules on real repositories: `assign`/`promote` refuse what `.gto-tui.yaml` at HEAD
 * forbids (one line naming the missing step, exit 1, nothing written), `--ignore-rules` writes
 * it anyway with the rule named in the tag message, and GTO's commands do not notice the file.
 * Tag times are set with GIT_COMMITTER_DATE, which is also the moment the rules judge.
 */
import assert from 'node:assert/strict';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {main} from '../../source/cli/main.js';
import {T0, applyTestEnv, commit, git, gitDate, makeRepo, removeTempDirs, tag} from '../helpers/repo.js';
import {withLoggedGit} from '../helpers/gitProcesses.js';
import {sshKey, useSshSigning} from '../helpers/signing.js';
import {DAG_RULES} from '../helpers/promotionRules.js';

before(applyTestEnv);
after(removeTempDirs);

const HOUR = 3600;


type Run = {code: number; out: string[]; err: string[]};

/** The CLI in process, writing (and judging) at `time`. */
const gtoAt = async (time: number, cwd: string, ...argv: string[]): Promise<Run> => {
  process.env['GIT_COMMITTER_DATE'] = gitDate(time);
  const out: string[] = [];
  const err: string[] = [];
  try {
    const code = await main(argv, {out: (l) => out.push(l), err: (l) => err.push(l), env: {...process.env, NO_COLOR: '1'}, cwd, interactive: false});
    return {code, out, err};
  } finally {
    process.env['GIT_COMMITTER_DATE'] = gitDate(T0);
  }
};

const tagNames = (repo: string): string[] => git(repo, ['tag', '--list']).split('\n').filter(Boolean).sort();
const tagMessage = (repo: string, name: string): string => git(repo, ['for-each-ref', '--format=%(contents)', `refs/tags/${name}`]).trimEnd();

/** m@v1.0.0 registered at T0 on a commit whose .gto-tui.yaml holds `rules`. */
const repoWithRules = (rules: string = DAG_RULES): string => {
  const repo = makeRepo();
  commit(repo, 'model', {'model.bin': '1', '.gto-tui.yaml': rules});
  tag(repo, 'm@v1.0.0', {message: 'Registering artifact m version v1.0.0', time: T0});
  return repo;
};

const refused = (run: Run, message: string): void => {
  assert.deepEqual(run, {code: 1, out: [], err: [`❌ ${message}`]});
};

describe('assign under promotion rules', () => {
  test('refuses a stage whose predecessor the version never entered, naming the missing step; writes nothing', async () => {
    const repo = repoWithRules();
    const before = tagNames(repo);
    refused(await gtoAt(T0 + 60, repo, 'assign', 'm', '--version', 'v1.0.0', '--stage', 'qa'), "v1.0.0 has never been in 'dev'; qa requires dev");
    refused(await gtoAt(T0 + 60, repo, 'promote', 'm', '--version', 'v1.0.0', '--stage', 'prod'), "v1.0.0 has never been in 'stage' or 'hot-stage'; prod requires stage or hot-stage for 24h");
    assert.deepEqual(tagNames(repo), before);
  });

  test('the long road: dev, qa, stage, and prod a day after stage; an hour after is too soon', async () => {
    const repo = repoWithRules();
    for (const [i, stage] of ['dev', 'qa', 'stage'].entries()) {
      const run = await gtoAt(T0 + 60 * (i + 1), repo, 'assign', 'm', '--version', 'v1.0.0', '--stage', stage);
      assert.equal(run.code, 0, run.err.join('\n'));
    }
    refused(await gtoAt(T0 + 180 + HOUR, repo, 'assign', 'm', '--version', 'v1.0.0', '--stage', 'prod'), "v1.0.0 entered 'stage' only 1h ago; prod requires stage or hot-stage for 24h");
    const run = await gtoAt(T0 + 180 + 24 * HOUR, repo, 'assign', 'm', '--version', 'v1.0.0', '--stage', 'prod');
    assert.deepEqual(run.out, ["Created git tag 'm#prod#4' that assigns stage to version 'v1.0.0'", 'To push the changes upstream, run:', "    git push origin 'm#prod#4'"]);
    assert.equal(tagMessage(repo, 'm#prod#4'), 'Assigning stage prod to artifact m version v1.0.0', 'no override line when no rule was broken');
  });

  test('the short road: hot-stage straight from dev, and prod a day after it', async () => {
    const repo = repoWithRules();
    assert.equal((await gtoAt(T0 + 60, repo, 'assign', 'm', '--version', 'v1.0.0', '--stage', 'dev')).code, 0);
    assert.equal((await gtoAt(T0 + 120, repo, 'assign', 'm', '--version', 'v1.0.0', '--stage', 'hot-stage')).code, 0);
    assert.equal((await gtoAt(T0 + 120 + 24 * HOUR, repo, 'promote', 'm', '--version', 'v1.0.0', '--stage', 'prod')).code, 0);
  });

  test('--ignore-rules writes the refused assignment with one more line in the tag message; --force does not override a rule', async () => {
    const repo = repoWithRules();
    refused(
      await gtoAt(T0 + 60, repo, 'assign', 'm', '--version', 'v1.0.0', '--stage', 'prod', '--force'),
      "v1.0.0 has never been in 'stage' or 'hot-stage'; prod requires stage or hot-stage for 24h",
    );
    const run = await gtoAt(T0 + 60, repo, 'assign', 'm', '--version', 'v1.0.0', '--stage', 'prod', '--ignore-rules', '-m', 'hotfix for the outage');
    assert.deepEqual(run, {code: 0, out: ["Created git tag 'm#prod#1' that assigns stage to version 'v1.0.0'", 'To push the changes upstream, run:', "    git push origin 'm#prod#1'"], err: []});
    assert.equal(tagMessage(repo, 'm#prod#1'), 'hotfix for the outage\nPromotion rule overridden: prod requires stage or hot-stage for 24h');
    // and the default message too
    const again = await gtoAt(T0 + 120, repo, 'assign', 'm', '--version', 'v1.0.0', '--stage', 'qa', '--ignore-rules');
    assert.equal(again.code, 0);
    assert.equal(tagMessage(repo, 'm#qa#2'), 'Assigning stage qa to artifact m version v1.0.0\nPromotion rule overridden: qa requires dev');
  });

  test('--ignore-rules on an assignment no rule refuses adds nothing', async () => {
    const repo = repoWithRules();
    assert.equal((await gtoAt(T0 + 60, repo, 'assign', 'm', '--version', 'v1.0.0', '--stage', 'dev', '--ignore-rules')).code, 0);
    assert.equal(tagMessage(repo, 'm#dev#1'), 'Assigning stage dev to artifact m version v1.0.0');
  });

  test('--dry-run shows the override line it would write, and a refusal as a refusal', async () => {
    const repo = repoWithRules();
    const dry = await gtoAt(T0 + 60, repo, 'assign', 'm', '--version', 'v1.0.0', '--stage', 'qa', '--ignore-rules', '--dry-run');
    assert.equal(dry.code, 0);
    assert.match(dry.out[0]!, /^Would create tag 'm#qa#1' at [0-9a-f]{40} with message "Assigning stage qa to artifact m version v1\.0\.0\\nPromotion rule overridden: qa requires dev"$/);
    refused(await gtoAt(T0 + 60, repo, 'assign', 'm', '--version', 'v1.0.0', '--stage', 'qa', '--dry-run'), "v1.0.0 has never been in 'dev'; qa requires dev");
  });

  test('an assignment that registers its commit is judged first: refused, nothing is written, not even the registration', async () => {
    const repo = repoWithRules();
    commit(repo, 'two', {'model.bin': '2'});
    const before = tagNames(repo);
    refused(await gtoAt(T0 + 60, repo, 'assign', 'm', 'HEAD', '--stage', 'qa'), "v1.0.1 has never been in 'dev'; qa requires dev");
    assert.deepEqual(tagNames(repo), before);
    const run = await gtoAt(T0 + 60, repo, 'assign', 'm', 'HEAD', '--stage', 'qa', '--ignore-rules');
    assert.equal(run.code, 0, run.err.join('\n'));
    assert.deepEqual(tagNames(repo), [...before, 'm#qa#1', 'm@v1.0.1'].sort());
    assert.equal(tagMessage(repo, 'm@v1.0.1'), 'Registering artifact m version v1.0.1', 'the registration says nothing of rules');
    assert.equal(tagMessage(repo, 'm#qa#1'), 'Assigning stage qa to artifact m version v1.0.1\nPromotion rule overridden: qa requires dev');
  });

  test('a stage tag already on the commit counts for the version its registration makes (spec §3.1)', async () => {
    const repo = repoWithRules();
    commit(repo, 'two', {'model.bin': '2'});
    tag(repo, 'm#dev#1', {message: 'Assigning stage dev', time: T0 + 30});
    const run = await gtoAt(T0 + 60, repo, 'assign', 'm', 'HEAD', '--stage', 'qa');
    assert.equal(run.code, 0, run.err.join('\n'));
    assert.ok(tagNames(repo).includes('m@v1.0.1'));
  });

  test('--sr is judged too: the commit\'s own stage tags count', async () => {
    const repo = repoWithRules();
    const sha = commit(repo, 'two', {'model.bin': '2'});
    refused(await gtoAt(T0 + 60, repo, 'assign', 'm', 'HEAD', '--sr', '--stage', 'qa'), `${sha} has never been in 'dev'; qa requires dev`);
    assert.equal((await gtoAt(T0 + 60, repo, 'assign', 'm', 'HEAD', '--sr', '--stage', 'dev')).code, 0);
    assert.equal((await gtoAt(T0 + 120, repo, 'assign', 'm', 'HEAD', '--sr', '--stage', 'qa')).code, 0);
    assert.ok(!tagNames(repo).includes('m@v1.0.1'), '--sr registered nothing');
  });

  test('current: true wants the version in the stage now, as show m#stage answers', async () => {
    const repo = repoWithRules('promotion:\n  prod: {after: [stage], current: true}\n');
    assert.equal((await gtoAt(T0 + 60, repo, 'assign', 'm', '--version', 'v1.0.0', '--stage', 'stage')).code, 0);
    commit(repo, 'two', {'model.bin': '2'});
    tag(repo, 'm@v1.1.0', {time: T0 + 90});
    assert.equal((await gtoAt(T0 + 120, repo, 'assign', 'm', '--version', 'v1.1.0', '--stage', 'stage')).code, 0);
    refused(await gtoAt(T0 + 180, repo, 'assign', 'm', '--version', 'v1.0.0', '--stage', 'prod'), "v1.0.0 is not in 'stage' now; prod requires stage now");
    assert.equal((await gtoAt(T0 + 180, repo, 'assign', 'm', '--version', 'v1.1.0', '--stage', 'prod')).code, 0);
  });

  test('the rules are the committed ones: an edit not committed yet changes nothing', async () => {
    const repo = repoWithRules();
    writeFileSync(path.join(repo, '.gto-tui.yaml'), 'promotion: {}\n');
    refused(await gtoAt(T0 + 60, repo, 'assign', 'm', '--version', 'v1.0.0', '--stage', 'qa'), "v1.0.0 has never been in 'dev'; qa requires dev");
    git(repo, ['commit', '--quiet', '-am', 'no more rules']);
    assert.equal((await gtoAt(T0 + 60, repo, 'assign', 'm', '--version', 'v1.0.0', '--stage', 'qa')).code, 0);
  });

  test('a malformed file refuses every assignment in one line naming it and the line, --ignore-rules or not; reads do not notice it', async () => {
    const repo = repoWithRules();
    const showBefore = await gtoAt(T0, repo, 'show');
    writeFileSync(path.join(repo, '.gto-tui.yaml'), 'promotion:\n  prod:\n    after: [stage]\n    hold_for: 24h\n');
    git(repo, ['commit', '--quiet', '-am', 'typo']);
    const before = tagNames(repo);
    const message = ".gto-tui.yaml at HEAD, line 4: prod: unknown key 'hold_for' (known: after, current, held_for, signed)";
    refused(await gtoAt(T0 + 60, repo, 'assign', 'm', '--version', 'v1.0.0', '--stage', 'dev'), message);
    refused(await gtoAt(T0 + 60, repo, 'assign', 'm', '--version', 'v1.0.0', '--stage', 'dev', '--ignore-rules'), message);
    assert.deepEqual(tagNames(repo), before);
    assert.deepEqual(await gtoAt(T0, repo, 'show'), showBefore);
    assert.equal((await gtoAt(T0 + 60, repo, 'register', 'm', 'HEAD')).code, 0, 'register has no rules to judge');
  });

  test('stage names from the file reach the terminal escaped', async () => {
    const repo = repoWithRules('promotion:\n  "bad\\e]0;owned\\a": {after: [dev]}\n');
    const run = await gtoAt(T0 + 60, repo, 'assign', 'm', '--version', 'v1.0.0', '--stage', 'dev');
    assert.equal(run.code, 1);
    assert.doesNotMatch(run.err.join(''), /\u001b/);
    assert.match(run.err[0]!, /line 2: 'bad\\u001b\]0;owned\\u0007' is not a valid stage name/);
  });

  test('-h lists --ignore-rules apart, with the other extensions', async () => {
    const help = (await gtoAt(T0, '/', 'assign', '-h')).out.join('\n');
    const apart = help.slice(help.indexOf('gto-tui extensions (not in GTO):'));
    assert.match(apart, /--ignore-rules\s+Assign even if the promotion rules of \.gto-tui\.yaml refuse it/);
    assert.doesNotMatch(help.slice(0, help.indexOf('gto-tui extensions (not in GTO):')), /ignore-rules/);
  });
});

/** doctor's lines after its version and configuration block. */
const doctorReport = (run: Run): string[] => run.out.join('\n').split('\n').slice(run.out.join('\n').split('\n').lastIndexOf('---------------------------------') + 1);

describe('doctor --rules', () => {
  test('finds a rule broken by a tag written with plain git in GTO\'s format, judged as the registry stood then', async () => {
    const repo = repoWithRules();
    tag(repo, 'm#dev#1', {message: 'Assigning stage dev to artifact m version v1.0.0', time: T0 + 60});
    tag(repo, 'm#hot-stage#2', {message: 'Assigning stage hot-stage to artifact m version v1.0.0', time: T0 + 120});
    // a GTO user promotes an hour later: GTO does not know the rules
    tag(repo, 'm#prod#3', {message: 'Assigning stage prod to artifact m version v1.0.0', time: T0 + 120 + HOUR});
    // the same promotion a day later would have been fine
    tag(repo, 'm#prod#4', {message: 'Assigning stage prod to artifact m version v1.0.0', time: T0 + 120 + 24 * HOUR});
    const run = await gtoAt(T0, repo, 'doctor', '--rules');
    assert.equal(run.code, 1);
    assert.deepEqual(doctorReport(run), [
      'Promotion rules (.gto-tui.yaml at HEAD): 3 assignments to stages with rules, 1 broke them',
      "Broken rule: 'm#prod#3' (v1.0.0 to prod, 2024-01-01 01:02:00+00:00): v1.0.0 had entered 'hot-stage' only 1h before; prod requires stage or hot-stage for 24h",
    ]);
    assert.deepEqual(run.err, ['❌ 1 assignment broke the promotion rules without an override (listed above)']);
  });

  test('an overridden assignment is listed and marked, and is no problem', async () => {
    const repo = repoWithRules();
    assert.equal((await gtoAt(T0 + 60, repo, 'assign', 'm', '--version', 'v1.0.0', '--stage', 'qa', '--ignore-rules')).code, 0);
    const run = await gtoAt(T0, repo, 'doctor', '--rules');
    assert.deepEqual(doctorReport(run), [
      'Promotion rules (.gto-tui.yaml at HEAD): 1 assignment to stages with rules, 1 broke them (1 overridden)',
      "Overridden rule: 'm#qa#1' (v1.0.0 to qa, 2024-01-01 00:01:00+00:00): v1.0.0 had never been in 'dev'; qa requires dev",
      '✅  No issues found',
    ]);
    assert.equal(run.code, 0);
  });

  test('plain doctor, show and history print the same with a rules file the registry breaks', async () => {
    const repo = makeRepo();
    commit(repo, 'model', {'model.bin': '1'});
    tag(repo, 'm@v1.0.0', {time: T0});
    tag(repo, 'm#prod#1', {time: T0 + 60});
    const reads = [['doctor'], ['show'], ['show', 'm'], ['history'], ['stages'], ['check-ref', 'm#prod#1']];
    const before = await Promise.all(reads.map((args) => gtoAt(T0, repo, ...args)));
    writeFileSync(path.join(repo, '.gto-tui.yaml'), DAG_RULES);
    git(repo, ['add', '.gto-tui.yaml']);
    git(repo, ['commit', '--quiet', '-m', 'rules'], {env: {GIT_COMMITTER_DATE: gitDate(T0), GIT_AUTHOR_DATE: gitDate(T0)}});
    const afterRules = await Promise.all(reads.map((args) => gtoAt(T0, repo, ...args)));
    assert.deepEqual(afterRules, before);
    assert.equal((await gtoAt(T0, repo, 'doctor', '--rules')).code, 1, 'while doctor --rules sees it');
  });

  test('no rules file, and a malformed one', async () => {
    const none = makeRepo();
    commit(none, 'model', {'model.bin': '1'});
    const run = await gtoAt(T0, none, 'doctor', '--rules');
    assert.deepEqual(doctorReport(run), ['Promotion rules: no .gto-tui.yaml at HEAD', '✅  No issues found']);
    const broken = repoWithRules('promotion:\n  prod: {after: stage}\n');
    const bad = await gtoAt(T0, broken, 'doctor', '--rules');
    assert.equal(bad.code, 1);
    assert.deepEqual(bad.err, ['❌ .gto-tui.yaml at HEAD, line 2: prod: after: expected a list of one or more stage names, such as [qa]']);
    assert.equal((await gtoAt(T0, broken, 'doctor')).code, 0, 'plain doctor does not read it');
  });
});

describe('signed: true', () => {
  test('assign refuses an unsigned assignment and takes one made with --sign; doctor --rules asks git about past ones', async () => {
    const repo = repoWithRules('promotion:\n  prod: {signed: true}\n');
    const key = sshKey();
    useSshSigning(repo, key, [{principal: 'carol@example.com', key}]);
    refused(await gtoAt(T0 + 60, repo, 'assign', 'm', '--version', 'v1.0.0', '--stage', 'prod'), "Stage 'prod' takes only signed assignments: assign with --sign");
    const signed = await gtoAt(T0 + 60, repo, 'assign', 'm', '--version', 'v1.0.0', '--stage', 'prod', '--sign');
    assert.equal(signed.code, 0, signed.err.join('\n'));
    assert.equal(tagMessage(repo, 'm#prod#1').split('\n')[0], 'Assigning stage prod to artifact m version v1.0.0');
    // a GTO user's unsigned promotion
    tag(repo, 'm#prod#2', {message: 'Assigning stage prod to artifact m version v1.0.0', time: T0 + 120});
    const run = await gtoAt(T0, repo, 'doctor', '--rules');
    assert.deepEqual(doctorReport(run), [
      'Promotion rules (.gto-tui.yaml at HEAD): 2 assignments to stages with rules, 1 broke them',
      "Broken rule: 'm#prod#2' (v1.0.0 to prod, 2024-01-01 00:02:00+00:00): its tag has no signature git verifies as good; prod requires a signed assignment",
    ]);
    assert.equal(run.code, 1);
  });
});

describe('cost', () => {
  /** The git commands `work` runs (a logging `git` first in PATH), sorted. */
  const gitCommands = async (work: () => Promise<unknown>): Promise<string[]> => (await withLoggedGit(work)).processes;

  test('assign reads the rules in the cat-file it already runs: the same git processes with and without them', async () => {
    const withRules = repoWithRules();
    tag(withRules, 'm#dev#1', {time: T0 + 10});
    const without = makeRepo();
    commit(without, 'model', {'model.bin': '1'});
    tag(without, 'm@v1.0.0', {time: T0});
    tag(without, 'm#dev#1', {time: T0 + 10});
    const ruled = await gitCommands(async () => assert.equal((await gtoAt(T0 + 60, withRules, 'assign', 'm', '--version', 'v1.0.0', '--stage', 'qa')).code, 0));
    const plain = await gitCommands(async () => assert.equal((await gtoAt(T0 + 60, without, 'assign', 'm', '--version', 'v1.0.0', '--stage', 'qa')).code, 0));
    assert.deepEqual(ruled, plain);
    assert.equal(ruled.filter((c) => c === 'cat-file').length, 1);
  });
});
