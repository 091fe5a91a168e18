/**
 * Signatures in the text and JSON outputs of `--verify` (gto-tui's own: GTO has none). Signer
 * names and reasons come from keys and signing programs, so table cells are escaped. Pure.
 */
import {SIGNATURE_MARK, type Verification} from '../registry/signatures.js';
import type {Json} from './json.js';
import {printable} from './messages.js';

/** A tag that vanished between the read and the verification. */
const MISSING: Verification = {status: 'unknown', reason: 'tag not found', key: null};

/** A table cell: `✓ Carol <carol@example.com>`, `✗ bad signature`, `? no public key (key …)`, `unsigned`. */
export const signatureCell = (verification: Verification | undefined): string => {
  const v = verification ?? MISSING;
  switch (v.status) {
    case 'good':
      return printable(`${SIGNATURE_MARK.good} ${v.signer}`);
    case 'bad':
      return printable(`${SIGNATURE_MARK.bad} ${v.reason}`);
    case 'unknown':
      return printable(`${SIGNATURE_MARK.unknown} ${v.reason}${v.key === null ? '' : ` (key ${v.key})`}`);
    case 'unsigned':
      return 'unsigned';
  }
};

/** `{"status": "good", "signer": "Carol <carol@example.com>", "key": "SHA256:…"}`; signer only when good. */
export const signatureJson = (verification: Verification | undefined): Json => {
  const v = verification ?? MISSING;
  return {
    status: v.status,
    signer: v.status === 'good' ? v.signer : null,
    key: v.status === 'unsigned' ? null : v.key,
  };
};

/** Every tag named by a `tag` field anywhere in `json` (the events of `show NAME --json`). */
export const taggedNames = (json: Json): string[] => {
  const names: string[] = [];
  walk(json, (object) => {
    const tag = object['tag'];
    if (typeof tag === 'string') names.push(tag);
  });
  return names;
};

/** `json` with a `signature` field added to every object that names a `tag`. */
export const withSignatures = (json: Json, signatures: ReadonlyMap<string, Verification>): Json => {
  if (Array.isArray(json)) return json.map((item: Json) => withSignatures(item, signatures));
  if (!isObject(json)) return json;
  const out: {[key: string]: Json} = {};
  for (const [key, value] of Object.entries(json)) out[key] = withSignatures(value, signatures);
  const tag = json['tag'];
  if (typeof tag === 'string') out['signature'] = signatureJson(signatures.get(tag));
  return out;
};

type JsonObject = {readonly [key: string]: Json};

const isObject = (json: Json): json is JsonObject =>
  typeof json === 'object' && json !== null && !Array.isArray(json) && !(json instanceof Map) && json.constructor === Object;

const walk = (json: Json, visit: (object: JsonObject) => void): void => {
  if (Array.isArray(json)) for (const item of json as readonly Json[]) walk(item, visit);
  else if (isObject(json)) {
    visit(json);
    for (const value of Object.values(json)) walk(value, visit);
  }
};
