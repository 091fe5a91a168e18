/** One artifact: annotation, versions (newest first) with stages, and its history. */
import {Box} from 'ink';
import {useMemo} from 'react';
import {tableTime} from '../../output/time.js';
import type {TagEvent} from '../../registry/model.js';
import {dvcFileOf} from '../../registry/dvc.js';
import {annotationLines, filterHistory, panelRows, type ArtifactDetails, type VersionRow} from '../artifactView.js';
import {shortVersion} from '../grid.js';
import {listWindow, type ListWindow} from '../layout.js';
import type {ArtifactView, SignatureColumn} from '../store.js';
import {cellText, layTable, titleText, type Column, type LaidColumn} from '../table.js';
import {SignatureMark} from './SignatureMark.js';
import {fitList, fitTime, shortSha} from './text.js';
import {useTheme} from './ThemeContext.js';
import {Text} from './SafeText.js';

/*
 * What the tables keep when the terminal is narrow, stated once: versions, stages and tags are
 * shown whole (a stage list is cut to whole names, `staging +2`); the message, the author and
 * the time are cut first (a time loses its zone and seconds before it goes), then left out.
 * Higher `cut` goes first.
 */
const VERSION_COLUMNS: readonly Column<VersionRow>[] = [
  {title: 'version', cell: (row) => shortVersion(row.version.version)},
  {title: 'stages', cell: (row) => (row.active ? row.stages.join(', ') : row.registered ? '(deregistered)' : ''), fit: fitList, min: 8, cut: 2},
  {title: 'registered at', cell: (row) => tableTime(row.createdAt), fit: fitTime, min: 16, cut: 7, optional: true},
  {title: 'author', cell: (row) => row.author, min: 8, cut: 5, optional: true},
  {title: 'commit', cell: (row) => shortSha(row.commit), cut: 4, optional: true},
  {title: 'message', cell: (row) => row.message, min: 12, cut: 6, optional: true},
];

const HISTORY_COLUMNS: readonly Column<TagEvent>[] = [
  {title: 'timestamp', cell: (event) => tableTime(event.createdAt), fit: fitTime, min: 16, cut: 4, optional: true},
  {title: 'event', cell: (event) => event.kind, cut: 3, optional: true},
  {title: 'version', cell: (event) => (event.kind === 'deprecation' ? '-' : shortVersion(event.version))},
  {title: 'stage', cell: (event) => (event.kind === 'assignment' || event.kind === 'unassignment' ? event.stage : '-')},
  {title: 'author', cell: (event) => event.author, min: 8, cut: 5, optional: true},
  {title: 'tag', cell: (event) => event.tag},
];

/** Row marker (`▶ `) and, with V on, the signature mark before it. */
const MARKER = 2;

const filterLabel = (view: ArtifactView): string =>
  view.filter.kind === 'all' ? 'all' : view.filter.kind === 'stage' ? `stage ${view.filter.stage}` : `version ${view.filter.version}`;

/** One row of a table: its cells joined by a space, the last one not padded. */
const rowText = <R,>(laid: readonly LaidColumn<R>[], row: R, from = 0): string =>
  laid
    .slice(from)
    .map((column) => cellText(column, row))
    .join(' ')
    .trimEnd();

const More = ({count, where}: {count: number; where: 'above' | 'below'}) => {
  const theme = useTheme();
  return <Text color={theme.muted}>{`  ${where === 'above' ? '↑' : '↓'} ${count} more ${where}`}</Text>;
};

