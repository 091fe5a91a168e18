/** The pure layout: column widths, list windows, the grid's columns, cut text, help lines, hints. */
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {fitList, fitTime} from '../../source/ui/components/text.js';
import {gridLayout} from '../../source/ui/grid.js';
import {helpLines, wrap} from '../../source/ui/help.js';
import {allocateWidths, listWindow, type ColumnSpec} from '../../source/ui/layout.js';
import {layTable} from '../../source/ui/table.js';

const never = (natural: number): ColumnSpec => ({natural, min: natural, cut: 0, optional: false});
const cut = (natural: number, min: number, rank: number, optional = true): ColumnSpec => ({natural, min, cut: rank, optional});

describe('allocateWidths', () => {
  test('what fits is shown whole, whatever the cut order says', () => {
    assert.deepEqual(allocateWidths([never(8), cut(30, 10, 5), cut(12, 6, 4)], 52), [8, 30, 12]);
    assert.deepEqual(allocateWidths([never(8), cut(30, 10, 5), cut(12, 6, 4)], 200), [8, 30, 12], 'no column grows past its content');
  });

  test('too wide: the highest cut rank is cut first, and only as far as needed', () => {
    assert.deepEqual(allocateWidths([never(8), cut(30, 10, 5), cut(12, 6, 4)], 45), [8, 23, 12]);
    assert.deepEqual(allocateWidths([never(8), cut(30, 10, 5), cut(12, 6, 4)], 30), [8, 10, 10], 'then the next rank');
  });

  test('cut to their minimum and still too wide: optional columns are left out, and what was cut takes back the room', () => {
    // 8 + 10 + 6 + 2 gaps = 26 > 22: the message (rank 5) goes; the author grows back to 12
    assert.deepEqual(allocateWidths([never(8), cut(30, 10, 5), cut(12, 6, 4)], 22), [8, 0, 12]);
    assert.deepEqual(allocateWidths([never(8), cut(30, 10, 5), cut(12, 6, 4)], 8), [8, 0, 0]);
  });

  test('a column never cut keeps its width even when nothing else is left', () => {
    assert.deepEqual(allocateWidths([never(20), cut(10, 4, 1, false)], 12), [20, 4]);
  });
});

describe('listWindow', () => {
  test('a list that fits: everything, no markers', () => {
    assert.deepEqual(listWindow(0, 3, 5, 10), {top: 0, count: 5, above: 0, below: 0});
  });

  test('hidden items are counted on a row of their own at each end', () => {
    assert.deepEqual(listWindow(0, 0, 100, 10), {top: 0, count: 9, above: 0, below: 91});
    const middle = listWindow(0, 50, 100, 10);
    assert.equal(middle.count, 8, 'two rows say "more"');
    assert.ok(middle.top <= 50 && 50 < middle.top + middle.count, 'the cursor is shown');
    assert.equal(middle.above + middle.count + middle.below, 100);
    assert.deepEqual(listWindow(0, 99, 100, 10), {top: 91, count: 9, above: 91, below: 0}, 'the end: no row below');
  });

  test('the window moves only as far as the cursor needs', () => {
    const down = listWindow(0, 20, 100, 10);
    assert.equal(listWindow(down.top, 19, 100, 10).top, down.top, 'one up stays in the window');
    assert.equal(listWindow(down.top, down.top - 1, 100, 10).top, down.top - 1);
  });

  test('too few rows for markers: the window alone', () => {
    assert.deepEqual(listWindow(0, 4, 10, 2), {top: 3, count: 2, above: 0, below: 0});
  });
});

