/**
 * The forms' pickers (commits, versions, stages) as plain data: which items show (all, or the
 * matches of a `/` search with the commit a typed name looked up pinned first), where the
 * highlight goes on a move, which rows are on screen. A list wraps around only when it is
 * whole: a commit list with more history to read stops at its top, and at its bottom reads more.
 * Pure.
 */
import type {Form} from './forms.js';
import {scrollTop} from './layout.js';

/** What a typed name was looked up to be: the item it names (an index into the list), or null when it names no commit. */
export type Lookup = {readonly query: string; readonly index: number | null};

export type PickerView = {
  /** The step of the form this view belongs to: a new step starts with a fresh view. */
  readonly step: string;
  /** Position of the first row on screen, among the items shown. */
  readonly top: number;
  /** null: not searching; otherwise what was typed after `/`. */
  readonly query: string | null;
  readonly lookup: Lookup | null;
  /** The highlight was moved since the query last changed (a lookup's answer then leaves it alone). */
  readonly moved: boolean;
};

export const freshView = (step: string): PickerView => ({step, top: 0, query: null, lookup: null, moved: false});

/** The form's view of the picker on its current step. */
export const viewOf = (form: Form): PickerView => (form.picker.step === form.step ? form.picker : freshView(form.step));

/** Rows of each form above and below its list (title, fields, the line under the list). */
const FORM_ROWS = {register: 7, assign: 6} as const;

/** How many items the picker shows at once, given the body's height; the search line takes one. */
export const pickerRows = (form: Form, height: number): number => Math.max(1, height - FORM_ROWS[form.kind] - (viewOf(form).query === null ? 0 : 1));

const matches = (text: string, query: string): boolean => text.toLowerCase().includes(query.toLowerCase());

/**
 * The items shown, as indices into the list: every item, or while searching the item the
 * query was looked up to be first, then the items whose text holds the query (any case).
 */
export const shownItems = (search: readonly string[], view: PickerView): number[] => {
  const all = search.map((_, i) => i);
  const query = view.query?.trim() ?? '';
  if (query === '') return all;
  const pinned = view.lookup?.query === query ? view.lookup.index : null;
  const found = all.filter((i) => i !== pinned && matches(search[i]!, query));
  return pinned === null ? found : [pinned, ...found];
};

/** The first shown position on screen, keeping `position` visible (what 1-9 count from). */
export const windowTop = (view: PickerView, position: number, rows: number, shown: number): number =>
  scrollTop(view.top, Math.max(0, position), rows, shown);

/**
 * Where the highlight goes from `position` (among `shown` items) on a move of `delta`: one step
 * wraps around only when `whole`; a page never wraps.
 */
export const movedPosition = (position: number, delta: number, shown: number, whole: boolean): number => {
  if (shown === 0) return 0;
  const next = Math.max(0, position) + delta;
  if (next >= 0 && next < shown) return next;
  if (Math.abs(delta) === 1 && whole) return next < 0 ? shown - 1 : 0;
  return Math.min(shown - 1, Math.max(0, next));
};

/** Whether the highlight is near enough to the end of what is listed to read more history. */
export const nearEnd = (position: number, shown: number, rows: number): boolean => position >= shown - rows;
