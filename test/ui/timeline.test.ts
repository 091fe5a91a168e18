import assert from 'node:assert/strict';
import {after, describe, it} from 'node:test';
import fc from 'fast-check';
import {DEFAULT_CONFIG, type Config} from '../../source/registry/config.js';
import {buildRegistry, type RegistryInput} from '../../source/registry/state.js';
import {buildTimeline} from '../../source/registry/timeline.js';
import {buildGridModel, columnWidths} from '../../source/ui/grid.js';
import {selectColumnWidths} from '../../source/ui/selectors.js';
import {eventSentence, goTo, gridAt, openTimeline, stepDay, stepEvent, timelineLine} from '../../source/ui/timeline.js';
import {EPOCH, FakeRepo} from '../registry/fake-repo.js';
import {historyArbitrary, recordsOf} from '../registry/randomHistory.js';

const savedTz = process.env['TZ'];
process.env['TZ'] = 'UTC';
after(() => {
  process.env['TZ'] = savedTz;
});

const builds = (input: RegistryInput): boolean => {
  try {
    buildRegistry(input);
    return true;
  } catch {
    return false;
  }
};

describe('gridAt: the grid as of any event, step by step', () => {
  for (const [label, config] of [
    ['stage columns in use', DEFAULT_CONFIG],
    ['stage columns from .gto', {...DEFAULT_CONFIG, stages: ['prod', 'staging', 'dev']}],
  ] as const) {
    it(`property (${label}): after any walk, the grid is the one built from the tags of the events so far`, () => {
      fc.assert(
        fc.property(historyArbitrary, fc.array(fc.integer({min: -3, max: 30}), {minLength: 1, maxLength: 12}), (history, walk) => {
          const {tags, commits, head} = recordsOf(history);
          const input: RegistryInput = {tags, commits, head, config: config as Config};
          fc.pre(builds(input));
          const timeline = buildTimeline(input);
          const n = timeline.entries.length;
          const eventTags = new Set(timeline.entries.map((e) => e.record.name));
          let position = n;
          for (const move of walk) {
            // small steps both ways, and jumps (move >= 26)
            position = move >= 26 ? (move * 7) % (n + 1) : Math.max(0, Math.min(n, position + move));
            const applied = new Set(timeline.entries.slice(0, position).map((e) => e.record.name));
            const registry = buildRegistry({...input, tags: tags.filter((t) => !eventTags.has(t.name) || applied.has(t.name))});
            const expected = buildGridModel(registry, config as Config, head);
            const model = gridAt(timeline, config as Config, position);
            assert.deepStrictEqual(model, expected, `after ${position} of ${n} events`);
            // the widths the timeline tallies step by step are those measured from every row
            assert.deepStrictEqual(selectColumnWidths(model), columnWidths(expected), `widths after ${position} of ${n} events`);
          }
        }),
        {numRuns: 300},
      );
    });
  }
});

