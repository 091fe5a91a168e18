/** The `.gto` configuration (spec §6.1). Parsing is implemented below the type. */

export type Config = {
  /** null = any stage allowed; a list = only these, in this order (also the show columns). */
  readonly stages: readonly string[] | null;
  readonly types: readonly string[] | null;
  /** Path of the annotations file, relative to the repository root. */
  readonly index: string;
  /** Only the GTO_EMOJIS environment variable changes this (§4.0, §11). */
  readonly emojis: boolean;
};

export const DEFAULT_CONFIG: Config = {stages: null, types: null, index: 'artifacts.yaml', emojis: true};
