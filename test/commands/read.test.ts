/**
 * Read commands through the real dispatcher (argv → flags → command → output) on temporary
 * repositories made with real git. Behaviours the conformance suite does not pin down: our
 * deliberate fixes, the hidden commands, and the CLI's own rules.
 */
import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {main} from '../../source/cli/main.js';
import {applyTestEnv, commit, makeRepo, removeTempDirs, T0, tag, tempDir} from '../helpers/repo.js';

type Run = {code: number; stdout: string; stderr: string};

const cli = async (cwd: string, argv: string[], env: Record<string, string> = {}): Promise<Run> => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {
    out: (t) => out.push(t + '\n'),
    err: (t) => err.push(t + '\n'),
    env: {...process.env, ...env},
    cwd,
    interactive: false,
  });
  return {code, stdout: out.join(''), stderr: err.join('')};
};

before(applyTestEnv);
after(removeTempDirs);

describe('show', () => {
  let repo: string;
  before(() => {
    repo = makeRepo();
    commit(repo, 'one', {'model.bin': '1'}, {time: T0 + 60});
    tag(repo, 'm@v1.10.10', {time: T0 + 120});
    tag(repo, 'm#prod#1', {time: T0 + 180});
    tag(repo, 'rc@v1.0.0-rc.1', {time: T0 + 240});
  });

  test('the registry table prints versions whole instead of cutting them to 7 characters', async () => {
    const r = await cli(repo, ['show', '--plain']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, ['name    latest       #prod', 'm       v1.10.10     v1.10.10', 'rc      v1.0.0-rc.1  -', ''].join('\n'));
  });

  test('two output formats at once is a one-line error with exit 1, checked before reading git', async () => {
    const r = await cli(tempDir(), ['show', '--json', '--plain']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '❌ Only one output format allowed\n');
  });

  test('shortcuts select rows: @latest, @vX.Y.Z and #stage', async () => {
    assert.equal((await cli(repo, ['show', 'm@latest', '--ref'])).stdout, 'm@v1.10.10\n');
    assert.equal((await cli(repo, ['show', 'm#prod', '--version'])).stdout, 'v1.10.10\n');
    assert.equal((await cli(repo, ['show', 'm@v9.9.9', '--version'])).stdout, '');
  });

  test('--av and --vs below -1 are refused with GTO wording', async () => {
    const av = await cli(repo, ['show', '--av', '-2']);
    assert.equal(av.code, 1);
    assert.match(av.stderr, /'assignments_per_version' must be >= -1/);
    const vs = await cli(repo, ['show', 'm', '--vs', '-5']);
    assert.match(vs.stderr, /'versions_per_stage' must be >=-1/);
  });

  test('versions equal but for build metadata list the later registration first, as latest does (§3.6)', async () => {
    const meta = makeRepo();
    commit(meta, 'one', {'model.bin': '1'}, {time: T0 + 60});
    tag(meta, 'm@v1.1.0', {time: T0 + 120});
    commit(meta, 'two', {'model.bin': '2'}, {time: T0 + 180});
    tag(meta, 'm@v1.1.0+meta', {time: T0 + 240});
    assert.equal((await cli(meta, ['show', 'm', '--version'])).stdout, 'v1.1.0+meta\nv1.1.0\n');
    assert.equal((await cli(meta, ['show', 'm@latest', '--ref'])).stdout, 'm@v1.1.0+meta\n');
  });

  test('--version prints the phrase "GTO Version" that GTO prints, with our own version after it (§4.0, §9.6 #48)', async () => {
    const r = await cli(tempDir(), ['--version']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^🪴  GTO Version: 1\.10\.1 \(gto-tui \S+\)\n$/);
  });

  test('GTO_EMOJIS=false drops the error emoji', async () => {
    const r = await cli(repo, ['show', 'nope'], {GTO_EMOJIS: 'false'});
    assert.equal(r.stderr, "Cannot find artifact 'nope'\n");
  });
});

describe('check-ref', () => {
  test('prints nothing and succeeds for a GTO-looking tag that does not exist', async () => {
    const repo = makeRepo();
    commit(repo, 'one');
    const r = await cli(repo, ['check-ref', 'refs/tags/m@v1.0.0']);
    assert.deepEqual(r, {code: 0, stdout: '', stderr: ''});
  });

  test('sentence starts with a single space when emojis are off', async () => {
    const repo = makeRepo();
    commit(repo, 'one');
    tag(repo, 'm@v1.0.0', {time: T0 + 60});
    const r = await cli(repo, ['check-ref', 'm@v1.0.0'], {GTO_EMOJIS: 'no'});
    assert.equal(r.stdout, ' Version "v1.0.0" of artifact "m" was registered\n');
  });
});

describe('stages', () => {
  test('--allowed without configured stages prints nothing, and JSON null', async () => {
    const repo = makeRepo();
    commit(repo, 'one');
    assert.equal((await cli(repo, ['stages', '--allowed'])).stdout, '');
    assert.equal((await cli(repo, ['stages', '--allowed', '--json'])).stdout, 'null\n');
  });

  test('--allowed and --used together is an error', async () => {
    const r = await cli(tempDir(), ['stages', '--allowed', '--used']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '❌ Either "allowed" or "used" can be set\n');
  });
});

