/** The Git tag grammar of GTO (spec §2.4, §2.7): parse a tag name, format one. */
import {nameFromTagForm, nameToTagForm} from './names.js';
import {SEMVER_PATTERN} from './semver.js';

/** What a GTO tag name says. `name` is the user-facing `dir:name` form. */
export type TagAction =
  | {action: 'register'; name: string; version: string}
  | {action: 'deregister'; name: string; version: string}
  | {action: 'assign'; name: string; stage: string}
  | {action: 'unassign'; name: string; stage: string}
  | {action: 'deprecate'; name: string};

/**
 * A parsed tag name. `created` matches GTO's pattern but carries no action (§2.6); GTO
 * crashes on it, we ignore it and `doctor` reports it. The counter is a bigint because
 * GTO's is an unbounded Python int.
 */
export type ParsedTag =
  | (TagAction & {counter: bigint | null})
  | {action: 'created'; name: string; counter: bigint | null};

const SIMPLE = '[A-Za-z0-9](?:[A-Za-z0-9_/-]*[A-Za-z0-9])?';
const TAG = new RegExp(
  `^((?:[A-Za-z0-9_./-]+=)?${SIMPLE})` +
    `(?:(?:#(${SIMPLE})|@(v${SEMVER_PATTERN}))(!?)|@(deprecated)|@(created))` +
    `(?:#([0-9]+))?$`,
);

/** Parses a tag name; `null` for anything that is not GTO grammar. Never throws. */
export const parseTag = (tagName: string): ParsedTag | null => {
  // every GTO tag has a `#` or an `@`: most other tags (releases like v1.2.3) stop here
  if (tagName.indexOf('@') === -1 && tagName.indexOf('#') === -1) return null;
  const m = TAG.exec(tagName);
  if (!m) return null;
  const name = nameFromTagForm(m[1]!);
  const counter = m[7] === undefined ? null : BigInt(m[7]);
  const cancel = m[4] === '!';
  if (m[2] !== undefined) return {action: cancel ? 'unassign' : 'assign', name, stage: m[2], counter};
  if (m[3] !== undefined) return {action: cancel ? 'deregister' : 'register', name, version: m[3], counter};
  if (m[5] !== undefined) return {action: 'deprecate', name, counter};
  return {action: 'created', name, counter};
};

/** Formats the tag GTO would create (§2.7); `counter: null` is the "simple" form. */
export const formatTag = (action: TagAction, counter: bigint | null): string => {
  const artifact = nameToTagForm(action.name);
  let body: string;
  switch (action.action) {
    case 'register':
      body = `${artifact}@${action.version}`;
      break;
    case 'deregister':
      body = `${artifact}@${action.version}!`;
      break;
    case 'assign':
      body = `${artifact}#${action.stage}`;
      break;
    case 'unassign':
      body = `${artifact}#${action.stage}!`;
      break;
    case 'deprecate':
      body = `${artifact}@deprecated`;
      break;
  }
  return counter === null ? body : `${body}#${counter}`;
};

/**
 * N = 1 + the largest counter on any tag of this artifact, lightweight ones included;
 * 1 when there is none (§2.7).
 */
export const nextCounter = (artifact: string, tagNames: Iterable<string>): bigint => {
  let max = 0n;
  for (const tagName of tagNames) {
    const parsed = parseTag(tagName);
    if (parsed && parsed.name === artifact && parsed.counter !== null && parsed.counter > max) {
      max = parsed.counter;
    }
  }
  return max + 1n;
};
