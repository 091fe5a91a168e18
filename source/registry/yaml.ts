/**
 * YAML as GTO reads it. GTO 1.10.1 loads `.gto` and `artifacts.yaml` with
 * `ruamel.yaml` `YAML(typ="safe", pure=True)`, whose pure-Python loader speaks YAML 1.2
 * (so `yes`, `no`, `y`, `n` stay strings and are valid artifact names) and still resolves
 * plain timestamps and merge keys. Pure: no I/O.
 */
import {createRequire} from 'node:module';

export type YamlResult = {readonly ok: true; readonly value: unknown} | {readonly ok: false};

type YamlModule = typeof import('yaml');
let yamlModule: YamlModule | null = null;
/** The `yaml` package costs ~25 ms to load: only files outside the fast subset pay for it. */
const yaml = (): YamlModule => (yamlModule ??= createRequire(import.meta.url)('yaml') as YamlModule);

/** The `yaml` package itself, loaded on first use, for a reader that needs its syntax tree (line numbers). */
export const yamlPackage = (): YamlModule => yaml();

/** Mappings come back as `Map` so non-string keys (`1:`, `true:`) stay visible. */
export const parseGtoYaml = (text: string): YamlResult => {
  const fast = parseSimpleYaml(text);
  if (fast !== undefined) return {ok: true, value: fast};
  try {
    const doc = yaml().parseDocument(text, {
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

// The fast subset: block mappings (any depth) whose keys are plain words and whose values are
// plain one-line words, `true`/`false`/`null` spellings, or flow sequences of plain words.
// Only characters that cannot start a comment, quote, tag, anchor, alias, block scalar,
// sequence entry or document marker are allowed, so within the subset the full parser
// would agree (test/registry/yamlFast.test.ts compares the two); anything else
// returns undefined and goes to the `yaml` package.
const ALLOWED = /^[A-Za-z0-9 _./:,[\]\n-]*$/;
const KEY = /^[A-Za-z_][A-Za-z0-9_./-]*$/;
// No digit, `.`, `-` first (numbers, `.inf`, timestamps, sequence entries); no `:`.
const WORD = /^[A-Za-z_/][A-Za-z0-9_./ -]*$/;
const CORE_WORDS: ReadonlyMap<string, boolean | null> = new Map<string, boolean | null>([
  ['true', true], ['True', true], ['TRUE', true],
  ['false', false], ['False', false], ['FALSE', false],
  ['null', null], ['Null', null], ['NULL', null],
]);

const MISS = Symbol('miss');

const scalar = (text: string): string | boolean | null | typeof MISS => {
  if (!WORD.test(text) || text.endsWith(' ')) return MISS;
  const core = CORE_WORDS.get(text);
  return core === undefined ? text : core;
};

const flowSequence = (text: string): unknown[] | typeof MISS => {
  if (!text.endsWith(']')) return MISS;
  const body = text.slice(1, -1);
  if (body.includes('[') || body.includes(']')) return MISS;
  if (body.trim() === '') return [];
  const items: unknown[] = [];
  for (const part of body.split(',')) {
    const item = scalar(part.trim());
    if (item === MISS) return MISS;
    items.push(item);
  }
  return items;
};

type Line = {readonly indent: number; readonly key: string; readonly rest: string};

/** The fast subset's value, or undefined when the text is outside it. Exported for tests. */
export const parseSimpleYaml = (text: string): Map<string, unknown> | undefined => {
  if (text.length > 1_000_000 || !ALLOWED.test(text)) return undefined;
  const lines: Line[] = [];
  for (const raw of text.split('\n')) {
    let indent = 0;
    while (indent < raw.length && raw.charCodeAt(indent) === 32) indent++;
    if (indent === raw.length) continue; // blank
    const colon = raw.indexOf(':', indent);
    if (colon === -1) return undefined;
    const key = raw.slice(indent, colon);
    if (!KEY.test(key) || key.length > 1000 || CORE_WORDS.has(key)) return undefined;
    const after = raw.slice(colon + 1);
    if (after !== '' && !after.startsWith(' ')) return undefined;
    lines.push({indent, key, rest: after.trim()});
  }
  if (lines.length === 0 || lines[0]!.indent !== 0) return undefined;
  let pos = 0;
  const block = (indent: number): Map<string, unknown> | undefined => {
    const map = new Map<string, unknown>();
    while (pos < lines.length) {
      const line = lines[pos]!;
      if (line.indent < indent) break;
      if (line.indent > indent || map.has(line.key)) return undefined;
      pos++;
      const next = lines[pos];
      if (line.rest === '') {
        if (next !== undefined && next.indent > indent) {
          const child = block(next.indent);
          if (child === undefined) return undefined;
          map.set(line.key, child);
        } else map.set(line.key, null);
        continue;
      }
      // a more-indented line after a value would continue a multi-line scalar
      if (next !== undefined && next.indent > indent) return undefined;
      const value = line.rest.startsWith('[') ? flowSequence(line.rest) : scalar(line.rest);
      if (value === MISS) return undefined;
      map.set(line.key, value);
    }
    return map;
  };
  const value = block(0);
  return value !== undefined && pos === lines.length ? value : undefined;
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
