/** One artifact: annotation, versions (newest first) with stages, and its history. */
import {Box} from 'ink';
import {printable} from '../../output/messages.js';
import {tableTime} from '../../output/time.js';
import {dvcFileOf} from '../../registry/dvc.js';
import {filterHistory, type ArtifactDetails} from '../artifactView.js';
import {shortVersion} from '../grid.js';
import {scrollTop} from '../layout.js';
import type {ArtifactView, SignatureColumn} from '../store.js';
import {SignatureMark} from './SignatureMark.js';
import {fit, shortSha} from './text.js';
import {useTheme} from './ThemeContext.js';
import {Text} from './SafeText.js';

const filterLabel = (view: ArtifactView): string =>
  view.filter.kind === 'all' ? 'all' : view.filter.kind === 'stage' ? `stage ${view.filter.stage}` : `version ${view.filter.version}`;

/** `signatures`: the ✓ ✗ ? column (V), when on. */
export const ArtifactPanel = ({details, view, height, signatures}: {details: ArtifactDetails; view: ArtifactView; height: number; signatures?: SignatureColumn}) => {
  const signed = signatures?.on === true ? signatures : null;
  const theme = useTheme();
  const a = details.annotation;
  // annotations come from the repository (artifacts.yaml, dvc.yaml): escaped before the terminal
  const about = a
    ? printable(
        [
          a.type && `type: ${a.type}`,
          a.path && `path: ${a.path}`,
          a.labels.length > 0 && `labels: ${a.labels.join(', ')}`,
        ]
          .filter(Boolean)
          .join(' · '),
      )
    : '';
  const custom = a && a.custom !== null && a.custom !== undefined ? printable(`${details.annotationSource === 'dvc' ? 'meta' : 'custom'}: ${JSON.stringify(a.custom)}`) : '';
  const headerLines = 2 + (about ? 1 : 0) + (a?.description ? 1 : 0) + (custom ? 1 : 0);
  const body = Math.max(4, height - headerLines - 4);
  const versionRows = Math.max(1, Math.min(details.versions.length, Math.floor(body / 2)));
  const historyRows = Math.max(1, body - versionRows);
  const top = scrollTop(0, view.cursor, versionRows, details.versions.length);
  const history = filterHistory(details.history, view.filter);
  const title = (focus: ArtifactView['focus'], text: string) => (
    <Text inverse={view.focus === focus} bold>
      {text}
    </Text>
  );
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent} wrap="truncate">
        {details.name}
        {details.active ? '' : ' (deprecated)'}
        {details.annotationSource === 'dvc' ? <Text bold={false} color={theme.muted}>{`  ${dvcFileOf(details.name)}`}</Text> : null}
      </Text>
      {about ? <Text wrap="truncate">{about}</Text> : null}
      {a?.description ? <Text color={theme.muted} wrap="truncate">{printable(a.description)}</Text> : null}
      {custom ? <Text color={theme.muted} wrap="truncate">{custom}</Text> : null}
      {title('versions', 'Versions')}
      <Text color={theme.muted} wrap="truncate">
        {signed ? '  ' : ''}
        {'  '}
        {fit('version', 12)} {fit('stages', 16)} {fit('registered at', 25)} {fit('author', 16)} {fit('commit', 7)} message
      </Text>
      {details.versions.length === 0 ? <Text color={theme.muted}>  no versions</Text> : null}
      {details.versions.slice(top, top + versionRows).map((row, i) => {
        const here = top + i === view.cursor;
        const stages = row.active ? row.stages.join(', ') : row.registered ? '(deregistered)' : '';
        return (
          <Text key={`${row.version.version}\0${row.commit}`} wrap="truncate">
            {signed ? <SignatureMark column={signed} tag={row.tag} /> : null}
            {here ? `${theme.selectedMarker} ` : '  '}
            <Text inverse={here && view.focus === 'versions'} color={row.active ? undefined : theme.muted}>
              {fit(shortVersion(row.version.version), 12)}
            </Text>{' '}
            {fit(stages, 16)} {fit(tableTime(row.createdAt), 25)} {fit(row.author, 16)} {shortSha(row.commit)} {row.message}
          </Text>
        );
      })}
      <Text wrap="truncate">
        {title('history', 'History')} <Text color={theme.muted}>[{filterLabel(view)}]</Text>
      </Text>
      <Text color={theme.muted} wrap="truncate">
        {signed ? '  ' : ''}
        {'  '}
        {fit('timestamp', 25)} {fit('event', 14)} {fit('version', 12)} {fit('stage', 10)} {fit('author', 16)} tag
      </Text>
      {history.length === 0 ? <Text color={theme.muted}>  no events</Text> : null}
      {history.slice(view.historyTop, view.historyTop + historyRows).map((event, i) => (
        <Text key={`${event.tag}\0${i}`} wrap="truncate">
          {signed ? <SignatureMark column={signed} tag={event.tag} /> : null}
          {'  '}
          {fit(tableTime(event.createdAt), 25)} {fit(event.kind, 14)} {fit(event.kind === 'deprecation' ? '-' : shortVersion(event.version), 12)}{' '}
          {fit(event.kind === 'assignment' || event.kind === 'unassignment' ? event.stage : '-', 10)} {fit(event.author, 16)} {event.tag}
        </Text>
      ))}
    </Box>
  );
};
