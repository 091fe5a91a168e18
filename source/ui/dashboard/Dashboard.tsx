/**
 * The dashboard on screen: the repository under the cursor runs as the app does alone (its own
 * screens, keys, status line and hints), with the grid of every repository, one section each,
 * in place of its own grid.
 */
import {Box, useApp, useInput} from 'ink';
import {useEffect, useMemo, useRef, useSyncExternalStore} from 'react';
import {redactUrl} from '../../git/redact.js';
import {App, type DashboardFrame} from '../components/App.js';
import {Grid} from '../components/Grid.js';
import {TitleLine} from '../components/Header.js';
import {Text} from '../components/SafeText.js';
import {ThemeContext, useTheme} from '../components/ThemeContext.js';
import {firstLine, isRegistryTag} from '../controller.js';
import {useTerminalSize, type TerminalSize} from '../hooks/useTerminalSize.js';
import {selectIncomingCells} from '../incoming.js';
import type {KeyName} from '../keys.js';
import {bodyRows, screenRows} from '../layout.js';
import {selectColumnWidths, selectGridMarkers, selectUnpushed, selectVisibleRows} from '../selectors.js';
import {currentMode, type State} from '../store.js';
import type {Theme} from '../theme.js';
import type {Dashboard as DashboardModel, Entry} from './store.js';
import {dashboardWindow, type SectionSize} from './layout.js';
import {tildePath} from './sources.js';

export type DashboardProps = {
  readonly dashboard: DashboardModel;
  readonly theme: Theme;
  /** Fixed size (tests); the real terminal's size otherwise. */
  readonly size?: TerminalSize;
  readonly suspend?: () => void;
  /** Benchmarks: exit after the first frame with every repository read (or failed). */
  readonly exitAfterFirstFrame?: boolean;
  /** Shown as `~` in the sections' paths (none: paths as they are). */
  readonly home?: string;
};

/** Where the repository is, its branch and origin; paths in the home directory as `~/…`. */
const where = (entry: Entry, home: string): string => {
  const state = entry.state.kind === 'open' ? entry.state.store.getState() : null;
  if (state?.info) {
    const {root, branch, origin} = state.info;
    return `${tildePath(root, home)}${branch ? `  ⎇ ${branch}` : '  (detached)'}${origin ? `  origin ${tildePath(origin, home)}` : ''}`;
  }
  return entry.source.kind === 'path' ? tildePath(entry.source.path, home) : redactUrl(entry.source.url);
};

const counts = (state: State): string => {
  const rows = selectVisibleRows(state).length;
  const total = state.model?.rows.length ?? 0;
  const artifacts = `${rows === total ? total : `${rows}/${total}`} ${total === 1 ? 'artifact' : 'artifacts'}`;
  const remote = state.remote;
  const note =
    remote.kind === 'known' && state.snapshot
      ? (() => {
          const unpushed = selectUnpushed(state.snapshot.tagTargets, remote.tags, isRegistryTag).length;
          return unpushed === 0 ? 'all pushed' : `↑ ${unpushed} not pushed`;
        })()
      : remote.kind === 'none'
        ? 'no origin'
        : remote.kind === 'error'
          ? `origin unreachable: ${firstLine(remote.message)}`
          : remote.kind === 'off'
            ? 'origin not asked'
            : 'remote: checking…';
  return `${artifacts} · ${note}`;
};

const SectionHeader = ({entry, active, width, home}: {entry: Entry; active: boolean; width: number; home: string}) => {
  const theme = useTheme();
  const state = entry.state.kind === 'open' ? entry.state.store.getState() : null;
  // what the registry holds first: a long path is what gets cut
  const summary = state === null ? '' : `${state.model === null ? 'reading…' : counts(state)}  `;
  return (
    <Box width={width}>
      <Box flexShrink={0} marginRight={1}>
        <Text bold inverse={active} color={active ? undefined : theme.accent}>
          {`${active ? '▶' : '■'} ${entry.source.label}`}
        </Text>
      </Box>
      <Text wrap="truncate" color={theme.muted}>
        {summary}
        {where(entry, home)}
      </Text>
    </Box>
  );
};

const NOTHING: ReadonlySet<string> = new Set();

const SectionBody = ({entry, active, top, count, width}: {entry: Entry; active: boolean; top: number; count: number; width: number}) => {
  const theme = useTheme();
  if (entry.state.kind === 'failed') return <Text color={theme.error} wrap="truncate">{`✗ ${entry.state.message}`}</Text>;
  if (entry.state.kind === 'opening') return <Text color={theme.muted}>Opening…</Text>;
  const state = entry.state.store.getState();
  if (state.model === null) return <Text color={theme.muted}>Loading the registry…</Text>;
  const rows = selectVisibleRows(state);
  return (
    <Grid
      columns={state.model.columns}
      rows={rows}
      widths={selectColumnWidths(state.model)}
      cursor={{row: active ? state.cursor.row : -1, col: state.cursor.col, top}}
      height={Math.max(count, 1)}
      width={width}
      unpushed={state.timeline ? NOTHING : selectGridMarkers(state)}
      incoming={selectIncomingCells(state)}
      emptyText={state.filter !== '' ? `No artifact matches '${state.filter}'` : state.model.rows.length === 0 ? 'No artifacts yet: N registers one' : 'Every artifact is deprecated: d shows them'}
    />
  );
};

/** Every repository's section that fits in `height` lines, the cursor's always among them. */
type SectionsProps = {entries: readonly Entry[]; active: number; height: number; width: number; first: {current: number}; home: string};

