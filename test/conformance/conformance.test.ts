/**
 * The GTO conformance cases (copied from the shared suite, so they run without it) against
 * the built CLI, one test per case. The rules follow the suite's README: a clean environment
 * with a private HOME and global identity, TZ=UTC, GIT_CEILING_DIRECTORIES at the case folder,
 * `$REPO`/`$REMOTE` placeholders, exact/json/contains/exit comparisons, tags checked after
 * steps, and any stack trace on stderr is a failure. Beyond the suite: the last read step is read
 * twice more (object cache, registry snapshot), and the last `show` and `history` steps again as
 * of the far future (`--as-of`, `--until`); each must print exactly what the step printed.
 *
 * Each case runs twice at once: as written, and with dvc.yaml files in every commit its setup
 * makes (artifacts named like the cases' own, a malformed file too), which a command without
 * `--dvc` must not see, and a permissive `.gto-tui.yaml` (promotion rules for the stages the
 * cases assign that ask for nothing, and real rules for stages they never use), which changes
 * nothing in GTO's commands: every output must be exactly what the case expects once the commit
 * ids (other trees, other ids) are mapped back to those of the plain setup.
 *
 * Needs `dist/cli.js`: `npx tsc -p tsconfig.json` (the `npm test` script builds first).
 */
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, describe, test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {parseRulesFile} from '../../source/registry/rules.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CASES = path.join(HERE, 'cases');
const LIB = path.join(HERE, 'lib.sh');
const CLI = path.resolve(HERE, '../../dist/cli.js');
const STEP_TIMEOUT_MS = 60_000;

type Expected = string | {name: string; [field: string]: string};
type Step = {
  args: string[];
  exit?: number | string;
  compare?: 'exact' | 'json' | 'contains' | 'exit';
  stdout?: unknown;
  contains?: string | string[];
  stderr_contains?: string | string[];
  ignore_keys?: string[];
  tags_after?: Expected[];
  remote_tags_after?: Expected[];
  env?: Record<string, string>;
  cwd?: string;
};
type Case = {description: string; distinct_seconds?: boolean; steps: Step[]};
type Result = {code: number; stdout: string; stderr: string; timedOut: boolean};
type Vars = {REPO: string; REMOTE: string};

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'gto-conf-home-'));
fs.writeFileSync(
  path.join(home, '.gitconfig'),
  '[user]\n\tname = Gus Global\n\temail = global@example.com\n[init]\n\tdefaultBranch = main\n',
);
after(() => fs.rmSync(home, {recursive: true, force: true}));

/**
 * lib.sh, with a `commit` that also writes dvc.yaml files (DVC's artifacts for the cases' names)
 * and `.gto-tui.yaml` (promotion rules that refuse none of the cases' assignments).
 */
const DVC_LIB = path.join(home, 'lib-with-dvc-yaml.sh');
fs.writeFileSync(
  DVC_LIB,
  [
    'source "$CONFORMANCE_PLAIN_LIB"',
    'eval "_plain_$(declare -f commit)"',
    'commit() {',
    '  write_file dvc.yaml "$(printf \'stages:\\n  train:\\n    cmd: python train.py\\n    outs: [model.pkl]\\nartifacts:\\n  m: {path: m.pkl, type: model}\\n  n: {path: n.pkl}\\n  churn: {path: churn.pkl, type: model, desc: from dvc.yaml, labels: [dvc]}\\n  segment: {path: s.pkl}\\n  rf: {path: rf.pkl}\')"',
    '  write_file models/dvc.yaml "$(printf \'params:\\n  - params.yaml\\nartifacts:\\n  churn: {path: churn.pkl}\\n  m: {path: m.pkl}\')"',
    '  write_file broken/dvc.yaml "artifacts: [unclosed"',
    '  write_file .gto-tui.yaml "$(printf \'promotion:\\n  dev: {}\\n  qa: {signed: false}\\n  prod: {}\\n  canary: {after: [soak, staging], held_for: 7d, current: true}\\n  soak: {after: [qa]}\\n  audit: {after: [canary], signed: true}\')"',
    '  _plain_commit "$@"',
    '}',
    '',
  ].join('\n'),
);

type Variant = 'plain' | 'dvc.yaml';

const DROPPED = new Set(['COLUMNS', 'LINES', 'FORCE_COLOR', 'CLICOLOR_FORCE', 'NO_COLOR', 'TZ', 'HOME', 'XDG_CONFIG_HOME', 'XDG_STATE_HOME']);

