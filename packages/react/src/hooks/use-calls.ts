import { useShallow } from 'zustand/react/shallow';
import type { CallState } from '../store/call-state.js';
import { useSipStore } from './use-sip-store.js';

/**
 * Every call in the store, oldest first: live ones and the last few ended ones. Re-renders when
 * a call is added, removed or changes.
 *
 * @example
 * const calls = useCalls();
 * return <ul>{calls.map((c) => <li key={c.id}>{c.remoteIdentity.uri}: {c.status}</li>)}</ul>;
 */
export function useCalls(): readonly CallState[] {
  return useSipStore(
    useShallow((s) =>
      s.callOrder.flatMap((id) => (s.calls[id] === undefined ? [] : [s.calls[id]])),
    ),
  );
}
