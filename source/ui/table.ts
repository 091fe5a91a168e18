/**
 * Table-like screens (the grid's columns, the artifact panel's versions and history): each
 * column's natural width comes from its title and cells, and allocateWidths fits them to the
 * terminal by the table's stated cut order. Pure.
 */
import {fit, textWidth} from './components/text.js';
import {allocateWidths} from './layout.js';

export type Column<R> = {
  readonly title: string;
  readonly cell: (row: R) => string;
  /** How a cell is cut to a width (escaped, padded); fit()'s ellipsis by default. */
  readonly fit?: (text: string, width: number) => string;
  /** The narrowest it may be cut to; never cut without one. */
  readonly min?: number;
  /** Cut order when the table does not fit: the highest first (see allocateWidths). */
  readonly cut?: number;
  /** Left out when even `min` does not fit. */
  readonly optional?: boolean;
};

export type LaidColumn<R> = {readonly column: Column<R>; readonly width: number};

/** The columns shown in `width` characters and the width of each, from every row (not just those on screen, so columns do not jump while scrolling). */
export const layTable = <R>(columns: readonly Column<R>[], rows: readonly R[], width: number, gap = 1): LaidColumn<R>[] => {
  const specs = columns.map((column) => {
    let natural = textWidth(column.title);
    for (const row of rows) natural = Math.max(natural, textWidth(column.cell(row)));
    return {natural, min: column.min ?? natural, cut: column.cut ?? 0, optional: column.optional ?? false};
  });
  const widths = allocateWidths(specs, width, gap);
  return columns.flatMap((column, i) => (widths[i]! > 0 ? [{column, width: widths[i]!}] : []));
};

export const cellText = <R>({column, width}: LaidColumn<R>, row: R): string => (column.fit ?? fit)(column.cell(row), width);

export const titleText = <R>({column, width}: LaidColumn<R>): string => fit(column.title, width);
