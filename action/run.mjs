#!/usr/bin/env node
// The GitHub Action (action.yml at the repository root): what the pushed tag did, as
// iterative/gto-action reports it — the step outputs name, version, stage, event, type, path
// and description — computed by this checkout's gto-tui. Runs in the job's checkout:
//
//   GITHUB_REF=refs/tags/churn#prod#3 GITHUB_OUTPUT=out.txt node action/run.mjs
//
// Inputs arrive as GTO_SHOW, GTO_HISTORY, GTO_PRINT_OUTPUTS and GTO_PULL ("true"/"false").
// type, path and description come from the artifact's entry in artifacts.yaml (or the INDEX
// file .gto names) in the checked-out tree; gto-action v2 reads dvc.yaml through DVC instead,
// and its `pull` input runs `dvc pull`: gto-tui runs no DVC, so `pull: true` fails with a
// message saying what to run instead.
import {spawnSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {appendFileSync, existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const yes = (name, fallback) => (process.env[name] ?? fallback).trim().toLowerCase() === 'true';

const fail = (message) => {
  process.stdout.write(`::error::${message}\n`);
  process.exit(1);
};

/** Runs git or gto-tui; `show: true` lets its output through to the job's log. */
const run = (command, args, {show = false} = {}) => {
  const result = spawnSync(command, args, {encoding: 'utf8', stdio: ['ignore', show ? 'inherit' : 'pipe', 'pipe']});
  if (result.error) fail(`cannot run ${command}: ${result.error.message}`);
  if (result.status !== 0) fail(`${[command === process.execPath ? 'gto-tui' : command, ...args].join(' ')} failed: ${(result.stderr ?? '').trim()}`);
  return (result.stdout ?? '').trim();
};
const gto = (args, options) => run(process.execPath, [CLI, ...args], options);

/** The artifact's annotation in the working tree's index file (artifacts.yaml unless .gto says otherwise). */
const annotationOf = async (name) => {
  const [{parseConfig}, {parseAnnotations}] = await Promise.all([
    import(pathToFileURL(path.join(ROOT, 'dist', 'registry', 'config.js')).href),
    import(pathToFileURL(path.join(ROOT, 'dist', 'registry', 'annotations.js')).href),
  ]);
  const config = parseConfig({text: existsSync('.gto') ? readFileSync('.gto', 'utf8') : null, path: '.gto', env: process.env});
  if (!existsSync(config.index)) return null;
  const parsed = parseAnnotations(readFileSync(config.index, 'utf8'));
  if (parsed.kind !== 'ok') fail(`${config.index} file doesn't conform to GTO format`);
  return parsed.annotations.get(name) ?? null;
};

/** One step output; a value with a line break goes in GitHub's `name<<DELIMITER` form. */
const output = (name, value) => {
  const file = process.env.GITHUB_OUTPUT;
  if (!file) fail('GITHUB_OUTPUT is not set: run this as a step of a GitHub Actions job');
  if (!/[\r\n]/.test(value)) appendFileSync(file, `${name}=${value}\n`);
  else {
    const delimiter = `gto_tui_${randomBytes(12).toString('hex')}`;
    appendFileSync(file, `${name}<<${delimiter}\n${value}\n${delimiter}\n`);
  }
};

const ref = process.env.GITHUB_REF;
if (!ref) fail('GITHUB_REF is not set: run this as a step of a GitHub Actions job');

// actions/checkout fetches one commit and one tag; the registry is every tag and its commit
const shallow = run('git', ['rev-parse', '--is-shallow-repository']) === 'true';
run('git', ['fetch', '--quiet', '--force', '--prune', '--prune-tags', ...(shallow ? ['--unshallow'] : []), 'origin']);

console.log(`The Git tag that triggered this run: ${ref}`);
const name = gto(['check-ref', ref, '--name']);
const version = gto(['check-ref', ref, '--version']);
const event = gto(['check-ref', ref, '--event']);
const stage = event === 'assignment' ? gto(['check-ref', ref, '--stage']) : '';
const annotation = name === '' ? null : await annotationOf(name);

if (name !== '') {
  gto(['show', name], {show: true});
  gto(['history', name], {show: true});
}
if (yes('GTO_SHOW', 'false')) gto(['show'], {show: true});
if (yes('GTO_HISTORY', 'false')) gto(['history'], {show: true});

const outputs = {
  name,
  stage,
  version,
  event,
  type: annotation?.type ?? '',
  path: annotation?.path ?? '',
  description: annotation?.description ?? '',
};
for (const [key, value] of Object.entries(outputs)) output(key, value);

if (yes('GTO_PRINT_OUTPUTS', 'true')) {
  // the values come from the repository: no line of them may act as a workflow command
  const token = randomBytes(12).toString('hex');
  console.log(`After Git tag parsing, the following outputs are set:\n::stop-commands::${token}`);
  for (const [key, value] of Object.entries(outputs)) console.log(`${key}=${JSON.stringify(value)}`);
  console.log(`::${token}::`);
}

if (yes('GTO_PULL', 'false')) {
  fail(
    outputs.path === ''
      ? "pull: gto-tui does not run DVC, and the artifact has no path to pull"
      : `pull: gto-tui does not run DVC; add a step that runs \`dvc pull ${outputs.path}\` (the \`path\` output)`,
  );
}
