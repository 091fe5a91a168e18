/**
 * The forms' pickers at work: moving and paging through a list, reading more of HEAD's history
 * as the highlight nears its end (one `git log` per open form, paused between pages), `/` to
 * search the items, and a typed sha, branch or tag looked up (one git process) and pinned
 * first. The list's data and rules are in picker.ts and forms.ts; this does the git work and
 * keeps the form in the store in step.
 */
import {searchTexts, withFoundCommit, withMoreCommits, type Form} from './forms.js';
import {movedPosition, nearEnd, pickerRows, shownItems, viewOf, windowTop, type PickerView} from './picker.js';
import {screenRowsOf} from './layout.js';
import type {CommitChoice, CommitPager, Services} from './services.types.js';
import {currentMode, type State, type Store} from './store.js';

/** Commits read at a time: the first screenful and more, far fewer than a long history. */
export const COMMIT_PAGE = 100;

/** How long typing pauses before the query is looked up as a sha, branch or tag. */
const LOOKUP_DELAY_MS = 200;

/** The list of the form's current step: commits, versions (and commits) or stages. */
const indexOf = (form: Form): number => (form.kind === 'register' ? form.commitIndex : form.step === 'version' ? form.versionIndex : form.stageIndex);

const withIndex = (form: Form, index: number): Form => {
  if (form.kind === 'register') return {...form, commitIndex: index};
  return form.step === 'version' ? {...form, versionIndex: index} : {...form, stageIndex: index};
};

/** Whether the list is HEAD's history (or holds it), so it can read more of it. */
const readsHistory = (form: Form): boolean => (form.kind === 'register' ? form.step === 'commit' : form.step === 'version');

/** Every item is listed: the list wraps around. */
const whole = (form: Form): boolean => !readsHistory(form) || !form.more;

/** Whether the current screen is one of the forms' pickers. */
export const onPicker = (state: State): boolean => {
  const form = state.form;
  const mode = currentMode(state);
  if (mode === 'register' && form?.kind === 'register') return form.step === 'commit';
  if (mode === 'assign' && form?.kind === 'assign') return form.step === 'version' || form.step === 'stage';
  return false;
};

/** Whether the picker's `/` search line is open (it takes typed characters). */
export const searching = (state: State): boolean => onPicker(state) && state.form !== null && viewOf(state.form).query !== null;

/** A name git could look up (no blanks): a search for words in subjects is not one. */
const lookupWorthy = (query: string): boolean => query !== '' && !/\s/.test(query);

