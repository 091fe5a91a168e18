/**
 * `D`: a version compared with what a stage holds — the summary, the commits between them and
 * the files under the artifact's path (a scrolling list; Enter on a file shows its diff).
 * Every text from the repository, the diff included, goes through printable().
 */
import {Box} from 'ink';
import {Text} from './SafeText.js';
import {printable} from '../../output/messages.js';
import {comparisonSummary} from '../../output/compare.js';
import {endpointLabel} from '../../registry/compare.js';
import {diffLineKind, diffListLines, fileName, sidesLine, visibleRows, type DiffLineKind} from '../diffView.js';
import {scrollTop} from '../layout.js';
import type {DiffScreen} from '../store.js';
import type {Theme} from '../theme.js';
import {useTheme} from './ThemeContext.js';

const sideColor = (theme: Theme, side: 'to' | 'from') => (side === 'to' ? theme.ok : theme.error);

const List = ({diff, rows}: {diff: DiffScreen; rows: number}) => {
  const theme = useTheme();
  if (diff.comparison.kind !== 'done') return null;
  const lines = diffListLines(diff.comparison.value);
  const cursorLine = Math.max(0, lines.findIndex((line) => line.kind !== 'heading' && line.row === diff.cursor));
  const top = scrollTop(0, cursorLine, rows, lines.length);
  return (
    <>
      {lines.slice(top, top + rows).map((line, i) => {
        if (line.kind === 'heading') {
          return (
            <Text key={i} bold wrap="truncate">
              {line.text}
            </Text>
          );
        }
        const here = line.row === diff.cursor;
        const marker = here ? `${theme.selectedMarker} ` : '  ';
        if (line.kind === 'commit') {
          return (
            <Text key={i} wrap="truncate" inverse={here}>
              {marker}
              <Text color={sideColor(theme, line.side)}>{line.text.slice(0, 1)}</Text>
              {line.text.slice(1)}
            </Text>
          );
        }
        return (
          <Text key={i} wrap="truncate" inverse={here}>
            {marker}
            {line.text}
          </Text>
        );
      })}
    </>
  );
};

const LINE_COLORS = (theme: Theme): Readonly<Record<DiffLineKind, string | undefined>> => ({
  added: theme.ok,
  removed: theme.error,
  hunk: theme.accent,
  header: theme.muted,
  context: undefined,
});

const FileDiff = ({diff, rows}: {diff: DiffScreen; rows: number}) => {
  const theme = useTheme();
  const file = diff.file;
  if (!file) return null;
  const colors = LINE_COLORS(theme);
  const title = <Text bold color={theme.accent} wrap="truncate">{fileName(file.file)}</Text>;
  if (file.text.kind === 'loading') return <>{title}<Text color={theme.muted}>reading the diff…</Text></>;
  if (file.text.kind === 'error') return <>{title}<Text color={theme.error} wrap="truncate">{printable(file.text.message)}</Text></>;
  const lines = file.text.value;
  const last = Math.min(lines.length, file.top + rows);
  return (
    <>
      <Text wrap="truncate">
        {title}
        <Text color={theme.muted}>
          {'  '}lines {lines.length === 0 ? 0 : file.top + 1}-{last} of {lines.length}
        </Text>
      </Text>
      {lines.length === 0 ? <Text color={theme.muted}>no textual difference</Text> : null}
      {lines.slice(file.top, last).map((line, i) => (
        <Text key={i} color={colors[diffLineKind(line)]} wrap="truncate">
          {printable(line) || ' '}
        </Text>
      ))}
    </>
  );
};

export const DiffView = ({diff, fileOpen, height}: {diff: DiffScreen; fileOpen: boolean; height: number}) => {
  const theme = useTheme();
  const rows = visibleRows(height - 1);
  const against = diff.stage === null ? 'the version before it' : `what ${diff.stage} holds`;
  const heading =
    diff.comparison.kind === 'done'
      ? `${diff.name} · ${comparisonSummary(diff.comparison.value)}`
      : `${diff.name} ${endpointLabel(diff.to)} · compared with ${against}`;
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent} wrap="truncate">
        {printable(heading)}
      </Text>
      {diff.comparison.kind === 'done' ? (
        <Text color={theme.muted} wrap="truncate">
          {sidesLine(diff.comparison.value)}
        </Text>
      ) : null}
      {diff.comparison.kind === 'loading' ? <Text color={theme.muted}>comparing…</Text> : null}
      {diff.comparison.kind === 'error' ? (
        <Text color={theme.error} wrap="truncate">
          {printable(diff.comparison.message)}
        </Text>
      ) : null}
      {fileOpen ? <FileDiff diff={diff} rows={rows} /> : <List diff={diff} rows={rows} />}
    </Box>
  );
};