const cleanEnv = (extra: Record<string, string>): Record<string, string> => {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || key.startsWith('GIT_') || key.startsWith('GTO_') || DROPPED.has(key)) continue;
    // node:test hands its own settings to children; the CLI must not inherit them.
    if (key.startsWith('NODE_TEST') || key === 'NODE_OPTIONS') continue;
    env[key] = value;
  }
  return {
    ...env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    TZ: 'UTC',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: path.join(home, '.gitconfig'),
    GIT_TERMINAL_PROMPT: '0',
    ...extra,
  };
};

const run = (cmd: string, args: string[], cwd: string, env: Record<string, string>, timeoutMs: number): Promise<Result> =>
  new Promise((resolve) => {
    const child = spawn(cmd, args, {cwd, env, stdio: ['ignore', 'pipe', 'pipe']});
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (e) => (stderr += String(e)));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({code: code ?? 128 + (signal ? 9 : 0), stdout, stderr, timedOut});
    });
  });

const substitute = <T>(value: T, vars: Vars): T => {
  if (typeof value === 'string') return value.replaceAll('$REMOTE', vars.REMOTE).replaceAll('$REPO', vars.REPO) as T;
  if (Array.isArray(value)) return value.map((v) => substitute(v, vars)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, vars)])) as T;
  }
  return value;
};

const normalizeText = (text: string): string => {
  const lines = text.replace(/\r\n/g, '\n').split('\n').map((l) => l.replace(/\s+$/, ''));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
};

const normalizePhrase = (text: string): string => text.replace(/\s+/g, ' ').trim().toLowerCase();

const stripKeys = (value: unknown, keys: readonly string[]): unknown => {
  if (keys.length === 0) return value;
  if (Array.isArray(value)) return value.map((v) => stripKeys(v, keys));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).filter(([k]) => !keys.includes(k)).map(([k, v]) => [k, stripKeys(v, keys)]),
    );
  }
  return value;
};

const asList = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

type TagInfo = {name: string; type: string; target: string; tagger?: string; message?: string};

const listTags = async (gitDir: string, env: Record<string, string>): Promise<TagInfo[]> => {
  const format =
    '%(refname:lstrip=2)%00%(objecttype)%00%(objectname)%00%(*objectname)%00%(taggername) %(taggeremail)%00%(contents)%00';
  assert.ok(fs.existsSync(gitDir), `no repository at ${gitDir}`);
  const r = await run('git', ['--git-dir', gitDir, 'for-each-ref', `--format=${format}`, 'refs/tags'], os.tmpdir(), env, 30_000);
  assert.equal(r.code, 0, `git for-each-ref failed: ${r.stderr}`);
  const tags: TagInfo[] = [];
  for (const record of r.stdout.split('\0\n')) {
    if (record.trim() === '') continue;
    const [name = '', type, object = '', peeled = '', tagger = '', contents = ''] = record.split('\0');
    tags.push(
      type === 'tag'
        ? {name, type: 'annotated', target: peeled, tagger: tagger.trim(), message: contents.trim()}
        : {name, type: 'lightweight', target: object},
    );
  }
  return tags;
};

const checkTags = (label: string, expected: Expected[], actual: TagInfo[]): void => {
  const wanted = expected.map((e) => (typeof e === 'string' ? {name: e} : e));
  assert.deepEqual(
    actual.map((t) => t.name).sort(),
    wanted.map((e) => e.name).sort(),
    `${label}: tag names differ`,
  );
  for (const e of wanted) {
    const tag = actual.find((t) => t.name === e.name)!;
    for (const [field, value] of Object.entries(e)) {
      assert.equal((tag as Record<string, unknown>)[field], value, `${label}: tag ${e.name} ${field}`);
    }
  }
};

/** Commit ids of a dvc.yaml run's repository → those of the plain setup (`git rev-list` of both, in step). */
type IdMap = (text: string) => string;
const SAME_IDS: IdMap = (text) => text;

