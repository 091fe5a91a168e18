#!/usr/bin/env node
// Synthetic GTO registries for the benchmark: one `git fast-import` stream (commits, then
// annotated tags), fixed dates and a seeded PRNG, so the same parameters give the same
// repository (same shas) on every machine. Plain Node ESM: runs without a build step.
import {spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

/** Bumped whenever the stream changes shape, so cached repositories are regenerated. */
export const GENERATOR_VERSION = 1;

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPOS_DIR = path.join(HERE, 'repos');
const META_FILE = 'gto-bench.json';

/** First commit's time (2023-01-01T00:00:00Z); commits are one hour apart. */
const BASE_TIME = 1672531200;
const COMMIT_SPACING = 3600;
const STAGES = ['dev', 'staging', 'prod'];
const TAGGERS = [
  ['Alice Ops', 'alice@example.com'],
  ['Bob Builder', 'bob@example.com'],
  ['CI Bot', 'ci-bot@example.com'],
  ['Dana Data', 'dana@example.com'],
];

export const GIT_ENV = {
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
  GIT_AUTHOR_DATE: `@${BASE_TIME} +0000`,
  GIT_COMMITTER_DATE: `@${BASE_TIME} +0000`,
};

/**
 * The ratios used for a registry of `tags` tags (written down in bench/README.md):
 * 25 tags per artifact, 10 tags per commit, 5 % of all tags unrelated to GTO.
 * 50,000 tags → 2,000 artifacts, 5,000 commits, 2,500 unrelated tags.
 */
export const presetFor = (tags) => ({
  tags,
  artifacts: Math.max(1, Math.round(tags / 25)),
  commits: Math.max(2, Math.round(tags / 10)),
  unrelatedTags: Math.round(tags * 0.05),
});

/** mulberry32: tiny, fast, and identical on every platform. */
const prng = (seed) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const git = (cwd, args, input) => {
  const result = spawnSync('git', args, {
    cwd,
    input,
    env: {...process.env, ...GIT_ENV},
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`git ${args.join(' ')} failed (${result.status}): ${result.stderr.trim()}`);
  }
  return result.stdout;
};

/** Splits `total` into `parts` positive shares with weights in [0.5, 1.5) (largest remainder). */
const apportion = (total, parts, rand) => {
  const weights = Array.from({length: parts}, () => 0.5 + rand());
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => 1 + ((total - parts) * w) / sum);
  const shares = exact.map(Math.floor);
  let left = total - shares.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i]).sort((p, q) => q[0] - p[0] || p[1] - q[1]);
  for (let k = 0; left > 0; k = (k + 1) % parts, left--) shares[order[k][1]]++;
  return shares;
};

const artifactName = (i) => (i % 10 === 9 ? `models/team${i % 7}:a${i}` : `a${i}`);
const tagForm = (name) => name.replace(':', '=');

/**
 * One artifact's life as a list of tags: versions registered on increasing commits, stage
 * assignments of the newest live version (counter form `a#prod#N`, sometimes the simple form),
 * occasional unassignments and deregistrations, and for some artifacts a final deprecation.
 * Every tag keeps the registry valid: one registered version per commit per artifact (spec
 * §3.2), cancellations hit the commit of what they cancel.
 */
