/** The whole screen: header, the current mode's body, filter line, status line, hint bar. */
import {Box, useApp, useInput, useStdin} from 'ink';
import {useCallback, useEffect, useMemo, useRef, useSyncExternalStore} from 'react';
import {artifactDetails} from '../artifactView.js';
import {isRegistryTag, NO_COMMITS, textFieldActive, type Controller} from '../controller.js';
import {useTerminalSize, type TerminalSize} from '../hooks/useTerminalSize.js';
import {selectIncomingCells, selectIncomingTags} from '../incoming.js';
import {bindingLabel, findBinding, readonlyBinding} from '../keymap.js';
import {burstKeys, functionKey, isPrintable, keyName} from '../keys.js';
import {bodyRows, isTooSmall, screenRows} from '../layout.js';
import {selectColumnWidths, selectGridMarkers, selectUnpushed, selectVisibleRows} from '../selectors.js';
import {currentMode, type State, type Store} from '../store.js';
import {timelineLine, typingLine} from '../timeline.js';
import type {Theme} from '../theme.js';
import {ArtifactPanel} from './ArtifactPanel.js';
import {AssignForm} from './AssignForm.js';
import {Confirm} from './Confirm.js';
import {DiffView} from './DiffView.js';
import {ErrorScreen} from './ErrorScreen.js';
import {Grid} from './Grid.js';
import {Header} from './Header.js';
import {Help} from './Help.js';
import {HintBar} from './HintBar.js';
import {PushScreen} from './PushScreen.js';
import {RegisterForm} from './RegisterForm.js';
import {StatusLine} from './StatusLine.js';
import {ThemeContext} from './ThemeContext.js';
import {TooSmall} from './TooSmall.js';
import {Text} from './SafeText.js';

export type AppProps = {
  store: Store;
  controller: Controller;
  theme: Theme;
  /** Fixed size (tests); the real terminal's size otherwise. */
  size?: TerminalSize;
  /** Benchmarks: exit right after the first frame that shows the loaded grid. */
  exitAfterFirstFrame?: boolean;
  /** Call controller.start() on mount (false: the caller started it, to read tags while Ink loads). */
  autoStart?: boolean;
  /** Ctrl+Z (runApp's terminal session); nothing by default. */
  suspend?: () => void;
};

const Body = ({state, height, controller}: {state: State; height: number; controller: Controller}) => {
  const mode = currentMode(state);
  const snapshot = state.snapshot;
  if (mode === 'help') return <Help state={state} />;
  if (mode === 'error' && state.lastError !== null) return <ErrorScreen text={state.lastError} height={height} />;
  if ((mode === 'confirm' || mode === 'deprecate') && state.confirm) {
    const summary = state.confirmSummary?.pending === state.confirm.pending ? state.confirmSummary.line : null;
    return <Confirm confirm={state.confirm} height={height} summary={summary} />;
  }
  if ((mode === 'diff' || mode === 'diffFile') && state.diff) return <DiffView diff={state.diff} fileOpen={mode === 'diffFile'} height={height} />;
  if (mode === 'push' && state.push) return <PushScreen push={state.push} height={height} />;
  if (mode === 'register' && state.form?.kind === 'register' && snapshot) return <RegisterForm form={state.form} snapshot={snapshot} height={height} />;
  if (mode === 'assign' && state.form?.kind === 'assign' && snapshot) return <AssignForm form={state.form} snapshot={snapshot} height={height} />;
  if (mode === 'artifact' && state.artifact && snapshot) {
    const details = artifactDetails(snapshot.registry, state.artifact.name, snapshot.head);
    if (details) return <ArtifactPanel details={details} view={state.artifact} height={height} width={state.viewport.columns} signatures={state.signatures} />;
  }
  return <GridBody state={state} height={height} />;
};

const NOTHING_UNPUSHED: ReadonlySet<string> = new Set();