describe('gridLayout', () => {
  test('the name column is as wide as its longest name when there is room (no cap at 28)', () => {
    const layout = gridLayout([45, 8, 8, 8], 0, 200, 2);
    assert.deepEqual(
      layout.shown.map((c) => c.width),
      [45, 8, 8, 8],
    );
  });

  test('narrow: the name is cut (not below 12) so that the selected column fits beside it', () => {
    const layout = gridLayout([45, 8, 8, 8], 3, 40, 2);
    assert.ok(layout.shown[0]!.width >= 12 && layout.shown[0]!.width < 45, JSON.stringify(layout));
    assert.ok(layout.shown.some((c) => c.index === 3 && c.width === 8), 'the selected column whole');
  });

  test('hidden columns are counted on the side they are on, each label with room of its own', () => {
    const widths = [10, 10, 10, 10, 10, 10, 10, 10, 10, 10];
    const start = gridLayout(widths, 0, 70, 2);
    assert.deepEqual([start.hiddenLeft, start.hiddenRight], [0, 5]);
    const end = gridLayout(widths, 9, 70, 2);
    assert.deepEqual([end.hiddenLeft, end.hiddenRight], [5, 0], 'scrolled to the last column: the hidden ones are on the left');
    const middle = gridLayout(widths, 5, 70, 2);
    assert.ok(middle.hiddenLeft > 0 && middle.hiddenRight > 0, 'both sides');
    const used = middle.shown.reduce((sum, c) => sum + c.width + 2, 0) + 2 * middle.labelSlot;
    assert.ok(used <= 70, `${used} columns used of 70`);
  });
});

describe('cut text', () => {
  test('a list is cut to whole names', () => {
    assert.equal(fitList('staging, prod, dev', 20).trimEnd(), 'staging, prod, dev');
    assert.equal(fitList('staging, prod, dev', 16).trimEnd(), 'staging, prod +1');
    assert.equal(fitList('staging, prod, dev', 15).trimEnd(), 'staging +2');
    assert.equal(fitList('staging, prod, dev', 10).trimEnd(), 'staging +2');
    assert.equal(fitList('staging, prod, dev', 9).trimEnd(), 'staging,…', 'no room for a whole name: an ellipsis');
  });

  test('a time loses its zone, then its seconds, then its time of day', () => {
    const time = '2024-01-01 10:00:00+00:00';
    assert.equal(fitTime(time, 25), time);
    assert.equal(fitTime(time, 20).trimEnd(), '2024-01-01 10:00:00');
    assert.equal(fitTime(time, 17).trimEnd(), '2024-01-01 10:00');
    assert.equal(fitTime(time, 12).trimEnd(), '2024-01-01');
  });
});

describe('tables', () => {
  test('widths come from the widest cell or title; the stated cut order decides what a narrow table loses', () => {
    const rows = [{version: 'v10.20.300-rc.1', message: 'a long message about the release'}];
    const columns = [
      {title: 'version', cell: (r: (typeof rows)[0]) => r.version},
      {title: 'message', cell: (r: (typeof rows)[0]) => r.message, min: 10, cut: 6, optional: true},
    ];
    assert.deepEqual(
      layTable(columns, rows, 100).map((c) => c.width),
      [15, 32],
    );
    assert.deepEqual(
      layTable(columns, rows, 30).map((c) => c.width),
      [15, 14],
    );
    assert.deepEqual(
      layTable(columns, rows, 20).map((c) => [c.column.title, c.width]),
      [['version', 15]],
      'the message goes; the version stays whole',
    );
  });
});

describe('help lines', () => {
  test('wrap breaks between words and cuts only a word longer than the line', () => {
    assert.deepEqual(wrap('deprecate/deregister/unassign the selected version', 24), ['deprecate/deregister/una', 'ssign the selected', 'version']);
    assert.deepEqual(wrap('show the last error in full', 12), ['show the', 'last error', 'in full']);
  });

  test('descriptions are wrapped beside the key column, the ✎ mark kept', () => {
    const lines = helpLines([{label: 'x', description: 'deprecate, deregister or unassign', writes: true}], 20);
    assert.deepEqual(lines, [
      {keys: 'x', text: 'deprecate,'},
      {keys: ' ', text: 'deregister or'},
      {keys: ' ', text: 'unassign ✎'},
    ]);
  });
});