const artifactTags = (index, eventCount, commits, rand) => {
  const name = artifactName(index);
  const form = tagForm(name);
  const deprecate = eventCount > 2 && index % 50 === 7;
  const maxVersions = Math.ceil(eventCount * 0.45) + 1;
  const start = Math.floor(rand() * Math.max(1, Math.floor(commits / 2)));
  const step = Math.max(1, Math.floor((commits - start) / maxVersions));
  const versions = []; // {version, commit, live}
  const holders = new Map(); // stage -> version record
  const simpleUsed = new Set();
  const tags = [];
  let counter = 0;
  let clock = 0;
  let [major, minor, patch] = [0, 1, 0];

  const at = (commit) => {
    clock = Math.max(clock + 60 + Math.floor(rand() * 7200), BASE_TIME + commit * COMMIT_SPACING + 60);
    return clock;
  };
  const push = (kind, tag, commit, message) => {
    const [tagger, email] = TAGGERS[Math.floor(rand() * TAGGERS.length)];
    tags.push({kind, name: tag, commit, time: at(commit), tagger, email, message});
  };
  const register = () => {
    const commit = start + versions.length * step;
    if (commit >= commits) return false;
    const r = rand();
    if (versions.length > 0) {
      if (r < 0.05) [major, minor, patch] = [major + 1, 0, 0];
      else if (r < 0.3) [minor, patch] = [minor + 1, 0];
      else patch++;
    }
    const version = `v${major}.${minor}.${patch}${rand() < 0.03 ? '-rc.1' : ''}`;
    const record = {version, commit, live: true};
    versions.push(record);
    push('register', `${form}@${version}`, commit, `Registering artifact ${name} version ${version}`);
    return true;
  };

  while (tags.length < eventCount) {
    const live = versions.filter((v) => v.live);
    const r = rand();
    if (deprecate && tags.length === eventCount - 1) {
      const last = versions[versions.length - 1];
      push('deprecate', `${form}@deprecated`, last.commit, `Deprecating artifact '${name}'`);
    } else if ((live.length === 0 || r < 0.4) && register()) {
      continue;
    } else if (r < 0.44 && live.length > 1) {
      const victim = live[0];
      const held = [...holders.values()].includes(victim);
      if (held) continue;
      victim.live = false;
      push('deregister', `${form}@${victim.version}!`, victim.commit, `Deregistering artifact ${name} version ${victim.version}`);
    } else if (r < 0.5 && holders.size > 0) {
      const [stage, record] = [...holders.entries()][Math.floor(rand() * holders.size)];
      holders.delete(stage);
      counter++;
      push(
        'unassign',
        `${form}#${stage}!#${counter}`,
        record.commit,
        `Unassigning stage '${stage}' to artifact '${name}' version '${record.version}'`,
      );
    } else {
      const record = live[live.length - 1];
      const stage = STAGES[Math.floor(rand() * STAGES.length)];
      holders.set(stage, record);
      // The pre-counter form `a#dev` still exists in old registries (spec §2.4); keep a few.
      if (stage === 'dev' && !simpleUsed.has(stage) && rand() < 0.1) {
        simpleUsed.add(stage);
        push('assign', `${form}#${stage}`, record.commit, `Assigning stage ${stage} to artifact ${name} version ${record.version}`);
      } else {
        counter++;
        push(
          'assign',
          `${form}#${stage}#${counter}`,
          record.commit,
          `Assigning stage ${stage} to artifact ${name} version ${record.version}`,
        );
      }
    }
  }
  return tags;
};

/** The `artifacts.yaml` written at commit `i` (changes every `every` commits, lists a few). */
const indexFile = (i, every, artifacts) => {
  const generation = Math.floor(i / every);
  const lines = [];
  const listed = Math.min(artifacts, 3 + generation);
  for (let k = 0; k < Math.min(listed, 10); k++) {
    const index = (k * 7 + generation) % artifacts;
    const name = artifactName(index);
    if (name.includes(':')) continue; // annotations are keyed by simple names (spec §6.2)
    lines.push(
      `${name}:`,
      `  type: model`,
      `  path: models/${name}.pkl`,
      `  labels: [bench, gen${generation}]`,
      `  description: Synthetic artifact ${name}`,
    );
  }
  // An annotated artifact with no tags shows up as `*unreg…` in `show` (spec §6.2).
  lines.push(`unreg${generation % 3}:`, `  type: dataset`, `  path: data/unreg${generation % 3}.csv`);
  return lines.join('\n') + '\n';
};

