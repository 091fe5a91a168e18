/** The dashboard's sections in the lines of the screen, and moving between them. */
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {adjacentSection, dashboardWindow, nextSection, sectionLines} from '../../../source/ui/dashboard/layout.js';

const open = (rows: number) => ({rows});
const message = {rows: null};

test('a section is its header, the column titles and its rows; without rows, one line says why', () => {
  assert.equal(sectionLines(open(3), 3), 5);
  assert.equal(sectionLines(open(0), 0), 3, 'the grid says no artifact matches');
  assert.equal(sectionLines(message, 0), 2, 'header and the error or loading line');
});

test('everything that fits is shown whole, in order', () => {
  assert.deepEqual(dashboardWindow([open(2), message, open(3)], 0, 0, 20, 0), {
    first: 0,
    shown: [{index: 0, top: 0, count: 2}, {index: 1, top: 0, count: 0}, {index: 2, top: 0, count: 3}],
  });
});

test('sections after the cursor get what room is left, cut short; one with no room for a row is left out', () => {
  assert.deepEqual(dashboardWindow([open(2), open(10), open(5)], 0, 1, 10, 0).shown, [{index: 0, top: 0, count: 2}, {index: 1, top: 0, count: 4}]);
  assert.deepEqual(dashboardWindow([open(2), open(10)], 0, 0, 6, 0).shown, [{index: 0, top: 0, count: 2}], 'two lines left: no row would show');
});

test('the cursor in a later section scrolls earlier sections off, as few as need be', () => {
  const sizes = [open(4), open(4), open(4)];
  // 6 + 6 lines before the third section's header; its cursor row needs 3 more
  assert.deepEqual(dashboardWindow(sizes, 2, 0, 14, 0), {first: 1, shown: [{index: 1, top: 0, count: 4}, {index: 2, top: 0, count: 4}]});
  assert.equal(dashboardWindow(sizes, 2, 0, 20, 0).first, 0, 'it all fits: nothing scrolls');
  assert.equal(dashboardWindow(sizes, 1, 0, 20, 2).first, 1, 'back up to the cursor');
});

test('a section taller than the screen is shown alone, its rows scrolled to the cursor', () => {
  const window = dashboardWindow([open(3), open(100), open(3)], 1, 50, 12, 0);
  assert.equal(window.first, 1);
  assert.deepEqual(window.shown[0], {index: 1, top: 41, count: 10});
  assert.deepEqual(dashboardWindow([open(100)], 0, 99, 12, 0).shown, [{index: 0, top: 90, count: 10}]);
});

test('Tab goes to the next open section, wrapping; the arrows stop at either end', () => {
  const openOnes = (i: number): boolean => i !== 1;
  assert.equal(nextSection(3, 0, 1, openOnes), 2);
  assert.equal(nextSection(3, 2, 1, openOnes), 0);
  assert.equal(nextSection(3, 0, -1, openOnes), 2);
  assert.equal(nextSection(1, 0, 1, () => true), 0);
  assert.equal(adjacentSection(3, 0, 1, openOnes), 2);
  assert.equal(adjacentSection(3, 2, 1, openOnes), null);
  assert.equal(adjacentSection(3, 2, -1, openOnes), 0);
});
