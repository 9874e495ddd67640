import {
  pickupInvite,
  type BusyLamp,
  type CallOptions,
  type DialogParticipant,
} from '@sipkit/core';
import { useMemo } from 'react';
import { useSipActions } from '../hooks/use-sip-actions.js';
import type { WatchStatus } from './subscription-state.js';
import { useWatch } from './use-watch.js';
import { DIALOG } from './watch-kinds.js';

/**
 * What `useDialogState` returns: the lamp (`unknown` until the first readable NOTIFY) and, while
 * it rings, who is calling the watched user and a way to pick the call up.
 *
 * @example const { lamp, caller, pickup }: UseDialogStateResult = useDialogState('200');
 */
export interface UseDialogStateResult {
  readonly status: WatchStatus;
  readonly lamp: BusyLamp['state'] | 'unknown';
  /** The caller while `ringing` (RFC 4235 `<remote>`), when the notifier tells. */
  readonly caller: DialogParticipant | undefined;
  /** The full lamp with the dialog behind it (its Call-ID and tags, for a pickup). */
  readonly detail: BusyLamp | undefined;
  readonly error: string | undefined;
  readonly reason: string | undefined;
  /**
   * While the lamp rings and the server gave the dialog's Call-ID and tags: picks the call up
   * (RFC 3891 `Replaces;early-only`, sent to the caller, or to the watched URI when the server
   * does not name the caller) as `actions.call` places a call, and returns the new call's id.
   * Undefined otherwise (use a PBX pickup code then).
   */
  readonly pickup: ((options?: CallOptions) => string) | undefined;
}

/**
 * The busy lamp of `uri` (BLF over RFC 4235 dialog-info): idle, ringing (with the caller, and
 * `pickup()` when the server gave the dialog's ids) or busy. Shared and released like
 * `usePresence`: one SUBSCRIBE per URI per provider.
 *
 * @example
 * function Lamp({ uri }: { uri: string }) {
 *   const { lamp, caller, pickup } = useDialogState(uri);
 *   return (
 *     <span data-lamp={lamp}>
 *       {lamp === 'ringing' ? caller?.displayName : null}
 *       {pickup ? <button onClick={() => pickup()}>Pick up</button> : null}
 *     </span>
 *   );
 * }
 */
export function useDialogState(uri: string): UseDialogStateResult {
  const watch = useWatch(DIALOG, uri, () => uri);
  const { call } = useSipActions();
  return useMemo(() => {
    const detail = watch.value;
    const caller = detail?.state === 'ringing' ? detail.caller : undefined;
    return {
      status: watch.status,
      lamp: detail?.state ?? 'unknown',
      caller,
      detail,
      error: watch.error,
      reason: watch.reason,
      pickup: detail?.state === 'ringing' ? pickupOf(detail.dialog, uri, call) : undefined,
    };
  }, [watch, uri, call]);
}

/** The pickup of a ringing dialog, or undefined when its ids are missing or unusable. */
function pickupOf(
  dialog: Extract<BusyLamp, { state: 'ringing' }>['dialog'],
  uri: string,
  call: (target: string, options?: CallOptions) => string,
): ((options?: CallOptions) => string) | undefined {
  const target = dialog.remote?.identity ?? dialog.remote?.target ?? uri;
  try {
    pickupInvite(dialog, { target });
  } catch {
    return undefined;
  }
  return (options = {}) => {
    const invite = pickupInvite(dialog, { ...options, target });
    return call(invite.target, invite.options);
  };
}