const Sections = ({entries, active, height, width, first, home}: SectionsProps) => {
  const sizes: SectionSize[] = entries.map((entry) => {
    if (entry.state.kind !== 'open') return {rows: null};
    const state = entry.state.store.getState();
    return {rows: state.model === null ? null : selectVisibleRows(state).length};
  });
  const activeEntry = entries[active]?.state;
  const cursor = activeEntry?.kind === 'open' ? activeEntry.store.getState().cursor.row : 0;
  const window = dashboardWindow(sizes, active, cursor, height, first.current);
  first.current = window.first;
  return (
    <Box flexDirection="column">
      {window.shown.map(({index, top, count}) => (
        <Box key={index} flexDirection="column">
          <SectionHeader entry={entries[index]!} active={index === active} width={width} home={home} />
          <SectionBody entry={entries[index]!} active={index === active} top={top} count={count} width={width} />
        </Box>
      ))}
    </Box>
  );
};

const DashboardHeader = ({entries, readonly}: {entries: readonly Entry[]; readonly: boolean}) => {
  const theme = useTheme();
  const open = entries.filter((e) => e.state.kind === 'open');
  const failed = entries.filter((e) => e.state.kind === 'failed').length;
  const artifacts = open.reduce((sum, e) => sum + (e.state.kind === 'open' ? (e.state.store.getState().model?.rows.length ?? 0) : 0), 0);
  const busy = entries.some((e) => e.state.kind === 'opening' || (e.state.kind === 'open' && (e.state.store.getState().busy > 0 || e.state.store.getState().model === null)));
  return (
    <Box flexDirection="column">
      <TitleLine readonly={readonly} where={`dashboard of ${entries.length} ${entries.length === 1 ? 'registry' : 'registries'}`} />
      <Box>
        <Box flexGrow={1}>
          <Text color={theme.muted} wrap="truncate">
            {`${artifacts} ${artifacts === 1 ? 'artifact' : 'artifacts'} in ${open.length} ${open.length === 1 ? 'repository' : 'repositories'}${failed > 0 ? ` · ${failed} could not be opened` : ''}`}
          </Text>
        </Box>
        {/* not the spinner: its frames would be drawn while the repositories are read */}
        {busy ? <Text color={theme.muted}>working…</Text> : null}
      </Box>
    </Box>
  );
};

const UP: ReadonlySet<KeyName> = new Set(['up', 'k']);
const DOWN: ReadonlySet<KeyName> = new Set(['down', 'j']);

/** No repository open yet (or none could be): the sections so far, and q. */
const Waiting = ({entries, size, readonly, home}: {entries: readonly Entry[]; size: TerminalSize; readonly: boolean; home: string}) => {
  const {exit} = useApp();
  useInput((input) => {
    if (input === 'q') exit();
  });
  const first = useRef(0);
  const settled = entries.every((e) => e.state.kind === 'failed');
  return (
    <Box flexDirection="column" width={size.columns} height={size.rows}>
      <DashboardHeader entries={entries} readonly={readonly} />
      {/* clipped top to bottom only, as App's body (inkOutput.ts) */}
      <Box flexDirection="column" flexGrow={1} overflowY="hidden">
        <Sections entries={entries} active={-1} height={screenRows(size)} width={size.columns} first={first} home={home} />
      </Box>
      <Text> </Text>
      <Text wrap="truncate">{settled ? 'No repository could be opened · q quit' : 'q quit'}</Text>
    </Box>
  );
};

const noSuspend = (): void => {};

export const Dashboard = ({dashboard, theme, size: fixedSize, suspend = noSuspend, exitAfterFirstFrame = false, home = ''}: DashboardProps) => {
  useSyncExternalStore(dashboard.subscribe, dashboard.version);
  const {entries, active} = dashboard.getState();
  const terminal = useTerminalSize();
  const size = fixedSize ?? terminal;
  const {exit} = useApp();
  const first = useRef(0);

  useEffect(() => {
    dashboard.setViewport(bodyRows(size), size.columns);
  }, [dashboard, size.rows, size.columns]);

  const everyRead = entries.every((e) => e.state.kind === 'failed' || (e.state.kind === 'open' && e.state.store.getState().model !== null));
  useEffect(() => {
    if (exitAfterFirstFrame && everyRead) exit();
  });

  const entry = entries[active]?.state;
  const readonly = entry?.kind === 'open' ? entry.store.getState().readonly : false;

  const frame = useMemo<DashboardFrame>(
    () => ({
      keys: {jumpSection: dashboard.jumpSection},
      intercept: (key: KeyName, state: State): boolean => {
        if (currentMode(state) !== 'grid') return false;
        if (key === 'q') {
          dashboard.quit();
          return true;
        }
        const rows = selectVisibleRows(state).length;
        if (DOWN.has(key) && state.cursor.row >= rows - 1) return dashboard.crossSection(1);
        if (UP.has(key) && state.cursor.row <= 0) return dashboard.crossSection(-1);
        return false;
      },
      header: <DashboardHeader entries={entries} readonly={readonly} />,
      grid: (height: number) => <Sections entries={entries} active={active} height={height} width={size.columns} first={first} home={home} />,
    }),
    // a new frame on every change: the sections show every repository's latest state
    [dashboard, entries, active, readonly, size.columns, home, dashboard.version()],
  );

  return (
    <ThemeContext.Provider value={theme}>
      {entry?.kind === 'open' ? (
        <App store={entry.store} controller={entry.controller} theme={theme} size={size} autoStart={false} suspend={suspend} dashboard={frame} />
      ) : (
        <Waiting entries={entries} size={size} readonly={readonly} home={home} />
      )}
    </ThemeContext.Provider>
  );
};
