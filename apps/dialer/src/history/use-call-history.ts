import { useSipContext, type SipState } from '@sipkit/react';
import { useEffect, useState } from 'react';
import type { KeyValueStorage } from '../settings/settings-storage.js';
import {
  addToHistory,
  historyEntry,
  loadHistory,
  saveHistory,
  type CallHistoryEntry,
} from './call-history.js';

/**
 * The account's call history, newest first: loaded from storage, extended as each call ends,
 * saved on every change. Reads the provider's store directly (not through a hook that would
 * re-render on every call change) and only sets state when a call has ended.
 *
 * @example const history = useCallHistory(config.uri, localStorage);
 */
export function useCallHistory(
  aor: string,
  storage: KeyValueStorage | undefined,
): readonly CallHistoryEntry[] {
  const { store } = useSipContext();
  const [history, setHistory] = useState(() => loadHistory(storage, aor));
  useEffect(() => {
    const record = (state: SipState): void => {
      for (const id of state.callOrder) {
        const call = state.calls[id];
        const entry = call === undefined ? undefined : historyEntry(call);
        // Recording twice returns the same array, so React does not re-render.
        if (entry !== undefined) setHistory((previous) => addToHistory(previous, entry));
      }
    };
    record(store.getState());
    return store.subscribe(record);
  }, [store]);
  useEffect(() => saveHistory(storage, aor, history), [storage, aor, history]);
  return history;
}