const data = (text) => `data ${Buffer.byteLength(text)}\n${text}\n`;

/** The whole fast-import stream and a summary of what it creates. */
export const buildStream = ({artifacts, commits, tags, unrelatedTags}) => {
  if (!(artifacts >= 1 && commits >= 1 && unrelatedTags >= 0 && tags - unrelatedTags >= artifacts)) {
    throw new Error('need artifacts >= 1, commits >= 1 and tags - unrelatedTags >= artifacts');
  }
  const rand = prng(0x6a70 ^ tags ^ (artifacts << 8) ^ (commits << 16));
  const chunks = ['feature done\n'];
  const indexEvery = Math.max(1, Math.floor(commits / 50));
  for (let i = 0; i < commits; i++) {
    const time = BASE_TIME + i * COMMIT_SPACING;
    chunks.push(
      'commit refs/heads/main\n',
      `mark :${i + 1}\n`,
      `author Bench <bench@example.com> ${time} +0000\n`,
      `committer Bench <bench@example.com> ${time} +0000\n`,
      data(`Step ${i}`),
      i === 0 ? '' : `from :${i}\n`,
      `M 644 inline src/step.txt\n`,
      data(`step ${i}`),
    );
    if (i % indexEvery === 0) chunks.push('M 644 inline artifacts.yaml\n', data(indexFile(i, indexEvery, artifacts)));
    chunks.push('\n');
  }

  const shares = apportion(tags - unrelatedTags, artifacts, rand);
  const all = [];
  for (let a = 0; a < artifacts; a++) all.push(...artifactTags(a, shares[a], commits, rand));
  const counts = {register: 0, deregister: 0, assign: 0, unassign: 0, deprecate: 0, unrelated: 0};
  let sampleAssignment = null;
  for (const t of all) {
    counts[t.kind]++;
    if (t.kind === 'assign' && /#\d+$/.test(t.name)) sampleAssignment = t.name;
    chunks.push(
      `tag ${t.name}\n`,
      `from :${t.commit + 1}\n`,
      `tagger ${t.tagger} <${t.email}> ${t.time} +0000\n`,
      data(t.message),
    );
  }
  // Release tags of the application itself: half annotated, half lightweight.
  for (let u = 0; u < unrelatedTags; u++) {
    const commit = Math.floor((u * commits) / Math.max(1, unrelatedTags));
    const name = u % 3 === 2 ? `v${Math.floor(u / 100)}.${u % 100}.0` : `release-${u}`;
    counts.unrelated++;
    if (u % 2 === 0) {
      chunks.push(`reset refs/tags/${name}\n`, `from :${commit + 1}\n\n`);
    } else {
      const time = BASE_TIME + commit * COMMIT_SPACING + 30;
      chunks.push(`tag ${name}\n`, `from :${commit + 1}\n`, `tagger CI Bot <ci-bot@example.com> ${time} +0000\n`, data(`Release ${name}`));
    }
  }
  chunks.push('done\n');
  return {
    stream: chunks.join(''),
    counts,
    sampleAssignment,
    sampleArtifact: artifactName(0),
  };
};

/** Parameters with defaults from `presetFor(tags)`, in a fixed key order (they are hashed). */
const normalise = (options) => {
  const preset = presetFor(options.tags);
  return {
    tags: options.tags,
    artifacts: options.artifacts ?? preset.artifacts,
    commits: options.commits ?? preset.commits,
    unrelatedTags: options.unrelatedTags ?? preset.unrelatedTags,
    packed: options.packed ?? true,
  };
};

export const paramsHash = (params) =>
  createHash('sha256')
    .update(JSON.stringify({...normalise(params), generator: GENERATOR_VERSION}))
    .digest('hex')
    .slice(0, 16);

/**
 * Creates the registry in `dir` (which must not exist or be empty) and returns its metadata,
 * also written to `<dir>/.git/gto-bench.json`.
 */
export const generateRegistry = (options) => {
  const params = normalise(options);
  const {dir} = options;
  const started = process.hrtime.bigint();
  fs.mkdirSync(dir, {recursive: true});
  git(dir, ['init', '-q', '-b', 'main']);
  const {stream, counts, sampleAssignment, sampleArtifact} = buildStream(params);
  git(dir, ['fast-import', '--quiet', '--done'], stream);
  // fast-import writes every ref as a loose file; packing is what `git gc` would do later.
  if (params.packed) git(dir, ['pack-refs', '--all']);
  git(dir, ['reset', '-q', '--hard', 'main']);
  const meta = {
    params,
    hash: paramsHash(params),
    generator: GENERATOR_VERSION,
    counts,
    sampleAssignment,
    sampleArtifact,
    head: git(dir, ['rev-parse', 'HEAD']).trim(),
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
  fs.writeFileSync(path.join(dir, '.git', META_FILE), JSON.stringify(meta, null, 2) + '\n');
  return meta;
};

export const readMeta = (dir) => {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, '.git', META_FILE), 'utf8'));
  } catch {
    return null;
  }
};