describe('doctor', () => {
  test('lists @created tags as ignored instead of crashing like GTO', async () => {
    const repo = makeRepo();
    commit(repo, 'one');
    tag(repo, 'x@created', {time: T0 + 60});
    tag(repo, 'm@v1.0.0', {time: T0 + 120});
    const r = await cli(repo, ['doctor']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^INDEX='artifacts\.yaml'$/m);
    assert.match(r.stdout, /^Ignored tag 'x@created': /m);
    assert.match(r.stdout, /No issues found/);
    assert.match((await cli(repo, ['show', '--name'])).stdout, /^m$/m);
  });
});

describe('hidden commands', () => {
  test('parse-tag prints GTO parse result, a single key, or an error', async () => {
    const dir = tempDir();
    const r = await cli(dir, ['parse-tag', 'dvclive/dsd=nn@v0.0.1#7']);
    assert.equal(
      r.stdout,
      '{\n    "name": "dvclive/dsd:nn",\n    "version": "v0.0.1",\n    "action": "register",\n    "counter": 7\n}\n',
    );
    assert.equal((await cli(dir, ['parse-tag', 'm1@v0.0.1', '--key', 'version'])).stdout, '"v0.0.1"\n');
    const missing = await cli(dir, ['parse-tag', 'm1@v0.0.1', '--key', 'stage']);
    assert.deepEqual([missing.code, missing.stderr], [1, "❌ 'stage'\n"]);
    const bad = await cli(dir, ['parse-tag', 'model@v1']);
    assert.equal(bad.stderr, "❌ Cannot parse tag name 'model@v1'\n");
  });

  test('print-state dumps artifacts with versions, stage maps and deprecations', async () => {
    const repo = makeRepo();
    commit(repo, 'one');
    tag(repo, 'm@v1.0.0', {time: T0 + 60});
    tag(repo, 'm#prod#1', {time: T0 + 120});
    const state = JSON.parse((await cli(repo, ['print-state'])).stdout) as {
      artifacts: Record<string, {versions: {version: string; stages: Record<string, unknown>}[]; deprecations: unknown[]}>;
    };
    const m = state.artifacts['m']!;
    assert.equal(m.versions[0]!.version, 'v1.0.0');
    assert.deepEqual(Object.keys(m.versions[0]!.stages), ['prod']);
    assert.deepEqual(m.deprecations, []);
  });
});

describe('dispatcher', () => {
  test('usage errors print click-style blocks and exit 2', async () => {
    const dir = tempDir();
    const unknown = await cli(dir, ['frobnicate']);
    assert.equal(unknown.code, 2);
    assert.equal(
      unknown.stderr,
      "Usage: gto-tui [OPTIONS] COMMAND [ARGS]...\nTry 'gto-tui -h' for help.\n\nError: No such command 'frobnicate'.\n",
    );
    const option = await cli(dir, ['show', '--bogus']);
    assert.equal(option.code, 2);
    assert.match(option.stderr, /^Usage: gto-tui show \[OPTIONS\] \[NAME\]\nTry 'gto-tui show -h' for help\.\n\nError: No such option: --bogus\n$/);
    const simple = await cli(dir, ['register', 'm', '--simple', 'bogus']);
    assert.match(simple.stderr, /Error: Invalid value for '--simple': Only one of \['auto', 'true', 'false'\] is allowed/);
    const missing = await cli(dir, ['assign', 'm']);
    assert.match(missing.stderr, /Error: Missing option '--stage'\./);
    const extra = await cli(dir, ['stages', 'x']);
    assert.match(extra.stderr, /Error: Got unexpected extra argument \(x\)/);
  });

  test('--version is a flag of show but a value of register; -d means --deprecated or --delete', async () => {
    const repo = makeRepo();
    commit(repo, 'one');
    tag(repo, 'm@v1.0.0', {time: T0 + 60});
    assert.equal((await cli(repo, ['show', 'm', '--version'])).stdout, 'v1.0.0\n');
    const help = await cli(repo, ['deprecate', '-h']);
    assert.match(help.stdout, /-d, --delete/);
    assert.match((await cli(repo, ['show', '-h'])).stdout, /-d, --deprecated/);
    assert.match((await cli(repo, ['register', '--help'])).stdout, /--version, --ver TEXT/);
  });

  test('no command without a terminal prints the registry table', async () => {
    const repo = makeRepo();
    commit(repo, 'one');
    tag(repo, 'm@v1.0.0', {time: T0 + 60});
    const r = await cli(repo, []);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /│ m      │ v1\.0\.0   │/);
  });

  test('outside a repository reads fail with one line, no stack trace', async () => {
    const r = await cli(tempDir(), ['history']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^❌ not a git repository: .*\n$/);
  });
});

describe('no command, no terminal', () => {
  test('--demo prints the demo registry table, exits 0 and removes the demo repository', async () => {
    const tmp = tempDir();
    // the demo is made under os.tmpdir(), which follows the process's TMPDIR
    const saved = process.env['TMPDIR'];
    process.env['TMPDIR'] = tmp;
    let r: Run;
    try {
      r = await cli(tmp, ['--demo']);
    } finally {
      if (saved === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = saved;
    }
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /│ name +│ latest +│ #dev +│ #staging +│ #prod +│/);
    for (const name of ['churn', 'segment', 'cv-class']) assert.match(r.stdout, new RegExp(`│ ${name} `));
    const {readdirSync} = await import('node:fs');
    assert.deepEqual(readdirSync(tmp), [], 'the demo repository is removed');
  });
});
