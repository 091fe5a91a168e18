import assert from 'node:assert/strict';
import {test} from 'node:test';
import {formatTable} from '../../source/output/table.js';

// Expected layouts are copied from the conformance cases (GTO 1.10.1 output).
test('fancy_outline pads each column to max(header + 2, longest value) with one space each side', () => {
  const text = formatTable(
    ['artifact', 'version', 'stage', 'created_at', 'ref'],
    [['m', 'v1.0.0', 'prod', '2024-01-01 05:32:00+05:30', 'm@v1.0.0']],
    'fancy_outline',
  );
  assert.equal(
    text,
    [
      '╒════════════╤═══════════╤═════════╤═══════════════════════════╤══════════╕',
      '│ artifact   │ version   │ stage   │ created_at                │ ref      │',
      '╞════════════╪═══════════╪═════════╪═══════════════════════════╪══════════╡',
      '│ m          │ v1.0.0    │ prod    │ 2024-01-01 05:32:00+05:30 │ m@v1.0.0 │',
      '╘════════════╧═══════════╧═════════╧═══════════════════════════╧══════════╛',
    ].join('\n'),
  );
});

test('plain separates columns by two spaces, trims line ends, prints null as - and empty as blank', () => {
  const registry = formatTable(
    ['name', 'latest', '#dev', '#prod'],
    [
      ['churn', 'v1.1.0', 'v1.0.0', 'v1.1.0'],
      ['segment', 'v0.4.1', '6f19d64', null],
    ],
    'plain',
  );
  assert.equal(
    registry,
    ['name     latest    #dev     #prod', 'churn    v1.1.0    v1.0.0   v1.1.0', 'segment  v0.4.1    6f19d64  -'].join('\n'),
  );
  const versions = formatTable(
    ['artifact', 'version', 'stage', 'created_at', 'ref'],
    [['segment', 'v0.4.1', '', '2024-01-01 00:04:00+00:00', 'segment@v0.4.1']],
    'plain',
  );
  assert.equal(
    versions,
    [
      'artifact    version    stage    created_at                 ref',
      'segment     v0.4.1              2024-01-01 00:04:00+00:00  segment@v0.4.1',
    ].join('\n'),
  );
});

test('numeric-looking cells stay left-aligned text (tabulate number sniffing is not reproduced)', () => {
  const text = formatTable(['commit'], [['3955317'], ['39553e7']], 'plain');
  assert.equal(text, ['commit', '3955317', '39553e7'].join('\n'));
});

test('widths count code points, so non-ASCII names line up', () => {
  const text = formatTable(['name'], [['modèle-été']], 'fancy_outline');
  const lines = text.split('\n');
  assert.equal(lines[3], '│ modèle-été │');
  assert.equal([...lines[0]!].length, [...lines[3]!].length);
});
