/**
 * A comparison of two versions as text (the `diff` command, the TUI's summary and view) and as
 * JSON. Pure. Repository text (names, subjects, paths) is escaped with printable() here, so
 * every caller shows the same safe text.
 */
import type {ChangedFile, ComparedCommit, Comparison, Direction, Endpoint} from '../registry/compare.js';
import {endpointLabel} from '../registry/compare.js';
import type {Json} from './json.js';
import {printable} from './messages.js';
import {isoTime, tableTime} from './time.js';

const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `prod: v3.0.0 → v3.1.1` when FROM is a stage's holder, else `v3.0.0 → v3.1.1`. */
export const comparedSides = (from: Endpoint, to: Endpoint): string => {
  const target = endpointLabel(to);
  if (from.kind === 'version' && from.stage !== null) return printable(`${from.stage}: ${endpointLabel({...from, stage: null})} → ${target}`);
  return printable(`${endpointLabel(from)} → ${target}`);
};

/** `7 commits`, `rollback: 2 commits back`, `on another branch: 3 commits ahead, 2 behind`. */
export const directionText = (direction: Direction, commits: number): string => {
  switch (direction.kind) {
    case 'same':
      return 'same commit';
    case 'forward':
      return count(commits, 'commit');
    case 'rollback':
      return `rollback: ${count(commits, 'commit')} back`;
    case 'diverged':
      return `on another branch: ${count(direction.ahead, 'commit')} ahead, ${direction.behind} behind`;
  }
};

/** `3 files under models/churn.pkl`, or `3 files` for the whole repository. */
export const filesText = (files: number, path: string | null): string =>
  path === null ? count(files, 'file') : `${count(files, 'file')} under ${printable(path)}`;

/** The one line the assign confirmation shows: `prod: v3.0.0 → v3.1.1 · 7 commits · 3 files under models/churn.pkl`. */
export const comparisonSummary = (comparison: Comparison): string =>
  [comparedSides(comparison.from, comparison.to), directionText(comparison.direction, comparison.commits.length), filesText(comparison.files.length, comparison.path)].join(' · ');

/** `+` a commit TO adds, `-` one it lacks (a rollback undoes it; another branch lacks it). */
export const commitLine = (commit: ComparedCommit): string =>
  `${commit.side === 'to' ? '+' : '-'} ${commit.short}  ${tableTime(commit.date)}  ${printable(commit.author)}  ${printable(commit.subject)}`;

const changeCount = (file: ChangedFile): string =>
  file.added === null || file.removed === null ? '-' : `+${file.added} -${file.removed}`;

/** `models/churn.pkl`, or `models/old.pkl → models/new.pkl` for a rename. */
export const fileName = (file: Pick<ChangedFile, 'path' | 'oldPath'>): string =>
  printable(file.oldPath === null ? file.path : `${file.oldPath} → ${file.path}`);

/** One line per file, the counts (`-` for a binary file) in a column as wide as the widest. */
export const fileLines = (files: readonly ChangedFile[]): string[] => {
  const width = Math.max(0, ...files.map((file) => changeCount(file).length));
  return files.map((file) => `${changeCount(file).padEnd(width)}  ${fileName(file)}`);
};

const commitsHeading = (comparison: Comparison): string => {
  const {direction, commits} = comparison;
  switch (direction.kind) {
    case 'same':
      return 'Both name the same commit: nothing between them.';
    case 'forward':
      return `Commits (${commits.length}), newest first:`;
    case 'rollback':
      return `Commits the rollback takes away (${commits.length}), newest first:`;
    case 'diverged': {
      const base = direction.base === null ? 'no common history' : `common ancestor ${direction.base.slice(0, 7)}`;
      return `On another branch (${base}): + only in ${printable(endpointLabel(comparison.to))}, - only in ${printable(endpointLabel(comparison.from))}:`;
    }
  }
};

/** The `diff` command's text: summary, commits, files. */
export const comparisonText = (comparison: Comparison): string[] => {
  const lines = [`${printable(comparison.artifact)} · ${comparisonSummary(comparison)}`, ''];
  lines.push(commitsHeading(comparison), ...comparison.commits.map((c) => `  ${commitLine(c)}`));
  const where = comparison.path === null ? '' : ` under ${printable(comparison.path)}`;
  lines.push('', comparison.files.length === 0 ? `No file changed${where}.` : `Files changed${where} (${comparison.files.length}):`);
  lines.push(...fileLines(comparison.files).map((line) => `  ${line}`));
  return lines;
};

const DIRECTION_NAMES: Readonly<Record<Direction['kind'], string>> = {
  same: 'same',
  forward: 'forward',
  rollback: 'rollback',
  diverged: 'diverged',
};

const endpointJson = (endpoint: Endpoint): Json => ({
  version: endpoint.version,
  stage: endpoint.kind === 'version' ? endpoint.stage : null,
  ref: endpoint.kind === 'ref' ? endpoint.ref : null,
  commit: endpoint.commit,
});

/** `diff --json` (documented in the README): plain data, full shas, ISO dates, null counts for binary files. */
export const comparisonJson = (comparison: Comparison): Json => ({
  artifact: comparison.artifact,
  path: comparison.path,
  from: endpointJson(comparison.from),
  to: endpointJson(comparison.to),
  direction: DIRECTION_NAMES[comparison.direction.kind],
  commits: comparison.commits.map((c) => ({sha: c.sha, author: c.author, date: isoTime(c.date), subject: c.subject, side: c.side})),
  files: comparison.files.map((f) => ({path: f.path, added: f.added, removed: f.removed, renamed_from: f.oldPath})),
});