/** `signatures`: the ✓ ✗ ? column (V), when on. */
export const ArtifactPanel = ({
  details,
  view,
  height,
  width,
  signatures,
}: {
  details: ArtifactDetails;
  view: ArtifactView;
  height: number;
  width: number;
  signatures?: SignatureColumn;
}) => {
  const signed = signatures?.on === true ? signatures : null;
  const theme = useTheme();
  const annotation = useMemo(() => annotationLines(details), [details]);
  const history = filterHistory(details.history, view.filter);
  const rows = panelRows(details, history.length, height);
  const room = width - MARKER - (signed ? 2 : 0);
  // widths from every version and every event (not only the filtered ones): columns stay put
  const versionColumns = useMemo(() => layTable(VERSION_COLUMNS, details.versions, room), [details, room]);
  const historyColumns = useMemo(() => layTable(HISTORY_COLUMNS, details.history, room), [details, room]);
  const versions: ListWindow = listWindow(view.top, view.cursor, details.versions.length, rows.versions);
  const events: ListWindow = listWindow(view.historyTop, view.historyCursor, history.length, rows.history);
  const title = (focus: ArtifactView['focus'], text: string) => (
    <Text inverse={view.focus === focus} bold>
      {text}
    </Text>
  );
  const position = (index: number, total: number): string => (total === 0 ? '' : `  ${index + 1}/${total}`);
  const indent = signed ? '    ' : '  ';
  const [versionColumn] = versionColumns;
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent} wrap="truncate">
        {details.name}
        {details.active ? '' : ' (deprecated)'}
        {details.annotationSource === 'dvc' ? <Text bold={false} color={theme.muted}>{`  ${dvcFileOf(details.name)}`}</Text> : null}
      </Text>
      {annotation.map((line, i) => (
        <Text key={i} color={line.muted ? theme.muted : undefined} wrap="truncate">
          {line.text}
        </Text>
      ))}
      <Text wrap="truncate">
        {title('versions', 'Versions')}
        <Text color={theme.muted}>{position(view.cursor, details.versions.length)}</Text>
      </Text>
      <Text color={theme.muted} wrap="truncate">
        {indent}
        {versionColumns.map(titleText).join(' ').trimEnd()}
      </Text>
      {details.versions.length === 0 ? <Text color={theme.muted}>  no versions</Text> : null}
      {versions.above > 0 ? <More count={versions.above} where="above" /> : null}
      {details.versions.slice(versions.top, versions.top + versions.count).map((row, i) => {
        const here = versions.top + i === view.cursor;
        // the version in inverse video when selected; the other cells after it, aligned
        const cell = versionColumn ? cellText(versionColumn, row) : '';
        const version = cell.trimEnd();
        const rest = rowText(versionColumns, row, 1);
        return (
          <Text key={`${row.version.version}\0${row.commit}`} wrap="truncate">
            {signed ? <SignatureMark column={signed} tag={row.tag} /> : null}
            {here ? `${theme.selectedMarker} ` : '  '}
            <Text inverse={here && view.focus === 'versions'} color={row.active ? undefined : theme.muted}>
              {version}
            </Text>
            {rest === '' ? '' : ' '.repeat(cell.length - version.length + 1) + rest}
          </Text>
        );
      })}
      {versions.below > 0 ? <More count={versions.below} where="below" /> : null}
      <Text wrap="truncate">
        {title('history', 'History')} <Text color={theme.muted}>[{filterLabel(view)}]</Text>
        <Text color={theme.muted}>{position(view.historyCursor, history.length)}</Text>
      </Text>
      <Text color={theme.muted} wrap="truncate">
        {indent}
        {historyColumns.map(titleText).join(' ').trimEnd()}
      </Text>
      {history.length === 0 ? <Text color={theme.muted}>  no events</Text> : null}
      {events.above > 0 ? <More count={events.above} where="above" /> : null}
      {history.slice(events.top, events.top + events.count).map((event, i) => {
        const here = events.top + i === view.historyCursor && view.focus === 'history';
        return (
          <Text key={`${event.tag}\0${i}`} wrap="truncate">
            {signed ? <SignatureMark column={signed} tag={event.tag} /> : null}
            {here ? `${theme.selectedMarker} ` : '  '}
            <Text inverse={here}>{rowText(historyColumns, event)}</Text>
          </Text>
        );
      })}
      {events.below > 0 ? <More count={events.below} where="below" /> : null}
    </Box>
  );
};
