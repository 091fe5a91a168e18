#!/usr/bin/env node
// Measures the packages gto-tui was designed around but does not use (semver, simple-git, meow)
// against the code it has instead: what each would add to a `show`'s start-up, and where each
// behaves differently from what GTO does. The README's "Design notes" quote its output.
//
//   npm run build && node bench/dependencies.mjs [--rounds N]
//
// The packages are installed, at the versions the project once declared, into
// bench/repos/dependencies/ (git-ignored) from the npm cache when they are not in node_modules.
import {execFile, execFileSync, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import {createRequire} from 'node:module';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(HERE);
const CLI = path.join(ROOT, 'dist', 'cli.js');
const CANDIDATES = {semver: '7.8.6', 'simple-git': '4.0.2', meow: '14.1.0'};
const roundsFlag = process.argv.indexOf('--rounds');
const ROUNDS = roundsFlag === -1 ? 21 : Number(process.argv[roundsFlag + 1]);

if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: npm run build first');

const INSTALL = path.join(HERE, 'repos', 'dependencies');
/** Each candidate's directory: node_modules, else a private install from the npm cache. */
const packageDirs = () => {
  const find = (name) => [ROOT, INSTALL].map((dir) => path.join(dir, 'node_modules', name)).find((dir) => fs.existsSync(path.join(dir, 'package.json')));
  if (Object.keys(CANDIDATES).some((name) => find(name) === undefined)) {
    fs.mkdirSync(INSTALL, {recursive: true});
    const specs = Object.entries(CANDIDATES).map(([name, version]) => `${name}@${version}`);
    execFileSync('npm', ['install', '--prefix', INSTALL, '--prefer-offline', '--no-audit', '--no-fund', '--no-save', ...specs], {stdio: 'inherit'});
  }
  return Object.fromEntries(Object.keys(CANDIDATES).map((name) => [name, find(name)]));
};
const DIRS = packageDirs();
const req = createRequire(path.join(ROOT, 'package.json'));
const entry = (name) => req.resolve(DIRS[name]);
/** meow is ESM-only. */
const meowEntry = () => path.join(DIRS.meow, 'build', 'index.js');

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value) => `${value.toFixed(1)} ms`;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'gto-tui-deps-'));
// HOME (not GIT_CONFIG_GLOBAL, which simple-git refuses: see below) keeps the user's git config out
const env = {...process.env, NO_COLOR: '1', HOME: scratch, GIT_CONFIG_NOSYSTEM: '1'};
delete env.GIT_CONFIG_GLOBAL;

