/** artifacts.yaml (spec §6.2): artifact annotations, read at commits. Pure. */
import {GtoError} from './errors.js';
import type {Annotation} from './model.js';
import {invalidNameMessage, isSimpleName} from './names.js';
import {isYamlMap, laxBool, parseGtoYaml} from './yaml.js';

export type ParsedAnnotations =
  | {readonly kind: 'ok'; readonly annotations: ReadonlyMap<string, Annotation>}
  /** Not GTO's format: GTO logs a warning and aborts the command. */
  | {readonly kind: 'corrupt'};

const CORRUPT: ParsedAnnotations = {kind: 'corrupt'};

/** The pydantic model's field checks; undefined = the value does not validate. */
const optionalString = (value: unknown): string | null | undefined =>
  value === null || typeof value === 'string' ? value : undefined;

const readEntry = (entry: unknown): Annotation | undefined => {
  if (!isYamlMap(entry)) return undefined;
  const field = (key: string): unknown => entry.get(key);
  const has = (key: string): boolean => entry.has(key);

  const type = has('type') ? optionalString(field('type')) : null;
  const path = has('path') ? optionalString(field('path')) : null;
  const virtual = has('virtual') ? laxBool(field('virtual')) : true;
  const rawLabels = has('labels') ? field('labels') : [];
  const description = has('description') ? field('description') : '';
  if (type === undefined || path === undefined || virtual === undefined) return undefined;
  if (!Array.isArray(rawLabels) || !rawLabels.every((label) => typeof label === 'string')) return undefined;
  if (typeof description !== 'string') return undefined;
  return {
    type,
    path,
    virtual,
    labels: rawLabels as string[],
    description,
    custom: has('custom') ? toPlain(field('custom')) : null,
  };
};

/** `custom` is free-form; hand it on as plain JSON-like data (objects, not Maps). */
export const toPlain = (value: unknown): unknown => {
  if (isYamlMap(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of value) out[String(key)] = toPlain(item);
    return out;
  }
  if (Array.isArray(value)) return value.map(toPlain);
  return value;
};

/**
 * YAML as GTO reads it (see yaml.ts). Validation mirrors GTO: the whole document must fit
 * `Dict[str, Artifact]` (pydantic v2, lax mode: no number→string coercion, unknown
 * fields ignored) or the file is corrupt; only then are keys name-checked, which
 * throws GtoError.
 */
export const parseAnnotations = (text: string): ParsedAnnotations => {
  const parsed = parseGtoYaml(text);
  if (!parsed.ok || !isYamlMap(parsed.value)) return CORRUPT;
  const annotations = new Map<string, Annotation>();
  for (const [key, entry] of parsed.value) {
    if (typeof key !== 'string') return CORRUPT;
    const annotation = readEntry(entry);
    if (annotation === undefined) return CORRUPT;
    annotations.set(key, annotation);
  }
  for (const key of annotations.keys()) {
    if (!isSimpleName(key)) throw new GtoError(invalidNameMessage(key));
  }
  return {kind: 'ok', annotations};
};
