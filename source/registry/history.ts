/** Event listings: `history` (§4.6) and `check-ref` (§4.4). Pure. */
import type {Registry, TagEvent} from './model.js';

export type HistoryOptions = {readonly artifact?: string; readonly ascending: boolean};

/** Every tag event (commit events excluded), newest first unless ascending. */
export const historyEvents = (registry: Registry, options: HistoryOptions): TagEvent[] => {
  void registry;
  void options;
  throw new Error('not implemented yet');
};

/** The events a tag created (check-ref); normally exactly one. */
export const eventsForTag = (registry: Registry, tagName: string): TagEvent[] => {
  void registry;
  void tagName;
  throw new Error('not implemented yet');
};
