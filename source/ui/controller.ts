/**
 * Everything the UI does that is not drawing: loading, planning and applying writes, push,
 * fetch, undo. Each git job bumps the store's busy counter while it runs and reports its
 * outcome as an action, so input is never blocked and tests can wait until idle.
 */
import {printable} from '../output/messages.js';
import {parseTag} from '../registry/tag.js';
import {
  assignRequest,
  judgedStages,
  nameError,
  newAssignForm,
  newRegisterForm,
  registerRequest,
  registerVersionError,
  ruleRefusal,
  signedStageNote,
  stageError,
  versionSuggestions,
  withSuggestions,
  type AssignForm,
  type RegisterForm,
} from './forms.js';
import {buildTimeline} from '../registry/timeline.js';
import {buildGridModel} from './grid.js';
import {openTimeline as openTimelineView} from './timeline.js';
import {artifactDetails, artifactVersions} from './artifactView.js';
import {createCompareController} from './compareController.js';
import {selectUnpushed, selectVisibleRows} from './selectors.js';
import type {LostRace, PlannedTag, PlanOptions, PushResult, RemoteCheck, Services, WritePlan, WriteRequest} from './services.types.js';
import {createLiveController, DEFAULT_REMOTE_INTERVAL_SECONDS, type LiveOptions} from './liveController.js';
import {createPickerController, onPicker, searching} from './pickerController.js';
import {createSignatureController} from './signatureController.js';
import {fetchSummary} from './tagChanges.js';
import {currentMode, type Confirm, type PendingWrite, type State, type Store} from './store.js';

/** What a repository without commits answers to every write (a tag needs a commit to point at). */
export const NO_COMMITS = 'No commits yet: nothing to register until the first commit';

export type Controller = ReturnType<typeof createController>;

/** An error's whole text: its message, then what git printed when that says more (the `e` view shows it all). */
const errorText = (error: unknown): string => {
  const text = error instanceof Error ? error.message : String(error);
  const stderr = typeof error === 'object' && error !== null && 'stderr' in error && typeof error.stderr === 'string' ? error.stderr.trim() : '';
  return stderr === '' || stderr === text.trim() ? text : `${text}\n${stderr}`;
};

/** The first line that says something: the status line's summary of a longer text. */
export const firstLine = (text: string): string => text.split('\n').find((line) => line.trim() !== '') ?? text;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Whether two plans make the same tags (name, commit, message) and say the same. */
const samePlan = (a: Extract<WritePlan, {kind: 'plan'}>, b: Extract<WritePlan, {kind: 'plan'}>): boolean =>
  a.tags.length === b.tags.length &&
  a.tags.every((tag, i) => tag.tag === b.tags[i]!.tag && tag.target === b.tags[i]!.target && tag.message === b.tags[i]!.message) &&
  a.text.join('\n') === b.text.join('\n');

/** The options a confirmation was planned with, to plan it again as it was shown. */
const replanOptions = (confirm: Confirm): PlanOptions => ({
  ...(confirm.override === undefined ? {} : {force: true}),
  ...(confirm.ruleOverride === undefined ? {} : {ignoreRules: true}),
  ...(confirm.signRequired === undefined ? {} : {sign: true}),
});

/** The confirmation's lines for each tag a plan creates; a message of several lines (an overridden rule's) shows each. */
const tagLines = (tags: readonly PlannedTag[]): string[] =>
  tags.flatMap((tag) => {
    const [first = '', ...rest] = tag.message.trimEnd().split('\n');
    return [`tag     ${tag.tag}`, `commit  ${tag.target.slice(0, 7)}`, `message ${first}`, ...rest.map((line) => `        ${line}`), ''];
  });

const ADD_ORIGIN = '(git remote add origin URL adds one)';

/** After a write: how its tags get to origin, as far as the app knows origin. */
const unpushedNote = (state: State): string => {
  switch (state.remote.kind) {
    case 'none':
      return 'no origin to push to; u to undo';
    case 'error':
      return 'not pushed: origin unreachable; u to undo';
    default:
      return 'not pushed: p to push, u to undo';
  }
};

const quoted = (tags: readonly string[]): string => tags.map((t) => `'${t}'`).join(', ');

/**
 * The status line for malformed dvc.yaml files at HEAD: the first problem, and how many more
 * (`doctor --dvc` lists them). The text comes from the repository: escaped.
 */
