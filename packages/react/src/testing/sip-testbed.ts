import { until } from './until.js';
import type { UAConfiguration } from '@sipkit/core';
import {
  fakeMediaHandlers,
  SipNetwork,
  SipProxyServer,
  type FakeMediaHandler,
  type SipProxyServerOptions,
} from '@sipkit/testing';
import { expect, vi } from 'vitest';
import type { SipClientOptions } from '../client/sip-client-options.js';

/** One phone of the testbed: its configuration, React options and the media it made. */
export interface TestPhone {
  readonly config: UAConfiguration;
  readonly options: SipClientOptions;
  readonly media: { readonly handlers: FakeMediaHandler[] };
}

/**
 * The in-memory registrar/proxy and network, and phones on it with fake media. Sockets are made
 * once per phone, so re-rendering a provider with `phone.config` keeps the same socket.
 */
export function sipTestbed(server: SipProxyServerOptions = {}) {
  const proxy = new SipProxyServer({ host: 'sip.test', ...server });
  const network = new SipNetwork({ endpoint: proxy, host: 'sip.test' });

  function phone(user: string, config: Partial<UAConfiguration> = {}): TestPhone {
    const media = fakeMediaHandlers();
    return {
      config: { uri: `sip:${user}@sip.test`, sockets: network.createSocket(user), ...config },
      options: { mediaHandlerFactory: media.factory, uaOptions: { random: () => 0.5 } },
      media,
    };
  }

  /** Requests of `method` that went towards the server. */
  function sent(method: string): readonly string[] {
    return network.traffic.requestsSent(method).map((entry) => entry.message);
  }

  /** REGISTERs that add a binding (not the `Expires: 0` of an unregistration). */
  function registrations(): readonly string[] {
    return sent('REGISTER').filter((message) => !/\r\nExpires: 0\r\n/i.test(message));
  }

  /** Waits until nothing is connected and no timer is left: a provider has let go of it all. */
  async function expectAllStopped(): Promise<void> {
    await until(() => expect(network.openConnections).toBe(0));
    await until(() => expect(vi.getTimerCount()).toBe(0));
  }

  return { proxy, network, phone, sent, registrations, expectAllStopped };
}
