import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {
  auditAssignments,
  formatDuration,
  judgeAssignment,
  overrideLine,
  parseDuration,
  parseRulesFile,
  pastBreachText,
  refusalText,
  signedRuleTags,
  withOverrideLines,
  type Candidate,
  type PromotionRules,
} from '../../source/registry/rules.js';
import {COMMITTER, EPOCH, FakeRepo} from './fake-repo.js';
import {DAG_RULES} from '../helpers/promotionRules.js';

const HOUR = 3600;


const rulesOf = (text: string): PromotionRules => {
  const file = parseRulesFile(text);
  assert.equal(file.kind, 'present', file.kind === 'malformed' ? file.message : '');
  return file.kind === 'present' ? file.rules : new Map();
};

/** A registry tagged at chosen times (seconds after EPOCH): the clock of `held_for`. */
const repoWith = (tags: readonly [name: string, secondsAfterEpoch: number, message?: string][]): FakeRepo => {
  const repo = new FakeRepo();
  repo.commit('one');
  for (const [name, seconds, message] of tags) {
    repo.tags.push({kind: 'annotated', name, target: repo.head!, targetType: 'commit', tagger: {...COMMITTER, time: {seconds: EPOCH + seconds, offsetMinutes: 0}}, message: `${message ?? name}\n`});
  }
  return repo;
};

const judge = (rules: PromotionRules, repo: FakeRepo, stage: string, at: number, extra: Partial<Candidate> = {}): string[] => {
  const artifact = repo.registry().artifacts.get('m');
  const version = extra.version ?? 'v1.0.0';
  return judgeAssignment(rules, {
    artifact,
    stage,
    version,
    filedAs: {version, commit: repo.head!},
    at: EPOCH + at,
    signed: false,
    ...extra,
  }).map(refusalText);
};

