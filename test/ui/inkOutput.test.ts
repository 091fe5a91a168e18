/**
 * The faster Output.get() (source/ui/inkOutput.ts) against Ink's own, on the same operations:
 * every generated frame must come out byte for byte the same, styles, wide characters,
 * combining marks, clips and lines past the edges included.
 */
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {tokenize} from '@alcalzone/ansi-tokenize';
import fc from 'fast-check';
import {speedUpOutput} from '../../source/ui/inkOutput.js';
import {loadInkOutput} from '../../source/ui/inkOutputLoader.js';

type Operation = Parameters<typeof applyOperations>[1][number];
type Output = {write(x: number, y: number, text: string, options: {transformers: ((line: string, index: number) => string)[]}): void; clip(clip: object): void; unclip(): void; get(): {output: string; height: number}};

const Output = (await loadInkOutput()) as unknown as {new (size: {width: number; height: number}): Output; prototype: {get(): {output: string; height: number}}};
const inkGet = Output.prototype.get;
speedUpOutput(Output as never);
assert.notEqual(Output.prototype.get, inkGet, 'Output.get is replaced');

const applyOperations = (
  output: Output,
  operations: readonly (
    | {kind: 'write'; x: number; y: number; text: string; upper: boolean}
    | {kind: 'clip'; x1?: number; x2?: number; y1?: number; y2?: number}
    | {kind: 'unclip'}
  )[],
): Output => {
  for (const operation of operations) {
    if (operation.kind === 'write') {
      output.write(operation.x, operation.y, operation.text, {transformers: operation.upper ? [(line) => line.toUpperCase()] : []});
    } else if (operation.kind === 'clip') {
      const {kind: _, ...clip} = operation;
      output.clip(clip);
    } else output.unclip();
  }
  return output;
};

const SGR = ['\x1b[31m', '\x1b[39m', '\x1b[1m', '\x1b[22m', '\x1b[2m', '\x1b[7m', '\x1b[27m', '\x1b[0m', '\x1b[m', '\x1b[1;31m', '\x1b[38;5;123m', '\x1b[38;2;1;2;3m', '\x1b[90m', '\x1b[4m', '\x1b[24m', '\x1b[42m', '\x1b[49m'];
/** The UI's own characters, and those that take Ink's own tokenizer (wide, combining, emoji, controls). */
const PIECES = ['a', 'Z', ' ', '  ', 'v1.2.3', '-', '▶', '↑', '↓', '↕', '⊘', '◆', '…', '←', '→', '·', 'é', 'ß', 'ʰ', '─', '│', '漢字', '😀', 'e\u0301', '\u25fd', '🇩🇪', '\u00ad', '\t', '\x1b]8;;https://x.y\x07link\x1b]8;;\x07', '\x1b[', '\u200d', '\ufe0f'];
const text = fc
  .array(fc.oneof(fc.constantFrom(...SGR), fc.constantFrom(...PIECES), fc.constantFrom('\n')), {maxLength: 30})
  .map((parts) => parts.join(''));
const operation = fc.oneof(
  {weight: 6, arbitrary: fc.record({kind: fc.constant('write' as const), x: fc.integer({min: 0, max: 30}), y: fc.integer({min: -2, max: 12}), text, upper: fc.boolean()})},
  {weight: 1, arbitrary: fc.record({kind: fc.constant('clip' as const), y1: fc.integer({min: 0, max: 6}), y2: fc.integer({min: 3, max: 12})})},
  {weight: 1, arbitrary: fc.record({kind: fc.constant('clip' as const), x1: fc.integer({min: 0, max: 6}), x2: fc.integer({min: 3, max: 30})})},
  {weight: 1, arbitrary: fc.constant({kind: 'unclip' as const})},
);

test('the faster get() makes the same frame as Ink’s own, for any writes, styles, characters and clips', () => {
  fc.assert(
    fc.property(fc.integer({min: 1, max: 40}), fc.integer({min: 1, max: 10}), fc.array(operation, {maxLength: 12}), (width, height, operations) => {
      // twice on the fast side: the second time the lines come from the cache
      const expected = inkGet.call(applyOperations(new Output({width, height}), operations));
      assert.deepEqual(applyOperations(new Output({width, height}), operations).get(), expected);
      assert.deepEqual(applyOperations(new Output({width, height}), operations).get(), expected);
    }),
    {numRuns: 3000},
  );
});

test('every character the fast path reads alone is one narrow grapheme for Ink’s tokenizer, whatever is beside it, and one column wide', () => {
  const {caches} = new Output({width: 1, height: 1}) as unknown as {caches: {getStringWidth(text: string): number}};
  const ranges: [number, number][] = [
    [0x20, 0x7e],
    [0xa0, 0x2ff],
    [0x2010, 0x2027],
    [0x2190, 0x22ff],
    [0x2500, 0x25fc],
  ];
  for (const [from, to] of ranges) {
    for (let code = from; code <= to; code++) {
      const char = String.fromCharCode(code);
      // as Ink's get() counts a character's columns: at least one
      assert.equal(Math.max(1, caches.getStringWidth(char)), 1, `U+${code.toString(16)} is one column`);
      for (const next of ['a', char, '\u00e9']) {
        const tokens = tokenize(`${char}${next}`);
        assert.deepEqual(
          tokens.map((token) => (token.type === 'char' ? [token.value, token.fullWidth] : token.type)),
          [
            [char, false],
            [next, false],
          ],
          `U+${code.toString(16)} before ${next}`,
        );
      }
    }
  }
});
