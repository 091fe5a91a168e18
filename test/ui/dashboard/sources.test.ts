/** The dashboard's registries from the command line and from the config file. */
import assert from 'node:assert/strict';
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {after, test} from 'node:test';
import {readSources} from '../../../source/ui/dashboard/configFile.js';
import {cacheDirectory, configFilePath, expandHome, parseSources, sourceOfOption, tildePath} from '../../../source/ui/dashboard/sources.js';
import {removeTempDirs, tempDir} from '../../helpers/repo.js';

after(removeTempDirs);

const FILE = '/cfg/gto-tui/config.yaml';

test('the config file lists paths (with ~ expanded) and URLs, labelled or named after their last part', () => {
  const text = ['registries:', '  - path: ~/src/churn-model', '  - url: https://git.example.com/ml/vision.git', '    label: vision', '  - path: /srv/nlp/', '  - url: git@example.com:ml/speech.git'].join('\n');
  assert.deepEqual(parseSources(text, FILE, '/home/ana'), {
    kind: 'ok',
    sources: [
      {kind: 'path', path: '/home/ana/src/churn-model', label: 'churn-model'},
      {kind: 'url', url: 'https://git.example.com/ml/vision.git', label: 'vision'},
      {kind: 'path', path: '/srv/nlp/', label: 'nlp'},
      {kind: 'url', url: 'git@example.com:ml/speech.git', label: 'speech'},
    ],
  });
});

test('an empty file, or one without registries, lists nothing', () => {
  assert.deepEqual(parseSources('', FILE, '/h'), {kind: 'ok', sources: []});
  assert.deepEqual(parseSources('theme: dark\n', FILE, '/h'), {kind: 'ok', sources: []});
});

test('bad YAML or an unknown shape is one line naming the file and what is wrong', () => {
  const cases: [string, string][] = [
    ['registries: [path: x\n', `${FILE}: not valid YAML`],
    ['- path: x\n', `${FILE}: expected a mapping with 'registries:', found a list`],
    ['registries: ~/src\n', `${FILE}: 'registries' must be a list, found string`],
    ['registries:\n  - ~/src\n', `${FILE}: registries[0] must be a mapping with 'path:' or 'url:', found string`],
    ['registries:\n  - path: a\n    url: https://x/y\n', `${FILE}: registries[0] needs exactly one of 'path:' and 'url:'`],
    ['registries:\n  - label: a\n', `${FILE}: registries[0] needs exactly one of 'path:' and 'url:'`],
    ['registries:\n  - path: a\n  - pth: b\n', `${FILE}: registries[1] has an unknown key 'pth' (path, url, label)`],
    ['registries:\n  - path: 3\n', `${FILE}: registries[0]: 'path' must be a non-empty string`],
    ['registries:\n  - url: ./here\n', `${FILE}: registries[0]: './here' is not a URL (a directory goes under 'path:')`],
    ['registries:\n  - url: https://h/x.git\n    label: [1]\n', `${FILE}: registries[0]: 'label' must be a non-empty string`],
  ];
  for (const [text, message] of cases) {
    const result = parseSources(text, FILE, '/h');
    assert.deepEqual(result, {kind: 'error', message}, text);
    assert.doesNotMatch(message, /\n/);
  }
});

test('~ is the home directory alone or before a slash', () => {
  assert.equal(expandHome('~', '/home/ana'), '/home/ana');
  assert.equal(expandHome('~/x', '/home/ana/'), '/home/ana/x');
  assert.equal(expandHome('~bob/x', '/home/ana'), '~bob/x');
  assert.equal(expandHome('/a/~/b', '/home/ana'), '/a/~/b');
});

test('a -r value is a URL when it looks like one, else a path; a URL label never shows credentials', () => {
  assert.deepEqual(sourceOfOption('../models'), {kind: 'path', path: '../models', label: 'models'});
  assert.deepEqual(sourceOfOption('https://tok@example.com/ml/vision.git'), {kind: 'url', url: 'https://tok@example.com/ml/vision.git', label: 'vision'});
  assert.deepEqual(sourceOfOption('file:///srv/x.git'), {kind: 'url', url: 'file:///srv/x.git', label: 'x'});
});

test('the config and cache places follow XDG, with the home directory when unset or relative', () => {
  assert.equal(configFilePath({XDG_CONFIG_HOME: '/c'}, '/h'), '/c/gto-tui/config.yaml');
  assert.equal(configFilePath({}, '/h'), '/h/.config/gto-tui/config.yaml');
  assert.equal(configFilePath({XDG_CONFIG_HOME: 'rel'}, '/h'), '/h/.config/gto-tui/config.yaml');
  assert.equal(cacheDirectory({XDG_CACHE_HOME: '/k'}, '/h'), '/k/gto-tui');
  assert.equal(cacheDirectory({}, '/h'), '/h/.cache/gto-tui');
});

test('readSources reads $XDG_CONFIG_HOME/gto-tui/config.yaml; none is an empty list', async () => {
  const config = tempDir('gto-tui-config-');
  const home = tempDir('gto-tui-home-');
  const env = {XDG_CONFIG_HOME: config, HOME: home};
  assert.deepEqual(await readSources(env), {kind: 'ok', sources: []});
  mkdirSync(path.join(config, 'gto-tui'));
  writeFileSync(path.join(config, 'gto-tui', 'config.yaml'), 'registries:\n  - path: ~/a\n    label: Team A\n');
  assert.deepEqual(await readSources(env), {kind: 'ok', sources: [{kind: 'path', path: `${home}/a`, label: 'Team A'}]});
  writeFileSync(path.join(config, 'gto-tui', 'config.yaml'), 'registries: {\n');
  assert.deepEqual(await readSources(env), {kind: 'error', message: `${path.join(config, 'gto-tui', 'config.yaml')}: not valid YAML`});
});

test('paths in the home directory are shown as ~/…', () => {
  assert.equal(tildePath('/home/ana/src/x', '/home/ana'), '~/src/x');
  assert.equal(tildePath('/home/ana', '/home/ana/'), '~');
  assert.equal(tildePath('/home/anabel/x', '/home/ana'), '/home/anabel/x');
  assert.equal(tildePath('https://h/x', '/home/ana'), 'https://h/x');
  assert.equal(tildePath('/x', ''), '/x');
});