describe('.gto-tui.yaml', () => {
  test('reads each stage rule: after, current, held_for, signed', () => {
    const rules = rulesOf(`${DAG_RULES}  audit: {after: [prod], current: true, held_for: 1d12h, signed: true}\n  sealed: {signed: true}\n`);
    assert.deepEqual([...rules.keys()], ['qa', 'stage', 'hot-stage', 'prod', 'audit', 'sealed']);
    assert.deepEqual(rules.get('prod'), {stage: 'prod', after: ['stage', 'hot-stage'], current: false, heldFor: {text: '24h', seconds: 24 * HOUR}, signed: false});
    assert.deepEqual(rules.get('audit'), {stage: 'audit', after: ['prod'], current: true, heldFor: {text: '1d12h', seconds: 36 * HOUR}, signed: true});
    assert.deepEqual(rules.get('sealed'), {stage: 'sealed', after: [], current: false, heldFor: null, signed: true});
  });

  test('no file, an empty file and an empty promotion section are no rules', () => {
    assert.deepEqual(parseRulesFile(null), {kind: 'absent'});
    for (const text of ['', '# nothing yet\n', 'promotion:\n', 'promotion: {}\n']) assert.deepEqual(rulesOf(text), new Map(), text);
  });

  test('block style, anchors and aliases read as flow style does', () => {
    const rules = rulesOf('promotion:\n  prod:\n    after: &gate\n      - stage\n    held_for: 30m\n  canary:\n    after: *gate\n');
    assert.deepEqual(rules.get('prod')?.after, ['stage']);
    assert.deepEqual(rules.get('canary')?.after, ['stage']);
    assert.equal(rules.get('prod')?.heldFor?.seconds, 1800);
  });

  const malformed: [string, string, string][] = [
    ['unknown section', 'promotion:\n  qa: {after: [dev]}\nstages: [dev]\n', "line 3: unknown key 'stages' (known: promotion)"],
    ['unknown rule key', 'promotion:\n  prod:\n    after: [stage]\n    hold_for: 24h\n', "line 4: prod: unknown key 'hold_for' (known: after, current, held_for, signed)"],
    ['after not a list', 'promotion:\n  prod: {after: stage}\n', 'line 2: prod: after: expected a list of one or more stage names, such as [qa]'],
    ['after empty', 'promotion:\n  prod: {after: []}\n', 'line 2: prod: after: expected a list of one or more stage names, such as [qa]'],
    ['a stage name GTO refuses', 'promotion:\n  prod: {after: [st@ge]}\n', "line 2: prod: after: 'st@ge' is not a valid stage name"],
    ['a ruled stage name GTO refuses', 'promotion:\n  -prod: {after: [stage]}\n', "line 2: '-prod' is not a valid stage name"],
    ['held_for a number', 'promotion:\n  prod: {after: [stage], held_for: 24}\n', 'line 2: prod: held_for: expected a time such as 30m, 24h, 7d or 1d12h'],
    ['held_for in words', 'promotion:\n\n  prod:\n    after: [stage]\n    held_for: 24 hours\n', 'line 5: prod: held_for: expected a time such as 30m, 24h, 7d or 1d12h'],
    ['current as YAML 1.1 yes', 'promotion:\n  prod: {after: [stage], current: yes}\n', 'line 2: prod: current: expected true or false'],
    ['current without after', 'promotion:\n  prod: {current: true}\n', 'line 2: prod: current needs after: (the stages it is about)'],
    ['held_for without after', 'promotion:\n  prod: {held_for: 1h}\n', 'line 2: prod: held_for needs after: (the stages it is about)'],
    ['a rule that is not a mapping', 'promotion:\n  prod: [stage]\n', 'line 2: prod: expected a mapping, such as {after: [qa]}'],
    ['an empty rule', 'promotion:\n  prod:\n', 'line 2: prod: expected a mapping, such as {after: [qa]}'],
    ['promotion a list', 'promotion:\n  - prod\n', 'line 2: promotion: expected a mapping of stages, such as prod: {after: [stage]}'],
    ['not YAML', 'promotion:\n  prod: {after: [stage]\n  qa: {}\n', 'line 3: not valid YAML (Flow map in block collection must be sufficiently indented and end with a })'],
    ['a stage twice', 'promotion:\n  prod: {after: [stage]}\n  prod: {after: [qa]}\n', 'line 3: not valid YAML (Map keys must be unique)'],
    ['a circle', 'promotion:\n  dev: {}\n  stage: {after: [prod]}\n  prod: {after: [stage]}\n', 'line 3: stage can never be entered: stage requires prod requires stage'],
  ];
  for (const [what, text, message] of malformed) {
    test(`a malformed file is one line naming the file and the line: ${what}`, () => {
      assert.deepEqual(parseRulesFile(text), {kind: 'malformed', message: `.gto-tui.yaml at HEAD, ${message}`});
    });
  }

  test('a circle with a way out is no circle: prod is reachable through hot-stage', () => {
    assert.equal(parseRulesFile('promotion:\n  stage: {after: [prod]}\n  prod: {after: [stage, hot-stage]}\n').kind, 'present');
  });

  test('durations: whole numbers with s, m, h, d or w, one or more', () => {
    const table: [string, number | null][] = [
      ['30m', 1800], ['24h', 86_400], ['7d', 604_800], ['2w', 1_209_600], ['1d12h', 129_600], ['90s', 90], ['1h30m', 5400],
      ['0h', null], ['24', null], ['h', null], ['1.5h', null], ['24H', null], ['1d 12h', null], ['-1h', null], ['', null],
    ];
    for (const [text, seconds] of table) assert.equal(parseDuration(text)?.seconds ?? null, seconds, text);
  });

  test('elapsed times print in their two largest units', () => {
    const table: [number, string][] = [[0, '0s'], [59, '59s'], [60, '1m'], [3599, '59m'], [3600, '1h'], [11_400, '3h 10m'], [93_600, '1d 2h'], [86_700, '1d 5m']];
    for (const [seconds, text] of table) assert.equal(formatDuration(seconds), text, String(seconds));
  });
});

