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

/** ensure_ascii: everything outside printable ASCII becomes `\uXXXX` per UTF-16 unit. */
export const pythonString = (text: string): string => {
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
  // A JS number with no fraction is a Python int as far as GTO's data goes (YAML `3`).
  Number.isInteger(value) ? BigInt(value).toString() : pythonFloat(value);

const entriesOf = (value: ReadonlyMap<string, Json> | {readonly [key: string]: Json}): [string, Json][] =>
  value instanceof Map ? [...value.entries()] : Object.entries(value);

const render = (value: Json, indent: string, out: string[]): void => {
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
    items.forEach((item, i) => {
      out.push(inner);
      render(item, inner, out);
      out.push(i < items.length - 1 ? ',\n' : '\n');
    });
    out.push(indent + ']');
  } else {
    const entries = entriesOf(value as ReadonlyMap<string, Json> | {readonly [key: string]: Json});
    if (entries.length === 0) {
      out.push('{}');
      return;
    }
    const inner = indent + '    ';
    out.push('{\n');
    entries.forEach(([key, item], i) => {
      out.push(inner, pythonString(key), ': ');
      render(item, inner, out);
      out.push(i < entries.length - 1 ? ',\n' : '\n');
    });
    out.push(indent + '}');
  }
};

/** The text GTO prints, without the trailing newline. */
export const formatJson = (value: Json): string => {
  const out: string[] = [];
  render(value, '', out);
  return out.join('');
};
