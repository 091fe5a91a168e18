/**
 * What changes between two versions, for the UI: the `D` screen (a version against what a
 * stage holds) with one file's diff on Enter, and the assign confirmation's summary line. The
 * git work runs in the background under the busy counter; each result lands only on the
 * screen it was asked for.
 */
import {comparisonSummary} from '../output/compare.js';
import {printable} from '../output/messages.js';
import {
  comparedPath,
  defaultStage,
  endpointLabel,
  heldStages,
  previousVersion,
  resolveEndpoint,
  stageHolder,
  type Endpoint,
} from '../registry/compare.js';
import {stageColumns} from '../registry/resolve.js';
import type {Artifact, Version} from '../registry/model.js';
import {artifactVersions} from './artifactView.js';
import type {Services, Snapshot, WritePlan, WriteRequest} from './services.types.js';
import type {DiffScreen, Pending, PendingWrite, Store} from './store.js';

const errorText = (error: unknown): string => {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n').find((line) => line.trim() !== '') ?? text;
};

const versionEndpoint = (version: Version, stage: string | null = null): Endpoint => ({kind: 'version', version: version.version, commit: version.commit, stage});

/** FROM for the `D` screen: what `stage` holds, or the version before TO when no stage is chosen. */
const fromSide = (artifact: Artifact, to: Endpoint, stage: string | null): Endpoint => {
  if (stage !== null) return resolveEndpoint(artifact, {kind: 'stage', stage})!;
  const previous = previousVersion(artifact, to.version);
  if (previous === null) throw new Error(`No stage holds a version of '${artifact.name}', and no version comes before ${to.version ?? 'this one'}`);
  return versionEndpoint(previous);
};

/** A diff's lines without the empty one after its last newline; tabs as spaces (a terminal cell each). */
export const diffLines = (text: string): string[] => {
  const lines = text.replaceAll('\t', '    ').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
};

export const createCompareController = (store: Store, services: Services) => {
  const {dispatch, getState} = store;

  /** Background work under the busy counter; its failure is the result, not a status line. */
  const track = async <T>(label: string, work: () => Promise<T>): Promise<Pending<T>> => {
    dispatch({type: 'busy', delta: 1, label});
    try {
      return {kind: 'done', value: await work()};
    } catch (error) {
      return {kind: 'error', message: errorText(error)};
    } finally {
      dispatch({type: 'busy', delta: -1});
    }
  };

  const sameScreen = (a: DiffScreen | null, b: DiffScreen): a is DiffScreen =>
    a !== null && a.name === b.name && a.to.commit === b.to.commit && a.stage === b.stage;

  const compareScreen = async (screen: DiffScreen, snapshot: Snapshot, artifact: Artifact): Promise<void> => {
    const comparison = await track('Comparing', async () =>
      services.compare({artifact: artifact.name, from: fromSide(artifact, screen.to, screen.stage), to: screen.to, path: comparedPath(artifact, snapshot.head)}),
    );
    const current = getState().diff;
    if (sameScreen(current, screen)) dispatch({type: 'diff/set', diff: {...current, comparison}});
  };

  /** `D`: the selected version against what the last stage in order holds. */
  const openDiff = async (): Promise<void> => {
    const {snapshot, artifact: view} = getState();
    if (!snapshot || !view) return;
    const artifact = snapshot.registry.artifacts.get(view.name);
    const version = artifactVersions(snapshot.registry, view.name)[view.cursor];
    if (!artifact || !version) return;
    const stage = defaultStage(artifact, stageColumns(snapshot.registry, snapshot.config.stages));
    const screen: DiffScreen = {name: artifact.name, to: versionEndpoint(version), stage, comparison: {kind: 'loading'}, cursor: 0, file: null};
    dispatch({type: 'diff/open', diff: screen});
    await compareScreen(screen, snapshot, artifact);
  };

  /** `s`: compare with what the next stage (in order) holds. */
  const cycleDiffStage = async (): Promise<void> => {
    const {snapshot, diff} = getState();
    const artifact = snapshot?.registry.artifacts.get(diff?.name ?? '');
    if (!snapshot || !diff || !artifact) return;
    const held = heldStages(artifact, stageColumns(snapshot.registry, snapshot.config.stages));
    if (held.length === 0) {
      dispatch({type: 'status', status: {kind: 'info', text: `No stage holds a version of ${artifact.name}: compared with the version before`}});
      return;
    }
    const stage = held[(held.indexOf(diff.stage ?? '') + 1) % held.length]!;
    const screen: DiffScreen = {...diff, stage, comparison: {kind: 'loading'}, cursor: 0, file: null};
    dispatch({type: 'diff/set', diff: screen});
    await compareScreen(screen, snapshot, artifact);
  };

  /** Enter on a file: its diff (one more git diff). */
  const openFileDiff = async (): Promise<void> => {
    const diff = getState().diff;
    if (diff?.comparison.kind !== 'done') return;
    const {commits, files, from, to} = diff.comparison.value;
    const file = files[diff.cursor - commits.length];
    if (!file) return;
    dispatch({type: 'diff/set', diff: {...diff, file: {file, text: {kind: 'loading'}, top: 0}}});
    dispatch({type: 'mode/enter', mode: 'diffFile'});
    const text = await track('Reading the diff', async () => diffLines(await services.fileDiff({from: from.commit, to: to.commit, file})));
    const current = getState().diff;
    if (current?.file?.file === file) dispatch({type: 'diff/set', diff: {...current, file: {...current.file, text}}});
  };

  /**
   * The assign confirmation's line: what the stage holds now against the candidate
   * (`prod: v3.0.0 → v3.1.1 · 7 commits · 3 files under models/churn.pkl`). The confirmation
   * is usable meanwhile; the line fills in when git answers.
   */
  const summarizeAssign = async (request: Extract<WriteRequest, {kind: 'assign'}>, plan: Extract<WritePlan, {kind: 'plan'}>, pending: PendingWrite): Promise<void> => {
    const snapshot = getState().snapshot;
    const artifact = snapshot?.registry.artifacts.get(request.name);
    const target = plan.tags.at(-1)?.target;
    if (!snapshot || !artifact || target === undefined) return;
    const to: Endpoint =
      request.version !== null
        ? {kind: 'version', version: request.version, commit: target, stage: null}
        : {kind: 'ref', ref: target.slice(0, 7), commit: target, version: null};
    const holder = stageHolder(artifact, request.stage);
    if (holder === null) {
      const line = printable(`${request.stage}: nothing yet → ${endpointLabel(to)}`);
      dispatch({type: 'confirm/summary', summary: {pending, line: {kind: 'done', value: line}}});
      return;
    }
    dispatch({type: 'confirm/summary', summary: {pending, line: {kind: 'loading'}}});
    const from = versionEndpoint(holder, request.stage);
    const line = await track('Comparing', async () =>
      comparisonSummary(await services.compare({artifact: artifact.name, from, to, path: comparedPath(artifact, snapshot.head)})),
    );
    dispatch({type: 'confirm/summary', summary: {pending, line}});
  };

  return {openDiff, cycleDiffStage, openFileDiff, summarizeAssign};
};
