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

export type ConfigSource = {
  /** Contents of `.gto` in the working tree, or null when there is none. */
  readonly text: string | null;
  /** Absolute path of `.gto`, for the `Wrong config file '<path>'` message. */
  readonly path: string;
  /** `GTO_*` variables override the file (§6.1). */
  readonly env: Readonly<Record<string, string | undefined>>;
};

/** YAML 1.1 like PyYAML. Throws GtoError(`Wrong config file '<path>'`) on anything GTO rejects. */
export const parseConfig = (source: ConfigSource): Config => {
  void source;
  throw new Error('not implemented yet');
};
