import assert from 'node:assert/strict';
import {test} from 'node:test';
import {fetchSummary, tagChanges} from '../../source/ui/tagChanges.js';

test("f's summary names what came, moved and went, the first three of each, and what git kept", () => {
  const before = new Map([['a#prod#1', '1'], ['b@v1.0.0', '2'], ['gone@v1.0.0', '3']]);
  const after = new Map([['a#prod#1', '1'], ['b@v1.0.0', '9'], ['c#dev#1', '4'], ['c#dev#2', '5'], ['c#dev#3', '6'], ['c#dev#4', '7']]);
  const changes = tagChanges(before, after);
  assert.deepEqual(changes, {added: ['c#dev#1', 'c#dev#2', 'c#dev#3', 'c#dev#4'], moved: ['b@v1.0.0'], removed: ['gone@v1.0.0']});
  assert.equal(
    fetchSummary(changes, ['x#prod#1']),
    'Fetched 4 new tags: c#dev#1, c#dev#2, c#dev#3, … (1 more); 1 moved: b@v1.0.0; 1 deleted: gone@v1.0.0; kept local x#prod#1 (differs on origin)',
  );
  assert.equal(fetchSummary(tagChanges(before, before), []), 'Fetched tags from origin: nothing new');
  assert.equal(fetchSummary(tagChanges(before, before), ['x']), 'Fetched tags from origin: nothing new; kept local x (differs on origin)');
  assert.equal(fetchSummary(tagChanges(new Map(), new Map([['m@v1.0.0', '1']])), []), 'Fetched 1 new tag: m@v1.0.0');
});
