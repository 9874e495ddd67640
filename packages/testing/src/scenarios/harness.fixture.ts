import {
  parseMessage,
  UA,
  type IncomingMessage,
  type UAConfiguration,
  type UAEvents,
  type UAOptions,
} from '@sipkit/core';
import { SipNetwork } from '../network/sip-network.js';
import { SipProxyServer, type SipProxyServerOptions } from '../server/sip-proxy-server.js';

/** A UA on the in-memory network, with every event it emitted recorded in order. */
export interface TestUA {
  readonly ua: UA;
  readonly events: string[];
  readonly socket: ReturnType<SipNetwork['createSocket']>;
}

/**
 * A proxy, a network and a way to add UAs to it: the setup every scenario starts from.
 * Tests run under Vitest fake timers; `flush()` lets queued deliveries and promises settle.
 */
export function createScenario(server: SipProxyServerOptions = {}) {
  const proxy = new SipProxyServer({ host: 'sip.test', ...server });
  const network = new SipNetwork({ endpoint: proxy, host: 'sip.test' });
  const uas: TestUA[] = [];

  function addUA(
    user: string,
    config: Partial<UAConfiguration> = {},
    options: UAOptions = {},
  ): TestUA {
    const socket = network.createSocket(user);
    const ua = new UA({ uri: `sip:${user}@sip.test`, sockets: socket, ...config }, options);
    const events: string[] = [];
    const names: Array<keyof UAEvents> = [
      'connecting',
      'connected',
      'disconnected',
      'registered',
      'unregistered',
      'registrationFailed',
    ];
    for (const name of names) {
      ua.on(name, (payload) => {
        const cause = (payload as { cause?: string }).cause;
        events.push(cause === undefined ? name : `${name}:${cause}`);
      });
    }
    const handle = { ua, events, socket };
    uas.push(handle);
    return handle;
  }

  /** Messages of this method sent towards the server, parsed. */
  function sent(method: string): IncomingMessage[] {
    return network.traffic.requestsSent(method).map((entry) => parseMessage(entry.message));
  }

  async function stopAll(): Promise<void> {
    await Promise.all(uas.map(({ ua }) => ua.stop()));
  }

  return { proxy, network, addUA, sent, stopAll };
}