const checkStep = async (step: Step, result: Result, vars: Vars, env: Record<string, string>, label: string, ids: IdMap = SAME_IDS): Promise<void> => {
  const context = `${label} (exit ${result.code})\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`;
  assert.ok(!result.timedOut, `${context}\nkilled at the time limit`);
  assert.ok(result.code < 128, `${context}\nkilled by a signal`);
  assert.ok(
    !/^\s+at .+:\d+:\d+\)?$/m.test(result.stderr) && !/Traceback \(most recent call last\)/.test(result.stderr),
    `${context}\nstack trace on stderr`,
  );
  if (step.exit === 'nonzero') assert.notEqual(result.code, 0, `${context}\nexpected a non-zero exit`);
  else if (step.exit !== undefined) assert.equal(result.code, Number(step.exit), `${context}\nexit code`);
  const compare = step.compare ?? 'exact';
  if (compare === 'exact') {
    const text = Array.isArray(step.stdout) ? step.stdout.join('\n') : String(step.stdout ?? '');
    assert.equal(normalizeText(result.stdout), normalizeText(substitute(text, vars)), `${context}\nstdout differs`);
  } else if (compare === 'json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(result.stdout);
    } catch {
      assert.fail(`${context}\nstdout is not JSON`);
    }
    const keys = step.ignore_keys ?? [];
    assert.deepEqual(stripKeys(parsed, keys), stripKeys(substitute(step.stdout, vars), keys), `${context}\nJSON differs`);
  } else if (compare === 'contains') {
    const hay = normalizePhrase(result.stdout + '\n' + result.stderr);
    for (const phrase of asList(step.contains)) {
      assert.ok(hay.includes(normalizePhrase(substitute(phrase, vars))), `${context}\nmissing phrase ${JSON.stringify(phrase)}`);
    }
  }
  for (const phrase of asList(step.stderr_contains)) {
    assert.ok(
      normalizePhrase(result.stderr).includes(normalizePhrase(substitute(phrase, vars))),
      `${context}\nstderr lacks ${JSON.stringify(phrase)}`,
    );
  }
  const mapped = (tags: TagInfo[]): TagInfo[] => tags.map((t) => ({...t, target: ids(t.target), ...(t.message === undefined ? {} : {message: ids(t.message)})}));
  if (step.tags_after !== undefined) {
    checkTags(`${label} tags_after`, substitute(step.tags_after, vars), mapped(await listTags(path.join(vars.REPO, '.git'), env)));
  }
  if (step.remote_tags_after !== undefined) {
    checkTags(`${label} remote_tags_after`, substitute(step.remote_tags_after, vars), mapped(await listTags(vars.REMOTE, env)));
  }
};

const waitForNextSecond = async (afterMs: number): Promise<void> => {
  const target = (Math.floor(afterMs / 1000) + 1) * 1000;
  const now = Date.now();
  if (now < target) await new Promise((r) => setTimeout(r, target - now + 5));
};

const READ_COMMANDS: ReadonlySet<string> = new Set(['show', 'history', 'stages', 'doctor', 'check-ref']);

/** gto-tui's moment options, set after every tag a case makes: the last show and history steps run with them too. */
const FAR_FUTURE: Readonly<Record<string, readonly string[]>> = {show: ['--as-of', '9999-12-31'], history: ['--until', '9999-12-31T23:59:59Z']};

type SetUp = {readonly base: string; readonly repo: string; readonly env: Record<string, string>};

/** Run the case's setup.sh in a new directory: the base (GIT_CEILING_DIRECTORIES), the repository and its environment. */
const setUp = async (dir: string, variant: Variant): Promise<SetUp> => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'gto-conf-'));
  const repo = path.join(base, 'repo');
  fs.mkdirSync(repo);
  const env = cleanEnv({GIT_CEILING_DIRECTORIES: base});
  const lib = variant === 'plain' ? {CONFORMANCE_LIB: LIB} : {CONFORMANCE_LIB: DVC_LIB, CONFORMANCE_PLAIN_LIB: LIB};
  const setup = await run('bash', [path.join(dir, 'setup.sh')], repo, {...env, ...lib, CASE_DIR: dir}, 120_000);
  assert.equal(setup.code, 0, `${variant} setup failed: ${setup.stderr || setup.stdout}`);
  return {base, repo, env};
};

/** Every commit of the repository's refs, in rev-list's order (the same in both setups: same graph, dates and messages). */
const commitIds = async ({repo, env}: SetUp): Promise<string[]> => {
  const r = await run('git', ['rev-list', '--topo-order', '--all', '--format=%H %ct %s'], repo, env, 30_000);
  return r.code === 0 ? r.stdout.split('\n').filter((line) => /^[0-9a-f]{40} /.test(line)) : [];
};

/** The dvc.yaml setup's commit ids (whole, or cut to 7 as tables print them) → the plain setup's. */
const idMap = async (plain: SetUp, withDvc: SetUp): Promise<IdMap> => {
  const [theirs, ours] = await Promise.all([commitIds(plain), commitIds(withDvc)]);
  assert.deepEqual(ours.map((line) => line.slice(41)), theirs.map((line) => line.slice(41)), 'the dvc.yaml setup made other commits');
  const map = new Map<string, string>();
  ours.forEach((line, i) => {
    map.set(line.slice(0, 40), theirs[i]!.slice(0, 40));
    map.set(line.slice(0, 7), theirs[i]!.slice(0, 7));
  });
  return (text) => text.replace(/\b[0-9a-f]{7}(?:[0-9a-f]{33})?\b/g, (id) => map.get(id) ?? id);
};

