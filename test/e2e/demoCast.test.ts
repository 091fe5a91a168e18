/**
 * The README's picture: demo.cast, recorded from the real app playing demo.tape
 * (`npm run record-demo`), must hold every screen the tape expects, in the tape's order, and
 * demo.svg must be exactly that recording rendered. A changed tour fails here until the
 * picture is recorded again.
 */
import assert from 'node:assert/strict';
import {readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';
import {readCast, renderSvg} from '../../scripts/demo/svg.js';
import {parseTape} from '../../scripts/demo/tape.js';
import {ROOT} from './tmux.js';

const cast = readFileSync(path.join(ROOT, 'demo.cast'), 'utf8');
const text = (row: string): string => row.replace(/\x1b\[[0-9;]*m/g, '');

test('demo.cast is an asciicast v2 recording at the size the tape is played in', () => {
  const header = JSON.parse(cast.split('\n')[0]!) as Record<string, unknown>;
  assert.deepEqual([header['version'], header['width'], header['height']], [2, 100, 30]);
  const {screens} = readCast(cast);
  assert.ok(screens.length > 40, `${screens.length} frames`);
  for (let i = 1; i < screens.length; i++) assert.ok(screens[i]!.time >= screens[i - 1]!.time, `frame ${i} goes back in time`);
});

test('the recording shows every screen demo.tape expects, in the order of the tour', () => {
  const tape = parseTape(readFileSync(path.join(ROOT, 'demo.tape'), 'utf8'));
  const screens = readCast(cast).screens.map((s) => s.rows.map(text).join('\n'));
  let at = 0;
  let checked = 0;
  for (const {step, expect} of tape.steps) {
    for (const want of expect) {
      const found = screens.findIndex((screen, i) => i >= at && (typeof want === 'string' ? screen.includes(want) : want.test(screen)));
      assert.notEqual(found, -1, `demo.tape:${step.line}: ${String(want)} is not in the recording after frame ${at}`);
      at = found;
      checked++;
    }
  }
  assert.ok(checked >= 20, `${checked} screens checked`);
});

test('demo.svg is demo.cast rendered, animated, and small enough for a README', () => {
  const svg = readFileSync(path.join(ROOT, 'demo.svg'), 'utf8');
  assert.equal(svg, renderSvg(cast), 'npm run record-demo renders demo.svg from demo.cast');
  assert.match(svg, /@keyframes play\{0\.000%\{transform:translateX\(0\.0px\)\}/);
  assert.ok(statSync(path.join(ROOT, 'demo.svg')).size < 150 * 1024, 'under 150 KiB');
});

test('the renderer draws colours, bold and inverse video as the terminal showed them', () => {
  const one = [
    JSON.stringify({version: 2, width: 10, height: 2}),
    JSON.stringify([0, 'o', '\x1b[0m\x1b[H\x1b[2J\x1b[1mab\x1b[22m \x1b[33m↑c\x1b[39m\r\n\x1b[7mx<y\x1b[27m\x1b[0m\x1b[2;4H\x1b[?25l']),
  ].join('\n');
  const svg = renderSvg(one);
  assert.match(svg, /<text x="0\.0" y="13" textLength="16\.8" font-weight="bold">ab<\/text>/);
  assert.match(svg, /<text x="25\.2" y="13" textLength="16\.8" fill="#e5c07b">↑c<\/text>/);
  assert.match(svg, /<rect x="0\.0" y="0" width="25\.2" height="17" fill="#d4d7dd"\/><text x="0\.0" y="13" textLength="25\.2" fill="#1e2127">x&lt;y<\/text>/);
  assert.doesNotMatch(svg, /opacity="0\.7"/, 'the app hid the cursor');
});