const time = (args, cwd) => {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, {cwd, env, stdio: ['ignore', 'pipe', 'pipe']});
  if (run.status !== 0) throw new Error(`${args.join(' ')} failed: ${run.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
};

const table = (header, rows) =>
  [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

// --- 1. Start-up: `gto-tui show` on the demo registry, with each package loaded first ---------
// Wall time and the node process's own CPU time (a preloaded hook reports process.cpuUsage() at
// exit): on a busy machine wall time swings with the neighbours, CPU time much less.
const {createDemoRepository} = await import(pathToFileURL(path.join(ROOT, 'dist', 'ui', 'demo.js')).href);
const demo = await createDemoRepository();
const cpuFile = path.join(scratch, 'cpu');
const cpuHook = path.join(scratch, 'cpu-hook.cjs');
fs.writeFileSync(cpuHook, `process.on('exit', () => { const u = process.cpuUsage(); require('node:fs').writeFileSync(${JSON.stringify(cpuFile)}, String((u.user + u.system) / 1000)); });\n`);
const variants = [
  ['`gto-tui show` as shipped', []],
  ['+ `require("semver")`', ['--require', entry('semver')]],
  ['+ `require("semver/functions/compare")`', ['--require', path.join(DIRS.semver, 'functions', 'compare.js')]],
  ['+ `require("simple-git")`', ['--require', entry('simple-git')]],
  ['+ `import("meow")`', ['--import', pathToFileURL(meowEntry()).href]],
  ['+ `import("ink")`, `import("react")` (what the TUI loads)', ['--import', pathToFileURL(path.join(ROOT, 'node_modules', 'ink', 'build', 'index.js')).href, '--import', pathToFileURL(req.resolve('react')).href]],
];
const wall = variants.map(() => []);
const cpu = variants.map(() => []);
const showWith = (preload, i) => {
  wall[i].push(time(['--require', cpuHook, ...preload, CLI, 'show'], demo.path));
  cpu[i].push(Number(fs.readFileSync(cpuFile, 'utf8')));
};
try {
  variants.forEach(([, preload]) => time([...preload, CLI, 'show'], demo.path)); // warm the code cache and the page cache
  for (let round = 0; round < ROUNDS; round++) variants.forEach(([, preload], i) => showWith(preload, i));
} finally {
  demo.remove();
}
const added = (list, i) => {
  if (i === 0) return ms(median(list[i]));
  const difference = median(list[i]) - median(list[0]);
  return `${difference < 0 ? '−' : '+'}${ms(Math.abs(difference))}`;
};
console.log(`## Start-up of \`gto-tui show\` (demo registry, median of ${ROUNDS} rounds, variants alternating)\n`);
console.log(table(['run', 'wall time', 'CPU time of node'], variants.map(([name], i) => [name, added(wall, i), added(cpu, i)])));

// --- 2. semver: python-semver's rules (GTO, spec §2.3) against node-semver ----------------------
const semver = req(entry('semver'));
const ours = await import(pathToFileURL(path.join(ROOT, 'dist', 'registry', 'semver.js')).href);
const oursBump = (text, part) => {
  const v = ours.parseVersion(text);
  return v === null ? 'invalid' : ours.formatVersion(ours.bumpSemVer(v, part));
};
const nodeBump = (text, part) => {
  try {
    const next = semver.inc(text.slice(1), part);
    return next === null ? 'invalid' : `v${next}`;
  } catch (error) {
    return `throws (${error.message})`;
  }
};
const sign = (n) => (n < 0 ? '<' : n > 0 ? '>' : '=');
const oursCompare = (a, b) => sign(ours.compareSemVer(ours.parseVersion(a), ours.parseVersion(b)));
const nodeCompare = (a, b) => {
  try {
    return sign(semver.compare(a, b));
  } catch (error) {
    return `throws (${error.message})`;
  }
};
const rows = [];
for (const [version, part] of [['v1.0.0-rc.2+build.5', 'patch'], ['v1.1.0-rc.1', 'minor'], ['v2.0.0-alpha', 'major'], ['v1.2.3', 'patch']]) {
  rows.push([`bump ${part} ${version}`, oursBump(version, part), nodeBump(version, part)]);
}
const huge = 'v9007199254740993.0.0';
rows.push([`bump patch ${huge}`, oursBump(huge, 'patch'), nodeBump(huge, 'patch')]);
for (const [a, b] of [['v1.0.0-rc.1', 'v1.0.0'], ['v1.0.0-alpha.10', 'v1.0.0-alpha.9'], ['v1.1.0+meta', 'v1.1.0'], ['v1.0.0-9007199254740993', 'v1.0.0-9007199254740992']]) {
  rows.push([`${a} vs ${b}`, oursCompare(a, b), nodeCompare(a, b)]);
}
for (const text of ['v1.2.3', 'V1.2.3', '1.2.3', '=v1.2.3', ' v1.2.3', 'v01.2.3']) {
  rows.push([`valid ${JSON.stringify(text)}`, String(ours.isVersion(text)), String(semver.valid(text) !== null)]);
}
console.log('\n## semver: GTO (python-semver) rules, gto-tui, node-semver\n');
console.log(table(['case', 'gto-tui = GTO', 'node-semver'], rows.map((r) => [r[0], r[1], r[2] === r[1] ? r[2] : `**${r[2]}**`])));

// --- 3. simple-git: environment, per-command overhead, progress events --------------------------
const simpleGitEntry = entry('simple-git');
/** One `git <args>` run directly and through simple-git, each in a fresh node with `ambient` as its environment. */
const both = (cwd, ambient, args, options = {}) => {
  const script = `
    const {execFileSync} = require('node:child_process');
    const {simpleGit} = require(${JSON.stringify(simpleGitEntry)});
    const first = (e) => 'throws: ' + String(e.message).split('\\n').find(Boolean);
    (async () => {
      let direct, viaSimple;
      try { direct = execFileSync('git', ${JSON.stringify(args)}, {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, ...${JSON.stringify(options.env ?? {})}}}).trim() || 'runs'; } catch (e) { direct = first(e); }
      try {
        let git = simpleGit({baseDir: process.cwd(), ...${JSON.stringify(options.simpleGit ?? {})}});
        if (${JSON.stringify(options.env !== undefined)}) git = git.env({...process.env, ...${JSON.stringify(options.env ?? {})}});
        viaSimple = (await git.raw(${JSON.stringify(args)})).trim() || 'runs';
      } catch (e) { viaSimple = first(e); }
      process.stdout.write(JSON.stringify([direct, viaSimple]));
    })();`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], {cwd, env: ambient, encoding: 'utf8'}));
};

