import type { CallConnectionState, ConnectionPath } from '@sipkit/core';
import { useShallow } from 'zustand/react/shallow';
import { useSipStore } from './use-sip-store.js';

/**
 * What `useCallConnection` returns: the call's connection state and why it last changed.
 *
 * @example const { state, reason }: CallConnectionView = useCallConnection();
 */
export interface CallConnectionView {
  /** `connected`, `reconnecting` (media or signalling being recovered) or `failed`; undefined without a call. */
  readonly state: CallConnectionState | undefined;
  /** Which path changed last: `media` (ICE) or `signalling` (the WebSocket flow). */
  readonly path: ConnectionPath | undefined;
  /** Why it changed last (`"ICE failed"`, `"recovery deadline passed"`...). */
  readonly reason: string | undefined;
}

/**
 * The connection state of the current call (or of the call with `id`), selected narrowly: a
 * component showing "Reconnecting…" re-renders when the connection changes, not when the call's
 * hold, mute or streams do.
 *
 * @example
 * const { state, reason } = useCallConnection();
 * if (state === 'reconnecting') return <p role="status">Reconnecting…</p>;
 * if (state === 'failed') return <p role="alert">Connection lost: {reason}</p>;
 */
export function useCallConnection(id?: string): CallConnectionView {
  return useSipStore(
    useShallow((s) => {
      const call = s.calls[id ?? s.currentCallId ?? ''];
      return {
        state: call?.connection,
        path: call?.connectionPath,
        reason: call?.connectionReason,
      };
    }),
  );
}
