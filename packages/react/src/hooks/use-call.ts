import type { CallOptions, DtmfSendOptions, ReferOptions, TerminateOptions } from '@sipkit/core';
import { useMemo } from 'react';
import type { AnswerCallOptions, MuteOptions, RenegotiateOptions } from '../client/sip-actions.js';
import type { CallState } from '../store/call-state.js';
import { useSipActions } from './use-sip-actions.js';
import { useSipStore } from './use-sip-store.js';

/**
 * What `useCall` returns: one call's state and the actions on it.
 *
 * @example const { state, hangup }: UseCallResult = useCall();
 */
export interface UseCallResult {
  /** The call's id, or undefined when there is no call to show. */
  readonly id: string | undefined;
  /** The call's state (`state.status`, `state.remoteIdentity`, ...), undefined without a call. */
  readonly state: CallState | undefined;
  /** Places a new call, which becomes the current one; returns its id. */
  call(target: string, options?: CallOptions): string;
  hangup(options?: TerminateOptions): void;
  answer(options?: AnswerCallOptions): void;
  hold(): Promise<boolean>;
  unhold(): Promise<boolean>;
  /**
   * Restarts ICE now (re-INVITE with new ICE credentials); the core already does it by itself
   * when the media path breaks (`state.connection` says `reconnecting` meanwhile).
   */
  restartIce(): Promise<boolean>;
  /** Sends a new offer (re-INVITE, or UPDATE with `useUpdate`); true when the far end accepted. */
  renegotiate(options?: RenegotiateOptions): Promise<boolean>;
  mute(options?: MuteOptions): void;
  unmute(options?: MuteOptions): void;
  sendDTMF(tones: string | number, options?: DtmfSendOptions): void;
  /** Accepts the far end's transfer request (`state.transferRequest`): we call its target. */
  acceptTransfer(): void;
  /** Declines the far end's transfer request. */
  declineTransfer(): void;
  /** Blind transfer (REFER); progress shows in `state.transfer`. */
  transfer(target: string, options?: ReferOptions): Promise<number>;
}

/**
 * The current call (the one placed or answered last; it stays after it ends so its cause can be
 * shown), or the call with `id`. Re-renders only when that call changes. For a ticking duration
 * use `useCallDuration` in a leaf component, so this one does not re-render every second.
 *
 * @example
 * const { state, call, hangup } = useCall();
 * return state?.status === 'confirmed'
 *   ? <button onClick={() => hangup()}>Hang up</button>
 *   : <button onClick={() => call('bob')}>Call Bob</button>;
 */
export function useCall(id?: string): UseCallResult {
  const current = useSipStore((s) => s.currentCallId);
  const callId = id ?? current;
  const state = useSipStore((s) => (callId === undefined ? undefined : s.calls[callId]));
  const actions = useSipActions();
  const bound = useMemo(() => {
    // Acting on no call does nothing, as acting on a call that has ended does.
    const on = callId ?? '';
    return {
      call: actions.call,
      hangup: (options?: TerminateOptions) => actions.hangup(on, options),
      answer: (options?: AnswerCallOptions) => actions.answer(on, options),
      hold: () => actions.hold(on),
      unhold: () => actions.unhold(on),
      restartIce: () => actions.restartIce(on),
      renegotiate: (options?: RenegotiateOptions) => actions.renegotiate(on, options),
      mute: (options?: MuteOptions) => actions.mute(on, options),
      unmute: (options?: MuteOptions) => actions.unmute(on, options),
      sendDTMF: (tones: string | number, options?: DtmfSendOptions) =>
        actions.sendDTMF(on, tones, options),
      transfer: (target: string, options?: ReferOptions) => actions.transfer(on, target, options),
      acceptTransfer: () => actions.acceptTransfer(on),
      declineTransfer: () => actions.declineTransfer(on),
    };
  }, [actions, callId]);
  return useMemo(() => ({ id: callId, state, ...bound }), [callId, state, bound]);
}
