import { createContext, useContext } from 'react';
import type { SipClient } from './client/sip-client.js';
import { DEV } from './dev-mode.js';

/**
 * What `<SipProvider>` hands down: its client (UA lifecycle, store, actions). The value never
 * changes for the provider's life, so the context itself never re-renders anyone.
 *
 * @example const client = useContext(SipContext); // null outside a provider
 */
export const SipContext = createContext<SipClient | null>(null);

/**
 * The nearest provider's client; throws outside a `<SipProvider>`.
 *
 * @example const { store, actions } = useSipContext();
 */
export function useSipContext(): SipClient {
  const client = useContext(SipContext);
  if (client === null) {
    throw new Error(
      DEV ? 'SipKit hooks must be used inside a <SipProvider>' : 'react.outside-provider',
    );
  }
  return client;
}
