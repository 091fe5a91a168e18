/**
 * Timeline steps at 50,000 tags (bench/generate.mjs's registry, 2,000 artifacts): `t` opens the
 * timeline in the app (ink-testing-library, real repository, 120×40), then `[` is pressed 150
 * times and `]` 50 times, each time until the frame shows the moment and event that step leads
 * to (the header line), polling every macrotask, not on a timer. The target is a median
 * under 16 ms and a p90 under 30 ms. Also times the same steps in the core alone (stepEvent:
 * the artifact's state, its grid row, the changed cells) and entering the timeline once.
 * Prints one JSON line: {median, p90, max, cpu: {…}, core: {…}, enterMs, events, oneArtifact: […]}
 * (ms); `cpu` is this process's CPU time per step (user + system), which other work on the
 * machine inflates less; `oneArtifact` times core steps where a single artifact holds 500 or
 * 5,000 tags (a step's cost grows with the tags of the artifact it touches).
 * React runs its production build, as in the app (NODE_ENV=production unless set).
 * Run: node --import tsx bench/timeline.tsx [--tags 50000] [--profile FILE.cpuprofile]
 * (bench/run.mjs runs it); `--profile` writes a CPU profile of the steps alone (not the loading
 * or entering), for bench/profile.md's self-time listing.
 */
// React's production build, as the app itself runs (ui/app.tsx); set before React loads
process.env['NODE_ENV'] ??= 'production';
const {discover} = await import('../source/git/repository.js');
const {loadRecords} = await import('../source/load.js');
const {buildTimeline} = await import('../source/registry/timeline.js');
const {openTimeline, stepEvent, timelineLine} = await import('../source/ui/timeline.js');
const {renderApp} = await import('../test/ui/harness.js');
const {ensureRegistry, presetFor} = await import('./generate.mjs');
const {startProfiler} = await import('./profiler.js');

const tagsArg = process.argv.indexOf('--tags');
const tags = tagsArg === -1 ? 50_000 : Number(process.argv[tagsArg + 1]);
const profileArg = process.argv.indexOf('--profile');
const profileFile = profileArg === -1 ? null : process.argv[profileArg + 1]!;
const {dir} = ensureRegistry({...presetFor(tags), packed: true});

const summary = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number): number => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]! * 10) / 10;
  return {median: at(0.5), p90: at(0.9), max: at(1)};
};

const BACK = 150;
const FORWARD = 50;

// the core alone: what a key does before React draws
const repo = await discover(dir);
if (repo === null) throw new Error(`not a repository: ${dir}`);
const input = (await loadRecords(repo, process.env)).input;
const timeline = buildTimeline(input);
let view = openTimeline(timeline, input.config)!;
const core: number[] = [];
for (let i = 0; i < BACK + FORWARD; i++) {
  const started = performance.now();
  view = stepEvent(view, i < BACK ? -1 : 1);
  core.push(performance.now() - started);
}

// the other extreme: one artifact holding every tag (in memory, no git). A step builds the
// artifact it touches from that artifact's own events, so its cost grows with that artifact.
const {DEFAULT_CONFIG} = await import('../source/registry/config.js');
const oneArtifact = (count: number) => {
  type Records = Parameters<typeof buildTimeline>[0];
  const commits: Records['commits'] = new Map();
  const records: Records['tags'][number][] = [];
  const at = (seconds: number) => ({name: 'Alice Ops', email: 'alice@example.com', time: {seconds, offsetMinutes: 0}});
  const sha = (c: number): string => String(c).padStart(40, '0');
  for (let c = 0; c < count / 10; c++) (commits as Map<string, unknown>).set(sha(c), {sha: sha(c), author: at(c), committer: at(c), message: 'm\n', index: {kind: 'absent'}});
  for (let i = 0; i < count; i++) {
    const c = Math.floor(i / 10);
    const name = i % 10 === 0 ? `m@v${c}.0.0` : `m#${['dev', 'staging', 'prod'][i % 3]}#${i}`;
    records.push({kind: 'annotated', name, target: sha(c), targetType: 'commit', tagger: at(1_700_000_000 + i), message: 'x\n'});
  }
  records.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const one = buildTimeline({tags: records, commits, head: sha(count / 10 - 1), config: DEFAULT_CONFIG});
  let v = openTimeline(one, DEFAULT_CONFIG)!;
  const times: number[] = [];
  for (let i = 0; i < 40; i++) {
    const started = performance.now();
    v = stepEvent(v, -1);
    times.push(performance.now() - started);
  }
  return {tags: count, ...summary(times)};
};
const heavy = [oneArtifact(500), oneArtifact(5000)];

const h = await renderApp(dir, {columns: 120, rows: 40});
try {
  const events = timeline.entries.length;
  const enterStarted = performance.now();
  h.instance.stdin.write('t');
  await h.waitFor((_, state) => state.timeline !== null, 'the timeline at now', 120_000);
  const enterMs = Math.round(performance.now() - enterStarted);
  const times: number[] = [];
  const cpu: number[] = [];
  let position = events;
  const profiler = profileFile === null ? null : await startProfiler();
  for (let i = 0; i < BACK + FORWARD; i++) {
    const back = i < BACK;
    position += back ? -1 : 1;
    const before = h.frame();
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    h.instance.stdin.write(back ? '[' : ']');
    for (;;) {
      // the frame that shows the step: the header line of the state it leads to (cut at the width)
      const view = h.store.getState().timeline;
      if (view?.position === position) {
        const frame = h.frame();
        if (frame !== before && frame.split('\n')[1]?.startsWith(timelineLine(view).slice(0, 100))) break;
      }
      if (performance.now() - started > 10_000) throw new Error(`no frame after ${position} events`);
      await new Promise((resolve) => setImmediate(resolve));
    }
    times.push(performance.now() - started);
    const used = process.cpuUsage(cpuStarted);
    cpu.push((used.user + used.system) / 1000);
  }
  if (profiler) await profiler.stop(profileFile!);
  process.stdout.write(JSON.stringify({...summary(times), cpu: summary(cpu), core: summary(core), enterMs, events, oneArtifact: heavy}) + '\n');
} finally {
  h.instance.unmount();
}
process.exit(0);
