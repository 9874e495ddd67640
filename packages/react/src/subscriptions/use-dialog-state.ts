import type { BusyLamp, DialogParticipant } from '@sipkit/core';
import { useMemo } from 'react';
import type { WatchStatus } from './subscription-state.js';
import { useWatch } from './use-watch.js';
import { DIALOG } from './watch-kinds.js';

/**
 * What `useDialogState` returns: the lamp (`unknown` until the first readable NOTIFY) and, while
 * it rings, who is calling the watched user (for call pickup).
 *
 * @example const { lamp, caller }: UseDialogStateResult = useDialogState('200');
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
}

/**
 * The busy lamp of `uri` (BLF over RFC 4235 dialog-info): idle, ringing (with the caller) or
 * busy. Shared and released like `usePresence`: one SUBSCRIBE per URI per provider.
 *
 * @example
 * function Lamp({ uri }: { uri: string }) {
 *   const { lamp, caller } = useDialogState(uri);
 *   return <span data-lamp={lamp}>{lamp === 'ringing' ? caller?.displayName : null}</span>;
 * }
 */
export function useDialogState(uri: string): UseDialogStateResult {
  const watch = useWatch(DIALOG, uri, () => uri);
  return useMemo(() => {
    const detail = watch.value;
    return {
      status: watch.status,
      lamp: detail?.state ?? 'unknown',
      caller: detail?.state === 'ringing' ? detail.caller : undefined,
      detail,
      error: watch.error,
      reason: watch.reason,
    };
  }, [watch]);
}
