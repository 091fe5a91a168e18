/**
 * YAML as GTO reads it. GTO 1.10.1 loads `.gto` and `artifacts.yaml` with
 * `ruamel.yaml` `YAML(typ="safe", pure=True)`, whose pure-Python loader speaks YAML 1.2
 * (so `yes`, `no`, `y`, `n` stay strings and are valid artifact names) and still resolves
 * plain timestamps and merge keys. Pure: no I/O.
 */
import {parseDocument} from 'yaml';

export type YamlResult = {readonly ok: true; readonly value: unknown} | {readonly ok: false};

/** Mappings come back as `Map` so non-string keys (`1:`, `true:`) stay visible. */
export const parseGtoYaml = (text: string): YamlResult => {
  try {
    const doc = parseDocument(text, {
      version: '1.2',
      customTags: ['timestamp'],
      merge: true,
      uniqueKeys: true,
      logLevel: 'error', // collect warnings instead of printing them; 'silent' also drops errors
    });
    // ruamel refuses unknown tags and a second document; the yaml package only warns
    if (doc.errors.length > 0 || doc.warnings.length > 0) return {ok: false};
    return {ok: true, value: doc.toJS({mapAsMap: true, maxAliasCount: 1000})};
  } catch {
    return {ok: false};
  }
};

export const isYamlMap = (value: unknown): value is Map<unknown, unknown> => value instanceof Map;

/**
 * pydantic v2 lax-mode bool: real booleans, the integers 0/1, and the strings below
 * (case-insensitive). Anything else is not a bool.
 */
const TRUE_STRINGS = new Set(['1', 'on', 't', 'true', 'y', 'yes']);
const FALSE_STRINGS = new Set(['0', 'off', 'f', 'false', 'n', 'no']);

export const laxBool = (value: unknown): boolean | undefined => {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : undefined;
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (TRUE_STRINGS.has(lower)) return true;
    if (FALSE_STRINGS.has(lower)) return false;
  }
  return undefined;
};
