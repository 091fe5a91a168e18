/**
 * The artifact panel's signature column (`V`): git verifies every registry tag in the
 * background, under the busy counter, and the column fills in as the results come. Tags
 * verified earlier in the session (the same tag object) are not asked again, so a reload after a
 * write verifies only the new ones; turning the column off and on verifies everything afresh.
 */
import {historyEvents} from '../registry/history.js';
import type {Verification} from '../registry/signatures.js';
import type {Services, TagSignature} from './services.types.js';
import type {Store} from './store.js';

export const createSignatureController = (store: Store, services: Services) => {
  const {dispatch, getState} = store;
  /** Only the latest run reports: one started before the column went off and on again (a trust setting may have changed) must not fill it. */
  let latest = 0;

  /** Verify what the column lacks, when it is on (after turning it on, and after each reload). */
  const refreshSignatures = async (): Promise<void> => {
    const {snapshot, signatures} = getState();
    if (!snapshot || !signatures.on) return;
    const run = ++latest;
    const report = (results: ReadonlyMap<string, TagSignature>, checking: boolean): void => {
      if (run === latest) dispatch({type: 'signatures/results', results, checking});
    };
    const tags = [...new Set(historyEvents(snapshot.registry, {ascending: true}).map((event) => event.tag))];
    const known = new Map<string, Verification>();
    for (const signature of signatures.results.values()) known.set(signature.id, signature.verification);
    report(signatures.results, true);
    dispatch({type: 'busy', delta: 1, label: 'Verifying signatures'});
    try {
      const results = await services.verifySignatures(tags, known, (partial) => report(new Map([...signatures.results, ...partial]), true));
      report(results, false);
    } catch (error) {
      report(signatures.results, false);
      const text = error instanceof Error ? error.message : String(error);
      if (run === latest) dispatch({type: 'status', status: {kind: 'error', text: `Cannot verify signatures: ${text.split('\n')[0] ?? text}`}});
    } finally {
      dispatch({type: 'busy', delta: -1});
    }
  };

  const toggleSignatures = (): Promise<void> => {
    dispatch({type: 'signatures/toggle'});
    if (!getState().signatures.on) latest++;
    return refreshSignatures();
  };

  return {toggleSignatures, refreshSignatures};
};
