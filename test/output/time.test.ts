import assert from 'node:assert/strict';
import {test} from 'node:test';
import {isoTime, tableTime} from '../../source/output/time.js';

test('times print in the offset they were written with', () => {
  // 2024-01-01T00:02:00Z, as written from three timezones.
  const seconds = 1704067320;
  assert.equal(isoTime({seconds, offsetMinutes: 0}), '2024-01-01T00:02:00+00:00');
  assert.equal(isoTime({seconds, offsetMinutes: 330}), '2024-01-01T05:32:00+05:30');
  assert.equal(isoTime({seconds, offsetMinutes: -300}), '2023-12-31T19:02:00-05:00');
  assert.equal(tableTime({seconds, offsetMinutes: -480}), '2023-12-31 16:02:00-08:00');
});

test('table times use a space separator, JSON times a T', () => {
  const ts = {seconds: 0, offsetMinutes: 0};
  assert.equal(tableTime(ts), '1970-01-01 00:00:00+00:00');
  assert.equal(isoTime(ts), '1970-01-01T00:00:00+00:00');
});
