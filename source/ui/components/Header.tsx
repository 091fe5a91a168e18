/** Repository, branch, remote and counts; the remote's state decides the `↑` legend. */
import {Box} from 'ink';
import {memo} from 'react';
import {firstLine} from '../controller.js';
import type {DemoNotice, RemoteState} from '../store.js';
import type {RepoInfo} from '../services.types.js';
import {Spinner} from './Spinner.js';
import {useTheme} from './ThemeContext.js';
import {Text} from './SafeText.js';

type Props = {
  info: RepoInfo | null;
  demo: DemoNotice | null;
  remote: RemoteState;
  /** `incoming`: registry tags on origin that are not here. */
  /** null until the registry is read: no count is shown rather than a false "0 artifacts". */
  counts: {shown: number; total: number; deprecatedHidden: number; deprecatedShown: number; unpushed: number | null; incoming: number} | null;
  readonly: boolean;
  busy: number;
  busyLabel: string | null;
  /** On the timeline: the moment and the event the grid is after (replaces the counts line). */
  timeline?: string | null;
};

const remoteNote = (remote: RemoteState, unpushed: number | null, incoming: number, readonly: boolean): string => {
  switch (remote.kind) {
    case 'none':
      return 'no origin';
    case 'off':
      return 'origin not asked (--no-remote): p or f asks it';
    case 'checking':
      return 'remote: checking… (↑ unknown)';
    case 'error':
      return `origin unreachable: ${firstLine(remote.message)}`;
    case 'known':
      return (unpushed === 0 ? 'all pushed' : `↑ ${unpushed} not pushed`) + (incoming > 0 ? ` · ↓ ${incoming} on origin${readonly ? '' : ': f fetches'}` : '');
  }
};

/** The header's first line: the program (and readonly), then where it looks. */
export const TitleLine = ({readonly, where}: {readonly: boolean; where: string}) => {
  const theme = useTheme();
  return (
    <Box>
      <Box marginRight={1} flexShrink={0}>
        <Text bold color={theme.accent}>
          gto-tui{readonly ? ' [readonly]' : ''}
        </Text>
      </Box>
      <Text wrap="truncate">{where}</Text>
    </Box>
  );
};

export const Header = memo(({info, demo, remote, counts, readonly, busy, busyLabel, timeline = null}: Props) => {
  const theme = useTheme();
  const where =
    demo !== null
      ? `demo registry: ${demo.directory} is not a git repository (the demo is removed on quit)`
      : info
        ? `${info.root}${info.branch ? `  ⎇ ${info.branch}` : '  (detached)'}${info.origin ? `  origin ${info.origin}` : ''}`
        : 'opening…';
  const hidden =
    counts === null
      ? ''
      : counts.deprecatedHidden > 0
        ? ` (${counts.deprecatedHidden} deprecated hidden)`
        : counts.deprecatedShown > 0
          ? ` (${theme.deprecatedMarker} deprecated)`
          : '';
  return (
    <Box flexDirection="column">
      <TitleLine readonly={readonly} where={where} />
      <Box>
        <Box flexGrow={1}>
          {timeline !== null ? (
            <Text color={theme.accent} bold wrap="truncate">
              {timeline}
            </Text>
          ) : counts === null ? (
            <Text color={theme.muted} wrap="truncate">
              reading the registry…
            </Text>
          ) : (
            <Text color={theme.muted} wrap="truncate">
              {counts.shown === counts.total ? counts.total : `${counts.shown}/${counts.total}`} {counts.total === 1 ? 'artifact' : 'artifacts'}
              {hidden} · {remoteNote(remote, counts.unpushed, counts.incoming, readonly)}
            </Text>
          )}
        </Box>
        {busy > 0 ? <Spinner label={busyLabel} /> : null}
      </Box>
    </Box>
  );
});