describe('judging an assignment', () => {
  const rules = rulesOf(DAG_RULES);

  test('a stage without a rule takes anything', () => {
    assert.deepEqual(judge(rules, repoWith([['m@v1.0.0', 0]]), 'dev', 60), []);
    assert.deepEqual(judge(rules, repoWith([]), 'dev', 60, {artifact: undefined}), []);
  });

  test('after: the version must have been in one of the stages; the message names the missing step', () => {
    const repo = repoWith([['m@v1.0.0', 0]]);
    assert.deepEqual(judge(rules, repo, 'qa', 60), ["v1.0.0 has never been in 'dev'; qa requires dev"]);
    assert.deepEqual(judge(rules, repo, 'prod', 60, {version: 'v3.1.1'}), ["v3.1.1 has never been in 'stage' or 'hot-stage'; prod requires stage or hot-stage for 24h"]);
    const dev = repoWith([['m@v1.0.0', 0], ['m#dev#1', 60]]);
    assert.deepEqual(judge(rules, dev, 'qa', 120), []);
    assert.deepEqual(judge(rules, dev, 'stage', 120), ["v1.0.0 has never been in 'qa'; stage requires qa"]);
  });

  test('"before" is at or before the assignment\'s time: a later tag does not count, one of the same second does', () => {
    const repo = repoWith([['m@v1.0.0', 0], ['m#dev#1', 600]]);
    assert.deepEqual(judge(rules, repo, 'qa', 599), ["v1.0.0 has never been in 'dev'; qa requires dev"]);
    assert.deepEqual(judge(rules, repo, 'qa', 600), []);
  });

  test('once is enough: an unassignment does not undo "has been in"', () => {
    const repo = repoWith([['m@v1.0.0', 0], ['m#dev#1', 60], ['m#dev!#2', 120]]);
    assert.deepEqual(judge(rules, repo, 'qa', 180), []);
  });

  test('held_for: since the first entry into either stage; the second road counts as much as the first', () => {
    const repo = repoWith([['m@v1.0.0', 0], ['m#dev#1', 60], ['m#qa#2', 120], ['m#stage#3', 3600]]);
    assert.deepEqual(judge(rules, repo, 'prod', 3600 + 3 * HOUR + 600), ["v1.0.0 entered 'stage' only 3h 10m ago; prod requires stage or hot-stage for 24h"]);
    assert.deepEqual(judge(rules, repo, 'prod', 3600 + 24 * HOUR), []);
    // hot-stage entered earlier than stage: that first entry is the one the day runs from
    const hot = repoWith([['m@v1.0.0', 0], ['m#dev#1', 60], ['m#hot-stage#2', 120], ['m#stage#3', 20 * HOUR]]);
    assert.deepEqual(judge(rules, hot, 'prod', 120 + 24 * HOUR), []);
    // a re-assignment does not restart the clock
    const again = repoWith([['m@v1.0.0', 0], ['m#dev#1', 60], ['m#qa#2', 120], ['m#stage#3', 180], ['m#stage#4', 23 * HOUR]]);
    assert.deepEqual(judge(rules, again, 'prod', 180 + 24 * HOUR), []);
  });

  const current = rulesOf('promotion:\n  prod: {after: [stage], current: true}\n  live: {after: [stage], current: true, held_for: 2h}\n');

  test('current: the version must hold one of the stages then, as `gto show m#stage` answers', () => {
    assert.deepEqual(judge(current, repoWith([['m@v1.0.0', 0], ['m#stage#1', 60]]), 'prod', 120), []);
    assert.deepEqual(judge(current, repoWith([['m@v1.0.0', 0]]), 'prod', 120), ["v1.0.0 has never been in 'stage'; prod requires stage now"]);
    // unassigned since
    const off = repoWith([['m@v1.0.0', 0], ['m#stage#1', 60], ['m#stage!#2', 120]]);
    assert.deepEqual(judge(current, off, 'prod', 180), ["v1.0.0 is not in 'stage' now; prod requires stage now"]);
    // another version took the stage since (one version per stage, as show prints it)
    const repo = repoWith([['m@v1.0.0', 0], ['m#stage#1', 60]]);
    const c2 = repo.commit('two');
    repo.tags.push(
      {kind: 'annotated', name: 'm@v1.1.0', target: c2, targetType: 'commit', tagger: {...COMMITTER, time: {seconds: EPOCH + 120, offsetMinutes: 0}}, message: 'm@v1.1.0\n'},
      {kind: 'annotated', name: 'm#stage#2', target: c2, targetType: 'commit', tagger: {...COMMITTER, time: {seconds: EPOCH + 180, offsetMinutes: 0}}, message: 'm#stage#2\n'},
    );
    const c1 = repo.rev(1);
    const judged = (at: number) =>
      judgeAssignment(current, {artifact: repo.registry().artifacts.get('m'), stage: 'prod', version: 'v1.0.0', filedAs: {version: 'v1.0.0', commit: c1}, at: EPOCH + at, signed: false}).map(refusalText);
    assert.deepEqual(judged(240), ["v1.0.0 is not in 'stage' now; prod requires stage now"]);
    // ...but before v1.1.0 took it, v1.0.0 held it: the registry as it stood then
    assert.deepEqual(judged(150), []);
  });

  test('current with held_for: held that long without a break; an unassignment restarts the clock', () => {
    const steady = repoWith([['m@v1.0.0', 0], ['m#stage#1', 60]]);
    assert.deepEqual(judge(current, steady, 'live', 60 + 2 * HOUR), []);
    assert.deepEqual(judge(current, steady, 'live', 60 + HOUR), ["v1.0.0 has held 'stage' for only 1h; live requires stage for the last 2h"]);
    const broken = repoWith([['m@v1.0.0', 0], ['m#stage#1', 60], ['m#stage!#2', 120], ['m#stage#3', 5 * HOUR]]);
    assert.deepEqual(judge(current, broken, 'live', 6 * HOUR), ["v1.0.0 has held 'stage' for only 1h; live requires stage for the last 2h"]);
  });

  test('signed: true refuses an unsigned assignment with the signature hook\'s words, after the order rule', () => {
    const signed = rulesOf('promotion:\n  prod: {after: [stage], signed: true}\n');
    const repo = repoWith([['m@v1.0.0', 0]]);
    assert.deepEqual(judge(signed, repo, 'prod', 60), [
      "v1.0.0 has never been in 'stage'; prod requires stage",
      "Stage 'prod' takes only signed assignments: assign with --sign",
    ]);
    assert.deepEqual(judge(signed, repo, 'prod', 60, {signed: true}), ["v1.0.0 has never been in 'stage'; prod requires stage"]);
  });

  test('a commit being registered brings the stage tags already on it (spec §3.1)', () => {
    const repo = repoWith([['m#dev#1', 60]]);
    const artifact = repo.registry().artifacts.get('m');
    const sha = repo.head!;
    const breaches = judgeAssignment(rules, {artifact, stage: 'qa', version: 'v0.0.1', filedAs: {version: sha, commit: sha}, at: EPOCH + 120, signed: false});
    assert.deepEqual(breaches, []);
    const none = judgeAssignment(rules, {artifact, stage: 'stage', version: 'v0.0.1', filedAs: {version: sha, commit: sha}, at: EPOCH + 120, signed: false});
    assert.deepEqual(none.map(refusalText), ["v0.0.1 has never been in 'qa'; stage requires qa"]);
  });

  test('the override line, added once to a message', () => {
    const [breach] = judgeAssignment(rules, {artifact: undefined, stage: 'prod', version: 'v1', filedAs: {version: 'v1', commit: 'c'}, at: 0, signed: false});
    assert.equal(overrideLine(breach!), 'Promotion rule overridden: prod requires stage or hot-stage for 24h');
    const once = withOverrideLines('Assigning stage prod to artifact m version v1', [breach!]);
    assert.equal(once, 'Assigning stage prod to artifact m version v1\nPromotion rule overridden: prod requires stage or hot-stage for 24h');
    assert.equal(withOverrideLines(once, [breach!]), once);
  });
});

