/**
 * Keybindings as data (lazygit): the input handler, the `?` help and the hint bar all read
 * this one table, so help cannot drift from behaviour. `writes: true` keys are hidden and
 * disabled under --readonly.
 */
import {artifactDetails, filterHistory, historyStages, panelRows} from './artifactView.js';
import type {Controller} from './controller.js';
import {rowCount, visibleRows} from './diffView.js';
import {helpArea, helpBox, helpSubject, type HelpBoxLine} from './help.js';
import {pickerActive, textFieldActive} from './controller.js';
import {searching} from './pickerController.js';
import {keyLabel, type KeyName} from './keys.js';
import {screenRowsOf} from './layout.js';
import {selectVisibleRows} from './selectors.js';
import {currentMode, type Action, type Mode, type State} from './store.js';
import {goTo, stepDay, stepEvent, type TimelineView} from './timeline.js';

export type KeyContext = {
  readonly state: State;
  readonly dispatch: (action: Action) => void;
  readonly controller: Controller;
  readonly exit: () => void;
  /** Ctrl+Z: stop the process until `fg` (a no-op where there is no job control, as in tests). */
  readonly suspend: () => void;
  /** In a dashboard of several repositories: moving between them (absent with one repository). */
  readonly dashboard?: DashboardKeys;
};

/** What the keys of a dashboard do beyond one repository's store. */
export type DashboardKeys = {
  /** The cursor to the next (`1`) or previous (`-1`) repository's section, wrapping around. */
  readonly jumpSection: (delta: 1 | -1) => void;
};

const inDashboard = (state: State): boolean => state.section !== null;

export type Binding = {
  readonly keys: readonly KeyName[];
  readonly description: string;
  readonly modes: readonly Mode[];
  readonly writes: boolean;
  /** Shown in the hint bar when enabled (and hintWhen holds). */
  readonly hint?: string;
  readonly hintWhen?: (state: State) => boolean;
  /**
   * Which hints the bar keeps when it is short of room: 0 is always shown (help, and quit or
   * the way back), then 1, 2, … while they fit. 3 when not given.
   */
  readonly priority?: number | ((state: State) => number);
  /** How many of the keys the hint names (2 when not given): `? help`, not `?/F1 help`. */
  readonly hintKeys?: number;
  readonly when?: (state: State) => boolean;
  /** How the keys are written in help and hints, when not key by key (`1-9`). */
  readonly label?: string;
  readonly run: (ctx: KeyContext) => void | Promise<void>;
};

const onStageCell = (state: State): boolean => state.model?.columns[state.cursor.col]?.kind === 'stage';
const hasRow = (state: State): boolean => selectVisibleRows(state).length > 0;
const form = (state: State) => state.form;
const notTyping = (state: State): boolean => !textFieldActive(state);

const details = (state: State) =>
  state.snapshot && state.artifact ? artifactDetails(state.snapshot.registry, state.artifact.name, state.snapshot.head) : null;

const historyLength = (state: State): number => {
  const d = details(state);
  return d && state.artifact ? filterHistory(d.history, state.artifact.filter).length : 0;
};

/** The rows the panel's two lists are shown in (as ArtifactPanel lays them out). */
const artifactRows = (state: State) => {
  const d = details(state);
  return d ? panelRows(d, historyLength(state), screenRowsOf(state.viewport.rows)) : {versions: 1, history: 1};
};

/** Runs a timeline move and shows its result (no git: the timeline holds every event). */
const showTimeline = ({state, dispatch}: KeyContext, move: (view: TimelineView) => TimelineView): void => {
  if (state.timeline === null) return;
  const view = move(state.timeline);
  if (view !== state.timeline) dispatch({type: 'timeline/show', view});
};

const goToTyped = ({state, dispatch}: KeyContext): void => {
  if (state.timeline === null) return;
  const result = goTo(state.timeline, state.timeline.typed);
  if (result.kind === 'error') {
    dispatch({type: 'status', status: {kind: 'error', text: result.message}});
    return;
  }
  dispatch({type: 'mode/back'});
  dispatch({type: 'timeline/show', view: result.view});
};

