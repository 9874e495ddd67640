import type { UA } from '@sipkit/core';
import { useCallback, useSyncExternalStore } from 'react';
import { useSipContext } from '../sip-context.js';

/**
 * The provider's running core `UA`, for whatever the hooks do not cover (an escape hatch).
 * Undefined on the server, before mount, while stopped and while being replaced; the component
 * re-renders when it changes.
 *
 * @example
 * const ua = useSipClient();
 * const ping = () => ua?.sendOptions('sip:bob@example.com');
 */
export function useSipClient(): UA | undefined {
  const client = useSipContext();
  const subscribe = useCallback((listener: () => void) => client.subscribeUa(listener), [client]);
  return useSyncExternalStore(
    subscribe,
    () => client.ua,
    () => undefined,
  );
}
