/**
 * JSON exactly as GTO prints it: Python `json.dumps(value, indent=4, ensure_ascii=True)`
 * (spec §4.0). Pure.
 */

/** A float Python would print with a fractional part (`1.0`), which a JS number cannot carry. */
export class PyFloat {
  constructor(readonly value: number) {}
}

/**
 * A JSON value. Maps keep keys that JS objects would reorder (an artifact named `1` must stay
 * where the state put it). bigint is an unbounded Python int (tag counters).
 */
export type Json =
  | null
  | boolean
  | number
  | bigint
  | string
  | PyFloat
  | readonly Json[]
  | ReadonlyMap<string, Json>
  | {readonly [key: string]: Json};

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** A character pythonString must escape: a quote, a backslash, or anything outside printable ASCII. */
const NEEDS_ESCAPE = /["\\\x00-\x1f\x7f-\uffff]/;

/** ensure_ascii: everything outside printable ASCII becomes `\uXXXX` per UTF-16 unit. */
export const pythonString = (text: string): string => {
  // most strings (names, shas, dates) need no escape: one regex test, no per-character work
  if (!NEEDS_ESCAPE.test(text)) return '"' + text + '"';
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const code = text.charCodeAt(i);
    const escape = ESCAPES[ch];
    if (escape !== undefined) out += escape;
    else if (code < 0x20 || code > 0x7e) out += '\\u' + code.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
};

/**
 * Python's float repr: shortest round-trip digits (same as JS), but scientific notation when
 * the decimal exponent is < -4 or >= 16, with a signed two-digit exponent (`1e-05`, `1e+16`).
 */
export const pythonFloat = (value: number): string => {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const [mantissa, exp] = value.toExponential().split('e') as [string, string];
  const exponent = Number(exp);
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '');
  if (exponent < -4 || exponent >= 16) {
    const body = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exponent).toString().padStart(2, '0');
    return `${sign}${body}e${exponent < 0 ? '-' : '+'}${e}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const intPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const frac = digits.slice(exponent + 1);
  return `${sign}${intPart}.${frac === '' ? '0' : frac}`;
};

const number = (value: number): string =>
  // A JS number with no fraction is a Python int as far as GTO's data goes (YAML `3`); a safe
  // integer prints the same through String, a larger one needs BigInt's digits (not `1e+21`).
  Number.isSafeInteger(value) ? String(value) : Number.isInteger(value) ? BigInt(value).toString() : pythonFloat(value);

/** Rendered keys: the same few keys repeat on every object of a large document. */
const keyCache = new Map<string, string>();
const renderKey = (key: string): string => {
  let rendered = keyCache.get(key);
  if (rendered === undefined) {
    rendered = pythonString(key) + ': ';
    if (keyCache.size < 1000) keyCache.set(key, rendered);
  }
  return rendered;
};

/**
 * The rendered text in pieces, joined every few thousand: a large document (history of 50,000
 * tags) never holds millions of small strings in one array at once.
 */
class Out {
  private pieces: string[] = [];
  private readonly chunks: string[] = [];

  push(piece: string): void {
    this.pieces.push(piece);
    if (this.pieces.length === 16384) {
      this.chunks.push(this.pieces.join(''));
      this.pieces = [];
    }
  }

  text(): string {
    this.chunks.push(this.pieces.join(''));
    this.pieces = [];
    return this.chunks.length === 1 ? this.chunks[0]! : this.chunks.join('');
  }
}

/**
 * Values `JSON.stringify(value, null, 4)` prints as Python does, once characters outside
 * printable ASCII are escaped afterwards (formatJson): plain objects and arrays of strings, safe
 * integers, booleans and null. Not Maps (their order), bigints, PyFloats or other numbers.
 */
const isNativeExact = (value: Json): boolean => {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isSafeInteger(value);
  if (typeof value !== 'object' || value instanceof Map || value instanceof PyFloat) return false;
  if (Array.isArray(value)) {
    const items = value as readonly Json[];
    for (let i = 0; i < items.length; i++) if (!isNativeExact(items[i]!)) return false;
    return true;
  }
  const object = value as {readonly [key: string]: Json};
  const keys = Object.keys(object);
  for (let i = 0; i < keys.length; i++) if (!isNativeExact(object[keys[i]!]!)) return false;
  return true;
};

/** Python's ensure_ascii on text JSON.stringify wrote: JSON's own syntax is ASCII, so anything else is inside a string. */
const NOT_PRINTABLE_ASCII = /[\x7f-\uffff]/g;
const escapeOutsideAscii = (text: string): string =>
  text.replace(NOT_PRINTABLE_ASCII, (ch) => '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0'));

const render = (value: Json, indent: string, out: Out, native: boolean): void => {
  // Whole subtrees of plain data (history's events) go through the native serializer: the
  // same text, without a JavaScript call per value (a one-shot command runs this interpreted).
  if (native && typeof value === 'object' && value !== null && !(value instanceof PyFloat) && isNativeExact(value)) {
    const text = JSON.stringify(value, null, 4);
    out.push(indent === '' ? text : text.replaceAll('\n', '\n' + indent));
    return;
  }
  if (value === null) out.push('null');
  else if (typeof value === 'boolean') out.push(value ? 'true' : 'false');
  else if (typeof value === 'number') out.push(number(value));
  else if (typeof value === 'bigint') out.push(value.toString());
  else if (typeof value === 'string') out.push(pythonString(value));
  else if (value instanceof PyFloat) out.push(pythonFloat(value.value));
  else if (Array.isArray(value)) {
    const items = value as readonly Json[];
    if (items.length === 0) {
      out.push('[]');
      return;
    }
    const inner = indent + '    ';
    out.push('[\n');
    for (let i = 0; i < items.length; i++) {
      out.push(inner);
      render(items[i]!, inner, out, native);
      out.push(i < items.length - 1 ? ',\n' : '\n');
    }
    out.push(indent + ']');
  } else if (value instanceof Map) {
    const map = value as ReadonlyMap<string, Json>;
    if (map.size === 0) {
      out.push('{}');
      return;
    }
    const inner = indent + '    ';
    out.push('{\n');
    let i = 0;
    for (const [key, item] of map) {
      out.push(inner + renderKey(key));
      render(item, inner, out, native);
      out.push(++i < map.size ? ',\n' : '\n');
    }
    out.push(indent + '}');
  } else {
    const object = value as {readonly [key: string]: Json};
    const keys = Object.keys(object);
    if (keys.length === 0) {
      out.push('{}');
      return;
    }
    const inner = indent + '    ';
    out.push('{\n');
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      out.push(inner + renderKey(key));
      render(object[key]!, inner, out, native);
      out.push(i < keys.length - 1 ? ',\n' : '\n');
    }
    out.push(indent + '}');
  }
};

/** The text GTO prints, without the trailing newline. */
export const formatJson = (value: Json): string => {
  const out = new Out();
  render(value, '', out, true);
  const text = out.text();
  NOT_PRINTABLE_ASCII.lastIndex = 0;
  return NOT_PRINTABLE_ASCII.test(text) ? escapeOutsideAscii(text) : text;
};

/** formatJson without the native serializer, value by value: the reference the tests hold it to. */
export const formatJsonByHand = (value: Json): string => {
  const out = new Out();
  render(value, '', out, false);
  return out.text();
};
