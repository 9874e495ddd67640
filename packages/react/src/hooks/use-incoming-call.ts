import type { TerminateOptions } from '@sipkit/core';
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AnswerCallOptions } from '../client/sip-actions.js';
import type { CallState } from '../store/call-state.js';
import { useSipActions } from './use-sip-actions.js';
import { useSipStore } from './use-sip-store.js';

/**
 * What `useIncomingCall` returns.
 *
 * @example const { call, waiting, answer }: UseIncomingCallResult = useIncomingCall();
 */
export interface UseIncomingCallResult {
  /** The call that has rung longest, or undefined when nothing rings. */
  readonly call: CallState | undefined;
  /** Every ringing incoming call, oldest first. */
  readonly calls: readonly CallState[];
  /** True when it rings while we are already in another call (call waiting). */
  readonly waiting: boolean;
  /** Answers `call`; by default the calls in progress are put on hold first. */
  answer(options?: AnswerCallOptions): void;
  /** Rejects `call` with 603 Decline (or `status_code`, e.g. 486 Busy Here). */
  decline(options?: TerminateOptions): void;
}

/**
 * Incoming calls waiting for an answer, with the caller's identity (`call.remoteIdentity`).
 * Answer others of `calls` with `useCall(id).answer()`.
 *
 * @example
 * const { call, answer, decline } = useIncomingCall();
 * if (call === undefined) return null;
 * return <p>{call.remoteIdentity.displayName ?? call.remoteIdentity.uri} calls
 *   <button onClick={() => answer()}>Answer</button><button onClick={() => decline()}>Decline</button></p>;
 */
export function useIncomingCall(): UseIncomingCallResult {
  const calls = useSipStore(
    useShallow((s) =>
      s.incomingCallIds.flatMap((id) => (s.calls[id] === undefined ? [] : [s.calls[id]])),
    ),
  );
  // Only asked while something rings, so calls that come and go alone never re-render this.
  const waiting = useSipStore(
    (s) =>
      s.incomingCallIds.length > 0 &&
      s.callOrder.some((id) => {
        const status = s.calls[id]?.status;
        return status === 'answered' || status === 'confirmed';
      }),
  );
  const actions = useSipActions();
  const call = calls[0];
  return useMemo(() => {
    const id = call?.id ?? '';
    return {
      call,
      calls,
      waiting,
      answer: (options?: AnswerCallOptions) => actions.answer(id, options),
      decline: (options?: TerminateOptions) => actions.decline(id, options),
    };
  }, [call, calls, waiting, actions]);
}
