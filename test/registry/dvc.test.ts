import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {dvcArtifactName, dvcDirectory, parseDvcFile, pathFromRoot, readDvcAnnotations} from '../../source/registry/dvc.js';
import type {Annotation} from '../../source/registry/model.js';
import {isArtifactRegistered, latestVersion} from '../../source/registry/resolve.js';
import {CV_DVC_YAML, NLP_DVC_YAML, ROOT_DVC_YAML} from '../helpers/dvcMonorepo.js';
import {FakeRepo} from './fake-repo.js';

const MONOREPO = [
  {path: 'dvc.yaml', text: ROOT_DVC_YAML},
  {path: 'cv/dvc.yaml', text: CV_DVC_YAML},
  {path: 'nlp/sentiment/dvc.yaml', text: NLP_DVC_YAML},
];

const annotation = (fields: Partial<Annotation>): Annotation => ({type: null, path: null, virtual: true, labels: [], description: '', custom: null, ...fields});

describe('dvc.yaml artifacts', () => {
  it('reads a monorepo into dir:name artifacts with their fields, ignoring every other section', () => {
    const {annotations, problems} = readDvcAnnotations(MONOREPO);
    assert.deepEqual(problems, []);
    assert.deepEqual(Object.fromEntries(annotations), {
      churn: annotation({
        type: 'model',
        path: 'models/churn.pkl',
        labels: ['tabular', 'customers'],
        description: 'Predicts which customers will leave next month',
      }),
      'cv:pool-segmentation': annotation({
        type: 'model',
        path: 'cv/models/model.pkl',
        labels: ['cv', 'segmentation', 'satellite-images'],
        description: "This is a Computer Vision (CV) model that's segmenting out swimming pools from satellite images.",
        custom: {framework: 'fastai', epochs: 8},
      }),
      'nlp/sentiment:sentiment': annotation({
        type: 'model',
        path: 'models/sentiment',
        labels: ['nlp', 'reviews'],
        description: 'Review sentiment, fine-tuned DistilBERT',
      }),
      'nlp/sentiment:vocab': annotation({type: 'dataset', path: 'nlp/sentiment/data/vocab.json'}),
    });
  });

  it('names artifacts and paths from the file’s directory', () => {
    assert.equal(dvcDirectory('dvc.yaml'), '');
    assert.equal(dvcDirectory('a/b/dvc.yaml'), 'a/b');
    assert.equal(dvcArtifactName('', 'm'), 'm');
    assert.equal(dvcArtifactName('a/b', 'm'), 'a/b:m');
    assert.equal(pathFromRoot('', './models/m.pkl'), './models/m.pkl');
    assert.equal(pathFromRoot('cv', './models/m.pkl'), 'cv/models/m.pkl');
    assert.equal(pathFromRoot('cv', '../shared/m.pkl'), 'shared/m.pkl');
    assert.equal(pathFromRoot('cv', 's3://bucket/m.pkl'), 's3://bucket/m.pkl');
    assert.equal(pathFromRoot('cv', '/abs/m.pkl'), '/abs/m.pkl');
  });

  it('reads a file without artifacts, an empty file and an empty section as no artifacts', () => {
    for (const text of ['stages:\n  a:\n    cmd: echo\n', '', 'artifacts:\n', '# only a comment\n']) {
      assert.deepEqual(parseDvcFile({path: 'dvc.yaml', text}), {annotations: new Map(), problems: []}, JSON.stringify(text));
    }
  });

  const malformed: [string, string, string][] = [
    ['invalid YAML', 'artifacts:\n  m: {path: [unclosed\n', 'x/dvc.yaml: not valid YAML'],
    ['a duplicate key (YAML 1.2 refuses it)', 'artifacts:\n  m:\n    path: a\n  m:\n    path: b\n', 'x/dvc.yaml: not valid YAML'],
    ['a list at the top', '- stages\n', 'x/dvc.yaml: not a mapping of sections'],
    ['artifacts as a list', 'artifacts:\n  - m\n', "x/dvc.yaml: 'artifacts' is not a mapping"],
  ];
  for (const [label, text, problem] of malformed) {
    it(`reports a malformed file: ${label}`, () => {
      assert.deepEqual(parseDvcFile({path: 'x/dvc.yaml', text}), {annotations: new Map(), problems: [problem]});
    });
  }

  const badEntries: [string, string, string][] = [
    ['no path (DVC requires it)', 'bad:\n    type: model', "artifact 'bad' has no 'path'"],
    ['a path that is not a string', 'bad: {path: 3}', "artifact 'bad' has a 'path' that is not a string"],
    ['a type that is not a string', 'bad: {path: p, type: [model]}', "artifact 'bad' has a 'type' that is not a string"],
    ['a desc that is not a string', 'bad: {path: p, desc: 1.5}', "artifact 'bad' has a 'desc' that is not a string"],
    ['labels that are not strings', 'bad: {path: p, labels: [1]}', "artifact 'bad' has 'labels' that are not a list of strings"],
    ['an entry that is not a mapping', 'bad: models/bad.pkl', "artifact 'bad' is not a mapping"],
    ['a name GTO cannot tag', "'bad name': {path: p}", "artifact name 'bad name' is not valid: letters, digits, '-', '_' and '/', starting and ending with a letter or digit"],
    ['a name that ends with a dash', 'bad-: {path: p}', "artifact name 'bad-' is not valid: letters, digits, '-', '_' and '/', starting and ending with a letter or digit"],
    ['a number as a name', '1.5: {path: p}', "artifact name 1.5 is not valid: letters, digits, '-', '_' and '/', starting and ending with a letter or digit"],
  ];
  for (const [label, entry, problem] of badEntries) {
    it(`leaves out an entry with ${label}, keeps the others`, () => {
      const text = `artifacts:\n  good:\n    path: models/good.pkl\n  ${entry}\n`;
      const {annotations, problems} = parseDvcFile({path: 'cv/dvc.yaml', text});
      assert.deepEqual([...annotations.keys()], ['cv:good']);
      assert.deepEqual(problems, [`cv/dvc.yaml: ${problem}`]);
    });
  }

  it('accepts every name GTO can tag (DVC checks names with GTO’s rule)', () => {
    const {annotations, problems} = parseDvcFile({path: 'dvc.yaml', text: 'artifacts:\n  Model_A: {path: a}\n  team/model: {path: b}\n  m: {path: c}\n'});
    assert.deepEqual(problems, []);
    assert.deepEqual([...annotations.keys()], ['Model_A', 'team/model', 'm']);
  });

  it('reports a directory that cannot be the DIR of dir:name once, and skips its artifacts', () => {
    const {annotations, problems} = parseDvcFile({path: 'my models/dvc.yaml', text: 'artifacts:\n  a: {path: a}\n  b: {path: b}\n'});
    assert.equal(annotations.size, 0);
    assert.deepEqual(problems, ["my models/dvc.yaml: its directory cannot be part of an artifact name ('my models:…'): letters, digits, '_', '.', '-' and '/' only"]);
  });

  it('keeps the other files when one is malformed', () => {
    const {annotations, problems} = readDvcAnnotations([...MONOREPO, {path: 'broken/dvc.yaml', text: 'artifacts: [\n'}]);
    assert.equal(annotations.size, 4);
    assert.deepEqual(problems, ['broken/dvc.yaml: not valid YAML']);
  });
});