const GridBody = ({state, height}: {state: State; height: number}) => {
  if (!state.model) return <Text>Loading the registry…</Text>;
  const rows = selectVisibleRows(state);
  // on the timeline the cells show the past: its markers are what changed, not what is unpushed
  const unpushed = state.timeline ? NOTHING_UNPUSHED : selectGridMarkers(state);
  const empty =
    state.timeline && state.filter === ''
      ? 'Nothing in the registry yet at this moment'
      : state.filter !== ''
        ? `No artifact matches '${state.filter}'`
        : state.snapshot?.head === null
          ? `${NO_COMMITS} (commit, then R to reload)`
          : state.model.rows.length === 0
            ? 'No artifacts yet: press N to register one'
            : 'Every artifact is deprecated: press d to show them';
  return (
    <Grid
      columns={state.model.columns}
      rows={rows}
      widths={selectColumnWidths(state.model)}
      cursor={state.cursor}
      height={Math.min(height, state.viewport.rows)}
      width={state.viewport.columns}
      unpushed={unpushed}
      incoming={selectIncomingCells(state)}
      emptyText={empty}
      changed={state.timeline?.changed ?? null}
    />
  );
};

const noSuspend = (): void => {};

export const App = ({store, controller, theme, size: fixedSize, exitAfterFirstFrame = false, autoStart = true, suspend = noSuspend}: AppProps) => {
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const terminal = useTerminalSize();
  const size = fixedSize ?? terminal;
  const {exit} = useApp();
  const exited = useRef(false);

  const quit = useCallback(() => {
    if (exited.current) return;
    exited.current = true;
    exit();
  }, [exit]);

  useEffect(() => {
    store.dispatch({type: 'viewport', rows: bodyRows(size), columns: size.columns});
  }, [store, size.rows, size.columns]);

  useEffect(() => {
    if (autoStart) void controller.start();
  }, [controller, autoStart]);

  // unmounted (quit, or a test done with it): stop watching the refs and asking origin
  useEffect(() => () => controller.stop(), [controller]);

  useEffect(() => {
    if (exitAfterFirstFrame && state.model !== null) quit();
  }, [exitAfterFirstFrame, state.model, quit]);

  useEffect(() => {
    if (state.quitting) quit();
  }, [state.quitting, quit]);

  const tooSmall = isTooSmall(size);

  /** Runs the binding of a key; false when no binding takes it. */
  const run = useCallback(
    (name: string): boolean => {
      const current = store.getState();
      const binding = findBinding(current, name);
      if (!binding) {
        const refused = readonlyBinding(current, name);
        if (!refused) return false;
        const text = `Read-only (--readonly): ${bindingLabel(refused, [name])} would ${refused.description}`;
        store.dispatch({type: 'status', status: {kind: 'info', text}});
        return true;
      }
      void Promise.resolve(binding.run({state: current, dispatch: store.dispatch, controller, exit: quit, suspend})).catch((error: unknown) =>
        store.dispatch({type: 'status', status: {kind: 'error', text: error instanceof Error ? error.message : String(error)}}),
      );
      return true;
    },
    [store, controller, quit, suspend],
  );

  // function keys (F1: help, in a text field too) come as raw sequences: see keys.ts
  const {internal_eventEmitter: rawInput} = useStdin();
  useEffect(() => {
    const onRaw = (sequence: string): void => {
      const name = functionKey(sequence);
      if (name !== null && !tooSmall) run(name);
    };
    rawInput.on('input', onRaw);
    return () => {
      rawInput.off('input', onRaw);
    };
  }, [rawInput, run, tooSmall]);

  const onInput = useCallback(
    (input: string, key: Parameters<Parameters<typeof useInput>[0]>[1]) => {
      // nothing shows but the "too small" line: no key may act unseen, only quit (and its question)
      if (tooSmall) {
        const current = store.getState();
        if (current.confirm?.pending.kind === 'quit' && currentMode(current) === 'confirm') {
          if (input === 'y') void controller.accept();
          else if (input === 'n' || input === 'q' || key.escape) controller.cancel();
        } else if (input === 'q') controller.requestQuit();
        return;
      }
      const type = (text: string): void => controller.editText((field) => field + text.replace(/[\r\n]/g, ''));
      // a burst with Enter, Tab, Backspace or a Ctrl key in it: key by key, each as what it is
      if ([...input].length > 1 && /[\x00-\x1a\x7f]/.test(input) && !input.includes('\x1b')) {
        for (const name of burstKeys(input)) {
          if (name === 'ctrl+c') return quit();
          const text = name === 'space' ? ' ' : [...name].length === 1 ? name : null;
          if (!run(name) && text !== null && textFieldActive(store.getState())) type(text);
        }
        return;
      }
      if (textFieldActive(store.getState())) {
        if (!run(keyName(input, key)) && isPrintable(input, key)) type(input);
        return;
      }
      // Keys typed faster than the app reads them (a slow terminal, ssh, key repeat) arrive as
      // one string; outside a text field each character is its own key (`/` opens the filter
      // line, so what follows it is typed there).
      if ([...input].length > 1 && isPrintable(input, key)) {
        for (const char of input) {
          if (textFieldActive(store.getState())) {
            if (!run(char)) type(char);
          } else run(char);
        }
        return;
      }
      run(keyName(input, key));
    },
    [store, controller, quit, tooSmall, run],
  );
  useInput(onInput);

  const counts = useMemo(() => {
    if (state.model === null) return null;
    const rows = selectVisibleRows(state);
    const total = state.model.rows.length;
    const deprecated = state.model.rows.filter((row) => !row.active).length;
    const remote = state.remote.kind === 'known' ? state.remote.tags : null;
    const unpushed = remote && state.snapshot ? selectUnpushed(state.snapshot.tagTargets, remote, isRegistryTag).length : null;
    const incoming = remote && state.snapshot ? selectIncomingTags(state.snapshot.tagTargets, remote).length : 0;
    return {
      incoming,
      shown: rows.length,
      total,
      deprecatedHidden: state.showDeprecated ? 0 : deprecated,
      deprecatedShown: rows.filter((row) => !row.active).length,
      unpushed,
    };
  }, [state.model, state.showDeprecated, state.filter, state.remote, state.snapshot]);

  const mode = currentMode(state);
  if (tooSmall) {
    const pending = mode === 'confirm' ? state.confirm?.pending : undefined;
    return <TooSmall columns={size.columns} rows={size.rows} unpushed={pending?.kind === 'quit' ? pending.tags : null} />;
  }

  const height = screenRows(size);
  // the filter is the grid's: other screens do not show its line
  const showFilter = mode === 'filter' || (mode === 'grid' && state.filter !== '');
  return (
    <ThemeContext.Provider value={theme}>
      <Box flexDirection="column" width={size.columns} height={size.rows}>
        <Header
          info={state.info}
          demo={state.demo}
          remote={state.remote}
          counts={counts}
          readonly={state.readonly}
          busy={state.busy}
          busyLabel={state.busyLabel}
          timeline={state.timeline && (mode === 'moment' ? typingLine(state.timeline) : timelineLine(state.timeline))}
        />
        {/* clipped top to bottom only: lines are already cut to the width, and a horizontal clip
            would send every line of every frame through slice-ansi (inkOutput.ts) */}
        <Box flexDirection="column" flexGrow={1} overflowY="hidden">
          <Body state={state} height={height} controller={controller} />
        </Box>
        {showFilter ? (
          <Text wrap="truncate">
            /{state.filter}
            {mode === 'filter' ? <Text inverse> </Text> : null}
          </Text>
        ) : null}
        <StatusLine status={state.status} width={size.columns} />
        <HintBar state={state} width={size.columns} />
      </Box>
    </ThemeContext.Provider>
  );
};

