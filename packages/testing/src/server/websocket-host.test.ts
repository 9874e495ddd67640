import { UA, WebSocketInterface } from '@sipkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { SipProxyServer } from './sip-proxy-server.js';
import { hostOnWebSocket, type WebSocketHost } from './websocket-host.js';

let host: WebSocketHost | undefined;
const uas: UA[] = [];

afterEach(async () => {
  await Promise.all(uas.splice(0).map((ua) => ua.stop()));
  await host?.close();
});

function waitFor(ua: UA, event: 'registered' | 'registrationFailed'): Promise<void> {
  return new Promise((resolve) => ua.once(event, () => resolve()));
}

describe('SipProxyServer over real WebSockets (127.0.0.1)', () => {
  it('registers real UAs with digest auth and answers OPTIONS between them', async () => {
    const lines: string[] = [];
    host = await hostOnWebSocket(
      new SipProxyServer({
        host: '127.0.0.1',
        users: { alice: 'a', bob: 'b' },
        log: (l) => lines.push(l),
      }),
    );
    const make = (user: string, password: string) => {
      const ua = new UA({
        uri: `sip:${user}@127.0.0.1`,
        password,
        sockets: new WebSocketInterface(host!.url, { WebSocket }),
      });
      uas.push(ua);
      return ua;
    };
    const alice = make('alice', 'a');
    const bob = make('bob', 'b');
    const registered = Promise.all([waitFor(alice, 'registered'), waitFor(bob, 'registered')]);
    alice.start();
    bob.start();
    await registered;
    expect(alice.isRegistered() && bob.isRegistered()).toBe(true);
    expect(lines.some((l) => l.includes('REGISTER sip:127.0.0.1'))).toBe(true);
    expect(lines.filter((l) => l.startsWith('< ') && l.includes('401'))).toHaveLength(2);
  });

  it('refuses a wrong password over the wire with one retry', async () => {
    host = await hostOnWebSocket(new SipProxyServer({ host: '127.0.0.1', users: { alice: 'a' } }));
    const ua = new UA({
      uri: 'sip:alice@127.0.0.1',
      password: 'nope',
      sockets: new WebSocketInterface(host.url, { WebSocket }),
    });
    uas.push(ua);
    const failed = new Promise<string>((resolve) =>
      ua.once('registrationFailed', ({ cause }) => resolve(cause)),
    );
    ua.start();
    expect(await failed).toBe('Authentication Error');
  });
});
