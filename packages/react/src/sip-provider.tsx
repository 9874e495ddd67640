import type { UAConfiguration } from '@sipkit/core';
import { useEffect, useState, type ReactNode } from 'react';
import { SipClient } from './client/sip-client.js';
import type { SipClientOptions } from './client/sip-client-options.js';
import { SipContext } from './sip-context.js';

/**
 * Props of `<SipProvider>`: the core's UA configuration plus the React-side options.
 *
 * @example const props: SipProviderProps = { config: { uri, sockets }, autoStart: false };
 */
export interface SipProviderProps extends SipClientOptions {
  /** Exactly the core's (and JsSIP's) UA configuration; compared by value, so inline is fine. */
  readonly config: UAConfiguration;
  readonly children?: ReactNode;
}

/**
 * Makes everything below a softphone: one UA and one store per provider, so two providers are
 * two independent phones. The UA is created and started after mount (never during render, so
 * server rendering does nothing), stopped on unmount, and replaced only when `config` changes by
 * value. StrictMode's double mount keeps the same UA. A configuration it cannot run (a
 * `ConfigurationError`, e.g. a bad `uri` or a socket built from a URL that is not `ws:`/`wss:`)
 * never throws out of render: it is `useSipError()` with the parameter at fault, logged once.
 *
 * @example
 * <SipProvider config={{ uri: 'sip:alice@example.com', password, sockets: new WebSocketInterface(url) }}>
 *   <Phone />
 * </SipProvider>
 */
export function SipProvider({ config, children, ...options }: SipProviderProps): ReactNode {
  // Lazy state, not a module singleton: one client per provider instance, and its constructor
  // has no side effects, so StrictMode calling it twice is harmless.
  const [client] = useState(() => new SipClient(config, options));
  // Every commit hands over the latest props; the client compares them by value.
  useEffect(() => {
    client.configure(config, options);
  });
  useEffect(() => {
    void client.mount();
    return () => void client.unmount();
  }, [client]);
  // `.Provider` rather than React 19's `<Context value>`: React 18 is supported too.
  return <SipContext.Provider value={client}>{children}</SipContext.Provider>;
}
