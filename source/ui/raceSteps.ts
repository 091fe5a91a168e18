/**
 * A tag already in the registry, read back as the plan step that would have created it: what a
 * retry after a lost counter race must redo when the tag was made earlier (not by a plan this
 * session still holds). Pure.
 */
import type {CreateStep} from '../ops/plan.js';
import type {Registry, TagEvent} from '../registry/model.js';

const eventsOf = function* (registry: Registry): Generator<TagEvent> {
  for (const artifact of registry.artifacts.values()) {
    yield* artifact.deprecations;
    for (const version of artifact.versions) {
      yield* version.registrations;
      yield* version.deregistrations;
      for (const record of version.stages.values()) {
        yield* record.assignments;
        yield* record.unassignments;
      }
    }
  }
};

/** The step that created `tag`, or null when the registry has no event for it. */
export const createdStep = (registry: Registry, tag: string): CreateStep | null => {
  for (const event of eventsOf(registry)) {
    if (event.tag !== tag) continue;
    return {
      op: 'create',
      tag,
      target: event.commit,
      message: event.message,
      event: event.kind,
      artifact: event.artifact,
      version: event.kind === 'deprecation' ? '' : event.version,
    };
  }
  return null;
};
