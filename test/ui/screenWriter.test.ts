import assert from 'node:assert/strict';
import {EventEmitter} from 'node:events';
import {test} from 'node:test';
import {compactRow, createScreenWriter, frameRows, rowChanges} from '../../source/ui/screenWriter.js';

const CLEAR = '\x1b[2J\x1b[3J\x1b[H';
/** ansi-escapes' eraseLines(3), as Ink's log-update writes it before a frame. */
const ERASE_3 = '\x1b[2K\x1b[1A\x1b[2K\x1b[1A\x1b[2K\x1b[G';

const fakeTerminal = (rows = 24, columns = 80) => {
  const written: string[] = [];
  const out = Object.assign(new EventEmitter(), {
    rows,
    columns,
    isTTY: true,
    write: (chunk: string) => written.push(chunk) > 0,
  });
  return {out, written};
};

test('frameRows: a frame after a clear or after erased lines; anything else is not a frame', () => {
  assert.deepEqual(frameRows(`${CLEAR}a\n\x1b[1mb\x1b[22m\nc`), ['a', '\x1b[1mb\x1b[22m', 'c']);
  assert.deepEqual(frameRows(`${ERASE_3}a\nb\n`), ['a', 'b']);
  assert.deepEqual(frameRows('a\nb\n'), ['a', 'b'], 'the first frame: nothing to erase yet');
  assert.deepEqual(frameRows(ERASE_3), [], 'erased, nothing written');
  assert.equal(frameRows('\x1b[?25l'), null, 'cursor visibility');
  assert.equal(frameRows('\x1b[?2026h'), null, 'synchronized output');
  assert.equal(frameRows(`${CLEAR}a\x1b[5;1Hb`), null, 'a cursor move inside: not a frame of rows');
});

test('rowChanges writes each changed row at its place, erases rows no longer used, skips the rest', () => {
  assert.equal(rowChanges(['a', 'b', 'c'], ['a', 'B', 'c']), '\x1b[2;1H\x1b[2KB');
  assert.equal(rowChanges(['a', 'b', 'c'], ['a']), '\x1b[2;1H\x1b[2K\x1b[3;1H\x1b[2K');
  assert.equal(rowChanges(['a'], ['a']), '');
  assert.equal(rowChanges(null, ['a', '', 'c']), '\x1b[1;1H\x1b[2Ka\x1b[3;1H\x1b[2Kc', 'unknown screen: every row with text');
});

test('compactRow skips runs of plain blanks with a cursor move and drops trailing ones; blanks that show stay', () => {
  const pad = ' '.repeat(40);
  assert.equal(compactRow(`name${pad}1/300`), 'name\x1b[40C1/300');
  assert.equal(compactRow(`a  b${pad}`), 'a  b', 'short runs written, trailing blanks dropped');
  assert.equal(compactRow(`\x1b[7m${pad}\x1b[27m${pad}x`), `\x1b[7m${pad}\x1b[27m\x1b[40Cx`, 'inverse video shows blanks; after it ends they skip');
  assert.equal(compactRow(`\x1b[48;5;236m${pad}\x1b[49m`), `\x1b[48;5;236m${pad}\x1b[49m`, 'a background shows blanks');
  assert.equal(compactRow(`\x1b[38;5;4m${pad}x\x1b[39m`), '\x1b[38;5;4m\x1b[40Cx\x1b[39m', 'a foreground colour does not (5 and 4 are not attributes here)');
  assert.equal(compactRow(`\x1b[4m${pad}\x1b[0m${pad}y`), `\x1b[4m${pad}\x1b[0m\x1b[40Cy`, 'underline until a reset');
});

test("the writer turns Ink's whole frames into changed rows and passes everything else through", () => {
  const {out, written} = fakeTerminal();
  const screen = createScreenWriter(out);
  screen.stream.write('\x1b[?25l');
  screen.stream.write('head\n▶ one\n  two\nhints\n');
  screen.stream.write(`${CLEAR}head\n  one\n▶ two\nhints`);
  assert.deepEqual(written, [
    '\x1b[?25l',
    '\x1b[1;1H\x1b[2Khead\x1b[2;1H\x1b[2K▶ one\x1b[3;1H\x1b[2K  two\x1b[4;1H\x1b[2Khints',
    '\x1b[2;1H\x1b[2K  one\x1b[3;1H\x1b[2K▶ two',
  ]);
  written.length = 0;
  screen.stream.write(`${CLEAR}head\n  one\n▶ two\nhints`);
  assert.deepEqual(written, [], 'the same frame again writes nothing');
  screen.repaint();
  assert.deepEqual(written, ['\x1b[1;1H\x1b[2Khead\x1b[2;1H\x1b[2K  one\x1b[3;1H\x1b[2K▶ two\x1b[4;1H\x1b[2Khints'], 'repaint: every row');
  screen.dispose();
});

test('a frame taller than the screen is cut at its last row; a resize clears and the next frame is written whole', () => {
  const {out, written} = fakeTerminal(2);
  const screen = createScreenWriter(out);
  screen.stream.write('a\nb\nc\n');
  assert.deepEqual(written, ['\x1b[1;1H\x1b[2Ka\x1b[2;1H\x1b[2Kb']);
  written.length = 0;
  out.rows = 3;
  out.emit('resize');
  screen.stream.write(`${CLEAR}a\nb\nc`);
  assert.deepEqual(written, ['\x1b[H\x1b[2J', '\x1b[1;1H\x1b[2Ka\x1b[2;1H\x1b[2Kb\x1b[3;1H\x1b[2Kc']);
  screen.dispose();
  assert.equal(out.listenerCount('resize'), 0);
});

test('the stream is the terminal in every other respect (size, TTY, listeners)', () => {
  const {out} = fakeTerminal(30, 120);
  const screen = createScreenWriter(out);
  assert.equal(screen.stream.columns, 120);
  assert.equal(screen.stream.rows, 30);
  assert.equal(screen.stream.isTTY, true);
  assert.ok('isTTY' in screen.stream);
  const listener = () => {};
  screen.stream.on('resize', listener);
  assert.equal(out.listenerCount('resize'), 2);
  screen.stream.off('resize', listener);
  screen.dispose();
});