describe('the timeline view', () => {
  const repo = new FakeRepo();
  const c1 = repo.commit('one', 'churn: {}\n'); // +1 min
  repo.tagAt(c1, 'churn@v1.0.0'); // +2
  repo.tagAt(c1, 'churn#prod#1'); // +3
  const c2 = repo.commit('two'); // +4
  repo.tagAt(c2, 'churn#prod#2'); // +5, before its registration: the sha holds prod
  repo.tagAt(c2, 'churn@v2.0.0'); // +6
  repo.tagAt(c2, 'churn#prod!#3'); // +7
  repo.tagAt(c1, 'churn@deprecated'); // +8
  const input: RegistryInput = {tags: repo.sortedTags(), commits: repo.commits, head: repo.head, config: {...DEFAULT_CONFIG, stages: ['dev', 'prod']}};
  const timeline = buildTimeline(input);
  const view = openTimeline(timeline, input.config)!;
  const minute = (n: number): number => EPOCH + n * 60;

  it('opens at now: after the last event, at its moment', () => {
    assert.equal(view.position, 6);
    assert.equal(view.moment, minute(8));
    assert.equal(timelineLine(view), 'as of 2024-01-01 00:08 · Carol Committer deprecated churn · event 6/6');
    assert.deepEqual(view.changed, {name: 'churn', columns: new Set([0])});
  });

  it('names each event as the registry stood then', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5].map((p) => eventSentence(timeline, p)),
      [
        'Carol Committer registered churn v1.0.0',
        'Carol Committer assigned churn v1.0.0 to prod',
        `Carol Committer assigned churn ${c2.slice(0, 7)} to prod`,
        'Carol Committer registered churn v2.0.0',
        'Carol Committer unassigned prod from churn v2.0.0',
      ],
    );
  });

  it('marks the cells the event at the cursor changed, and only those', () => {
    let v = view;
    for (let i = 0; i < 3; i++) v = stepEvent(v, -1);
    assert.equal(v.position, 3);
    // churn#prod#2 moved prod to the unregistered commit: the #prod column (index 3) changed
    assert.deepEqual(v.changed, {name: 'churn', columns: new Set([3])});
    assert.equal(v.model.rows[0]!.cells[3]!.text, c2.slice(0, 7));
    v = stepEvent(v, 1);
    // registering v2.0.0 at that commit: latest and #prod both changed (the sha became v2.0.0)
    assert.deepEqual(v.changed, {name: 'churn', columns: new Set([1, 3])});
    v = stepEvent(stepEvent(v, -1), -1);
    v = stepEvent(stepEvent(v, -1), -1);
    assert.equal(v.position, 0);
    assert.equal(v.moment, minute(2) - 1);
    assert.equal(timelineLine(v), 'as of 2024-01-01 00:01 · before the first registry event');
    assert.equal(stepEvent(v, -1), v);
    // the artifact HEAD's annotations list is there before any tag, known only from them
    assert.deepEqual(v.model.rows.map((row) => row.label), ['*churn']);
  });

  it('on a row that appears, marks what it shows, not its empty cells', () => {
    const more = new FakeRepo();
    const c = more.commit('one');
    more.tagAt(c, 'seg@v1.0.0');
    const t = buildTimeline({tags: more.sortedTags(), commits: more.commits, head: more.head, config: {...DEFAULT_CONFIG, stages: ['dev', 'prod']}});
    assert.deepEqual(openTimeline(t, {...DEFAULT_CONFIG, stages: ['dev', 'prod']})!.changed, {name: 'seg', columns: new Set([0, 1])});
  });

  it('steps a day at a time, kept between before the first event and the last', () => {
    const back = stepDay(view, -1);
    assert.equal(back.position, 0);
    assert.equal(back.moment, minute(2) - 1);
    assert.equal(stepDay(back, 1).position, 6);
    assert.equal(stepDay(view, 1), view);
  });

  it('goes to a typed moment (local time) or a registry tag', () => {
    const at = goTo(view, '2024-01-01T00:05:30');
    assert.equal(at.kind, 'view');
    if (at.kind !== 'view') return;
    assert.equal(at.view.position, 3);
    assert.equal(timelineLine(at.view), `as of 2024-01-01 00:05 · Carol Committer assigned churn ${c2.slice(0, 7)} to prod · event 3/6`);
    const tagged = goTo(view, 'churn@v2.0.0');
    assert.equal(tagged.kind === 'view' && tagged.view.position, 4);
    const later = goTo(view, '2024-01-02');
    assert.equal(later.kind === 'view' && timelineLine(later.view), 'as of 2024-01-02 00:00 · last event at 2024-01-01 00:08: Carol Committer deprecated churn · event 6/6');
    assert.deepEqual(goTo(view, 'yesterday\u202e'), {kind: 'error', message: "'yesterday\\u202e' is neither a date (YYYY-MM-DD[THH:MM]) nor a registry tag"});
  });

  it('escapes what the repository wrote (a tagger name) before it reaches the header', () => {
    const evil = new FakeRepo();
    const c = evil.commit('one');
    evil.tags.push({kind: 'annotated', name: 'm@v1.0.0', target: c, targetType: 'commit', tagger: {name: 'Eve\u001b]0;pwned\u0007\u202e', email: 'e@x', time: {seconds: EPOCH, offsetMinutes: 0}}, message: 'x\n'});
    const t = buildTimeline({tags: evil.sortedTags(), commits: evil.commits, head: evil.head, config: DEFAULT_CONFIG});
    assert.equal(eventSentence(t, 1), 'Eve\\u001b]0;pwned\\u0007\\u202e registered m v1.0.0');
  });
});