/** Moves the cursor of the focused list: by `delta`, or a page (`pages`) of its rows. */
const moveArtifact = (ctx: KeyContext, delta: number, pages = 0): void => {
  const {state} = ctx;
  const rows = artifactRows(state);
  if (state.artifact?.focus === 'history') {
    const page = Math.max(1, rows.history - 2);
    ctx.dispatch({type: 'artifact/scroll', delta: delta + pages * page, total: historyLength(state), rows: rows.history});
  } else {
    const page = Math.max(1, rows.versions - 2);
    ctx.dispatch({type: 'artifact/move', delta: delta + pages * page, total: details(state)?.versions.length ?? 0, rows: rows.versions});
  }
};

/** The comparison's selectable rows (commits, then files). */
const diffLength = (state: State): number =>
  state.diff?.comparison.kind === 'done' ? rowCount(state.diff.comparison.value) : 0;

/** The lines the comparison (or a file's diff) shows at once: DiffView's, below its title lines. */
const diffRows = (state: State): number => visibleRows(screenRowsOf(state.viewport.rows) - 1);

const onDiffFile = (state: State): boolean => {
  const diff = state.diff;
  return diff?.comparison.kind === 'done' && diff.cursor >= diff.comparison.value.commits.length && diff.cursor < diffLength(state);
};

const moveDiff = ({state, dispatch}: KeyContext, delta: number): void => {
  const diff = state.diff;
  if (!diff) return;
  const cursor = Math.max(0, Math.min(diffLength(state) - 1, diff.cursor + delta));
  dispatch({type: 'diff/set', diff: {...diff, cursor}});
};

const scrollFileDiff = ({state, dispatch}: KeyContext, delta: number): void => {
  const diff = state.diff;
  const file = diff?.file;
  if (!diff || !file || file.text.kind !== 'done') return;
  const top = Math.max(0, Math.min(file.text.value.length - diffRows(state), file.top + delta));
  dispatch({type: 'diff/set', diff: {...diff, file: {...file, top}}});
};

const scrollHelp = ({state, dispatch}: KeyContext, delta: number, pages = 0): void => {
  const {lines, rows} = helpView(state);
  const top = Math.max(0, Math.min(lines.length - rows, state.helpTop + delta + pages * Math.max(1, rows - 1)));
  dispatch({type: 'help/top', top});
};

/** Whether help is taller than its box (else it has nothing to scroll). */
const helpScrolls = (state: State): boolean => {
  const {lines, rows} = helpView(state);
  return lines.length > rows;
};

