import assert from 'node:assert/strict';
import {after, test} from 'node:test';
import {applyTestEnv, importHistory, makeRepo, removeTempDirs, type ImportTag} from '../helpers/repo.js';
import {renderApp} from './harness.js';

applyTestEnv();
after(removeTempDirs);

test('a cursor move on a 1,000-artifact grid redraws in under 50 ms', async () => {
  const repo = makeRepo();
  const tags: ImportTag[] = [];
  for (let i = 0; i < 1000; i++) {
    const name = `model-${String(i).padStart(4, '0')}`;
    tags.push({name: `${name}@v1.0.0`, commit: 0, message: 'r', time: 1704067200 + i});
    tags.push({name: `${name}#prod#1`, commit: 0, message: 'a', time: 1704067300 + i});
  }
  importHistory(repo, {commits: [{message: 'one', files: {'.gto': 'stages: [dev, prod]\n'}}], tags});
  const h = await renderApp(repo, {rows: 40});
  try {
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const want = `model-${String(i + 1).padStart(4, '0')}`;
      const started = performance.now();
      h.instance.stdin.write('j');
      await h.waitFor((frame) => frame.split('\n').some((line) => line.startsWith('▶') && line.includes(want)), want);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    assert.ok(median < 50, `median redraw ${median.toFixed(1)} ms`);
    if (process.env["GTO_TUI_TEST_VERBOSE"]) console.log(`median ${median.toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms`);
  } finally {
    h.instance.unmount();
  }
});