try {
  const git = (cwd, ...args) => execFileSync('git', args, {cwd, env, encoding: 'utf8'});
  const repo = path.join(scratch, 'repo');
  const other = path.join(scratch, 'other');
  for (const dir of [repo, other]) {
    fs.mkdirSync(dir);
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, '-c', 'user.name=a', '-c', 'user.email=a@example.com', 'commit', '-q', '--allow-empty', '-m', path.basename(dir));
  }
  const origin = path.join(scratch, 'origin.git');
  git(scratch, 'init', '-q', '--bare', origin);
  git(repo, 'remote', 'add', 'origin', origin);
  for (let i = 0; i < 20; i++) git(repo, '-c', 'user.name=a', '-c', 'user.email=a@example.com', 'tag', '-a', '-m', `t${i}`, `m@v1.0.${i}`);

  console.log('\n## simple-git\n');
  const plain = Object.fromEntries(Object.entries(env).filter(([key]) => !/^GIT_/i.test(key)));
  const otherGitDir = path.join(other, '.git');
  const shorten = (text) => text.replaceAll(scratch, '$TMP').replaceAll('|', '\\|');
  const envRows = [
    ['`GIT_DIR=$TMP/other/.git` inherited (hooks, wrappers, `git --git-dir`)', both(repo, {...plain, GIT_DIR: otherGitDir}, ['rev-parse', '--absolute-git-dir'])],
    ['the same, `allowEnvironment: ["GIT_DIR"]`', both(repo, {...plain, GIT_DIR: otherGitDir}, ['rev-parse', '--absolute-git-dir'], {simpleGit: {allowEnvironment: ['GIT_DIR']}})],
    ['`GIT_CONFIG_GLOBAL=/dev/null` inherited (test suites, sandboxed CI)', both(repo, {...plain, GIT_CONFIG_GLOBAL: '/dev/null'}, ['rev-parse', '--is-inside-work-tree'])],
    ['`GIT_TERMINAL_PROMPT=0` set for `ls-remote` (remote.ts never prompts)', both(repo, plain, ['ls-remote', '--tags', 'origin'], {env: {GIT_TERMINAL_PROMPT: '0'}})],
    ['`-c protocol.allow=never -c protocol.file.allow=always` (exec.ts refuses `ext::`)', both(repo, plain, ['-c', 'protocol.allow=never', '-c', 'protocol.file.allow=always', 'ls-remote', '--tags', 'origin'])],
  ].map(([name, [direct, viaSimple]]) => [name, shorten(direct.split('\n')[0]), shorten(viaSimple)]);
  console.log(table(['case', 'git run directly (gto-tui)', 'simple-git 4 defaults'], envRows));
  const dropped = Object.keys(process.env).filter((key) => /^GIT_/i.test(key));
  console.log(`\nInherited \`GIT_*\` variables of this run that simple-git would drop silently: ${dropped.length === 0 ? 'none' : dropped.map((k) => `\`${k}\``).join(', ')}.`);

  // the rest runs in this process, with no GIT_* variable for simple-git to object to
  for (const key of Object.keys(process.env)) if (/^GIT_/i.test(key)) delete process.env[key];
  process.env.HOME = scratch;
  const {simpleGit} = req(simpleGitEntry);
  const N = 100;
  const directTimes = [];
  const simpleTimes = [];
  const sg = simpleGit({baseDir: repo});
  const spawnOne = () => new Promise((resolve, reject) => execFile('git', ['rev-parse', 'HEAD'], {cwd: repo}, (error) => (error ? reject(error) : resolve())));
  for (let round = 0; round < 5; round++) {
    let start = performance.now();
    for (let i = 0; i < N; i++) await spawnOne();
    directTimes.push((performance.now() - start) / N);
    start = performance.now();
    for (let i = 0; i < N; i++) await sg.raw(['rev-parse', 'HEAD']);
    simpleTimes.push((performance.now() - start) / N);
  }
  console.log(`\nOne \`git rev-parse HEAD\`, ${N} in sequence, median of 5: child_process.execFile ${ms(median(directTimes))}, simple-git raw() ${ms(median(simpleTimes))}.`);

  const events = [];
  await simpleGit({baseDir: repo, progress: (event) => events.push(event)}).push('origin', undefined, ['--tags']);
  const cloneEvents = [];
  await simpleGit({baseDir: scratch, progress: (event) => cloneEvents.push(event)}).clone(origin, path.join(scratch, 'clone'));
  const stages = (list) => [...new Set(list.map((e) => e.stage))].join(', ') || 'none';
  console.log(`\nProgress events: pushing 20 tags to a local bare remote gave ${events.length} (${stages(events)}); cloning it gave ${cloneEvents.length} (${stages(cloneEvents)}).`);
} finally {
  fs.rmSync(scratch, {recursive: true, force: true});
}

