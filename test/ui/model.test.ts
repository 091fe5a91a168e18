import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {discover} from '../../source/git/repository.js';
import {loadRegistry, type Loaded} from '../../source/load.js';
import {buildGridModel, columnWidths, isUnpushed, visibleColumns, visibleRows} from '../../source/ui/grid.js';
import {newAssignForm} from '../../source/ui/forms.js';
import {scrollTop, bodyRows, isTooSmall} from '../../source/ui/layout.js';
import {activeBindings, findBinding, helpRows, BINDINGS} from '../../source/ui/keymap.js';
import {selectUnpushed, selectUnpushedTags} from '../../source/ui/selectors.js';
import {createStore, currentMode, initialState, reducer} from '../../source/ui/store.js';
import {T0, applyTestEnv, commit, makeRepo, removeTempDirs, tag} from '../helpers/repo.js';
import {makeFixture} from './fixture.js';

applyTestEnv();
after(removeTempDirs);

const load = async (dir: string): Promise<Loaded> => loadRegistry((await discover(dir))!, process.env);

describe('grid model', () => {
  let loaded: Loaded;
  before(async () => {
    loaded = await load(makeFixture().repo);
  });

  test('columns are name, latest, then the .gto stages in their order', () => {
    const model = buildGridModel(loaded.registry, loaded.config, loaded.head);
    assert.deepEqual(model.columns.map((c) => c.title), ['name', 'latest', '#dev', '#staging', '#prod']);
  });

  test('without .gto stages the columns are the stages in use, sorted', async () => {
    const repo = makeRepo();
    const c = commit(repo, 'one');
    tag(repo, 'm@v1.0.0', {target: c, time: T0 + 1});
    tag(repo, 'm#zeta#1', {target: c, time: T0 + 2});
    tag(repo, 'm#alpha#2', {target: c, time: T0 + 3});
    const l = await load(repo);
    assert.deepEqual(buildGridModel(l.registry, l.config, l.head).columns.map((col) => col.title), ['name', 'latest', '#alpha', '#zeta']);
  });

  test('rows are sorted by name; deprecated rows are hidden unless asked; cells carry the tags behind them', () => {
    const model = buildGridModel(loaded.registry, loaded.config, loaded.head);
    assert.deepEqual(model.rows.map((r) => r.name), ['churn', 'old', 'segment']);
    assert.deepEqual(visibleRows(model, false, '').map((r) => r.name), ['churn', 'segment']);
    assert.deepEqual(visibleRows(model, true, '').map((r) => r.name), ['churn', 'old', 'segment']);
    const churn = model.rows[0]!;
    assert.deepEqual(churn.cells.map((c) => c.text), ['churn', 'v1.1.0', 'v1.1.0', '-', 'v1.0.0']);
    assert.deepEqual(churn.cells[1]!.tags, ['churn@v1.1.0']);
    assert.deepEqual(churn.cells[4]!.tags, ['churn#prod#2']);
  });

  test('an artifact known only from artifacts.yaml is shown as *name', async () => {
    const repo = makeRepo();
    commit(repo, 'one', {'artifacts.yaml': 'loose: {}\n'});
    const l = await load(repo);
    const row = buildGridModel(l.registry, l.config, l.head).rows[0]!;
    assert.equal(row.label, '*loose');
    assert.equal(row.registered, false);
  });

  test('the filter matches names and artifacts.yaml labels, ignoring case', () => {
    const model = buildGridModel(loaded.registry, loaded.config, loaded.head);
    assert.deepEqual(visibleRows(model, false, 'SEG').map((r) => r.name), ['segment']);
    assert.deepEqual(visibleRows(model, false, 'tabul').map((r) => r.name), ['churn']);
    assert.deepEqual(visibleRows(model, false, 'nothing'), []);
  });

  test('a cell is unpushed when origin lacks one of its tags or has it at another commit; unknown before it answers', () => {
    const local = new Map([['a@v1', 'c1'], ['a#prod#1', 'c1']]);
    const cell = {text: 'v1', tags: ['a@v1'], version: 'v1'};
    const judge = (remote: Map<string, string> | null) => isUnpushed(cell, selectUnpushedTags(local, remote));
    assert.equal(judge(null), null);
    assert.equal(judge(new Map([['a@v1', 'c1']])), false);
    assert.equal(judge(new Map()), true, 'missing on origin');
    assert.equal(judge(new Map([['a@v1', 'c2']])), true, 'origin has the name at another commit');
    assert.equal(isUnpushed({text: '-', tags: [], version: null}, null), false);
    assert.deepEqual(
      selectUnpushed(local, new Map([['a@v1', 'c1'], ['a#prod#1', 'c9']]), () => true),
      ['a#prod#1'],
      'the push list offers the moved tag too',
    );
  });

  test('columns that do not fit scroll so the selected one stays visible; name is always first', () => {
    const widths = [10, 10, 10, 10, 10];
    assert.deepEqual(visibleColumns(widths, 0, 48, 2), [0, 1, 2, 3]);
    assert.deepEqual(visibleColumns(widths, 4, 48, 2), [0, 2, 3, 4]);
    const model = buildGridModel(loaded.registry, loaded.config, loaded.head);
    assert.deepEqual(columnWidths(model), [7, 6, 6, 8, 6], 'widest of title and every cell');
  });
});