const runSteps = async (spec: Case, {repo, env}: SetUp, ids: IdMap, variant: Variant): Promise<void> => {
  const vars: Vars = {REPO: repo, REMOTE: path.join(repo, 'remote.git')};
  const tag = variant === 'plain' ? '' : ' [dvc.yaml and a permissive .gto-tui.yaml in every commit, no --dvc]';
  let lastEnd = 0;
  const lastRead = spec.steps.findLastIndex((step) => READ_COMMANDS.has(step.args[0] ?? ''));
  const lastTimed = new Set(Object.keys(FAR_FUTURE).map((command) => spec.steps.findLastIndex((step) => step.args[0] === command)));
  for (const [i, step] of spec.steps.entries()) {
    if (spec.distinct_seconds && i > 0) await waitForNextSecond(lastEnd);
    const args = substitute(step.args, vars);
    const cwd = step.cwd === undefined ? repo : path.join(repo, step.cwd);
    const stepEnv = step.env === undefined ? env : {...env, ...step.env};
    const raw = await run(process.execPath, [CLI, ...args], cwd, stepEnv, STEP_TIMEOUT_MS);
    const result = {...raw, stdout: ids(raw.stdout), stderr: ids(raw.stderr)};
    lastEnd = Date.now();
    await checkStep(step, result, vars, env, `step ${i + 1}${tag}: ${JSON.stringify(args)}`, ids);
    if (i === lastRead && variant === 'plain') {
      // Read again, twice: the second read takes the tags from the object cache and keeps the
      // state it builds, the third takes that state as it is (git/registrySnapshot.ts). Both
      // must print exactly what the first read printed.
      for (const attempt of ['repeated', 'from the snapshot']) {
        const again = await run(process.execPath, [CLI, ...args], cwd, stepEnv, STEP_TIMEOUT_MS);
        assert.deepEqual([again.code, again.stdout], [result.code, result.stdout], `step ${i + 1} read again (${attempt}): ${JSON.stringify(args)}`);
      }
    }
    if (lastTimed.has(i)) {
      // As of a moment after every tag, the registry is today's: the same output, byte for byte.
      const [command = '', ...rest] = args;
      const timed = [command, ...FAR_FUTURE[command]!, ...rest];
      const asOf = await run(process.execPath, [CLI, ...timed], cwd, stepEnv, STEP_TIMEOUT_MS);
      assert.deepEqual([asOf.code, ids(asOf.stdout)], [result.code, result.stdout], `step ${i + 1}${tag} as of the far future: ${JSON.stringify(timed)}`);
    }
  }
};

/** The variant's rules are really there at HEAD (when the setup made a commit) and read as rules, not as a malformed file. */
const assertRulesInForce = async ({repo, env}: SetUp): Promise<void> => {
  const r = await run('git', ['cat-file', 'blob', 'HEAD:.gto-tui.yaml'], repo, env, 30_000);
  if (r.code !== 0) return; // no commit (or HEAD elsewhere): nothing to judge by
  const rules = parseRulesFile(r.stdout);
  assert.equal(rules.kind === 'present' ? rules.rules.size : rules.kind, 6, 'the permissive .gto-tui.yaml');
};

/** The case as written, and beside it the same case with dvc.yaml files and promotion rules in every commit. */
const runCase = async (dir: string, spec: Case): Promise<void> => {
  const setups: SetUp[] = [];
  try {
    const settled = await Promise.allSettled([setUp(dir, 'plain'), setUp(dir, 'dvc.yaml')]);
    for (const one of settled) if (one.status === 'fulfilled') setups.push(one.value);
    for (const one of settled) if (one.status === 'rejected') throw one.reason;
    const [plain, withDvc] = setups as [SetUp, SetUp];
    await assertRulesInForce(withDvc);
    const ids = await idMap(plain, withDvc);
    await Promise.all([runSteps(spec, plain, SAME_IDS, 'plain'), runSteps(spec, withDvc, ids, 'dvc.yaml')]);
  } finally {
    for (const {base} of setups) fs.rmSync(base, {recursive: true, force: true});
  }
};

describe('GTO conformance cases', () => {
  test('the CLI is built', () => {
    assert.ok(fs.existsSync(CLI), `${CLI} is missing: run npx tsc -p tsconfig.json first`);
  });
  for (const name of fs.readdirSync(CASES).sort()) {
    const specPath = path.join(CASES, name, 'case.json');
    if (!fs.existsSync(specPath)) continue;
    const spec = JSON.parse(fs.readFileSync(specPath, 'utf8')) as Case;
    test(`${name}: ${spec.description}`, {timeout: 10 * 60_000}, () => runCase(path.join(CASES, name), spec));
  }
});
