/** The `D` screen as lines: headings, commits and files, and which line each selectable row is on. Pure. */
import {commitLine, fileLines, fileName} from '../output/compare.js';
import {printable} from '../output/messages.js';
import type {Comparison} from '../registry/compare.js';
import {endpointLabel} from '../registry/compare.js';

export type DiffLine =
  | {readonly kind: 'heading'; readonly text: string}
  /** `row`: the cursor index (commits first, then files). */
  | {readonly kind: 'commit'; readonly row: number; readonly text: string; readonly side: 'to' | 'from'}
  | {readonly kind: 'file'; readonly row: number; readonly text: string};

/** Rows the list (or a file's diff) gets on a screen with `bodyRows` body rows: two go to the title lines. */
export const visibleRows = (bodyRows: number): number => Math.max(1, bodyRows - 2);

/** Selectable rows: every commit, then every file. */
export const rowCount = (comparison: Comparison): number => comparison.commits.length + comparison.files.length;

const commitsHeading = (c: Comparison): string => {
  switch (c.direction.kind) {
    case 'same':
      return 'Same commit: nothing between them';
    case 'forward':
      return `Commits (${c.commits.length})`;
    case 'rollback':
      return `Commits the rollback takes away (${c.commits.length})`;
    case 'diverged':
      return printable(`On another branch: + only in ${endpointLabel(c.to)}, - only in ${endpointLabel(c.from)}`);
  }
};

export const diffListLines = (c: Comparison): DiffLine[] => {
  const lines: DiffLine[] = [{kind: 'heading', text: commitsHeading(c)}];
  c.commits.forEach((commit, i) => lines.push({kind: 'commit', row: i, text: commitLine(commit), side: commit.side}));
  const where = c.path === null ? '' : ` under ${printable(c.path)}`;
  lines.push({kind: 'heading', text: c.files.length === 0 ? `No file changed${where}` : `Files${where} (${c.files.length})`});
  fileLines(c.files).forEach((text, i) => lines.push({kind: 'file', row: c.commits.length + i, text}));
  return lines;
};

/** `from prod v3.0.0 (e90c2d0) to v3.2.0 (e4ea971)`. */
export const sidesLine = (c: Pick<Comparison, 'from' | 'to'>): string =>
  printable(`from ${endpointLabel(c.from)} (${c.from.commit.slice(0, 7)}) to ${endpointLabel(c.to)} (${c.to.commit.slice(0, 7)})`);

export {fileName};

/** How a line of `git diff` output is drawn: added, removed, hunk header, file header, or context. */
export type DiffLineKind = 'added' | 'removed' | 'hunk' | 'header' | 'context';

export const diffLineKind = (line: string): DiffLineKind => {
  if (line.startsWith('+++ ') || line.startsWith('--- ')) return 'header';
  if (line.startsWith('+')) return 'added';
  if (line.startsWith('-')) return 'removed';
  if (line.startsWith('@@')) return 'hunk';
  if (line.startsWith(' ') || line === '' || line.startsWith('\\')) return 'context';
  return 'header';
};
