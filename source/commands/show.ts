/** `show [NAME]`: the registry table, or one artifact's versions (spec §4.5). */
import {flagBool, flagInt, flagString, type CommandContext} from '../cli/context.js';
import type {Repository} from '../git/repository.js';
import {hasShallowFile, SHALLOW_WARNING} from '../git/revisions.js';
import {verifyTagNames} from '../git/signatures.js';
import {withRepository, loadRegistry} from '../load.js';
import {registryAtMoment} from './moments.js';
import {eventRef, shortSha, versionJson} from '../output/dump.js';
import {formatJson, type Json} from '../output/json.js';
import {printable} from '../output/messages.js';
import {signatureCell, taggedNames, withSignatures} from '../output/signatures.js';
import {formatTable, type Cell} from '../output/table.js';
import {tableTime} from '../output/time.js';
import {GtoError} from '../registry/errors.js';
import type {Artifact, Registry, StageRecord, Version} from '../registry/model.js';
import {
  isArtifactActive,
  isArtifactRegistered,
  latestVersion,
  listedVersions,
  stageHolders,
  versionAuthoring,
  type StageQuery,
  type VersionSort,
  stageColumns,
} from '../registry/resolve.js';
import {SEMVER_PATTERN} from '../registry/semver.js';

export const NOTHING_FOUND = 'Nothing found in the current workspace';

const OUTPUT_FLAGS = ['json', 'plain', 'name', 'version', 'stage', 'ref'] as const;
type Column = 'name' | 'version' | 'stage' | 'ref';

export type Shortcut =
  | {kind: 'none'; name: string}
  | {kind: 'latest'; name: string}
  | {kind: 'version'; name: string; version: string}
  | {kind: 'stage'; name: string; stage: string};

const SIMPLE = '[A-Za-z0-9](?:[A-Za-z0-9_/-]*[A-Za-z0-9])?';
const SHORTCUT = new RegExp(
  `^((?:[A-Za-z0-9_./-]+:)?${SIMPLE})(?:#(${SIMPLE})|@(latest|greatest|v${SEMVER_PATTERN}))$`,
);

/** §2.8: `NAME#STAGE`, `NAME@latest|@greatest|@vX.Y.Z`; anything else is a plain name. */
export const parseShortcut = (text: string): Shortcut => {
  const m = SHORTCUT.exec(text);
  if (!m) return {kind: 'none', name: text};
  const name = m[1]!;
  if (m[2] !== undefined) return {kind: 'stage', name, stage: m[2]};
  if (m[3] === 'latest' || m[3] === 'greatest') return {kind: 'latest', name};
  return {kind: 'version', name, version: m[3]!};
};

/** A version row of `show NAME`, with the stage records §3.8 gives it. */
export type VersionRow = {readonly version: Version; readonly stages: readonly StageRecord[]};

export type ShowOptions = StageQuery & {readonly deprecated: boolean};

const checkQuery = (query: StageQuery): void => {
  if (query.assignmentsPerVersion < -1) throw new GtoError("'assignments_per_version' must be >= -1");
  if (query.versionsPerStage < -1) throw new GtoError("'versions_per_stage' must be >=-1");
};

export type RegistryRow = {
  readonly name: string;
  readonly latest: string | null;
  /** Column stage → versions holding it, in §3.8 order. */
  readonly stages: ReadonlyMap<string, readonly string[]>;
  readonly registered: boolean;
  readonly active: boolean;
};

/** Rows of the registry view, in state insertion order (the JSON order). */
export const registryRows = (registry: Registry, columns: readonly string[], options: ShowOptions): RegistryRow[] => {
  checkQuery(options);
  const rows: RegistryRow[] = [];
  for (const artifact of registry.artifacts.values()) {
    const active = isArtifactActive(artifact);
    if (!active && !options.deprecated) continue;
    const holders = stageHolders(artifact, options);
    rows.push({
      name: artifact.name,
      latest: latestVersion(artifact)?.version ?? null,
      stages: new Map(columns.map((stage) => [stage, (holders.get(stage) ?? []).map((v) => v.version)])),
      registered: isArtifactRegistered(artifact),
      active,
    });
  }
  return rows;
};

