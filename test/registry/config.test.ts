import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {DEFAULT_CONFIG, parseConfig, type Config} from '../../source/registry/config.js';
import {GtoError} from '../../source/registry/errors.js';

const PATH = '/abs/repo/.gto';
const parse = (text: string | null, env: Record<string, string> = {}): Config => parseConfig({text, path: PATH, env});
const wrong = new GtoError(`Wrong config file '${PATH}'`);

describe('.gto parsing (§6.1)', () => {
  const defaults: [string, string | null][] = [
    ['an absent file', null],
    ['an empty file', ''],
    ['a comment-only file', '# nothing here\n'],
    ['explicit nulls', 'stages: null\ntypes:\n'],
  ];
  for (const [label, text] of defaults) it(`${label} gives the defaults`, () => assert.deepEqual(parse(text), DEFAULT_CONFIG));

  const accepted: [string, string, Partial<Config>][] = [
    ['stages in the order written (case 068)', 'stages: [dev, staging, prod]', {stages: ['dev', 'staging', 'prod']}],
    ['stages and types (case 069)', 'stages: [dev, staging, prod]\ntypes: [model, dataset]\n', {stages: ['dev', 'staging', 'prod'], types: ['model', 'dataset']}],
    ['an empty stage list', 'stages: []\ntypes: []', {stages: [], types: []}],
    ['INDEX', 'INDEX: my.yaml', {index: 'my.yaml'}],
    ['accepted keys without effect', 'CONFIG_FILE_NAME: x\nLOG_LEVEL: DEBUG\nDEBUG: true\nEMOJIS: false\nautoload_enrichments: false\nenrichments: []\n', {}],
    ['stage names YAML 1.1 would read as booleans', 'stages: [y, n, yes, on]', {stages: ['y', 'n', 'yes', 'on']}],
  ];
  for (const [label, text, expected] of accepted) {
    it(`accepts ${label}`, () => assert.deepEqual(parse(text), {...DEFAULT_CONFIG, ...expected}));
  }

  const rejected: [string, string][] = [
    ['a lowercase index key', 'index: my.yaml'],
    ['an uppercase STAGES key', 'STAGES: [dev]'],
    ['an unknown key', 'WRONG_CONFIG: 1'],
    ['invalid YAML (case 071)', 'stages: [dev, prod'],
    ['a list document', '- dev\n- prod\n'],
    ['a scalar document', 'stages'],
    ['an invalid stage name', 'stages: [dev, "###"]'],
    ['an invalid type name', 'types: [bad type]'],
    ['a stage that is not a string', 'stages: [1]'],
    ['stages that are not a list', 'stages: dev'],
    ['a non-string INDEX', 'INDEX: 5'],
    ['a null INDEX', 'INDEX:'],
    ['a non-boolean EMOJIS', 'EMOJIS: maybe'],
    ['duplicate keys', 'stages: [a]\nstages: [b]'],
    ['enrichments that are not a list', 'enrichments: {}'],
  ];
  for (const [label, text] of rejected) it(`rejects ${label} with Wrong config file`, () => assert.throws(() => parse(text), wrong));

  it('ignores the EMOJIS key in the file (§4.0)', () => {
    assert.equal(parse('EMOJIS: false').emojis, true);
  });
});

describe('GTO_* environment overrides (§6.1)', () => {
  it('GTO_STAGES (JSON) overrides the file (§9 #41)', () => {
    assert.deepEqual(parse('stages: [dev, prod]', {GTO_STAGES: '["qa"]'}).stages, ['qa']);
  });

  it('matches variable names case-insensitively', () => {
    assert.equal(parse(null, {gto_index: 'my.yaml'}).index, 'my.yaml');
    assert.deepEqual(parse(null, {Gto_Types: '["model"]'}).types, ['model']);
  });

  it('GTO_INDEX is taken verbatim', () => {
    assert.equal(parse('INDEX: a.yaml', {GTO_INDEX: 'b.yaml'}).index, 'b.yaml');
  });

  const emojis: [string, boolean][] = [['false', false], ['0', false], ['no', false], ['OFF', false], ['true', true], ['1', true], ['Yes', true]];
  for (const [value, expected] of emojis) {
    it(`GTO_EMOJIS=${value} turns emojis ${expected ? 'on' : 'off'}`, () => assert.equal(parse(null, {GTO_EMOJIS: value}).emojis, expected));
  }

  it('GTO_STAGES=null means any stage', () => {
    assert.equal(parse('stages: [dev]', {GTO_STAGES: 'null'}).stages, null);
  });

  it('a value for a key also in a broken-typed file wins over it', () => {
    assert.equal(parse('INDEX: 5', {GTO_INDEX: 'ok.yaml'}).index, 'ok.yaml');
  });

  const bad: [string, string][] = [
    ['GTO_STAGES', 'qa'],
    ['GTO_STAGES', '"qa"'],
    ['GTO_STAGES', '["bad name"]'],
    ['GTO_STAGES', '[1]'],
    ['GTO_EMOJIS', 'maybe'],
    ['GTO_DEBUG', 'sure'],
    ['GTO_ENRICHMENTS', '{'],
  ];
  for (const [name, value] of bad) {
    it(`reports a malformed ${name}=${value} in one line naming the variable`, () => {
      assert.throws(
        () => parse(null, {[name]: value}),
        (error: unknown) => error instanceof GtoError && error.message.includes(name) && !error.message.includes('\n'),
      );
    });
  }

  it('ignores unrelated variables', () => {
    assert.deepEqual(parse(null, {GTO_UNKNOWN: 'x', PATH: '/bin', GIT_DIR: 'y'}), DEFAULT_CONFIG);
  });
});
