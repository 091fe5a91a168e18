/**
 * The dashboard's screen: which sections, and which of their rows, fit in the lines the body
 * has. Pure. A section is its header line, then (when it is open) the grid's column titles and
 * its rows, or one line saying why there are none (loading, failed, filtered out).
 */

/** A section as the layout sees it: its artifact rows, or null when it shows a single message line. */
export type SectionSize = {readonly rows: number | null};

/** A section on screen: `top` is its first row shown, `count` how many (0 with a message line). */
export type ShownSection = {readonly index: number; readonly top: number; readonly count: number};

export type DashboardWindow = {
  /** The first section shown, kept by the caller as the next layout's `first`. */
  readonly first: number;
  readonly shown: readonly ShownSection[];
};

/** The lines a section takes with `count` of its rows shown. */
export const sectionLines = (size: SectionSize, count: number): number => (size.rows === null ? 2 : 2 + Math.max(1, count));

/**
 * The sections to draw in `height` lines so that the cursor (row `cursor` of section `active`)
 * shows, scrolling as little as possible from `first` (the previous first section). Sections
 * before the active one are shown whole; when even the active one does not fit, its rows scroll
 * around the cursor and it is shown alone; what room is left goes to the sections after it.
 */
export const dashboardWindow = (sizes: readonly SectionSize[], active: number, cursor: number, height: number, first: number): DashboardWindow => {
  if (sizes.length === 0) return {first: 0, shown: []};
  const at = Math.max(0, Math.min(active, sizes.length - 1));
  const whole = (i: number): number => sectionLines(sizes[i]!, sizes[i]!.rows ?? 0);
  const activeRows = sizes[at]!.rows;
  // the active section down to the cursor's row
  const needed = activeRows === null || activeRows === 0 ? sectionLines(sizes[at]!, 0) : 2 + Math.min(cursor, activeRows - 1) + 1;
  let start = Math.max(0, Math.min(first, at));
  const before = (from: number): number => {
    let lines = 0;
    for (let i = from; i < at; i++) lines += whole(i);
    return lines;
  };
  while (start < at && before(start) + needed > height) start++;

  const shown: ShownSection[] = [];
  let left = height;
  for (let i = start; i < at; i++) {
    shown.push({index: i, top: 0, count: sizes[i]!.rows ?? 0});
    left -= whole(i);
  }
  if (activeRows === null || activeRows === 0) {
    shown.push({index: at, top: 0, count: 0});
    left -= sectionLines(sizes[at]!, 0);
  } else {
    const room = Math.max(1, left - 2);
    const row = Math.max(0, Math.min(cursor, activeRows - 1));
    // from the section's first row, unless the cursor's row would then be below the room
    const top = Math.max(0, row - room + 1);
    const count = Math.min(activeRows - top, room);
    shown.push({index: at, top, count});
    left -= 2 + count;
  }
  for (let i = at + 1; i < sizes.length && left >= 3; i++) {
    const rows = sizes[i]!.rows;
    if (rows === null || rows === 0) {
      shown.push({index: i, top: 0, count: 0});
      left -= sectionLines(sizes[i]!, 0);
      continue;
    }
    const count = Math.min(rows, left - 2);
    shown.push({index: i, top: 0, count});
    left -= 2 + count;
  }
  return {first: start, shown};
};

/** The open section `delta` steps from `active` (wrapping around), skipping those `open` says no to; `active` when none. */
export const nextSection = (count: number, active: number, delta: 1 | -1, open: (index: number) => boolean): number => {
  for (let step = 1; step < count; step++) {
    const index = (((active + delta * step) % count) + count) % count;
    if (open(index)) return index;
  }
  return active;
};

/** The open section after (`1`) or before (`-1`) `active`, without wrapping; null at either end. */
export const adjacentSection = (count: number, active: number, delta: 1 | -1, open: (index: number) => boolean): number | null => {
  for (let index = active + delta; index >= 0 && index < count; index += delta) if (open(index)) return index;
  return null;
};
