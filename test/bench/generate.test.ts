import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {ensureRegistry, generateRegistry, GIT_ENV, type RegistryMeta} from '../../bench/generate.mjs';
import {parseTag} from '../../source/registry/tag.js';

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', args, {cwd, env: {...process.env, ...GIT_ENV}, encoding: 'utf8', maxBuffer: 1 << 26});

type Ref = {name: string; type: string; object: string; target: string};

const listTags = (dir: string): Ref[] =>
  git(dir, 'for-each-ref', '--format=%(refname:strip=2)%00%(objecttype)%00%(objectname)%00%(*objectname)', 'refs/tags')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [name = '', type = '', object = '', peeled = ''] = line.split('\0');
      return {name, type, object, target: peeled || object};
    });

const looseTagFiles = (dir: string): string[] =>
  fs.existsSync(path.join(dir, '.git/refs/tags'))
    ? fs.readdirSync(path.join(dir, '.git/refs/tags'), {recursive: true, withFileTypes: true}).filter((e) => e.isFile()).map((e) => e.name)
    : [];

const packedTagLines = (dir: string): string[] => {
  const file = path.join(dir, '.git/packed-refs');
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter((line) => / refs\/tags\//.test(line));
};

describe('bench registry generator', () => {
  let root: string;
  let packedDir: string;
  let looseDir: string;
  let packed: RegistryMeta;
  let loose: RegistryMeta;
  const params = {tags: 200, artifacts: 8, commits: 30, unrelatedTags: 20};

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'gto-bench-gen-'));
    packedDir = path.join(root, 'packed');
    looseDir = path.join(root, 'loose');
    packed = generateRegistry({...params, packed: true, dir: packedDir});
    loose = generateRegistry({...params, packed: false, dir: looseDir});
  });
  after(() => fs.rmSync(root, {recursive: true, force: true}));

  test('creates exactly the requested number of tags, GTO and unrelated', () => {
    const tags = listTags(packedDir);
    assert.equal(tags.length, 200);
    const unrelated = tags.filter((t) => parseTag(t.name) === null);
    assert.equal(unrelated.length, 20);
    assert.equal(packed.counts.unrelated, 20);
  });

  test('the tag kinds counted in the metadata are the ones the tag grammar reads', () => {
    const byAction: Record<string, number> = {};
    const artifacts = new Set<string>();
    for (const {name} of listTags(packedDir)) {
      const parsed = parseTag(name);
      if (parsed === null) continue;
      byAction[parsed.action] = (byAction[parsed.action] ?? 0) + 1;
      artifacts.add(parsed.name);
    }
    const {unrelated, ...gto} = packed.counts;
    assert.deepEqual(byAction, Object.fromEntries(Object.entries(gto).filter(([, n]) => n > 0)));
    assert.equal(artifacts.size, 8);
    assert.ok(gto.register > 0 && gto.assign > 0, 'registrations and assignments are both present');
  });

  test('every GTO tag is annotated with a tagger and a date; unrelated tags mix both kinds', () => {
    const tags = listTags(packedDir);
    for (const t of tags.filter((tag) => parseTag(tag.name) !== null)) assert.equal(t.type, 'tag', t.name);
    const unrelatedTypes = new Set(tags.filter((t) => parseTag(t.name) === null).map((t) => t.type));
    assert.deepEqual([...unrelatedTypes].sort(), ['commit', 'tag']);
    const dated = git(packedDir, 'for-each-ref', '--format=%(taggerdate:unix)', 'refs/tags').split('\n').filter((d) => d !== '');
    assert.equal(dated.length, 200 - 10, 'the 10 lightweight tags have no tagger date');
  });

  test('no artifact has two registered versions on one commit (so stage tags resolve, spec §3.2)', () => {
    const seen = new Map<string, string>();
    for (const t of listTags(packedDir)) {
      const parsed = parseTag(t.name);
      if (parsed?.action !== 'register') continue;
      const key = `${parsed.name} ${t.target}`;
      assert.equal(seen.get(key), undefined, `${t.name} shares its commit with ${seen.get(key)}`);
      seen.set(key, t.name);
    }
  });

  test('packed: every tag ref is in packed-refs and none is loose', () => {
    assert.equal(packedTagLines(packedDir).length, 200);
    assert.deepEqual(looseTagFiles(packedDir), []);
  });

  test('loose: every tag ref is a file under refs/tags and none is packed', () => {
    assert.equal(looseTagFiles(looseDir).length, 200);
    assert.deepEqual(packedTagLines(looseDir), []);
  });

  test('is deterministic: the same parameters give the same objects whatever the ref storage', () => {
    assert.equal(packed.head, loose.head);
    assert.deepEqual(listTags(packedDir), listTags(looseDir));
  });

  test('checks out HEAD with an artifacts.yaml annotation index', () => {
    assert.equal(git(packedDir, 'status', '--porcelain'), '');
    assert.match(fs.readFileSync(path.join(packedDir, 'artifacts.yaml'), 'utf8'), /^a\d+:\n {2}type: model/m);
  });

  test('ensureRegistry reuses a cached registry and regenerates when the parameters change', () => {
    const repos = path.join(root, 'repos');
    const first = ensureRegistry({tags: 60, artifacts: 3, commits: 10, unrelatedTags: 5}, repos);
    assert.equal(first.cached, false);
    assert.equal(first.dir, path.join(repos, '60-packed'));
    const again = ensureRegistry({tags: 60, artifacts: 3, commits: 10, unrelatedTags: 5}, repos);
    assert.equal(again.cached, true);
    const changed = ensureRegistry({tags: 60, artifacts: 4, commits: 10, unrelatedTags: 5}, repos);
    assert.equal(changed.cached, false);
    assert.equal(listTags(changed.dir).filter((t) => parseTag(t.name) !== null).length, 55);
    assert.deepEqual(
      fs.readdirSync(repos).filter((name) => name.includes('.tmp-')),
      [],
      'no temporary directory is left behind',
    );
  });
});