const GRID: Mode[] = ['grid'];
/** The grid's moves work on the timeline too: it is the same grid, at another moment. */
const MOVE: Mode[] = ['grid', 'timeline'];
const FORMS: Mode[] = ['register', 'assign'];
const DIGITS: KeyName[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
const BROWSE: Mode[] = ['grid', 'artifact'];
const EVERY: Mode[] = ['grid', 'artifact', 'register', 'assign', 'deprecate', 'push', 'confirm', 'help', 'filter', 'error', 'diff', 'diffFile'];

export const BINDINGS: readonly Binding[] = [
  // grid navigation
  {keys: ['up', 'k'], description: 'move up', modes: MOVE, writes: false, run: ({dispatch}) => dispatch({type: 'grid/move', rows: -1})},
  {keys: ['down', 'j'], description: 'move down', modes: MOVE, writes: false, hint: 'move', priority: 4, run: ({dispatch}) => dispatch({type: 'grid/move', rows: 1})},
  {keys: ['left', 'h'], description: 'move left', modes: MOVE, writes: false, run: ({dispatch}) => dispatch({type: 'grid/move', cols: -1})},
  {keys: ['right', 'l'], description: 'move right', modes: MOVE, writes: false, run: ({dispatch}) => dispatch({type: 'grid/move', cols: 1})},
  {keys: ['g', 'home'], description: 'first artifact', modes: MOVE, writes: false, run: ({dispatch}) => dispatch({type: 'grid/jump', to: 'top'})},
  {keys: ['G', 'end'], description: 'last artifact', modes: MOVE, writes: false, run: ({dispatch}) => dispatch({type: 'grid/jump', to: 'bottom'})},
  {keys: ['pageup', 'ctrl+u'], description: 'page up', modes: MOVE, writes: false, run: ({dispatch, state}) => dispatch({type: 'grid/move', rows: -state.viewport.rows})},
  {keys: ['pagedown', 'ctrl+d'], description: 'page down', modes: MOVE, writes: false, run: ({dispatch, state}) => dispatch({type: 'grid/move', rows: state.viewport.rows})},
  {
    keys: ['return'],
    description: 'assign a version to this stage',
    modes: GRID,
    writes: true,
    hint: 'assign',
    priority: 1,
    when: (s) => hasRow(s) && onStageCell(s),
    run: ({controller, state}) => {
      const column = state.model?.columns[state.cursor.col];
      return controller.openAssign(column?.kind === 'stage' ? column.stage : null);
    },
  },
  {
    keys: ['return'],
    description: 'open the artifact panel',
    modes: GRID,
    writes: false,
    hint: 'open',
    priority: 1,
    when: (s) => hasRow(s) && (s.readonly || !onStageCell(s)),
    run: ({dispatch, state}) => {
      const row = selectVisibleRows(state)[state.cursor.row];
      if (row) dispatch({type: 'artifact/open', name: row.name});
    },
  },
  {keys: ['tab'], description: 'next repository (dashboard)', modes: GRID, writes: false, hint: 'next repo', priority: 2, when: inDashboard, run: ({dashboard}) => dashboard?.jumpSection(1)},
  {keys: ['shift+tab'], description: 'previous repository (dashboard)', modes: GRID, writes: false, when: inDashboard, run: ({dashboard}) => dashboard?.jumpSection(-1)},
  {keys: ['d'], description: 'show/hide deprecated artifacts', modes: MOVE, writes: false, run: ({dispatch}) => dispatch({type: 'toggleDeprecated'})},
  {keys: ['/'], description: 'filter artifacts by name or label', modes: MOVE, writes: false, hint: 'filter', priority: 3, run: ({dispatch}) => dispatch({type: 'mode/enter', mode: 'filter'})},
  {
    keys: ['escape'],
    description: 'clear the filter',
    modes: GRID,
    writes: false,
    when: (s) => s.filter !== '',
    run: ({dispatch}) => dispatch({type: 'filter/set', text: ''}),
  },

  // artifact panel
  {keys: ['up', 'k'], description: 'previous version (or history event)', modes: ['artifact'], writes: false, run: (ctx) => moveArtifact(ctx, -1)},
  {keys: ['down', 'j'], description: 'next version (or history event)', modes: ['artifact'], writes: false, hint: 'move', priority: 4, run: (ctx) => moveArtifact(ctx, 1)},
  {keys: ['g', 'home'], description: 'first version (or event)', modes: ['artifact'], writes: false, run: (ctx) => moveArtifact(ctx, -Infinity)},
  {keys: ['G', 'end'], description: 'last version (or event)', modes: ['artifact'], writes: false, run: (ctx) => moveArtifact(ctx, Infinity)},
  {keys: ['pageup', 'ctrl+u'], description: 'page up', modes: ['artifact'], writes: false, run: (ctx) => moveArtifact(ctx, 0, -1)},
  {keys: ['pagedown', 'ctrl+d'], description: 'page down', modes: ['artifact'], writes: false, run: (ctx) => moveArtifact(ctx, 0, 1)},
  {keys: ['tab'], description: 'switch between versions and history', modes: ['artifact'], writes: false, hint: 'versions/history', priority: 2, run: ({dispatch}) => dispatch({type: 'artifact/focus'})},
  {
    keys: ['s'],
    description: 'filter history by stage (cycles)',
    modes: ['artifact'],
    writes: false,
    hint: 'stage filter',
    priority: 5,
    run: ({dispatch, state}) => {
      const d = details(state);
      if (!d || !state.artifact) return;
      const columns = state.model?.columns.flatMap((c) => (c.kind === 'stage' ? [c.stage] : [])) ?? [];
      const stages = historyStages(d.history, columns);
      const current = state.artifact.filter.kind === 'stage' ? stages.indexOf(state.artifact.filter.stage) : -1;
      const next = stages[current + 1];
      dispatch({type: 'artifact/filter', filter: next === undefined ? {kind: 'all'} : {kind: 'stage', stage: next}});
    },
  },
  {
    keys: ['v'],
    description: 'filter history to the selected version (toggle)',
    modes: ['artifact'],
    writes: false,
    hint: 'version filter',
    priority: 6,
    run: ({dispatch, state}) => {
      const version = details(state)?.versions[state.artifact?.cursor ?? 0]?.version.version;
      if (!state.artifact || version === undefined) return;
      const same = state.artifact.filter.kind === 'version' && state.artifact.filter.version === version;
      dispatch({type: 'artifact/filter', filter: same ? {kind: 'all'} : {kind: 'version', version}});
    },
  },
  {
    keys: ['D'],
    description: 'compare this version with what a stage holds',
    modes: ['artifact'],
    writes: false,
    hint: 'compare',
    priority: 4,
    when: (s) => (details(s)?.versions.length ?? 0) > 0,
    run: ({controller}) => controller.openDiff(),
  },
  {keys: ['escape'], description: 'back to the registry', modes: ['artifact'], writes: false, hint: 'back', priority: 1, run: ({dispatch}) => dispatch({type: 'mode/back'})},
  {keys: ['V'], description: 'signatures: ✓ ✗ ? column, verified by git (toggle)', modes: ['artifact'], writes: false, run: ({controller}) => controller.toggleSignatures()},

  // comparison (`D`) and one file's diff
  {keys: ['up', 'k'], description: 'previous commit or file', modes: ['diff'], writes: false, run: (ctx) => moveDiff(ctx, -1)},
  {keys: ['down', 'j'], description: 'next commit or file', modes: ['diff'], writes: false, hint: 'move', priority: 4, run: (ctx) => moveDiff(ctx, 1)},
  {keys: ['pageup', 'ctrl+u'], description: 'page up', modes: ['diff'], writes: false, run: (ctx) => moveDiff(ctx, -diffRows(ctx.state))},
  {keys: ['pagedown', 'ctrl+d'], description: 'page down', modes: ['diff'], writes: false, run: (ctx) => moveDiff(ctx, diffRows(ctx.state))},
  {
    keys: ['return'],
    description: "show the file's diff",
    modes: ['diff'],
    writes: false,
    hint: 'file diff',
    priority: 1,
    when: onDiffFile,
    run: ({controller}) => controller.openFileDiff(),
  },
  {keys: ['s'], description: 'compare with the next stage (cycles)', modes: ['diff'], writes: false, hint: 'stage', priority: 2, run: ({controller}) => controller.cycleDiffStage()},
  {keys: ['up', 'k'], description: 'scroll up', modes: ['diffFile'], writes: false, run: (ctx) => scrollFileDiff(ctx, -1)},
  {keys: ['down', 'j'], description: 'scroll down', modes: ['diffFile'], writes: false, hint: 'scroll', priority: 4, run: (ctx) => scrollFileDiff(ctx, 1)},
  {keys: ['pageup', 'ctrl+u'], description: 'page up', modes: ['diffFile'], writes: false, run: (ctx) => scrollFileDiff(ctx, -diffRows(ctx.state))},
  {keys: ['pagedown', 'ctrl+d', 'space'], description: 'page down', modes: ['diffFile'], writes: false, run: (ctx) => scrollFileDiff(ctx, diffRows(ctx.state))},
  {keys: ['escape'], description: 'back', modes: ['diff', 'diffFile'], writes: false, hint: 'back', priority: 1, run: ({dispatch}) => dispatch({type: 'mode/back'})},

  // writes, from the grid and the artifact panel
  {
    keys: ['r'],
    description: 'register a version',
    modes: BROWSE,
    writes: true,
    hint: 'register',
    priority: 2,
    when: (s) => currentMode(s) === 'artifact' || hasRow(s),
    run: ({controller}) => controller.openRegister(false),
  },
  {
    // on an empty registry `r` has no artifact to version: it registers a new one, as N does
    keys: ['N', 'r'],
    label: 'N',
    description: 'register a new artifact (r too, while there is none)',
    modes: GRID,
    writes: true,
    hint: 'new artifact',
    hintKeys: 1,
    priority: (s) => (hasRow(s) ? 7 : 1),
    run: ({controller}) => controller.openRegister(true),
  },
  {keys: ['a'], description: 'assign a stage (promote)', modes: BROWSE, writes: true, hint: 'assign', priority: 3, when: (s) => currentMode(s) === 'artifact' || hasRow(s), run: ({controller}) => controller.openAssign()},
  {
    keys: ['x'],
    description: 'deprecate/deregister/unassign',
    modes: BROWSE,
    writes: true,
    hint: 'remove',
    priority: 5,
    when: (s) => currentMode(s) === 'artifact' || hasRow(s),
    run: ({controller}) => controller.requestRemoval(),
  },
  {
    keys: ['p'],
    description: 'push local-only tags to origin',
    modes: BROWSE,
    writes: true,
    hint: 'push',
    priority: 4,
    // without an origin p only says why it cannot push: not worth a place in the hints
    hintWhen: (s) => s.remote.kind !== 'none',
    run: ({controller}) => controller.openPush(),
  },
  {keys: ['f'], description: 'fetch tags from origin', modes: BROWSE, writes: true, run: ({controller}) => controller.fetch()},
  {keys: ['u'], description: "undo this session's newest unpushed write (again: the one before)", modes: BROWSE, writes: true, run: ({controller}) => controller.undo()},
  {
    keys: ['R'],
    description: 'reload the registry',
    modes: BROWSE,
    writes: false,
    run: ({controller}) => Promise.all([controller.reload(), controller.refreshRemote('automatic')]).then(() => undefined),
  },

  // the timeline (`t`): the grid as it stood after any event
  {keys: ['t'], description: 'timeline: the registry at any past moment', modes: GRID, writes: false, run: ({controller}) => controller.openTimeline()},
  {keys: ['['], description: 'one registry event back', modes: ['timeline'], writes: false, hint: 'earlier', run: (ctx) => showTimeline(ctx, (view) => stepEvent(view, -1))},
  {keys: [']'], description: 'one registry event forward', modes: ['timeline'], writes: false, hint: 'later', run: (ctx) => showTimeline(ctx, (view) => stepEvent(view, 1))},
  {keys: ['{'], description: 'one day back', modes: ['timeline'], writes: false, run: (ctx) => showTimeline(ctx, (view) => stepDay(view, -1))},
  {keys: ['}'], description: 'one day forward', modes: ['timeline'], writes: false, run: (ctx) => showTimeline(ctx, (view) => stepDay(view, 1))},
  {
    keys: ['T'],
    description: 'go to a date or a registry tag',
    modes: ['timeline'],
    writes: false,
    hint: 'date',
    run: ({dispatch}) => {
      dispatch({type: 'timeline/type', text: ''});
      dispatch({type: 'mode/enter', mode: 'moment'});
    },
  },
  {keys: ['escape'], description: 'back to now', modes: ['timeline'], writes: false, hint: 'now', run: ({dispatch}) => dispatch({type: 'mode/back'})},
  {
    keys: ['r', 'N', 'a', 'x', 'p', 'f', 'u'],
    description: 'writes are off while looking at the past',
    modes: ['timeline'],
    writes: false,
    when: (s) => !s.readonly,
    run: ({dispatch}) => dispatch({type: 'status', status: {kind: 'error', text: 'Writes are off while looking at the past: Esc returns to now'}}),
  },
  {keys: ['return'], description: 'go there', modes: ['moment'], writes: false, hint: 'go', run: goToTyped},
  {keys: ['escape'], description: 'back to the timeline', modes: ['moment'], writes: false, hint: 'cancel', run: ({dispatch}) => dispatch({type: 'mode/back'})},
  {keys: ['backspace'], description: 'delete a character', modes: ['moment'], writes: false, run: ({controller}) => controller.editText((t) => t.slice(0, -1))},
  {keys: ['ctrl+u'], description: 'clear the field', modes: ['moment'], writes: false, run: ({controller}) => controller.editText(() => '')},
  {keys: ['?'], description: 'help: every key of this screen', modes: ['timeline'], writes: false, hint: 'help', run: ({dispatch}) => dispatch({type: 'mode/enter', mode: 'help'})},
  {keys: ['q'], description: 'quit', modes: ['timeline'], writes: false, hint: 'quit', run: ({exit}) => exit()},

  // filter line
  {keys: ['return'], description: 'keep the filter', modes: ['filter'], writes: false, hint: 'keep', priority: 1, run: ({dispatch}) => dispatch({type: 'mode/back'})},
  {
    keys: ['escape'],
    description: 'clear the filter',
    modes: ['filter'],
    writes: false,
    hint: 'clear',
    priority: 0,
    run: ({dispatch}) => {
      dispatch({type: 'filter/set', text: ''});
      dispatch({type: 'mode/back'});
    },
  },
  {keys: ['up'], description: 'move up', modes: ['filter'], writes: false, run: ({dispatch}) => dispatch({type: 'grid/move', rows: -1})},
  {keys: ['down'], description: 'move down', modes: ['filter'], writes: false, run: ({dispatch}) => dispatch({type: 'grid/move', rows: 1})},

  // forms: the commit, version and stage pickers (a list wraps around only when it is whole)
  {keys: ['up', 'k'], description: 'previous choice (wraps around when every choice is listed)', modes: FORMS, writes: false, when: pickerActive, run: ({controller}) => controller.picker.move(-1)},
  {
    keys: ['down', 'j'],
    description: 'next choice (older commits are read as the list nears its end)',
    modes: FORMS,
    writes: false,
    hint: 'choose',
    when: pickerActive,
    run: ({controller}) => controller.picker.move(1),
  },
  {keys: ['pageup'], description: 'a page of choices up', modes: FORMS, writes: false, when: pickerActive, run: ({controller}) => controller.picker.move('pageUp')},
  {keys: ['pagedown'], description: 'a page of choices down', modes: FORMS, writes: false, when: pickerActive, run: ({controller}) => controller.picker.move('pageDown')},
  ...DIGITS.map(
    (digit, i): Binding => ({
      keys: [digit],
      label: '1-9',
      description: 'pick the n-th choice shown',
      modes: FORMS,
      writes: false,
      when: (s) => pickerActive(s) && !searching(s),
      run: ({controller}) => controller.picker.pickShown(i + 1),
    }),
  ),
  {keys: ['return'], description: 'pick the highlighted choice', modes: FORMS, writes: false, hint: 'pick', priority: 1, when: pickerActive, run: ({controller}) => controller.picker.enter()},
  {
    keys: ['/'],
    description: 'search the choices (subjects, shas), or type a sha, branch or tag',
    modes: FORMS,
    writes: false,
    hint: 'search',
    when: (s) => pickerActive(s) && !searching(s),
    run: ({controller}) => controller.picker.openSearch(),
  },
  {keys: ['escape'], description: 'close the search (every choice again)', modes: FORMS, writes: false, hint: 'close search', when: searching, run: ({controller}) => controller.picker.closeSearch()},
  {
    keys: ['tab'],
    description: 'next suggested version (patch, minor, major)',
    modes: ['register'],
    writes: false,
    hint: 'bump',
    priority: 1,
    when: (s) => form(s)?.kind === 'register' && form(s)?.step === 'version',
    run: ({controller}) => controller.cycleSuggestion(),
  },
  {keys: ['return'], description: 'next step / review', modes: FORMS, writes: false, hint: 'next', priority: 1, run: ({controller}) => controller.submitForm()},
  {keys: ['escape'], description: 'previous step / cancel', modes: FORMS, writes: false, hint: 'back', priority: 0, run: ({controller}) => controller.formBack()},

  // confirmations
  {keys: ['left', 'right', 'h', 'l', 'tab'], description: 'switch Cancel / Confirm', modes: ['confirm', 'deprecate'], writes: false, hint: 'switch', run: ({dispatch}) => dispatch({type: 'confirm/toggle'})},
  {
    keys: ['return'],
    description: 'do the focused choice',
    modes: ['confirm', 'deprecate'],
    writes: false,
    hint: 'choose',
    priority: 1,
    run: ({controller, state}) => (state.confirm?.focus === 'confirm' ? controller.accept() : controller.cancel()),
  },
  {keys: ['y'], description: 'confirm', modes: ['confirm', 'deprecate'], writes: false, run: ({controller}) => controller.accept()},
  {keys: ['s'], description: 'sign the tags (toggle)', modes: ['confirm', 'deprecate'], writes: false, hint: 'sign', priority: 2, when: (s) => s.confirm?.sign !== undefined && s.confirm.signRequired === undefined, run: ({dispatch}) => dispatch({type: 'confirm/sign'})},
  {keys: ['escape', 'q', 'n'], description: 'cancel', modes: ['confirm', 'deprecate'], writes: false, hint: 'cancel', priority: 0, run: ({controller}) => controller.cancel()},

  // push
  {keys: ['up', 'k'], description: 'previous tag', modes: ['push'], writes: false, run: ({dispatch}) => dispatch({type: 'push/move', delta: -1})},
  {keys: ['down', 'j'], description: 'next tag', modes: ['push'], writes: false, hint: 'move', run: ({dispatch}) => dispatch({type: 'push/move', delta: 1})},
  {keys: ['space'], description: 'choose / unchoose the tag', modes: ['push'], writes: false, hint: 'toggle', priority: 1, run: ({dispatch}) => dispatch({type: 'push/toggle'})},
  {keys: ['a'], description: 'choose all / none', modes: ['push'], writes: false, run: ({dispatch}) => dispatch({type: 'push/toggleAll'})},
  {keys: ['return'], description: 'push the chosen tags to origin', modes: ['push'], writes: true, hint: 'push', priority: 1, when: (s) => s.busy === 0, run: ({controller}) => controller.pushChosen()},
  {keys: ['escape'], description: 'back', modes: ['push'], writes: false, hint: 'back', priority: 1, run: ({dispatch}) => dispatch({type: 'mode/back'})},

  // the last error, whole
  {
    keys: ['e'],
    description: 'show the last error in full',
    modes: ['grid', 'artifact', 'push', 'register', 'assign', 'confirm', 'deprecate'],
    writes: false,
    hint: 'error',
    priority: 1,
    hintWhen: (s) => s.status?.kind === 'error' || s.push?.error != null || s.remote.kind === 'error',
    when: (s) => s.lastError !== null,
    run: ({dispatch}) => dispatch({type: 'mode/enter', mode: 'error'}),
  },
  {keys: ['escape', 'e', 'q', 'return'], description: 'close', modes: ['error'], writes: false, hint: 'back', hintKeys: 1, priority: 0, run: ({dispatch}) => dispatch({type: 'mode/back'})},

  // help, on every screen: `?` where it is not text, F1 in a text field as well
  {
    keys: ['?', 'f1'],
    description: 'help: every key of this screen',
    modes: EVERY.filter((mode) => mode !== 'help'),
    writes: false,
    hint: 'help',
    hintKeys: 1,
    priority: 0,
    run: ({dispatch}) => dispatch({type: 'mode/enter', mode: 'help'}),
  },
  {keys: ['escape', '?', 'q', 'f1'], description: 'close help', modes: ['help'], writes: false, hint: 'back', hintKeys: 1, priority: 0, run: ({dispatch}) => dispatch({type: 'mode/back'})},
  {keys: ['down', 'j'], description: 'scroll down', modes: ['help'], writes: false, hint: 'scroll', hintWhen: helpScrolls, priority: 1, run: (ctx) => scrollHelp(ctx, 1)},
  {keys: ['up', 'k'], description: 'scroll up', modes: ['help'], writes: false, run: (ctx) => scrollHelp(ctx, -1)},
  {keys: ['pagedown', 'ctrl+d', 'space'], description: 'page down', modes: ['help'], writes: false, run: (ctx) => scrollHelp(ctx, 0, 1)},
  {keys: ['pageup', 'ctrl+u'], description: 'page up', modes: ['help'], writes: false, run: (ctx) => scrollHelp(ctx, 0, -1)},
  {keys: ['g', 'home'], description: 'top', modes: ['help'], writes: false, run: (ctx) => scrollHelp(ctx, -Infinity)},
  {keys: ['G', 'end'], description: 'bottom', modes: ['help'], writes: false, run: (ctx) => scrollHelp(ctx, Infinity)},
  {keys: ['q'], description: 'quit', modes: ['grid', 'artifact', 'push', 'diff', 'diffFile'], writes: false, hint: 'quit', priority: 0, run: ({controller}) => controller.requestQuit()},
  {keys: ['ctrl+z'], description: 'suspend (fg comes back)', modes: EVERY, writes: false, run: ({suspend}) => suspend()},
  {keys: ['backspace'], description: 'delete a character', modes: ['filter', 'register', 'assign'], writes: false, when: textFieldActive, run: ({controller}) => controller.editText((t) => t.slice(0, -1))},
  {keys: ['ctrl+u'], description: 'clear the field', modes: ['filter', 'register', 'assign'], writes: false, when: textFieldActive, run: ({controller}) => controller.editText(() => '')},
];

/** Bindings the user can use in this state (mode, readonly, when-enabled). */
export const activeBindings = (state: State, mode: Mode = currentMode(state)): Binding[] =>
  BINDINGS.filter((b) => b.modes.includes(mode) && !(state.readonly && b.writes) && (b.when?.(state) ?? true));

/**
 * The binding for a key: a text field takes printable keys first (so `j` types a `j`), then the
 * first enabled binding wins.
 */
export const findBinding = (state: State, key: KeyName): Binding | undefined => {
  const mode = currentMode(state);
  if (textFieldActive(state) && key.length === 1 && mode !== 'help') return undefined;
  return BINDINGS.find(
    (b) => b.modes.includes(mode) && b.keys.includes(key) && !(state.readonly && b.writes) && (b.when?.(state) ?? true),
  );
};

/**
 * Under --readonly, the write binding a key would run without it: the app says "read-only"
 * rather than ignoring the key.
 */
export const readonlyBinding = (state: State, key: KeyName): Binding | undefined => {
  if (!state.readonly || findBinding(state, key) !== undefined) return undefined;
  const binding = findBinding({...state, readonly: false}, key);
  return binding?.writes ? binding : undefined;
};

/** How a binding's keys are written in help and hints. */
export const bindingLabel = (binding: Pick<Binding, 'keys' | 'label'>, keys: readonly KeyName[] = binding.keys): string =>
  binding.label ?? keys.map(keyLabel).join(' ');

export type HelpRow = {readonly keys: readonly KeyName[]; readonly label: string; readonly description: string; readonly writes: boolean};

/** The help screen's lines for this state, and how many fit on it. */
export const helpView = (state: State): {lines: HelpBoxLine[]; rows: number} => {
  const {width, rows} = helpArea(state);
  return {lines: helpBox(helpRows(state, helpSubject(state)), width, rows), rows};
};

/** Help rows for a mode: every binding of the mode (readonly hides writers), keys merged. */
export const helpRows = (state: State, mode: Mode): HelpRow[] => {
  const seen = new Set<string>();
  const rows: HelpRow[] = [];
  for (const b of BINDINGS) {
    if (!b.modes.includes(mode) || (state.readonly && b.writes) || seen.has(b.description)) continue;
    seen.add(b.description);
    rows.push({keys: b.keys, label: bindingLabel(b), description: b.description, writes: b.writes});
  }
  return rows;
};
