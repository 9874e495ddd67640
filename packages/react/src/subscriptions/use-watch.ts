import type { UA } from '@sipkit/core';
import { useEffect } from 'react';
import { useSipContext } from '../sip-context.js';
import { useSipStore } from '../hooks/use-sip-store.js';
import { watchState, type WatchState } from './subscription-state.js';
import type { WatchKind, WatchSlice, WatchValue } from './watch-kinds.js';
import { watchRegistryOf } from './watch-registry.js';

const IDLE = watchState<never>('idle');

/**
 * Holds a watch of `kind` on `key` while the component is mounted (effects never run on the
 * server, so a server render subscribes to nothing and shows `idle`) and reads its state.
 */
export function useWatch<S extends WatchSlice>(
  kind: WatchKind<S>,
  key: string,
  target: (ua: UA) => string,
): WatchState<WatchValue<S>> {
  const client = useSipContext();
  useEffect(
    () => watchRegistryOf(client).acquire(kind, key, target),
    // `target` derives from `key`; a new closure each render must not resubscribe.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [client, kind, key],
  );
  const state = useSipStore((s) => s.subscriptions?.[kind.slice][key]);
  return (state as WatchState<WatchValue<S>> | undefined) ?? IDLE;
}
