import assert from 'node:assert/strict';
import {after, describe, it} from 'node:test';
import {localMinute, localSeconds} from '../../source/output/time.js';
import {parseWhen, timeSeconds, type When} from '../../source/registry/when.js';

const savedTz = process.env['TZ'];
after(() => {
  if (savedTz === undefined) delete process.env['TZ'];
  else process.env['TZ'] = savedTz;
});

const seconds = (text: string): number => {
  const when = parseWhen(text);
  assert.equal(when.kind, 'time', `${text} is a time`);
  return timeSeconds(when as Extract<When, {kind: 'time'}>, localSeconds);
};

describe('parseWhen: ISO 8601 moments and git refs', () => {
  it('reads a zone as written: Z, ±HH:MM, ±HHMM, ±HH', () => {
    process.env['TZ'] = 'America/New_York';
    assert.equal(seconds('2024-03-01T14:00:00Z'), Date.UTC(2024, 2, 1, 14) / 1000);
    assert.equal(seconds('2024-03-01T14:00:00+02:00'), Date.UTC(2024, 2, 1, 12) / 1000);
    assert.equal(seconds('2024-03-01T14:00+0530'), Date.UTC(2024, 2, 1, 8, 30) / 1000);
    assert.equal(seconds('2024-03-01 14:00:00-05'), Date.UTC(2024, 2, 1, 19) / 1000);
    assert.equal(seconds('2024-03-01T14:00:59.999Z'), Date.UTC(2024, 2, 1, 14, 0, 59) / 1000);
  });

  it('reads a moment without a zone in the local time zone (TZ), like git', () => {
    process.env['TZ'] = 'Europe/Berlin';
    assert.equal(seconds('2024-03-01'), Date.UTC(2024, 1, 29, 23) / 1000);
    assert.equal(seconds('2024-03-01T14:00'), Date.UTC(2024, 2, 1, 13) / 1000);
    assert.equal(seconds('2024-07-01T14:00'), Date.UTC(2024, 6, 1, 12) / 1000, 'summer time');
    assert.equal(localMinute(Date.UTC(2024, 6, 1, 12) / 1000), '2024-07-01 14:00');
    process.env['TZ'] = 'UTC';
    assert.equal(seconds('2024-03-01T14:00'), Date.UTC(2024, 2, 1, 14) / 1000);
    assert.equal(localMinute(Date.UTC(2024, 2, 1, 21, 0, 59) / 1000), '2024-03-01 21:00');
  });

  it('refuses date-shaped text that is no date', () => {
    for (const text of ['2024-13-01', '2024-02-30', '2023-02-29', '2024-03-01T24:00', '2024-03-01T14:60', '2024-03', '2024-03-01T14', '2024-03-01Z', '2024-03-01T14:00+25:00', '2024-3-1', '']) {
      assert.deepEqual(parseWhen(text), {kind: 'invalid'}, text);
    }
    assert.equal(parseWhen('2024-02-29').kind, 'time');
  });

  it('takes anything else as a git ref', () => {
    assert.deepEqual(parseWhen('churn#prod#3'), {kind: 'ref', ref: 'churn#prod#3'});
    assert.deepEqual(parseWhen('HEAD~2'), {kind: 'ref', ref: 'HEAD~2'});
    assert.deepEqual(parseWhen('refs/tags/2024-03-01'), {kind: 'ref', ref: 'refs/tags/2024-03-01'});
    assert.deepEqual(parseWhen('main\nHEAD'), {kind: 'invalid'});
  });
});