/**
 * The cached registry `bench/repos/<tags>-<packed|loose>`, regenerated when its parameters
 * hash differs. Generation goes to a sibling temp dir first so an interrupted run never leaves
 * a half-made repository behind under the cached name.
 */
export const ensureRegistry = (options, reposDir = REPOS_DIR) => {
  const params = normalise(options);
  const dir = path.join(reposDir, `${params.tags}-${params.packed ? 'packed' : 'loose'}`);
  const meta = readMeta(dir);
  if (meta && meta.hash === paramsHash(params)) return {dir, meta, cached: true};
  fs.mkdirSync(reposDir, {recursive: true});
  const temp = fs.mkdtempSync(`${dir}.tmp-`);
  const fresh = generateRegistry({...params, dir: temp});
  fs.rmSync(dir, {recursive: true, force: true});
  fs.renameSync(temp, dir);
  return {dir, meta: fresh, cached: false};
};

const usage = `Usage: node bench/generate.mjs --tags N [--dir DIR] [--artifacts N] [--commits N]
                                 [--unrelated N] [--loose]
Without --dir the registry is cached under bench/repos/<tags>-<packed|loose>.`;

const main = (argv) => {
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const int = () => {
      const v = Number(value());
      if (!Number.isInteger(v) || v < 0) throw new Error(`${flag} needs a non-negative integer`);
      return v;
    };
    if (flag === '--tags') options.tags = int();
    else if (flag === '--artifacts') options.artifacts = int();
    else if (flag === '--commits') options.commits = int();
    else if (flag === '--unrelated') options.unrelatedTags = int();
    else if (flag === '--dir') options.dir = value();
    else if (flag === '--loose') options.packed = false;
    else if (flag === '--packed') options.packed = true;
    else if (flag === '-h' || flag === '--help') return void process.stdout.write(usage + '\n');
    else throw new Error(`unknown option ${flag}\n${usage}`);
  }
  if (options.tags === undefined) throw new Error(`--tags is required\n${usage}`);
  if (options.dir !== undefined) {
    if (fs.existsSync(options.dir) && fs.readdirSync(options.dir).length > 0) {
      throw new Error(`${options.dir} exists and is not empty`);
    }
    const meta = generateRegistry(options);
    process.stdout.write(`${options.dir}: ${JSON.stringify(meta.counts)} in ${meta.seconds.toFixed(2)} s\n`);
  } else {
    const {dir, meta, cached} = ensureRegistry(options);
    process.stdout.write(`${dir}: ${JSON.stringify(meta.counts)}${cached ? ' (cached)' : ` in ${meta.seconds.toFixed(2)} s`}\n`);
  }
};

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`generate: ${error.message}\n`);
    process.exitCode = 1;
  }
}
