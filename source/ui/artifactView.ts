/** The artifact panel's data: versions newest first, history, annotation. Pure, memoised per registry. */
import type {Annotation, AnnotationSource, Registry, TagEvent, Version} from '../registry/model.js';
import {historyEvents} from '../registry/history.js';
import {
  DEFAULT_STAGE_QUERY,
  isArtifactActive,
  isVersionActive,
  sortVersions,
  stageHolders,
  versionAuthoring,
} from '../registry/resolve.js';
import {annotatedEvent} from './grid.js';
import type {HistoryFilter} from './store.js';

export type VersionRow = {
  readonly version: Version;
  readonly active: boolean;
  readonly registered: boolean;
  /** Stages this version holds now (spec §3.8 default query). */
  readonly stages: readonly string[];
  readonly createdAt: Version['registrations'][number]['createdAt'];
  readonly author: string;
  readonly commit: string;
  readonly message: string;
  /** The tag that registered it (its authoring event's), null for a version no tag made. */
  readonly tag: string | null;
};

export type ArtifactDetails = {
  readonly name: string;
  readonly active: boolean;
  readonly versions: readonly VersionRow[];
  readonly history: readonly TagEvent[];
  readonly annotation: Annotation | null;
  /** Where `annotation` comes from: artifacts.yaml (`gto`) or a dvc.yaml (`dvc`). */
  readonly annotationSource: AnnotationSource | null;
};

const cache = new WeakMap<Registry, Map<string, ArtifactDetails | null>>();

/** Every version object of the artifact (deregistered ones too), SemVer-newest first (§3.6). */
export const artifactVersions = (registry: Registry, name: string): Version[] => {
  const artifact = registry.artifacts.get(name);
  return artifact ? sortVersions(artifact.versions, 'semver') : [];
};

export const artifactDetails = (registry: Registry, name: string, head: string | null): ArtifactDetails | null => {
  let perRegistry = cache.get(registry);
  if (!perRegistry) {
    perRegistry = new Map();
    cache.set(registry, perRegistry);
  }
  if (perRegistry.has(name)) return perRegistry.get(name)!;
  const artifact = registry.artifacts.get(name);
  let details: ArtifactDetails | null = null;
  if (artifact) {
    const holders = stageHolders(artifact, DEFAULT_STAGE_QUERY);
    const annotated = annotatedEvent(artifact, head);
    const stagesOf = (version: Version): string[] =>
      [...holders].filter(([, versions]) => versions.includes(version)).map(([stage]) => stage);
    details = {
      name,
      active: isArtifactActive(artifact),
      versions: artifactVersions(registry, name).map((version) => {
        const authoring = versionAuthoring(version);
        return {
          version,
          active: isVersionActive(version),
          registered: version.registrations.length > 0,
          stages: stagesOf(version),
          createdAt: authoring.createdAt,
          author: authoring.author,
          commit: version.commit,
          message: authoring.message.split('\n')[0] ?? '',
          tag: authoring.kind === 'commit' ? null : authoring.tag,
        };
      }),
      history: historyEvents(registry, {artifact: name, ascending: false}),
      annotation: annotated?.annotation ?? null,
      annotationSource: annotated?.source ?? null,
    };
  }
  perRegistry.set(name, details);
  return details;
};

export const filterHistory = (events: readonly TagEvent[], filter: HistoryFilter): readonly TagEvent[] => {
  switch (filter.kind) {
    case 'all':
      return events;
    case 'stage':
      return events.filter((e) => (e.kind === 'assignment' || e.kind === 'unassignment') && e.stage === filter.stage);
    case 'version':
      return events.filter((e) => e.kind !== 'deprecation' && e.version === filter.version);
  }
};

/**
 * The stage filters to cycle through with `s`: each stage in the history, in `order` (the grid's
 * columns), then any other in name order.
 */
export const historyStages = (events: readonly TagEvent[], order: readonly string[] = []): string[] => {
  const stages = new Set<string>();
  for (const e of events) if (e.kind === 'assignment' || e.kind === 'unassignment') stages.add(e.stage);
  const rank = (stage: string): number => {
    const i = order.indexOf(stage);
    return i === -1 ? order.length : i;
  };
  return [...stages].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
};
