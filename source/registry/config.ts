/** The `.gto` configuration (spec §6.1). Parsing is implemented below the type. */
import {GtoError} from './errors.js';
import {isSimpleName} from './names.js';
import {isYamlMap, laxBool, parseGtoYaml} from './yaml.js';

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

/** The settings GTO's RegistryConfig declares; any other key in `.gto` is an error. */
type Field = 'stages' | 'types' | 'INDEX' | 'CONFIG_FILE_NAME' | 'LOG_LEVEL' | 'DEBUG' | 'EMOJIS' | 'enrichments' | 'autoload_enrichments';
const FIELDS: readonly Field[] = [
  'stages',
  'types',
  'INDEX',
  'CONFIG_FILE_NAME',
  'LOG_LEVEL',
  'DEBUG',
  'EMOJIS',
  'enrichments',
  'autoload_enrichments',
];
const FIELD_SET = new Set<unknown>(FIELDS);
/** pydantic-settings decodes these from the environment as JSON. */
const COMPLEX_FIELDS = new Set<Field>(['stages', 'types', 'enrichments']);

class Invalid extends Error {}

const nameList = (value: unknown): readonly string[] | null => {
  if (value === null) return null;
  if (!Array.isArray(value)) throw new Invalid();
  for (const item of value) if (typeof item !== 'string' || !isSimpleName(item)) throw new Invalid();
  return value as string[];
};

const str = (value: unknown, nullable: boolean): void => {
  if (typeof value === 'string' || (nullable && value === null)) return;
  throw new Invalid();
};

const bool = (value: unknown): boolean => {
  const b = laxBool(value);
  if (b === undefined) throw new Invalid();
  return b;
};

const enrichmentList = (value: unknown): void => {
  if (!Array.isArray(value)) throw new Invalid();
  for (const item of value) {
    const get = (key: string): unknown => (item instanceof Map ? item.get(key) : (item as Record<string, unknown> | null)?.[key]);
    const isObject = item instanceof Map || (typeof item === 'object' && item !== null && !Array.isArray(item));
    if (!isObject || typeof get('type') !== 'string') throw new Invalid();
    const config = get('config');
    if (config !== undefined && !(config instanceof Map) && (typeof config !== 'object' || config === null || Array.isArray(config))) {
      throw new Invalid();
    }
  }
};

/** Validates one field's value the way GTO's pydantic model does; returns its effect. */
const applyField = (config: Config, field: Field, value: unknown): Config => {
  switch (field) {
    case 'stages':
      return {...config, stages: nameList(value)};
    case 'types':
      return {...config, types: nameList(value)};
    case 'INDEX':
      str(value, false);
      return {...config, index: value as string};
    case 'CONFIG_FILE_NAME':
      str(value, true);
      return config;
    case 'LOG_LEVEL':
      str(value, false);
      return config;
    case 'DEBUG':
    case 'autoload_enrichments':
      bool(value);
      return config;
    case 'EMOJIS':
      // §4.0/§11: EMOJIS in the file is validated but has no effect; only the env var counts
      bool(value);
      return config;
    case 'enrichments':
      enrichmentList(value);
      return config;
  }
};

/** `GTO_<KEY>` variables, matched case-insensitively like pydantic-settings does. */
const envValues = (env: ConfigSource['env']): Map<Field, {name: string; value: string}> => {
  const byLower = new Map<string, Field>(FIELDS.map((field) => [`gto_${field.toLowerCase()}`, field]));
  const found = new Map<Field, {name: string; value: string}>();
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    const field = byLower.get(name.toLowerCase());
    if (field) found.set(field, {name, value});
  }
  return found;
};

const envError = (name: string, field: Field): GtoError =>
  new GtoError(
    COMPLEX_FIELDS.has(field)
      ? `Invalid value in environment variable ${name}: expected a JSON list${field === 'enrichments' ? '' : ' of valid names'}`
      : `Invalid value in environment variable ${name}`,
  );

/**
 * `.gto` as GTO reads it (YAML, see yaml.ts). Throws GtoError(`Wrong config file '<path>'`)
 * on anything GTO rejects. Environment variables override the file; a bad one is a one-line
 * error naming the variable (GTO crashes with a traceback there, §6.1).
 */
export const parseConfig = (source: ConfigSource): Config => {
  const wrongFile = () => new GtoError(`Wrong config file '${source.path}'`);
  const fileValues = new Map<Field, unknown>();
  if (source.text !== null) {
    const parsed = parseGtoYaml(source.text);
    if (!parsed.ok) throw wrongFile();
    // an empty or comment-only file is `None`, which GTO reads as "no settings"
    if (parsed.value !== null) {
      if (!isYamlMap(parsed.value)) throw wrongFile();
      for (const [key, value] of parsed.value) {
        if (!FIELD_SET.has(key)) throw wrongFile();
        fileValues.set(key as Field, value);
      }
    }
  }

  let config: Config = DEFAULT_CONFIG;
  const fromEnv = envValues(source.env);
  for (const [field, {name, value: text}] of fromEnv) {
    let value: unknown = text;
    if (COMPLEX_FIELDS.has(field)) {
      try {
        value = JSON.parse(text);
      } catch {
        throw envError(name, field);
      }
    }
    try {
      config = applyField(config, field, value);
    } catch (error) {
      if (error instanceof Invalid) throw envError(name, field);
      throw error;
    }
    if (field === 'EMOJIS') config = {...config, emojis: bool(value)};
  }
  for (const [field, value] of fileValues) {
    if (fromEnv.has(field)) continue; // the environment wins over the file
    try {
      config = applyField(config, field, value);
    } catch (error) {
      if (error instanceof Invalid) throw wrongFile();
      throw error;
    }
  }
  return config;
};
