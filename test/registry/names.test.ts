import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {invalidNameMessage, isFullName, isSimpleName, nameFromTagForm, nameToTagForm} from '../../source/registry/names.js';

describe('simple names (§2.1)', () => {
  const valid = ['1', 'm', 'nn', 'm1', '1nn', 'model-prod', 'model-prod-v1', 'model_prod_v1', 'dvclive/model', 'model_A', 'DVCLive/Model', 'a//b', 'a--b'];
  const invalid = ['', 'm/', '/m', '###', '@@@', 'a model', '_model', '-model', 'model-', 'model@1', 'model#1', '@namespace/model', 'a.b', 'a:b', 'a=b', 'a!'];
  for (const name of valid) it(`accepts ${JSON.stringify(name)}`, () => assert.equal(isSimpleName(name), true));
  for (const name of invalid) it(`rejects ${JSON.stringify(name)}`, () => assert.equal(isSimpleName(name), false));
});

describe('full names (§2.2)', () => {
  const valid = ['model', 'dvclive:model', 'some/folder:some/model', 'some/Other_Folder:some/model', '.a-_/:m'];
  const invalid = ['a:b:c', ':model', 'dir:', 'dir:_m', 'di r:m', 'a=b'];
  for (const name of valid) it(`accepts ${JSON.stringify(name)}`, () => assert.equal(isFullName(name), true));
  for (const name of invalid) it(`rejects ${JSON.stringify(name)}`, () => assert.equal(isFullName(name), false));

  it('writes the directory separator as = in tag names and back', () => {
    assert.equal(nameToTagForm('some/folder:some/model'), 'some/folder=some/model');
    assert.equal(nameFromTagForm('some/folder=some/model'), 'some/folder:some/model');
    assert.equal(nameToTagForm('model'), 'model');
  });

  it('keeps GTO wording, including the false len >= 2 claim', () => {
    assert.equal(
      invalidNameMessage('a b'),
      "Invalid value 'a b'. Only letters, numbers, '_', '-', '/' are allowed. Value must be of len >= 2 and must start and end with a letter or a number.",
    );
  });
});
