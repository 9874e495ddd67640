import { UA } from '@sipkit/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SipNetwork } from '../network/sip-network.js';
import { SipProxyServer } from '../server/sip-proxy-server.js';

// Issue 20, "a server that vanishes silently": with two servers and the first one made silent
// (its packets dropped, so nothing refuses), SipKit took 137 s to re-register on the second one
// because every cycle started again at the first server and an attempt had no timeout.
// Goal: re-registered on the second within connection_recovery_min_interval + 3 s.

const MIN_INTERVAL = 2;

/** Two nodes, each a proxy on its own network; the UA prefers `a` (weight 10) over `b` (1). */
function twoNodes(options: { keepAliveInterval?: number; random?: () => number } = {}) {
  const a = new SipNetwork({
    endpoint: new SipProxyServer({ host: 'sip.test' }),
    host: 'a.sip.test',
  });
  const b = new SipNetwork({
    endpoint: new SipProxyServer({ host: 'sip.test' }),
    host: 'b.sip.test',
  });
  const socketA = a.createSocket('alice');
  const socketB = b.createSocket('alice');
  const ua = new UA(
    {
      uri: 'sip:alice@sip.test',
      sockets: [
        { socket: socketA, weight: 10 },
        { socket: socketB, weight: 1 },
      ],
      connection_recovery_min_interval: MIN_INTERVAL,
      connection_recovery_max_interval: 30,
    },
    { random: options.random ?? (() => 0.999), keepAliveInterval: options.keepAliveInterval ?? 0 },
  );
  const attempts: string[] = [];
  ua.on('connectionAttempt', ({ url, outcome }) => attempts.push(`${url} ${outcome}`));
  return { a, b, ua, attempts };
}

/** Advances simulated time in 10 ms steps until `done()` holds; returns the ms it took. */
async function timeUntil(done: () => boolean, limit: number): Promise<number> {
  const start = Date.now();
  while (!done() && Date.now() - start < limit) await vi.advanceTimersByTimeAsync(10);
  return Date.now() - start;
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a server that vanishes silently', () => {
  it('the UA that lost it re-registers on the other node within min interval + 3 s', async () => {
    // random 0.999: the longest recovery wait, just under 2 * min (the worst case for the goal).
    const { a, b, ua, attempts } = twoNodes({ keepAliveInterval: 10 });
    ua.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(ua.isRegistered()).toBe(true);
    expect(b.traffic.requestsSent('REGISTER')).toHaveLength(0);

    a.silence();
    // The keep-alive pong that never comes is how a client learns of the silence (RFC 5626).
    let lostAt = 0;
    ua.once('disconnected', () => (lostAt = Date.now()));
    await timeUntil(() => lostAt > 0, 60_000);
    expect(lostAt).toBeGreaterThan(0);
    let registeredAt = 0;
    ua.once('registered', () => (registeredAt = Date.now()));
    await timeUntil(() => registeredAt > 0, 60_000);

    const failover = registeredAt - lostAt;
    expect(failover).toBeGreaterThan(0);
    expect(failover).toBeLessThanOrEqual((MIN_INTERVAL + 3) * 1000);
    // No connect timeout was waited out: the silent node was not tried again first.
    expect(attempts).toEqual([
      'ws://a.sip.test/alice connected',
      'ws://b.sip.test/alice connected',
    ]);
    expect(b.traffic.requestsSent('REGISTER').length).toBeGreaterThan(0);
    await ua.stop();
  });

  it('a UA starting while the preferred node is silent registers on the other after the connect timeout', async () => {
    const { a, b, ua, attempts } = twoNodes();
    a.silence();
    const startedAt = Date.now();
    ua.start();
    await timeUntil(() => ua.isRegistered(), 60_000);
    expect(ua.isRegistered()).toBe(true);
    expect(Date.now() - startedAt).toBeLessThanOrEqual(5_000 + 100);
    expect(attempts).toEqual([
      'ws://a.sip.test/alice timed-out',
      'ws://b.sip.test/alice connected',
    ]);
    expect(b.traffic.requestsSent('REGISTER').length).toBeGreaterThan(0);
    await ua.stop();
  });

  it('when both nodes just failed, the one that failed longest ago goes first, its attempt bounded', async () => {
    const { a, b, ua, attempts } = twoNodes();
    a.silence();
    ua.start();
    await timeUntil(() => ua.isRegistered(), 60_000);
    // The connection to b drops abnormally: a (failed 5 s ago, still in quarantine) and b both
    // failed, a first. a is silent still: one timeout, then b again.
    const lost = Date.now();
    b.crash();
    b.restart();
    await timeUntil(() => !ua.isConnected(), 1_000);
    await timeUntil(() => ua.isRegistered(), 60_000);
    expect(ua.isRegistered()).toBe(true);
    expect(Date.now() - lost).toBeLessThanOrEqual((2 * MIN_INTERVAL + 5) * 1000 + 100);
    expect(attempts.slice(2)).toEqual([
      'ws://a.sip.test/alice timed-out',
      'ws://b.sip.test/alice connected',
    ]);
    await ua.stop();
    expect(a.openConnections + b.openConnections).toBe(0);
  });

  it('without keep-alive, the REGISTER refresh nobody answers moves the UA to the other node at once', async () => {
    // Issue 20, "silent open connection": the connection stays open but carries nothing. The
    // refresh REGISTER (at 600 - 32 s) times out after Timer F; that flow is dead, so the UA
    // goes to the next server right away instead of retrying on it with the backoff.
    const { a, b, ua, attempts } = twoNodes();
    ua.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(ua.isRegistered()).toBe(true);
    const silencedAt = Date.now();
    a.silence();
    await vi.advanceTimersByTimeAsync(560_000);
    expect(ua.isConnected()).toBe(true); // nothing noticed yet: no keep-alive
    let lostAt = 0;
    ua.once('disconnected', ({ reason }) => {
      lostAt = Date.now();
      expect(reason).toBe('REGISTER got no answer');
    });
    let registeredAt = 0;
    ua.on('registered', () => (registeredAt = Date.now()));
    await timeUntil(() => registeredAt > 0, 60_000);
    // The refresh went out at 568 s and timed out 32 s later (Timer F); b at once after that.
    expect(lostAt - silencedAt).toBe(600_000);
    expect(registeredAt - lostAt).toBeLessThanOrEqual(20);
    expect(attempts).toEqual([
      'ws://a.sip.test/alice connected',
      'ws://b.sip.test/alice connected',
    ]);
    expect(b.traffic.requestsSent('REGISTER').length).toBeGreaterThan(0);
    await ua.stop();
    expect(a.openConnections + b.openConnections).toBe(0);
  });
});