/** Rows of `show NAME` before the shortcut filter: SemVer order, whatever `--sort` says (§4.5). */
export const versionRows = (artifact: Artifact, options: ShowOptions): VersionRow[] => {
  checkQuery(options);
  const holders = stageHolders(artifact, options);
  if (!isArtifactActive(artifact) && !options.deprecated) return [];
  // listedVersions sorts once, like GTO's get_versions: sorting again would flip ties
  // such as v1.1.0 / v1.1.0+meta back to the older first (§3.6)
  const versions = listedVersions(
    artifact,
    {
      includeInactive: options.deprecated,
      includeDiscovered: true,
      includeUnregistered: !options.registeredOnly,
    },
    'semver',
  );
  return versions.map((version) => {
    // GTO matches holders by version name, so duplicate sha rows share their stages (§3.3).
    const stages: StageRecord[] = [];
    for (const [stage, list] of holders) {
      for (const holder of list) {
        const record = holder.stages.get(stage);
        if (holder.version === version.version && record !== undefined) stages.push(record);
      }
    }
    return {version, stages};
  });
};

export const applyShortcut = (rows: readonly VersionRow[], shortcut: Shortcut): VersionRow[] => {
  switch (shortcut.kind) {
    case 'none':
      return [...rows];
    case 'latest':
      return rows.slice(0, 1);
    case 'version':
      return rows.filter((row) => row.version.version === shortcut.version);
    case 'stage':
      return rows.filter((row) => row.stages.some((r) => r.stage === shortcut.stage));
  }
};

const distinct = (values: readonly string[]): string[] => [...new Set(values)];

const printLines = (ctx: CommandContext, lines: readonly string[]): void => {
  // 1.10.1 prints nothing for an empty result and strips the trailing line break (§0.1).
  const text = lines.join('\n').replace(/[\r\n]+$/, '');
  if (text !== '') ctx.out(text);
};

const showRegistry = (ctx: CommandContext, registry: Registry, configured: readonly string[] | null, options: ShowOptions, column: Column | null, style: 'json' | 'plain' | 'fancy_outline'): void => {
  const columns = stageColumns(registry, configured);
  const rows = registryRows(registry, columns, options);
  if (style === 'json') {
    const out = new Map<string, Json>();
    for (const row of rows) {
      out.set(row.name, {
        version: row.latest,
        stage: new Map<string, Json>(columns.map((s) => [s, (row.stages.get(s) ?? []).join(', ') || null])),
        registered: row.registered,
        active: row.active,
      });
    }
    ctx.out(formatJson(out));
    return;
  }
  const sorted = [...rows].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const names = sorted.map((row) => (row.registered ? row.name : `*${row.name}`));
  if (column !== null) {
    if (sorted.length === 0) return;
    if (column !== 'name') throw new GtoError(`Cannot apply --${column}`);
    printLines(ctx, names);
    return;
  }
  if (sorted.length === 0) {
    ctx.out(NOTHING_FOUND);
    return;
  }
  // Deliberate fix (§4.5, GTO #489): only 40-char shas are cut to 7, versions print whole.
  const cells: Cell[][] = sorted.map((row, i) => [
    names[i]!,
    row.latest === null ? null : shortSha(row.latest),
    ...columns.map((s) => (row.stages.get(s) ?? []).map(shortSha).join(', ') || null),
  ]);
  ctx.out(formatTable(['name', 'latest', ...columns.map((s) => `#${s}`)], cells, style));
};

/** `--verify` (beyond GTO): the repository whose tags' signatures to show. */
type Verify = {readonly repo: Repository} | null;