// --- 4. meow for the program's own options, against the click-style parser ----------------------
const meowScript = `
import meow from ${JSON.stringify(pathToFileURL(meowEntry()).href)};
const cli = meow('Usage: gto-tui [OPTIONS] COMMAND [ARGS]...', {
  importMeta: import.meta, argv: process.argv.slice(1), allowUnknownFlags: false,
  flags: {
    repo: {type: 'string', shortFlag: 'r', default: '.'},
    verbose: {type: 'boolean', shortFlag: 'v'},
    demo: {type: 'boolean'}, readonly: {type: 'boolean'}, version: {type: 'boolean'},
  },
});
console.log(JSON.stringify({input: cli.input, flags: cli.flags}));
`;
const argvs = [['-h'], ['--help'], ['--demo'], ['--bogus'], ['-r'], ['-rpath'], ['--no-demo'], ['--demo=false'], ['--demo', 'extra']];
const meowRows = argvs.map((argv) => {
  const viaMeow = spawnSync(process.execPath, ['--input-type=module', '-e', meowScript, '--', ...argv], {encoding: 'utf8', env: {...env, CI: '1'}});
  const viaUs = spawnSync(process.execPath, [CLI, ...argv], {encoding: 'utf8', env, cwd: os.tmpdir(), input: ''});
  const say = (run) => {
    const lines = (run.stdout + run.stderr).trim().split('\n').filter((line) => line.trim() !== '' && !/^(Usage:|Try) /.test(line));
    const shown = run.status === 0 ? (run.stdout.trim().split('\n')[0] ?? '') : lines.join(' / ');
    return `exit ${run.status}: ${shown.slice(0, 72)}`.replaceAll('|', '\\|');
  };
  return [`\`gto-tui ${argv.join(' ')}\``, say(viaUs), say(viaMeow)];
});
console.log('\n## meow for the program\'s own options (what each prints first, or its error)\n');
console.log(table(['argv', 'gto-tui (click-style, as GTO)', 'meow 14'], meowRows));
