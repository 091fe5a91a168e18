/** Event listings: `history` (§4.6) and `check-ref` (§4.4). Pure. */
import {artifactEvents} from './events.js';
import {EVENT_PRIORITY, type Registry, type TagEvent} from './model.js';
import {parseTag} from './tag.js';

export type HistoryOptions = {readonly artifact?: string; readonly ascending: boolean};

const isTagEvent = (event: {kind: string}): event is TagEvent => event.kind !== 'commit';

/**
 * Every tag event (commit events excluded), newest first unless ascending. GTO sorts
 * each artifact's newest-first events (artifacts in state order) ascending by
 * (time, priority), stably, then reverses; residual ties inherit that order (§4.6).
 */
export const historyEvents = (registry: Registry, options: HistoryOptions): TagEvent[] => {
  const events: TagEvent[] = [];
  for (const artifact of registry.artifacts.values()) {
    // filtering first keeps the same relative order as GTO's filter-after-sort
    if (options.artifact !== undefined && artifact.name !== options.artifact) continue;
    for (const event of artifactEvents(artifact)) if (isTagEvent(event)) events.push(event);
  }
  events.sort(
    (a, b) => a.createdAt.seconds - b.createdAt.seconds || EVENT_PRIORITY[a.kind] - EVENT_PRIORITY[b.kind],
  );
  return options.ascending ? events : events.reverse();
};

/** The events a tag created (check-ref); normally exactly one. */
export const eventsForTag = (registry: Registry, tagName: string): TagEvent[] => {
  const parsed = parseTag(tagName);
  if (!parsed) return [];
  const artifact = registry.artifacts.get(parsed.name);
  if (!artifact) return [];
  return artifactEvents(artifact).filter((event): event is TagEvent => isTagEvent(event) && event.tag === tagName);
};