describe('layout', () => {
  test('scrollTop moves the window only as far as needed to show the cursor', () => {
    assert.equal(scrollTop(0, 5, 10, 100), 0);
    assert.equal(scrollTop(0, 10, 10, 100), 1);
    assert.equal(scrollTop(20, 5, 10, 100), 5);
    assert.equal(scrollTop(95, 99, 10, 100), 90);
    assert.equal(scrollTop(3, 0, 10, 4), 0);
  });

  test('below 60×15 the terminal is too small; body rows come from the height', () => {
    assert.equal(isTooSmall({columns: 59, rows: 40}), true);
    assert.equal(isTooSmall({columns: 60, rows: 14}), true);
    assert.equal(isTooSmall({columns: 60, rows: 15}), false);
    assert.equal(bodyRows({columns: 80, rows: 24}), 18);
  });
});

describe('store and keymap', () => {
  const loadedState = async () => {
    const l = await load(makeFixture().repo);
    const snapshot = {config: l.config, registry: l.registry, head: l.head, tagTargets: new Map(l.tags.map((t) => [t.name, t.target]))};
    const store = createStore(initialState());
    store.dispatch({type: 'loaded', snapshot, model: buildGridModel(l.registry, l.config, l.head)});
    return store;
  };

  test('the grid cursor is clamped to the rows and columns that exist', async () => {
    const store = await loadedState();
    store.dispatch({type: 'grid/move', rows: 10, cols: 10});
    assert.deepEqual(store.getState().cursor, {row: 1, col: 4, top: 0});
    store.dispatch({type: 'grid/move', rows: -10, cols: -10});
    assert.deepEqual(store.getState().cursor, {row: 0, col: 0, top: 0});
  });

  test('the cursor stays on its artifact when deprecated rows appear', async () => {
    const store = await loadedState();
    store.dispatch({type: 'grid/move', rows: 1});
    store.dispatch({type: 'toggleDeprecated'});
    assert.equal(store.getState().cursor.row, 2, 'segment is third once old is shown');
  });

  test('modes stack: Esc returns to the screen below, never below the grid', () => {
    let state = initialState();
    state = reducer(state, {type: 'artifact/open', name: 'x'});
    state = reducer(state, {type: 'mode/enter', mode: 'help'});
    assert.equal(currentMode(state), 'help');
    state = reducer(reducer(state, {type: 'mode/back'}), {type: 'mode/back'});
    assert.equal(currentMode(state), 'grid');
    assert.equal(state.artifact, null);
    assert.equal(currentMode(reducer(state, {type: 'mode/back'})), 'grid');
  });

  test('the busy counter counts concurrent git work', () => {
    let state = reducer(initialState(), {type: 'busy', delta: 1, label: 'a'});
    state = reducer(state, {type: 'busy', delta: 1, label: 'b'});
    state = reducer(state, {type: 'busy', delta: -1});
    assert.equal(state.busy, 1);
    assert.equal(reducer(state, {type: 'busy', delta: -1}).busy, 0);
  });

  test('readonly removes every binding that writes, and help lists none of them', async () => {
    const store = await loadedState();
    const ro = {...store.getState(), readonly: true};
    assert.ok(activeBindings(store.getState()).some((b) => b.writes));
    assert.ok(!activeBindings(ro).some((b) => b.writes));
    assert.ok(!helpRows(ro, 'grid').some((r) => r.writes));
    assert.equal(findBinding(ro, 'r'), undefined);
    assert.equal(findBinding(ro, 'p'), undefined);
  });

  test('help lists every binding of the mode, from the same table the input handler reads', () => {
    const state = initialState();
    const described = new Set(BINDINGS.filter((b) => b.modes.includes('grid')).map((b) => b.description));
    assert.deepEqual(new Set(helpRows(state, 'grid').map((r) => r.description)), described);
  });

  test('on a picker step the keymap moves, picks and searches; on its search line letters and digits are typed', async () => {
    const store = await loadedState();
    const snapshot = store.getState().snapshot!;
    const form = newAssignForm(snapshot, 'churn', []);
    store.dispatch({type: 'form/open', form});
    const state = store.getState();
    for (const key of ['up', 'k']) assert.match(findBinding(state, key)?.description ?? '', /^previous choice/, key);
    for (const key of ['down', 'j']) assert.match(findBinding(state, key)?.description ?? '', /^next choice/, key);
    for (const key of ['1', '9']) assert.equal(findBinding(state, key)?.description, 'pick the n-th choice shown', key);
    assert.equal(findBinding(state, 'return')?.description, 'pick the highlighted choice');
    assert.match(findBinding(state, '/')?.description ?? '', /^search the choices/);
    assert.equal(findBinding(state, 'escape')?.description, 'previous step / cancel');
    store.dispatch({type: 'form/set', form: {...form, picker: {...form.picker, query: ''}}});
    const typing = store.getState();
    for (const key of ['j', 'k', '1', '/']) assert.equal(findBinding(typing, key), undefined, `${key} is typed on the search line`);
    assert.match(findBinding(typing, 'down')?.description ?? '', /^next choice/);
    assert.equal(findBinding(typing, 'return')?.description, 'pick the highlighted choice');
    assert.match(findBinding(typing, 'escape')?.description ?? '', /^close the search/);
    store.dispatch({type: 'form/set', form});
    const rows = helpRows(state, 'assign');
    assert.ok(rows.some((r) => r.label === '1-9' && r.description === 'pick the n-th choice shown'));
    store.dispatch({type: 'form/set', form: {...form, step: 'newStage'}});
    assert.equal(findBinding(store.getState(), 'return')?.description, 'next step / review', 'a text step submits');
  });

  test('in a text field printable keys type instead of running bindings', () => {
    const state = reducer(initialState(), {type: 'mode/enter', mode: 'filter'});
    assert.equal(findBinding(state, 'q'), undefined);
    assert.equal(findBinding(state, 'j'), undefined);
    assert.equal(findBinding(state, 'escape')?.description, 'clear the filter');
  });
});