export const createPickerController = (store: Store, services: Services, submitForm: () => Promise<void>) => {
  const {dispatch, getState} = store;
  let log: {form: Form | null; pager: CommitPager} | null = null;
  let reading: Promise<void> | null = null;
  let lookupTimer: NodeJS.Timeout | null = null;

  const fail = (text: string): void => dispatch({type: 'status', status: {kind: 'error', text}});

  const busy = async <T>(label: string, work: () => Promise<T>): Promise<T | undefined> => {
    dispatch({type: 'busy', delta: 1, label});
    try {
      return await work();
    } catch (error) {
      fail(error instanceof Error ? error.message : String(error));
      return undefined;
    } finally {
      dispatch({type: 'busy', delta: -1});
    }
  };

  const closeLog = (): void => {
    log?.pager.close();
    log = null;
  };

  // the form is gone (done, cancelled, the app closing): git log goes with it
  store.subscribe(() => {
    if (log !== null && getState().form === null && log.form !== null) closeLog();
  });

  /** A new form's first page of HEAD's history; its git log stays open for the pages after it. */
  const openCommits = async (): Promise<{commits: readonly CommitChoice[]; more: boolean}> => {
    closeLog();
    const pager = services.commitLog();
    log = {form: null, pager};
    const page = await busy('Listing commits', () => pager.read(COMMIT_PAGE));
    if (!page) return {commits: [], more: false};
    return {commits: page.commits, more: !page.done};
  };

  /** The form has opened: its log is its own from now on (closed when it goes). */
  const adoptLog = (): void => {
    if (log !== null) log = {...log, form: getState().form};
  };

  const setForm = (form: Form): void => dispatch({type: 'form/set', form});

  /** Read the next page of history into the form on screen. */
  const readMore = (): Promise<void> => {
    reading ??= (async () => {
      const pager = log?.pager;
      const form = getState().form;
      if (!pager || !form || !form.more) return;
      const page = await busy('Listing more commits', () => pager.read(COMMIT_PAGE));
      const now = getState();
      if (!page || now.form === null || now.form.kind !== form.kind || !now.snapshot) return;
      setForm(withMoreCommits(now.form, now.snapshot, page.commits, !page.done));
    })().finally(() => {
      reading = null;
    });
    return reading;
  };

  type Here = {form: Form; view: PickerView; shown: number[]; position: number; rows: number};

  const here = (): Here | null => {
    const state = getState();
    const form = state.form;
    if (!form || !onPicker(state)) return null;
    const view = viewOf(form);
    const shown = shownItems(searchTexts(form), view);
    return {form, view, shown, position: shown.indexOf(indexOf(form)), rows: pickerRows(form, screenRowsOf(state.viewport.rows))};
  };

  /** Highlight the item at `position` among those shown (keeping it on screen). */
  const highlightAt = (at: Here, position: number, moved = true): void => {
    const item = at.shown[position];
    if (item === undefined) return;
    const top = windowTop(at.view, position, at.rows, at.shown.length);
    setForm({...withIndex(at.form, item), picker: {...at.view, top, moved: moved || at.view.moved}});
  };

  /** ↑ ↓ (one step, wrapping when the list is whole), PgUp PgDn (a page); nearing the end reads more history. */
  const move = async (delta: number | 'pageUp' | 'pageDown'): Promise<void> => {
    const at = here();
    if (!at) return;
    const step = delta === 'pageUp' ? -at.rows : delta === 'pageDown' ? at.rows : delta;
    const position = movedPosition(at.position, step, at.shown.length, whole(at.form));
    highlightAt(at, position);
    if (readsHistory(at.form) && at.form.more && nearEnd(position, at.shown.length, at.rows)) await readMore();
  };

  const pickItem = async (form: Form, index: number): Promise<void> => {
    const view = viewOf(form);
    setForm({...withIndex(form, index), picker: {...view, query: null, lookup: null}});
    await submitForm();
  };

  /** 1-9: the n-th item on screen. */
  const pickShown = async (n: number): Promise<void> => {
    const at = here();
    if (!at) return;
    const top = windowTop(at.view, at.position, at.rows, at.shown.length);
    const item = at.shown[top + n - 1];
    if (item !== undefined && top + n - 1 < top + at.rows) await pickItem(at.form, item);
  };

  /** Look the query up as a sha, branch or tag; the commit it names is pinned first (and highlighted, unless the user moved). */
  const lookUp = async (query: string): Promise<void> => {
    const commit = await busy('Looking up a commit', () => services.lookupCommit(query));
    const state = getState();
    const form = state.form;
    if (commit === undefined || !form || !state.snapshot || !onPicker(state) || viewOf(form).query?.trim() !== query) return;
    const view = viewOf(form);
    if (commit === null) {
      setForm({...form, picker: {...view, lookup: {query, index: null}}});
      return;
    }
    const found = withFoundCommit(form, state.snapshot, commit);
    const next = {...found.form, picker: {...view, lookup: {query, index: found.index}}};
    setForm(view.moved ? next : {...withIndex(next, found.index), picker: {...next.picker, top: 0}});
  };

  const cancelLookup = (): void => {
    if (lookupTimer !== null) clearTimeout(lookupTimer);
    lookupTimer = null;
  };

  /** Enter: the highlighted item; while searching, a typed name is looked up first when it was not yet. */
  const enter = async (): Promise<void> => {
    let at = here();
    if (!at) return;
    const query = at.view.query?.trim() ?? '';
    if (readsHistory(at.form) && lookupWorthy(query) && at.view.lookup?.query !== query) {
      cancelLookup();
      await lookUp(query);
      at = here();
      if (!at) return;
    }
    if (at.shown.length === 0) return fail(readsHistory(at.form) ? `Nothing here matches '${query}', and it names no commit` : `Nothing here matches '${query}'`);
    const item = at.position === -1 ? at.shown[0]! : at.shown[at.position]!;
    await pickItem(at.form, item);
  };

  const openSearch = (): void => {
    const at = here();
    if (at) setForm({...at.form, picker: {...at.view, query: '', lookup: null, moved: false}});
  };

  /** Esc on the search line: every item again, the highlighted one still highlighted. */
  const closeSearch = (): void => {
    cancelLookup();
    const at = here();
    if (at) setForm({...at.form, picker: {...at.view, query: null, lookup: null}});
  };

  /** Typing on the search line: the first match is highlighted; a pause looks the text up as a name. */
  const editQuery = (edit: (text: string) => string): void => {
    const at = here();
    if (!at || at.view.query === null) return;
    const query = edit(at.view.query);
    const view: PickerView = {...at.view, query, top: 0, moved: false};
    const shown = shownItems(searchTexts(at.form), view);
    const first = shown[0];
    setForm({...(first === undefined ? at.form : withIndex(at.form, first)), picker: view});
    cancelLookup();
    const name = query.trim();
    // a stage list has no commits to look a name up among
    if (!readsHistory(at.form) || !lookupWorthy(name)) return;
    lookupTimer = setTimeout(() => {
      lookupTimer = null;
      void lookUp(name);
    }, LOOKUP_DELAY_MS);
    lookupTimer.unref();
  };

  const stopPicker = (): void => {
    cancelLookup();
    closeLog();
  };

  return {openCommits, adoptLog, move, pickShown, enter, openSearch, closeSearch, editQuery, stopPicker};
};