describe('auditing past assignments', () => {
  const rules = rulesOf(DAG_RULES);

  test('each assignment is judged against the registry as it stood then; overridden ones are marked', () => {
    const repo = repoWith([
      ['m@v1.0.0', 0],
      ['m#dev#1', 60],
      ['m#qa#2', 120],
      ['m#stage#3', 180],
      ['m#prod#4', 240, 'Assigning stage prod to artifact m version v1.0.0\nPromotion rule overridden: prod requires stage or hot-stage for 24h'],
      ['m#prod#5', 180 + 25 * HOUR],
      ['m#hot-stage#6', 300],
    ]);
    const {judged, broken} = auditAssignments(repo.registry(), rules, () => false);
    assert.equal(judged, 5, 'qa, stage, prod twice, hot-stage');
    assert.deepEqual(
      broken.map((b) => [b.event.tag, b.overridden, b.breaches.map(pastBreachText)]),
      [['m#prod#4', true, ["v1.0.0 had entered 'stage' only 1m before; prod requires stage or hot-stage for 24h"]]],
    );
  });

  test('a signed rule is judged on what git says of each tag', () => {
    const signed = rulesOf('promotion:\n  prod: {signed: true}\n');
    const registry = repoWith([['m@v1.0.0', 0], ['m#prod#1', 60], ['m#prod#2', 120]]).registry();
    assert.deepEqual(signedRuleTags(registry, signed), ['m#prod#1', 'm#prod#2']);
    const {broken} = auditAssignments(registry, signed, (tag) => tag === 'm#prod#2');
    assert.deepEqual(broken.map((b) => [b.event.tag, b.breaches.map(pastBreachText)]), [
      ['m#prod#1', ['its tag has no signature git verifies as good; prod requires a signed assignment']],
    ]);
  });
});