describe('dvc.yaml annotations in the registry', () => {
  const {annotations: dvc} = readDvcAnnotations(MONOREPO);

  it('shows annotated artifacts without versions as unregistered, like artifacts.yaml at HEAD', () => {
    const repo = new FakeRepo();
    const head = repo.commit('monorepo');
    const registry = repo.registry(undefined, dvc);
    assert.deepEqual([...registry.artifacts.keys()], ['churn', 'cv:pool-segmentation', 'nlp/sentiment:sentiment', 'nlp/sentiment:vocab']);
    const cv = registry.artifacts.get('cv:pool-segmentation')!;
    assert.equal(isArtifactRegistered(cv), false);
    assert.equal(cv.versions.length, 1);
    const [event] = cv.versions[0]!.enrichments;
    assert.equal(event!.commit, head);
    assert.equal(event!.source, 'dvc');
    assert.deepEqual(event!.annotation, dvc.get('cv:pool-segmentation'));
  });

  it('annotates the HEAD version of a registered artifact and leaves older versions to artifacts.yaml', () => {
    const repo = new FakeRepo();
    const first = repo.commit('first', 'churn:\n  type: old-model\n');
    repo.tag('cv=pool-segmentation@v1.0.0');
    repo.tag('churn@v1.0.0');
    repo.commit('second');
    const registry = repo.registry(undefined, dvc);
    const cv = registry.artifacts.get('cv:pool-segmentation')!;
    assert.equal(latestVersion(cv)?.version, 'v1.0.0');
    assert.deepEqual(
      cv.versions.map((v) => [v.version === v.commit ? 'HEAD' : v.version, v.enrichments[0]?.source, v.enrichments[0]?.annotation?.path ?? null]),
      [
        ['v1.0.0', 'gto', null],
        ['HEAD', 'dvc', 'cv/models/model.pkl'],
      ],
    );
    const churn = registry.artifacts.get('churn')!;
    assert.equal(churn.versions[0]!.commit, first);
    assert.equal(churn.versions[0]!.enrichments[0]!.annotation?.type, 'old-model');
  });

  it('takes dvc.yaml’s annotation when artifacts.yaml at HEAD describes the same name', () => {
    const repo = new FakeRepo();
    repo.commit('both', 'churn:\n  type: legacy\n  path: old/churn.pkl\n  description: from artifacts.yaml\nsegment:\n  type: model\n');
    const registry = repo.registry(undefined, dvc);
    const churn = registry.artifacts.get('churn')!.versions[0]!.enrichments[0]!;
    assert.equal(churn.source, 'dvc');
    assert.deepEqual(churn.annotation, dvc.get('churn'));
    // a name only artifacts.yaml describes keeps its annotation
    const segment = registry.artifacts.get('segment')!.versions[0]!.enrichments[0]!;
    assert.equal(segment.source, 'gto');
    assert.equal(segment.annotation?.type, 'model');
    // artifacts.yaml's order first, then dvc.yaml's new names
    assert.deepEqual([...registry.artifacts.keys()], ['churn', 'segment', 'cv:pool-segmentation', 'nlp/sentiment:sentiment', 'nlp/sentiment:vocab']);
  });

  it('changes nothing without dvc annotations', () => {
    const repo = new FakeRepo();
    repo.commit('first', 'churn:\n  type: model\n');
    repo.tag('churn@v1.0.0');
    assert.deepEqual(repo.registry(undefined, new Map()), repo.registry());
  });
});
