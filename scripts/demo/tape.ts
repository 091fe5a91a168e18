/**
 * demo.tape, read: the VHS commands the README's tour uses, each step with the screens its
 * "# expect:" comments name and the pause (Sleep) that follows it. Shared by the tape's test
 * (test/e2e/demoTape.test.ts) and the recorder of the README's picture (record.ts).
 */

export type Step =
  | {readonly kind: 'type'; readonly text: string; readonly line: number}
  | {readonly kind: 'key'; readonly key: string; readonly count: number; readonly line: number};

export type Played = {readonly step: Step; readonly expect: (string | RegExp)[]; sleepMs: number};

export type Tape = {readonly settings: Map<string, string>; readonly output: string | null; readonly steps: Played[]};

/** VHS key commands and the tmux key each one sends. */
export const KEYS: Readonly<Record<string, string>> = {
  Enter: 'Enter',
  Escape: 'Escape',
  Up: 'Up',
  Down: 'Down',
  Left: 'Left',
  Right: 'Right',
  Tab: 'Tab',
  Space: 'Space',
  Backspace: 'BSpace',
  Delete: 'DC',
  PageUp: 'PPage',
  PageDown: 'NPage',
  Home: 'Home',
  End: 'End',
};

const unquote = (text: string, line: number): string => {
  const m = /^(["'`])(.*)\1$/.exec(text.trim());
  if (!m) throw new Error(`demo.tape:${line}: expected a quoted string, got ${text}`);
  return m[2]!;
};

/** VHS durations: `500ms`, `2s`, `1.5s`. */
export const parseDuration = (text: string, line: number): number => {
  const m = /^(\d+(?:\.\d+)?)(ms|s)$/.exec(text.trim());
  if (!m) throw new Error(`demo.tape:${line}: bad duration '${text}'`);
  return Number(m[1]) * (m[2] === 's' ? 1000 : 1);
};

/** Parses the VHS commands this tour uses; anything else is an error (no step may be skipped). */
export const parseTape = (source: string): Tape => {
  const settings = new Map<string, string>();
  let output: string | null = null;
  const steps: Played[] = [];
  source.split('\n').forEach((raw, index) => {
    const line = index + 1;
    const text = raw.trim();
    if (text === '') return;
    const expect = /^#\s*expect:\s?(.*)$/.exec(text);
    if (expect) {
      const last = steps.at(-1);
      if (!last) throw new Error(`demo.tape:${line}: "# expect:" before any step`);
      const want = expect[1]!;
      last.expect.push(/^\/.+\/$/.test(want) ? new RegExp(want.slice(1, -1), 'm') : want);
      return;
    }
    if (text.startsWith('#')) return;
    const [command = '', ...rest] = text.split(/\s+/);
    const args = text.slice(command.length).trim();
    const name = command.replace(/@\S+$/, ''); // `Type@50ms`, `Down@100ms`: speed only
    if (name === 'Output') output = args;
    else if (name === 'Set') settings.set(rest[0] ?? '', rest.slice(1).join(' '));
    else if (name === 'Sleep') {
      const last = steps.at(-1);
      if (last) last.sleepMs += parseDuration(args, line);
    } else if (name === 'Require' || name === 'Hide' || name === 'Show') return;
    else if (name === 'Type') steps.push({step: {kind: 'type', text: unquote(args, line), line}, expect: [], sleepMs: 0});
    else if (KEYS[name] !== undefined) {
      const count = args === '' ? 1 : Number(args);
      if (!Number.isInteger(count) || count < 1) throw new Error(`demo.tape:${line}: bad repeat count '${args}'`);
      steps.push({step: {kind: 'key', key: KEYS[name]!, count, line}, expect: [], sleepMs: 0});
    } else if (/^Ctrl\+[A-Za-z]$/.test(name)) {
      steps.push({step: {kind: 'key', key: `C-${name.slice(5).toLowerCase()}`, count: 1, line}, expect: [], sleepMs: 0});
    } else throw new Error(`demo.tape:${line}: the player does not know '${command}'`);
  });
  return {settings, output, steps};
};
