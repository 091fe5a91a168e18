/**
 * Keypress → frame latency of the TUI grid: a 1,000-artifact registry, `j` pressed 40 times,
 * each time until the cursor row shows the next artifact (ink-testing-library, real repo).
 * The target is a median under 50 ms. Prints one JSON line: {median, p90, max} in ms.
 * Run: node --import tsx bench/cursor.tsx   (bench/run.mjs runs it and records the result)
 */
import {applyTestEnv, importHistory, makeRepo, removeTempDirs, type ImportTag} from '../test/helpers/repo.js';
import {renderApp} from '../test/ui/harness.js';

applyTestEnv();
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
  await h.waitForText('model-0000');
  const times: number[] = [];
  for (let i = 0; i < 40; i++) {
    const want = `model-${String(i + 1).padStart(4, '0')}`;
    const started = performance.now();
    h.instance.stdin.write('j');
    await h.waitFor((frame) => frame.split('\n').some((line) => line.startsWith('▶') && line.includes(want)), want);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number): number => Math.round(times[Math.min(times.length - 1, Math.floor(times.length * q))]! * 10) / 10;
  process.stdout.write(JSON.stringify({median: at(0.5), p90: at(0.9), max: at(1)}) + '\n');
} finally {
  h.instance.unmount();
  removeTempDirs();
}
process.exit(0);
