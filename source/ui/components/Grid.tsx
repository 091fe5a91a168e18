/** The registry grid: only the visible window of rows is rendered; each row is memoised. */
import {Box} from 'ink';
import {memo, useMemo} from 'react';
import {gridLayout, isUnpushed, leftLabel, rightLabel, type GridColumn, type GridLayout, type GridRow} from '../grid.js';
import type {IncomingCells} from '../incoming.js';
import type {Theme} from '../theme.js';
import type {ChangedCells} from '../timeline.js';
import {fit, fitList} from './text.js';
import {useTheme} from './ThemeContext.js';
import {Text} from './SafeText.js';

/** A cell's `↑` marker and the space after it. */
const GAP = 2;
/** Row marker column: `▶ ` on the cursor row. */
const MARKER = 2;

type RowProps = {
  row: GridRow;
  layout: GridLayout;
  /** The selected column when this row has the cursor, else -1. */
  selected: number;
  unpushed: ReadonlySet<string> | null;
  /** Columns of this row with a tag on origin that is not here. */
  incoming: ReadonlySet<number> | undefined;
  theme: Theme;
  /** On the timeline, this row's cells the event at the cursor changed. */
  changed?: ReadonlySet<number> | null;
};

const cellMarker = (pushed: boolean | null, incoming: boolean, theme: Theme): string => {
  if (incoming) return pushed === true ? theme.bothWaysMarker : theme.incomingMarker;
  return pushed === null ? theme.unknownMarker : pushed ? theme.unpushedMarker : ' ';
};

/** A run of a row's text in one style; unstyled runs are plain strings in the row's Text. */
type Run = {text: string; color: string | undefined; inverse: boolean};

const PLAIN: Omit<Run, 'text'> = {color: undefined, inverse: false};

/**
 * A row as runs of one style each, neighbours in the same style joined: a frame then holds a
 * few Text nodes per row instead of four per cell, which is most of what React and Ink do for
 * a cursor move or a timeline step (a blank marker is a plain space, whatever its colour).
 */
const rowRuns = ({row, layout, selected, unpushed: unpushedTags, incoming, theme, changed}: RowProps): Run[] => {
  const runs: Run[] = [];
  const add = (text: string, style: Omit<Run, 'text'>): void => {
    if (text === '') return;
    const last = runs.at(-1);
    if (last !== undefined && last.color === style.color && last.inverse === style.inverse) last.text += text;
    else runs.push({text, ...style});
  };
  add(selected >= 0 ? `${theme.selectedMarker} ` : '  ', PLAIN);
  layout.shown.forEach(({index: i, width}, n) => {
    const cell = row.cells[i]!;
    // a stage cell holding several versions is cut to whole versions (`v2.0.0 +1`)
    const text = i === 0 ? fit(cell.text, width) : fitList(cell.text, width);
    const unpushed = isUnpushed(cell, unpushedTags);
    const dim = !row.active || cell.text === '-';
    if (n === 1 && layout.hiddenLeft > 0) add(' '.repeat(layout.labelSlot), PLAIN);
    if (changed?.has(i)) add(theme.changedMarker, {color: theme.accent, inverse: false});
    else {
      const marker = cellMarker(unpushed, incoming?.has(i) ?? false, theme);
      add(marker, marker === ' ' ? PLAIN : {color: unpushed || incoming?.has(i) ? theme.warn : theme.muted, inverse: false});
    }
    // the selected cell: inverse (and bold, below), in the row's colour
    add(text, {color: dim ? theme.muted : undefined, inverse: i === selected});
    add(' '.repeat(GAP - 1), PLAIN);
  });
  return runs;
};

const Row = memo((props: RowProps) => (
  <Text wrap="truncate">
    {rowRuns(props).map((run, k) =>
      run.color === undefined && !run.inverse ? (
        run.text
      ) : (
        <Text key={k} color={run.color} inverse={run.inverse} bold={run.inverse}>
          {run.text}
        </Text>
      ),
    )}
  </Text>
));

type Props = {
  columns: readonly GridColumn[];
  rows: readonly GridRow[];
  /** Natural column widths (selectColumnWidths). */
  widths: readonly number[];
  cursor: {row: number; col: number; top: number};
  height: number;
  width: number;
  /** Local tags not on origin at the same object; null until origin answers. */
  unpushed: ReadonlySet<string> | null;
  /** Artifact → its columns with a tag on origin that is not here (`↓`). */
  incoming: IncomingCells;
  emptyText: string;
  /** On the timeline: the row and cells the event at the cursor changed. */
  changed?: ChangedCells | null;
};

/** `12/300`: where the cursor is among the rows shown. */
export const position = (index: number, total: number): string => (total === 0 ? '' : `${index + 1}/${total}`);

export const Grid = ({columns, rows, widths, cursor, height, width, unpushed, incoming, emptyText, changed = null}: Props) => {
  const theme = useTheme();
  // the position sits at the end of the title row; its room is kept on every row, so it never moves
  const where = position(cursor.row, rows.length);
  const room = rows.length === 0 ? 0 : position(rows.length - 1, rows.length).length + 1;
  const layout = useMemo(() => gridLayout(widths, cursor.col, width - MARKER - room, GAP), [widths, cursor.col, width, room]);
  const window = rows.slice(cursor.top, cursor.top + height);
  const left = layout.hiddenLeft > 0 ? leftLabel(layout.hiddenLeft).padEnd(layout.labelSlot) : '';
  const right = layout.hiddenRight > 0 ? ` ${rightLabel(layout.hiddenRight)}` : '';
  const title = ({index, width: w}: {index: number; width: number}): string => ' ' + fit(columns[index]!.title, w) + ' '.repeat(GAP - 1);
  const [name, ...rest] = layout.shown;
  const used = MARKER + layout.shown.reduce((sum, c) => sum + c.width + GAP, 0) + left.length + right.length;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate">
        {'  '}
        <Text bold>{name ? title(name) : ''}</Text>
        <Text color={theme.muted}>{left}</Text>
        <Text bold>{rest.map(title).join('')}</Text>
        <Text color={theme.muted}>
          {right}
          {where.padStart(Math.max(0, width - used))}
        </Text>
      </Text>
      {window.length === 0 ? <Text color={theme.muted}>{emptyText}</Text> : null}
      {window.map((row, i) => (
        <Row
          // keyed by screen line: scrolling (a timeline step jumps to its event's row) updates
          // the lines in place instead of unmounting and mounting every row
          key={i}
          row={row}
          layout={layout}
          selected={cursor.top + i === cursor.row ? cursor.col : -1}
          unpushed={unpushed}
          incoming={incoming.get(row.name)}
          theme={theme}
          changed={changed?.name === row.name ? changed.columns : null}
        />
      ))}
    </Box>
  );
};
