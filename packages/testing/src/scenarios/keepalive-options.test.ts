import { parseMessage, type IncomingRequest, type UAOptions } from '@sipkit/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SipNetwork } from '../network/sip-network.js';
import { callScenario, establish, flush, WAIT, type CallUA } from './calls.fixture.js';

// Issue 24, OPTIONS keep-alive: for servers that ignore CRLF pings, the UA pings with an
// out-of-dialog OPTIONS instead; any answer keeps the flow, none within the timeout is a dead
// flow, recovered as the CRLF keep-alive's is (reconnect, re-register, calls recovered).

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const OPTIONS_KEEP_ALIVE: UAOptions = {
  keepAliveInterval: 10,
  keepAliveTimeout: 2,
  keepAliveMethod: 'options',
};

/** alice (with `options`) and bob, registered on the in-memory proxy. */
function twoUAs(options: UAOptions) {
  return callScenario(['alice', 'bob'], {}, {}, (user) => (user === 'alice' ? options : {}));
}

/** What alice's socket sent that `test` picks, raw. */
function aliceSent(network: SipNetwork, test: (message: string) => boolean): string[] {
  return network.traffic
    .entries((e) => e.socketId === 'alice' && e.direction === 'to-server' && test(e.message))
    .map((e) => e.message);
}

const isOptions = (message: string): boolean => message.startsWith('OPTIONS ');
const isCrlf = (message: string): boolean => message.trim() === '';
/** The CRLF pong of a server that does not answer CRLF pings (as some do not). */
const dropPongs = (network: SipNetwork): void =>
  void network.faults.drop((message) => message === '\r\n', { direction: 'to-client' });

describe("keepAliveMethod: 'options'", () => {
  it('pings with OPTIONS to the registrar, Max-Forwards 0; the first hop answers and the flow stays', async () => {
    const { uas, network, stopAll } = await twoUAs(OPTIONS_KEEP_ALIVE);
    const alice = uas['alice'] as CallUA;
    const disconnects = alice.events.filter((e) => e.startsWith('disconnected')).length;
    await vi.advanceTimersByTimeAsync(60_000);
    const pings = aliceSent(network, isOptions).map((m) => parseMessage(m) as IncomingRequest);
    // One every 8-10 s (80-100% of the interval, RFC 5626 §4.4.1).
    expect(pings.length).toBeGreaterThanOrEqual(6);
    expect(pings[0]?.ruri).toMatchObject({ scheme: 'sip', user: undefined, host: 'sip.test' });
    expect(pings[0]?.header('max-forwards')).toBe('0');
    expect(aliceSent(network, isCrlf)).toEqual([]);
    // The proxy answers them itself (483 Too Many Hops): an answer all the same.
    expect(
      network.traffic.entries(
        (e) =>
          e.socketId === 'alice' &&
          e.direction === 'to-client' &&
          e.message.startsWith('SIP/2.0 483'),
      ).length,
    ).toBe(pings.length);
    expect(alice.events.filter((e) => e.startsWith('disconnected'))).toHaveLength(disconnects);
    await stopAll();
  });

  it('a server that ignores CRLF pings: the CRLF keep-alive drops a live flow, OPTIONS keeps it', async () => {
    const crlf = await twoUAs({ keepAliveInterval: 10, keepAliveTimeout: 2 });
    dropPongs(crlf.network);
    const crlfAlice = crlf.uas['alice'] as CallUA;
    await vi.advanceTimersByTimeAsync(12_000);
    expect(crlfAlice.events).toContain('disconnected');
    await crlf.stopAll();

    const options = await twoUAs(OPTIONS_KEEP_ALIVE);
    dropPongs(options.network);
    const optionsAlice = options.uas['alice'] as CallUA;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(optionsAlice.events).not.toContain('disconnected');
    expect(optionsAlice.ua.isRegistered()).toBe(true);
    await options.stopAll();
  });

  it('no answer within keepAliveTimeout: the flow is dead, the UA reconnects, registers and recovers its call', async () => {
    const { uas, network, proxy, stopAll } = await twoUAs({
      ...OPTIONS_KEEP_ALIVE,
      network: null,
    });
    const alice = uas['alice'] as CallUA;
    const bob = uas['bob'] as CallUA;
    const [outgoing, incoming] = await establish(alice, bob, 'sip:bob@sip.test');
    const disconnected: (string | undefined)[] = [];
    alice.ua.on('disconnected', ({ reason }) => disconnected.push(reason));
    const sentBefore = aliceSent(network, isOptions).length;

    network.unplug(alice.socket, { silently: true }); // the path goes silent, nobody says so
    const cutAt = Date.now();
    await vi.waitFor(() => {
      vi.advanceTimersByTime(100);
      expect(disconnected).toHaveLength(1);
    }, WAIT);
    // Noticed within one interval plus the timeout.
    expect(Date.now() - cutAt).toBeLessThanOrEqual(10_000 + 2_000 + 100);
    expect(disconnected[0]).toBe('no keep-alive answer to the ping within 2 s (RFC 5626 §4.4.1)');
    expect(aliceSent(network, isOptions).length).toBe(sentBefore + 1);
    expect(outgoing.connectionState).toBe('reconnecting');

    network.plugIn(alice.socket);
    await vi.advanceTimersByTimeAsync(3000); // the recovery wait
    await vi.waitFor(() => expect(alice.ua.isRegistered()).toBe(true), WAIT);
    await vi.waitFor(() => expect(outgoing.connectionState).toBe('connected'), WAIT);
    expect(proxy.location.lookup('alice@sip.test')).toHaveLength(1);
    // The far end's BYE reaches the new connection.
    incoming.terminate();
    await flush();
    await vi.waitFor(() => expect(outgoing.isEnded()).toBe(true), WAIT);
    await stopAll();
  });
});
