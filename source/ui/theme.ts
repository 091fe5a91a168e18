/**
 * Colours and glyphs. Colour is decoration only: every state that matters (selection, not
 * pushed, deprecated) also has a glyph or inverse video, so NO_COLOR loses nothing.
 */
export type Theme = {
  readonly color: boolean;
  /** Ink colour names, or undefined when colour is off. */
  readonly accent: string | undefined;
  readonly muted: string | undefined;
  readonly error: string | undefined;
  readonly ok: string | undefined;
  readonly warn: string | undefined;
  readonly selectedMarker: string;
  readonly unpushedMarker: string;
  readonly unknownMarker: string;
  /** A tag on origin that is not here (someone pushed; `f` fetches it). */
  readonly incomingMarker: string;
  /** Both: a tag here not on origin, and one there not here. */
  readonly bothWaysMarker: string;
  readonly deprecatedMarker: string;
};

/** After a deprecated artifact's name (the grid model puts it there, so column widths count it). */
export const DEPRECATED_MARKER = '⊘';

/** https://no-color.org: any non-empty NO_COLOR disables colour. */
export const colorEnabled = (env: Readonly<Record<string, string | undefined>>): boolean =>
  env['NO_COLOR'] === undefined || env['NO_COLOR'] === '';

export const makeTheme = (color: boolean): Theme => ({
  color,
  accent: color ? 'cyan' : undefined,
  muted: color ? 'gray' : undefined,
  error: color ? 'red' : undefined,
  ok: color ? 'green' : undefined,
  warn: color ? 'yellow' : undefined,
  selectedMarker: '▶',
  unpushedMarker: '↑',
  unknownMarker: '?',
  incomingMarker: '↓',
  bothWaysMarker: '↕',
  deprecatedMarker: DEPRECATED_MARKER,
});
