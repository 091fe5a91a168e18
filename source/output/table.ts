/**
 * Tables as Python's tabulate draws them for GTO (spec §4.0): `fancy_outline` by default,
 * `plain` with `--plain`. Pure.
 *
 * Deliberate divergence: tabulate sniffs numeric-looking columns, right-aligns them and
 * reformats values (a short hash `39553e7` becomes `3.9553e+11`); we keep every column
 * left-aligned text (§4.0, conformance README "behaviours deliberately not encoded").
 */

/** `null` prints as `-` (tabulate's missingval), an empty string prints blank. */
export type Cell = string | null;
export type TableStyle = 'fancy_outline' | 'plain';

/** tabulate's MIN_PADDING: header cells get at least two spaces of room. */
const MIN_PADDING = 2;
const MISSING = '-';

/** Width in terminal cells. Contents are names, versions, shas and dates: no wide characters. */
const width = (text: string): number => {
  let n = 0;
  for (const _ of text) n++;
  return n;
};

const pad = (text: string, size: number): string => text + ' '.repeat(Math.max(0, size - width(text)));

export const formatTable = (
  headers: readonly string[],
  rows: readonly (readonly Cell[])[],
  style: TableStyle,
): string => {
  const cells = rows.map((row) => headers.map((_, i) => row[i] ?? MISSING));
  const widths = headers.map((header, i) =>
    cells.reduce((max, row) => Math.max(max, width(row[i]!)), width(header) + MIN_PADDING),
  );
  if (style === 'plain') {
    const line = (values: readonly string[]): string =>
      values.map((v, i) => pad(v, widths[i]!)).join('  ').trimEnd();
    return [line(headers), ...cells.map(line)].join('\n');
  }
  const rule = (left: string, fill: string, mid: string, right: string): string =>
    left + widths.map((w) => fill.repeat(w + 2)).join(mid) + right;
  const line = (values: readonly string[]): string =>
    '│' + values.map((v, i) => ` ${pad(v, widths[i]!)} `).join('│') + '│';
  return [
    rule('╒', '═', '╤', '╕'),
    line(headers),
    rule('╞', '═', '╪', '╡'),
    ...cells.map(line),
    rule('╘', '═', '╧', '╛'),
  ].join('\n');
};