const showArtifact = async (ctx: CommandContext, registry: Registry, nameArg: string, options: ShowOptions, column: Column | null, style: 'json' | 'plain' | 'fancy_outline', verify: Verify): Promise<void> => {
  const shortcut = parseShortcut(nameArg);
  const artifact = registry.artifacts.get(shortcut.name);
  if (artifact === undefined) throw new GtoError(`Cannot find artifact '${shortcut.name}'`);
  const rows = applyShortcut(versionRows(artifact, options), shortcut);
  if (style === 'json') {
    const json = rows.map((row) => versionJson(row.version, row.stages));
    // with --verify, every event that names a tag says who signed it
    ctx.out(formatJson(verify === null ? json : withSignatures(json, await verifyTagNames(verify.repo, taggedNames(json)))));
    return;
  }
  // Deliberate fix (§3.2): a version with two registrations is shown, not refused; its
  // authoring event (the newest registration) gives the row.
  const prefix = isArtifactRegistered(artifact) ? '' : '*';
  const table = rows.map((row) => {
    const authoring = versionAuthoring(row.version);
    return {
      artifact: prefix + artifact.name,
      version: shortSha(row.version.version),
      stage: distinct(row.stages.map((r) => r.stage)).join(', '),
      created_at: tableTime(authoring.createdAt),
      ref: shortSha(eventRef(authoring)),
    };
  });
  if (column !== null) {
    if (table.length === 0) return;
    if (column === 'name') throw new GtoError('Cannot apply --name');
    printLines(ctx, table.map((row) => row[column]));
    return;
  }
  if (table.length === 0) {
    ctx.out(NOTHING_FOUND);
    return;
  }
  const cells = table.map((r): Cell[] => [r.artifact, r.version, r.stage, r.created_at, r.ref]);
  if (verify !== null) {
    // the tag each row's ref names (a commit's sha for an unregistered version has none)
    const refs = rows.map((row) => eventRef(versionAuthoring(row.version)));
    const signatures = await verifyTagNames(verify.repo, refs);
    cells.forEach((row, i) => row.push(signatures.has(refs[i]!) ? signatureCell(signatures.get(refs[i]!)) : null));
  }
  ctx.out(formatTable(['artifact', 'version', 'stage', 'created_at', 'ref', ...(verify === null ? [] : ['signature'])], cells, style));
};

export const run = async (ctx: CommandContext): Promise<number> => {
  const chosen = OUTPUT_FLAGS.filter((flag) => flagBool(ctx, flag));
  // GTO reports this as an "Unexpected error" (§4.0); we print the plain message.
  if (chosen.length > 1) throw new GtoError('Only one output format allowed');
  const output = chosen[0];
  const column: Column | null = output === 'name' || output === 'version' || output === 'stage' || output === 'ref' ? output : null;
  const style = output === 'json' ? 'json' : output === 'plain' ? 'plain' : 'fancy_outline';
  const options: ShowOptions = {
    registeredOnly: flagBool(ctx, 'registeredOnly'),
    deprecated: flagBool(ctx, 'deprecated'),
    assignmentsPerVersion: flagInt(ctx, 'assignmentsPerVersion', -1),
    versionsPerStage: flagInt(ctx, 'versionsPerStage', 1),
    sort: (flagString(ctx, 'sort') ?? 'timestamp') as VersionSort,
  };
  const nameArg = ctx.args[0];
  const verifying = flagBool(ctx, 'verify') && column === null;
  if (verifying && nameArg === undefined) {
    throw new GtoError('--verify shows the signatures of one artifact: show NAME --verify (history --verify shows every tag)', 'usage');
  }
  const asOf = flagString(ctx, 'asOf');
  await withRepository(flagString(ctx, 'repo'), ctx.cwd, async (repo, head) => {
    const shallow = hasShallowFile(repo);
    const load = {dvc: flagBool(ctx, 'dvc')};
    const {registry, config, dvc} =
      asOf === undefined ? await loadRegistry(repo, ctx.env, {head, warn: ctx.err, ...load}) : await registryAtMoment(repo, ctx.env, head, {option: '--as-of', text: asOf}, load);
    // beyond GTO: missing tags would silently look like a smaller registry
    if (await shallow) ctx.err(`WARNING: ${SHALLOW_WARNING}`);
    // the artifacts of a malformed dvc.yaml are missing: say so where it does not change stdout
    for (const problem of dvc?.problems ?? []) ctx.err(`WARNING: ${printable(problem)}`);
    if (nameArg === undefined) showRegistry(ctx, registry, config.stages, options, column, style);
    else await showArtifact(ctx, registry, nameArg, options, column, style, verifying ? {repo} : null);
  });
  return 0;
};