export const dvcProblemsText = (problems: readonly string[]): string =>
  printable(problems[0] ?? '') + (problems.length > 1 ? ` (and ${problems.length - 1} more: gto-tui doctor --dvc lists them)` : '');

export const isRegistryTag = (name: string): boolean => {
  const parsed = parseTag(name);
  return parsed !== null && parsed.action !== 'created';
};

export type ControllerOptions = Partial<LiveOptions>;

export const createController = (store: Store, services: Services, options: ControllerOptions = {}) => {
  const {dispatch, getState} = store;
  const compare = createCompareController(store, services);
  const signatures = createSignatureController(store, services);

  /** Run git work with the busy counter up; failures land on the status line. */
  const job = async <T>(label: string, work: () => Promise<T>): Promise<T | undefined> => {
    dispatch({type: 'busy', delta: 1, label});
    try {
      return await work();
    } catch (error) {
      dispatch({type: 'status', status: {kind: 'error', text: errorText(error)}});
      return undefined;
    } finally {
      dispatch({type: 'busy', delta: -1});
    }
  };

  /** When the last read of the tags started: a ref change seen before it is already in what it read. */
  let lastReadStarted = -Infinity;

  const readOnce = (): Promise<void> =>
    job('Reading tags', async () => {
      lastReadStarted = performance.now();
      const before = getState().snapshot?.dvcProblems ?? [];
      const rulesBefore = getState().snapshot?.rules;
      const snapshot = await services.load();
      dispatch({type: 'loaded', snapshot, model: buildGridModel(snapshot.registry, snapshot.config, snapshot.head)});
      // said once, not after every reload (it would hide what a write just reported)
      const problems = snapshot.dvcProblems ?? [];
      if (problems.length > 0 && problems.join('\n') !== before.join('\n')) {
        dispatch({type: 'status', status: {kind: 'error', text: dvcProblemsText(problems)}});
      }
      // a rules file nobody can read refuses every assignment: said once, as the dvc.yaml problems
      const rules = snapshot.rules;
      if (rules?.kind === 'malformed' && (rulesBefore?.kind !== 'malformed' || rulesBefore.message !== rules.message)) {
        dispatch({type: 'status', status: {kind: 'error', text: printable(rules.message)}});
      }
    }).then(() => signatures.refreshSignatures());

  let reading: Promise<void> | null = null;
  let queued: Promise<void> | null = null;

  /**
   * Read the tags again. One read at a time: asked while one runs, one more read follows it
   * (however many asked meanwhile), so a slow read can never land after a newer one, and every
   * caller's promise settles after a read that started after it asked.
   */
  const reload = (): Promise<void> => {
    if (reading === null) {
      reading = readOnce().finally(() => {
        reading = null;
      });
      return reading;
    }
    queued ??= reading.then(() => {
      queued = null;
      return reload();
    });
    return queued;
  };

  /** The confirmation's signing default, git's tag.gpgSign (read once, as git work: tests wait for it). */
  let signDefault: Promise<boolean> | null = null;
  const signsByDefault = (): Promise<boolean> =>
    (signDefault ??= job('Reading tag.gpgSign', () => services.signsByDefault()).then((sign) => sign === true));

  /**
   * Ask origin for its tags (one ls-remote). `automatic`: not asked for by the user (opening,
   * `R`), so never under --no-remote, and run with none of the repository's programs;
   * `for-write`: before or after a push or fetch the user asked for, with the repository's settings.
   */
  let askingAutomatically: Promise<void> | null = null;

  const refreshRemote = (check: RemoteCheck = 'automatic'): Promise<void> => {
    // asked by itself (the timer, R) while it is being asked anyway: that answer will do
    if (check === 'automatic' && askingAutomatically !== null) return askingAutomatically;
    const asking = askRemote(check);
    if (check === 'automatic') {
      askingAutomatically = asking.finally(() => {
        askingAutomatically = null;
      });
      return askingAutomatically;
    }
    return asking;
  };

  const askRemote = async (check: RemoteCheck): Promise<void> => {
    const state = getState();
    if (state.info !== null && state.info.origin === null) {
      dispatch({type: 'remote', remote: {kind: 'none'}});
      return;
    }
    if (check === 'automatic' && state.noRemote && state.remote.kind !== 'known') {
      dispatch({type: 'remote', remote: {kind: 'off'}});
      return;
    }
    // asked again, what origin said last stays on screen until it answers (no `?` on every
    // cell once a minute); the header's spinner says it is being asked
    if (state.remote.kind !== 'known' && state.remote.kind !== 'error') dispatch({type: 'remote', remote: {kind: 'checking'}});
    dispatch({type: 'busy', delta: 1, label: 'Asking origin for its tags'});
    try {
      const tags = await services.remoteTags(check);
      dispatch({type: 'remote', remote: {kind: 'known', tags}});
    } catch (error) {
      dispatch({type: 'remote', remote: {kind: 'error', message: errorText(error)}});
    } finally {
      dispatch({type: 'busy', delta: -1});
    }
  };

  const refreshInfo = async (): Promise<void> => {
    const info = await job('Opening repository', () => services.info());
    if (info) dispatch({type: 'info', info});
  };

  const picker = createPickerController(store, services, () => submitForm());

  const live = createLiveController(store, services, {reload, refreshInfo, refreshRemote, lastReadStarted: () => lastReadStarted}, {
    remoteIntervalMs: options.remoteIntervalMs ?? DEFAULT_REMOTE_INTERVAL_SECONDS * 1000,
  });

  const start = async (): Promise<void> => {
    // the tags are read while the branch and origin are looked up; the remote answers in the
    // background: the grid shows as soon as the local tags are read
    const loading = reload();
    await refreshInfo();
    const remote = refreshRemote('automatic');
    // a slow origin must not keep local changes from showing
    await loading;
    live.startWatching();
    await remote;
    live.startPolling();
  };

  /** The app is closing: no more watching, no more asking origin, no git log left open. */
  const stop = (): void => {
    live.stopLive();
    picker.stopPicker();
  };

  const fail = (text: string): void => dispatch({type: 'status', status: {kind: 'error', text}});

  const selectedRow = (state: State) => selectVisibleRows(state)[state.cursor.row];

  /** The artifact the current screen is about: the panel's, or the grid row's. */
  const selectedArtifact = (state: State): string | null =>
    currentMode(state) === 'artifact' && state.artifact ? state.artifact.name : (selectedRow(state)?.name ?? null);

  const openRegister = async (newName: boolean): Promise<void> => {
    const state = getState();
    if (!state.snapshot) return;
    if (state.snapshot.head === null) return fail(NO_COMMITS);
    const name = newName ? null : selectedArtifact(state);
    const {commits, more} = await picker.openCommits();
    if (commits.length === 0) return fail(NO_COMMITS);
    dispatch({type: 'form/open', form: newRegisterForm(state.snapshot, name, commits, more)});
    picker.adoptLog();
  };

  const openAssign = async (stage: string | null = null): Promise<void> => {
    const state = getState();
    if (state.snapshot?.head === null) return fail(NO_COMMITS);
    const name = selectedArtifact(state);
    if (!state.snapshot || name === null) {
      dispatch({type: 'status', status: {kind: 'error', text: 'Select an artifact first (or press N to register a new one)'}});
      return;
    }
    let version: string | null = null;
    if (currentMode(state) === 'artifact' && state.artifact) {
      version = artifactVersions(state.snapshot.registry, state.artifact.name)[state.artifact.cursor]?.version ?? null;
    }
    const {commits, more} = await picker.openCommits();
    const form = newAssignForm(state.snapshot, name, commits, {version, stage}, more);
    // a refusal said first: the log opened for the form goes with it (closed by the next openCommits)
    if (stage !== null && !ruleHeardOut(form, stage)) return;
    dispatch({type: 'form/open', form});
    picker.adoptLog();
  };

  /** The grid cell whose rule refusal was just said: Enter on it again opens the form. */
  let ruleSaid: string | null = null;

  /**
   * Enter on a grid cell whose stage the promotion rules refuse the version the form would
   * start with: first say why (the form's stage picker marks it too), and open the form on the
   * next Enter there — where the confirmation offers to assign anyway.
   */
  const ruleHeardOut = (form: AssignForm, stage: string): boolean => {
    const snapshot = getState().snapshot;
    const choice = form.versions[form.versionIndex];
    const refusal = snapshot && choice ? ruleRefusal(snapshot, form.name, choice, stage, services.now()) : null;
    // not the refusal's words: "only 45m ago" may read 46m by the second Enter
    const cell = `${form.name}\u0000${stage}\u0000${choice?.commit ?? ''}`;
    if (refusal === null || ruleSaid === cell) {
      ruleSaid = null;
      return true;
    }
    ruleSaid = cell;
    fail(`${refusal} (Enter again: assign anyway)`);
    return false;
  };

  /**
   * Plan `request` and show the confirmation: `notes` first, then the exact tags. A refusal the
   * command line overrides (`--force`, `--ignore-rules`) is offered, explicitly, as that override
   * rather than a dead end; a stage whose rule asks for signed assignments signs, always.
   */
  const planAndConfirm = async (request: WriteRequest, title: string, destructive: boolean, notes: readonly string[] = []): Promise<boolean> => {
    const signRequired = request.kind === 'assign' ? signedStageNote(getState().snapshot, request.stage) : null;
    let options: PlanOptions = signRequired === null ? {} : {sign: true};
    let asked = await job('Planning', () => services.plan(request, options));
    if (!asked) return false;
    const first = asked.kind === 'refused' ? asked.message : null;
    let override: string | undefined;
    let ruleOverride: string | undefined;
    while (asked.kind === 'refused') {
      if (asked.rule === true && !options.ignoreRules) {
        ruleOverride = asked.message.trim();
        options = {...options, ignoreRules: true};
      } else if (asked.rule !== true && !options.force) {
        override = asked.message.trim();
        options = {...options, force: true};
      } else {
        fail(first!);
        return false;
      }
      const current = options;
      asked = await job('Planning', () => services.plan(request, current));
      if (!asked) return false;
    }
    const plan = asked;
    const overridden = override !== undefined || ruleOverride !== undefined;
    const confirm: Confirm = {
      title: overridden ? `${title} (override)` : title,
      lines: [...notes, ...tagLines(plan.tags), ...plan.text],
      pending: {kind: 'apply', request, plan, title},
      focus: destructive || overridden ? 'cancel' : 'confirm',
      mode: destructive ? 'deprecate' : 'confirm',
      ...(override === undefined ? {} : {override}),
      ...(ruleOverride === undefined ? {} : {ruleOverride}),
      ...(plan.tags.length === 0 ? {} : signRequired === null ? {sign: await signsByDefault()} : {sign: true, signRequired}),
    };
    dispatch({type: 'status', status: null});
    dispatch({type: 'confirm/open', confirm});
    if (request.kind === 'assign') void compare.summarizeAssign(request, plan, confirm.pending);
    return true;
  };

  /** Enter on a form: next step, or plan and confirm on the last one. */
  const submitForm = async (): Promise<void> => {
    const state = getState();
    const form = state.form;
    if (!form || !state.snapshot) return;
    if (form.kind === 'register') return submitRegister(form, state);
    return submitAssign(form);
  };

  const submitRegister = async (form: RegisterForm, state: State): Promise<void> => {
    const snapshot = state.snapshot!;
    const fail = (text: string) => dispatch({type: 'status', status: {kind: 'error', text}});
    switch (form.step) {
      case 'name': {
        const error = nameError(form.name);
        if (error) return fail(error);
        dispatch({type: 'form/set', form: withSuggestions({...form, step: 'commit'}, snapshot)});
        return;
      }
      case 'commit':
        if (form.commits.length === 0) return fail('The repository has no commits to register');
        dispatch({type: 'form/set', form: {...form, step: 'version'}});
        return;
      case 'version': {
        const error = registerVersionError(form, snapshot);
        if (error) return fail(error);
        dispatch({type: 'status', status: null});
        dispatch({type: 'form/set', form: {...form, step: 'message'}});
        return;
      }
      case 'message':
        await planAndConfirm(registerRequest(form), `Register ${form.name} ${form.version}`, false);
        return;
    }
  };

  const submitAssign = async (form: AssignForm): Promise<void> => {
    const fail = (text: string) => dispatch({type: 'status', status: {kind: 'error', text}});
    if (form.step === 'version') {
      if (form.versions.length === 0) return fail('Nothing to assign: no versions and no commits');
      // the stage picker marks the stages the promotion rules refuse the chosen version
      const snapshot = getState().snapshot;
      dispatch({type: 'form/set', form: {...form, step: 'stage', stages: snapshot ? judgedStages(form, snapshot, services.now()) : form.stages}});
      return;
    }
    if (form.step === 'stage' && form.stages[form.stageIndex]?.stage === null) {
      dispatch({type: 'form/set', form: {...form, step: 'newStage'}});
      return;
    }
    if (form.step === 'newStage') {
      const error = stageError(form.newStage);
      if (error) return fail(error);
    }
    const request = assignRequest(form);
    if (!request || request.kind !== 'assign') return;
    await planAndConfirm(request, `Assign ${form.name} → ${request.stage}`, false);
  };

  /** Esc on a form: one step back, or leave the form. */
  const formBack = (): void => {
    const form = getState().form;
    if (form?.kind === 'register') {
      const order: RegisterForm['step'][] = form.nameFixed ? ['commit', 'version', 'message'] : ['name', 'commit', 'version', 'message'];
      const i = order.indexOf(form.step);
      if (i > 0) return dispatch({type: 'form/set', form: {...form, step: order[i - 1]!}});
    }
    if (form?.kind === 'assign' && form.step !== 'version') {
      return dispatch({type: 'form/set', form: {...form, step: form.step === 'newStage' ? 'stage' : 'version'}});
    }
    dispatch({type: 'status', status: null});
    dispatch({type: 'mode/back'});
  };

  const cycleSuggestion = (): void => {
    const state = getState();
    const form = state.form;
    if (form?.kind !== 'register' || !state.snapshot) return;
    const suggestions = versionSuggestions(state.snapshot.registry.artifacts.get(form.name));
    // a typed version (index -1) starts the cycle again from the first suggestion
    const index = (form.suggestionIndex + 1) % suggestions.length;
    dispatch({type: 'form/set', form: {...form, suggestionIndex: index, version: suggestions[index]!.version}});
  };

  /** Deregistering a version takes it out of the stages it holds: the confirmation names them. */
  const deregister = (state: State, name: string, version: string): Promise<boolean> => {
    const details = state.snapshot ? artifactDetails(state.snapshot.registry, name, state.snapshot.head) : null;
    const stages = details?.versions.find((row) => row.version.version === version)?.stages ?? [];
    const notes = stages.length === 0 ? [] : [`${version} leaves stage${stages.length === 1 ? '' : 's'} ${stages.join(', ')}`, ''];
    return planAndConfirm({kind: 'deregister', name, version}, `Deregister ${name} ${version}`, true, notes);
  };

  /** `x`: deprecate, deregister or unassign, depending on what is selected. */
  const requestRemoval = async (): Promise<void> => {
    const state = getState();
    if (!state.snapshot || !state.model) return;
    if (currentMode(state) === 'artifact' && state.artifact) {
      const version = artifactVersions(state.snapshot.registry, state.artifact.name)[state.artifact.cursor];
      if (!version || version.registrations.length === 0) {
        dispatch({type: 'status', status: {kind: 'error', text: 'Only a registered version can be deregistered'}});
        return;
      }
      await deregister(state, state.artifact.name, version.version);
      return;
    }
    const row = selectedRow(state);
    if (!row) return;
    const column = state.model.columns[state.cursor.col];
    const cell = row.cells[state.cursor.col];
    if (!column || column.kind === 'name') {
      await planAndConfirm({kind: 'deprecate', name: row.name}, `Deprecate ${row.name}`, true);
    } else if (column.kind === 'latest') {
      if (!cell?.version) return dispatch({type: 'status', status: {kind: 'error', text: `${row.name} has no registered version`}});
      await deregister(state, row.name, cell.version);
    } else {
      if (!cell?.version) return dispatch({type: 'status', status: {kind: 'error', text: `No version of ${row.name} is in stage '${column.stage}'`}});
      await planAndConfirm(
        {kind: 'unassign', name: row.name, version: cell.version, stage: column.stage},
        `Unassign ${column.stage} from ${row.name} ${cell.version}`,
        true,
      );
    }
  };

  /** Leave the confirmation and the form that led to it. */
  const closeWriteScreens = (): void => {
    for (;;) {
      const mode = currentMode(getState());
      if (mode !== 'confirm' && mode !== 'deprecate' && mode !== 'register' && mode !== 'assign') return;
      dispatch({type: 'mode/back'});
    }
  };

  /**
   * Another writer took our counter tag on origin (ops/race.ts): our copy is dropped, origin's
   * tags fetched, and the same write planned again with the next free counter, which is shown
   * for confirmation rather than pushed behind the user's back.
   */
  const retryLostRace = async (lost: LostRace): Promise<void> => {
    const retry = await job(`'${lost.tag}' is taken on origin: fetching its tags`, () => services.retryRace(lost));
    if (!retry) return;
    if (retry.kind === 'kept') {
      dispatch({type: 'status', status: {kind: 'error', text: `Push of '${retry.taken}' refused; ${retry.message} (the local tag is kept)`}});
      return;
    }
    if (retry.kind === 'dropped') {
      dispatch({
        type: 'status',
        status: {kind: 'error', text: `'${retry.taken}' was taken on origin by another writer; its local copy was removed: ${retry.message}`},
      });
      await reload();
      return;
    }
    await reload();
    // the retry was planned as signed (services.ts replanStep): a signed: true stage keeps it so
    const stage = retry.plan.tags.map((t) => parseTag(t.tag)).find((parsed) => parsed?.action === 'assign');
    const signRequired = stage?.action === 'assign' ? signedStageNote(getState().snapshot, stage.stage) : null;
    dispatch({
      type: 'confirm/open',
      confirm: {
        title: `'${retry.taken}' was taken on origin by another writer — retry as '${retry.retryAs}'?`,
        lines: [...tagLines(retry.plan.tags), ...retry.plan.text, `Confirm creates ${quoted(retry.plan.tags.map((t) => t.tag))} and pushes it to origin.`],
        pending: {kind: 'race', taken: retry.taken, plan: retry.plan},
        focus: 'confirm',
        mode: 'confirm',
        ...(signRequired === null ? {sign: await signsByDefault()} : {sign: true, signRequired}),
      },
    });
  };

  /**
   * The tags a confirmation shows were planned when it opened; the registry may have changed
   * since (another writer, a fetch). Planned again now: the same tags are written; other tags
   * are shown again for confirmation; a write now refused is not done.
   */
  const stillPlanned = async (confirm: Confirm, pending: Extract<PendingWrite, {kind: 'apply'}>): Promise<boolean> => {
    const fresh = await job('Planning', () => services.plan(pending.request, replanOptions(confirm)));
    if (!fresh) return false;
    if (fresh.kind === 'plan' && samePlan(fresh, pending.plan)) return true;
    dispatch({type: 'mode/back'});
    const changed = 'The registry changed since this was shown';
    if (fresh.kind === 'refused') {
      closeWriteScreens();
      fail(`Not written, the registry changed: ${fresh.message.trim()}`);
      return false;
    }
    await planAndConfirm(pending.request, pending.title, confirm.mode === 'deprecate', [`${changed}: these are the tags now.`, '']);
    return false;
  };

  const accept = async (): Promise<void> => {
    const confirm = getState().confirm;
    if (!confirm) return;
    const pending = confirm.pending;
    if (pending.kind === 'quit') return dispatch({type: 'quit'});
    if (pending.kind === 'apply' && !(await stillPlanned(confirm, pending))) return;
    closeWriteScreens();
    if (pending.kind === 'undo') {
      const done = await job('Deleting tags', async () => {
        await services.deleteTags(pending.tags);
        return true;
      });
      if (!done) return;
      dispatch({type: 'operation/remove', id: pending.operation});
      dispatch({type: 'status', status: {kind: 'ok', text: `Undone: deleted ${quoted(pending.tags)}`}});
      await reload();
      return;
    }
    const result = await job('Creating tags', () => services.apply(pending.plan, {sign: confirm.sign === true}));
    if (!result) return;
    if (result.created.length > 0) dispatch({type: 'operation/add', title: confirm.title, tags: result.created});
    if (result.kind === 'push-failed') {
      // only in a temporary clone, which pushes each tag as it is made
      if (result.lost !== null) return retryLostRace(result.lost);
      dispatch({type: 'status', status: {kind: 'error', text: result.message}});
    } else if (pending.kind === 'race') {
      await reload();
      await pushTagsNow(result.created, `Pushed ${quoted(result.created)} to origin ('${pending.taken}' was taken by another writer)`);
      return;
    } else {
      dispatch({type: 'status', status: {kind: 'ok', text: `Created ${quoted(result.created)} (${unpushedNote(getState())})`}});
    }
    await reload();
  };

  const cancel = (): void => {
    const pending = getState().confirm?.pending;
    dispatch({type: 'mode/back'});
    if (pending?.kind === 'quit') return;
    const text =
      pending?.kind === 'race'
        ? `Not retried: '${pending.taken}' was taken on origin by another writer; its local copy was removed and origin's tags fetched`
        : 'Cancelled: nothing was written';
    dispatch({type: 'status', status: {kind: 'info', text}});
  };

  const remoteTags = (state: State): ReadonlyMap<string, string> | null => (state.remote.kind === 'known' ? state.remote.tags : null);

  const openPush = async (): Promise<void> => {
    let state = getState();
    if (state.remote.kind === 'none') {
      dispatch({type: 'status', status: {kind: 'error', text: `No remote 'origin' to push to ${ADD_ORIGIN}`}});
      return;
    }
    if (state.remote.kind !== 'known') await refreshRemote('for-write');
    state = getState();
    const remote = remoteTags(state);
    if (remote === null || !state.snapshot) {
      if (state.remote.kind === 'error') dispatch({type: 'status', status: {kind: 'error', text: state.remote.message}});
      return;
    }
    const tags = selectUnpushed(state.snapshot.tagTargets, remote, isRegistryTag);
    if (tags.length === 0) {
      dispatch({type: 'status', status: {kind: 'info', text: 'Every registry tag is on origin: nothing to push'}});
      return;
    }
    const elsewhere = new Map<string, string>();
    for (const tag of tags) {
      const there = remote.get(tag);
      if (there !== undefined) elsewhere.set(tag, there);
    }
    dispatch({type: 'push/open', tags, elsewhere});
  };

  /**
   * Push `tags`; a lost counter race leads to a retry confirmation, any other refusal shows
   * git's error (on the push screen when it is open). `done` is the status line on success.
   */
  const pushTagsNow = async (tags: readonly string[], done = `Pushed ${plural(tags.length, 'tag')} to origin`): Promise<void> => {
    const onScreen = currentMode(getState()) === 'push';
    dispatch({type: 'busy', delta: 1, label: 'Pushing'});
    let result: PushResult;
    try {
      result = await services.push(tags);
    } catch (error) {
      result = {kind: 'failed', message: errorText(error), refused: [], lost: []};
    } finally {
      dispatch({type: 'busy', delta: -1});
    }
    if (result.kind === 'failed') {
      const races = new Set(result.lost.map((lost) => lost.tag));
      const first = result.lost[0];
      // a simple-name tag origin already has is a real conflict: git's error verbatim, the local tag kept
      if (first === undefined || result.refused.some((tag) => !races.has(tag))) {
        if (onScreen) dispatch({type: 'push/progress', progress: null, error: result.message});
        else dispatch({type: 'status', status: {kind: 'error', text: result.message}});
        return;
      }
      dispatch({type: 'operation/pushed', tags: tags.filter((tag) => !result.refused.includes(tag))});
      if (currentMode(getState()) === 'push') dispatch({type: 'mode/back'});
      await retryLostRace(first);
      await refreshRemote('for-write');
      return;
    }
    dispatch({type: 'operation/pushed', tags});
    if (currentMode(getState()) === 'push') dispatch({type: 'mode/back'});
    dispatch({type: 'status', status: {kind: 'ok', text: done}});
    await refreshRemote('for-write');
  };

  const pushChosen = async (): Promise<void> => {
    const push = getState().push;
    if (!push) return;
    const tags = push.tags.filter((tag) => push.chosen.has(tag));
    if (tags.length === 0) {
      dispatch({type: 'push/progress', progress: null, error: 'Nothing chosen: Space toggles a tag'});
      return;
    }
    dispatch({type: 'push/progress', progress: `Pushing ${plural(tags.length, 'tag')} to origin…`});
    await pushTagsNow(tags);
  };

  const fetch = async (): Promise<void> => {
    if (getState().remote.kind === 'none') {
      dispatch({type: 'status', status: {kind: 'error', text: `No remote 'origin' to fetch from ${ADD_ORIGIN}`}});
      return;
    }
    const result = await job('Fetching tags from origin', () => services.fetch());
    if (!result) return;
    // said once the grid shows what it says came
    await reload();
    dispatch({type: 'status', status: {kind: 'ok', text: fetchSummary(result.changes, result.conflicts)}});
    await refreshRemote('for-write');
  };

  const undo = (): void => {
    const state = getState();
    const remote = remoteTags(state);
    const operation = [...state.operations].reverse().find((op) => !op.pushed && !(remote && op.tags.some((t) => remote.has(t))));
    if (!operation) {
      dispatch({type: 'status', status: {kind: 'info', text: 'Nothing to undo: no unpushed write in this session'}});
      return;
    }
    dispatch({
      type: 'confirm/open',
      confirm: {
        title: `Undo: ${operation.title}`,
        lines: ['Delete these local tags:', ...operation.tags.map((t) => `  ${t}`)],
        pending: {kind: 'undo', operation: operation.id, tags: operation.tags},
        focus: 'cancel',
        mode: 'confirm',
      },
    });
  };

  /** `t`: the timeline, from a fresh read of the tags (each step after it runs no git). */
  const openTimeline = async (): Promise<void> => {
    const view = await job('Reading the journal', async () => {
      const input = await services.records();
      return openTimelineView(buildTimeline(input), input.config);
    });
    if (view === null) dispatch({type: 'status', status: {kind: 'info', text: 'No registry events yet: there is no past to look at'}});
    else if (view !== undefined) dispatch({type: 'timeline/open', view});
  };

  const editText = (edit: (text: string) => string): void => {
    const state = getState();
    if (searching(state)) return picker.editQuery(edit);
    const mode = currentMode(state);
    if (mode === 'moment' && state.timeline) {
      dispatch({type: 'timeline/type', text: edit(state.timeline.typed)});
      return;
    }
    if (mode === 'filter') {
      dispatch({type: 'filter/set', text: edit(state.filter)});
      return;
    }
    const form = state.form;
    if (form?.kind === 'register') {
      if (form.step === 'name') dispatch({type: 'form/set', form: {...form, name: edit(form.name)}});
      else if (form.step === 'version') dispatch({type: 'form/set', form: {...form, version: edit(form.version), suggestionIndex: -1}});
      else if (form.step === 'message') dispatch({type: 'form/set', form: {...form, message: edit(form.message)}});
    } else if (form?.kind === 'assign' && form.step === 'newStage') {
      dispatch({type: 'form/set', form: {...form, newStage: edit(form.newStage)}});
    }
  };

  /**
   * Tags this run made that are not on origin: not pushed from here, and (when origin's tags
   * are known) not there at the same object. Nothing to ask about without an origin at all.
   */
  const unpushedThisRun = (state: State): string[] => {
    if (state.remote.kind === 'none') return [];
    const remote = remoteTags(state);
    const local = state.snapshot?.tagTargets;
    return state.operations
      .filter((op) => !op.pushed)
      .flatMap((op) => op.tags)
      .filter((tag) => {
        const here = local?.get(tag);
        if (local !== undefined && here === undefined) return false; // deleted since
        return remote === null || remote.get(tag) !== here;
      });
  };

  /** `q`: leave the app; first, once, name the tags this run made and did not push. */
  const requestQuit = (): void => {
    const state = getState();
    const tags = unpushedThisRun(state);
    if (tags.length === 0) {
      dispatch({type: 'quit'});
      return;
    }
    // one confirmation at a time: a write waiting for its answer is dropped (the too-small screen's q)
    const mode = currentMode(state);
    if (mode === 'confirm' || mode === 'deprecate') closeWriteScreens();
    dispatch({
      type: 'confirm/open',
      confirm: {
        title: `Quit with ${plural(tags.length, 'tag')} not pushed?`,
        lines: ['Made in this run and not on origin:', ...tags.map((t) => `  ${t}`), '', 'They stay in this repository either way; p pushes them.'],
        pending: {kind: 'quit', tags},
        focus: 'cancel',
        mode: 'confirm',
      },
    });
  };

  return {
    start,
    stop,
    requestQuit,
    /** The tags `q` would ask about now (a dashboard asks in the repository that has some). */
    unpushedThisRun: (): string[] => unpushedThisRun(getState()),
    reload,
    refreshRemote,
    openRegister,
    openAssign,
    submitForm,
    formBack,
    cycleSuggestion,
    requestRemoval,
    accept,
    cancel,
    openPush,
    pushChosen,
    fetch,
    undo,
    editText,
    selectedArtifact,
    openTimeline,
    ...compare,
    ...signatures,
    picker,
  };
};

/** Whether the current screen is one of the forms' pickers (commits, versions, stages). */
export const pickerActive = onPicker;

/** Whether the current screen has a text field taking typed characters (a picker's search line is one). */
export const textFieldActive = (state: State): boolean => {
  const mode = currentMode(state);
  if (mode === 'filter' || mode === 'moment' || searching(state)) return true;
  const form = state.form;
  if (mode === 'register' && form?.kind === 'register') return form.step !== 'commit';
  if (mode === 'assign' && form?.kind === 'assign') return form.step === 'newStage';
  return false;
};
