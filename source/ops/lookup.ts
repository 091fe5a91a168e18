/**
 * GTO's `find_artifact` / `find_version` lookups as the write commands use them, with the
 * errors they raise. Pure.
 */
import type {Artifact, RegistryEvent, TagEvent, Version} from '../registry/model.js';
import {pyAscending, versionEventsAscending} from '../registry/events.js';
import {findVersions, isDiscovered, versionEvents} from '../registry/resolve.js';
import {manyVersionsMessage} from '../registry/state.js';
import type {DeleteStep, OpState} from './plan.js';
import {refuse} from './plan.js';

/** `find_artifact(name)` without create_new: `Cannot find artifact 'NAME'`. */
export const requireArtifact = (state: OpState, name: string): Artifact =>
  state.registry.artifacts.get(name) ?? refuse(`Cannot find artifact '${name}'`);

/**
 * `find_version(name=…, commit_hexsha=…)`: registered or deregistered versions only (never
 * sha-named ones); more than one match is GTO's ManyVersions error.
 */
export const findVersion = (
  artifact: Artifact | undefined,
  query: {readonly version?: string; readonly commit?: string},
): Version | null => {
  if (artifact === undefined) return null;
  const found = findVersions(artifact, {name: query.version, commit: query.commit});
  if (found.length > 1) refuse(manyVersionsMessage(artifact.name, found.map((v) => v.version)));
  return found[0] ?? null;
};

/** `find_version(…, raise_if_not_found=True)`: GTO's (misleading) `No versions found for 'NAME'`. */
export const requireVersion = (artifact: Artifact | undefined, name: string, version: string): Version =>
  findVersion(artifact, {version}) ?? refuse(`No versions found for '${name}'`);

/** The sha-named version our state keeps at a commit (one at most, §3.3 fixed in state.ts). */
export const discoveredAt = (artifact: Artifact | undefined, commit: string): Version | null =>
  artifact?.versions.find((v) => isDiscovered(v) && v.commit === commit) ?? null;

const isTagEvent = (event: RegistryEvent): event is TagEvent => 'tag' in event;

/** Distinct tags of `events` (already oldest first) as delete steps. */
export const deleteSteps = (events: readonly RegistryEvent[]): DeleteStep[] => {
  const seen = new Set<string>();
  const steps: DeleteStep[] = [];
  for (const event of events) {
    if (!isTagEvent(event) || seen.has(event.tag)) continue;
    seen.add(event.tag);
    steps.push({op: 'delete', tag: event.tag, target: event.commit, message: event.message});
  }
  return steps;
};

/** `Version.get_events(ascending=True)`: one stable ascending sort of the concatenation. */
export const versionEventsOldestFirst = (version: Version): RegistryEvent[] => versionEventsAscending(version);

/** `Artifact.get_events(ascending=True)`: deprecations, then each version's newest-first events, sorted once. */
export const artifactEventsOldestFirst = (artifact: Artifact): RegistryEvent[] =>
  pyAscending<RegistryEvent>([...artifact.deprecations, ...artifact.versions.flatMap((v) => versionEvents(v))]);
