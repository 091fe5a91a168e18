/**
 * Keypress → frame latency of the TUI grid: a 1,000-artifact registry, `j` pressed 40 times,
 * each time until the cursor row shows the next artifact (ink-testing-library, real repo),
 * looking at the frame after every macrotask, not on a timer (a 10 ms poll would be most of
 * what is measured). The targets are a median under 15 ms and a p90 under 35 ms. React runs its
 * production build, as in the app. Prints one JSON line: {median, p90, max} in ms.
 * Run: node --import tsx bench/cursor.tsx [--moves 40] [--profile FILE.cpuprofile]
 * (bench/run.mjs runs it and records the result)
 */
// React's production build, as the app itself runs (ui/app.tsx); set before React loads
process.env['NODE_ENV'] ??= 'production';
const {applyTestEnv, importHistory, makeRepo, removeTempDirs} = await import('../test/helpers/repo.js');
const {renderApp} = await import('../test/ui/harness.js');
const {startProfiler} = await import('./profiler.js');
import type {ImportTag} from '../test/helpers/repo.js';
const profileArg = process.argv.indexOf('--profile');
const profileFile = profileArg === -1 ? null : process.argv[profileArg + 1]!;
const movesArg = process.argv.indexOf('--moves');
const MOVES = movesArg === -1 ? 40 : Number(process.argv[movesArg + 1]);

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
  const profiler = profileFile === null ? null : await startProfiler();
  for (let i = 0; i < MOVES; i++) {
    const want = `model-${String(i + 1).padStart(4, '0')}`;
    const started = performance.now();
    h.instance.stdin.write('j');
    while (!h.frame().split('\n').some((line) => line.startsWith('▶') && line.includes(want))) {
      if (performance.now() - started > 10_000) throw new Error(`no frame with the cursor on ${want}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
    times.push(performance.now() - started);
  }
  if (profiler) await profiler.stop(profileFile!);
  times.sort((a, b) => a - b);
  const at = (q: number): number => Math.round(times[Math.min(times.length - 1, Math.floor(times.length * q))]! * 10) / 10;
  process.stdout.write(JSON.stringify({median: at(0.5), p90: at(0.9), max: at(1)}) + '\n');
} finally {
  h.instance.unmount();
  removeTempDirs();
}
process.exit(0);
