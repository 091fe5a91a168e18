/** The registry grid: only the visible window of rows is rendered; each row is memoised. */
import {Box} from 'ink';
import {memo} from 'react';
import {isUnpushed, visibleColumns, type GridColumn, type GridRow} from '../grid.js';
import type {IncomingCells} from '../incoming.js';
import type {Theme} from '../theme.js';
import {fit} from './text.js';
import {useTheme} from './ThemeContext.js';
import {Text} from './SafeText.js';

const GAP = 2;
/** Row marker column: `▶ ` on the cursor row. */
const MARKER = 2;

type RowProps = {
  row: GridRow;
  columns: readonly number[];
  widths: readonly number[];
  /** The selected column when this row has the cursor, else -1. */
  selected: number;
  unpushed: ReadonlySet<string> | null;
  /** Columns of this row with a tag on origin that is not here. */
  incoming: ReadonlySet<number> | undefined;
  theme: Theme;
};

const cellMarker = (pushed: boolean | null, incoming: boolean, theme: Theme): string => {
  if (incoming) return pushed === true ? theme.bothWaysMarker : theme.incomingMarker;
  return pushed === null ? theme.unknownMarker : pushed ? theme.unpushedMarker : ' ';
};

const Row = memo(({row, columns, widths, selected, unpushed: unpushedTags, incoming, theme}: RowProps) => (
  <Text wrap="truncate">
    <Text>{selected >= 0 ? `${theme.selectedMarker} ` : '  '}</Text>
    {columns.map((i) => {
      const cell = row.cells[i]!;
      const text = fit(cell.text, widths[i]!);
      const unpushed = isUnpushed(cell, unpushedTags);
      const dim = !row.active || cell.text === '-';
      return (
        <Text key={i}>
          <Text color={unpushed || incoming?.has(i) ? theme.warn : theme.muted}>{cellMarker(unpushed, incoming?.has(i) ?? false, theme)}</Text>
          <Text inverse={i === selected} bold={i === selected} color={dim ? theme.muted : undefined}>
            {text}
          </Text>
          <Text>{' '.repeat(GAP - 1)}</Text>
        </Text>
      );
    })}
  </Text>
));

type Props = {
  columns: readonly GridColumn[];
  rows: readonly GridRow[];
  widths: readonly number[];
  cursor: {row: number; col: number; top: number};
  height: number;
  width: number;
  /** Local tags not on origin at the same object; null until origin answers. */
  unpushed: ReadonlySet<string> | null;
  /** Artifact → its columns with a tag on origin that is not here (`↓`). */
  incoming: IncomingCells;
  emptyText: string;
};

export const Grid = ({columns, rows, widths, cursor, height, width, unpushed, incoming, emptyText}: Props) => {
  const theme = useTheme();
  const shown = visibleColumns(widths, cursor.col, width - MARKER, GAP);
  const window = rows.slice(cursor.top, cursor.top + height);
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate">
        {'  '}
        {shown.map((i) => ' ' + fit(columns[i]!.title, widths[i]!) + ' '.repeat(GAP - 1)).join('')}
        {shown.length < columns.length ? `(${columns.length - shown.length} more →)` : ''}
      </Text>
      {window.length === 0 ? <Text color={theme.muted}>{emptyText}</Text> : null}
      {window.map((row, i) => (
        <Row
          key={row.name}
          row={row}
          columns={shown}
          widths={widths}
          selected={cursor.top + i === cursor.row ? cursor.col : -1}
          unpushed={unpushed}
          incoming={incoming.get(row.name)}
          theme={theme}
        />
      ))}
    </Box>
  );
};
