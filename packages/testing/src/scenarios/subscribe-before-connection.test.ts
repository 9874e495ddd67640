import {
  buildPresence,
  Causes,
  publisher,
  SubscriberTermination,
  subscriptions,
  type SubscriberEvents,
  type UA,
} from '@sipkit/core';
import { describe, expect, it, vi } from 'vitest';
import { RawPhone } from '../server/raw-phone.fixture.js';
import { createScenario } from './harness.fixture.js';
import { flush, fakeTimersForEachTest } from './fake-timers.fixture.js';

fakeTimersForEachTest();

/** Bob serves `x-status` with a text body. */
function serveStatus(ua: UA): void {
  const events = subscriptions(ua);
  ua.on('newSubscribe', ({ event, request }) => {
    if (event.type !== 'x-status') return;
    const notifier = events.notify(request, 'text/plain');
    notifier.start();
    notifier.notify('available');
  });
}

async function bobServing() {
  const scenario = createScenario();
  const bob = scenario.addUA('bob', { password: 'b' });
  serveStatus(bob.ua);
  bob.ua.start();
  await vi.waitFor(() => expect(bob.ua.isRegistered()).toBe(true));
  const alice = scenario.addUA('alice', { password: 'a' });
  return { ...scenario, alice, bob };
}

function ended(subscriber: ReturnType<ReturnType<typeof subscriptions>['subscribe']>) {
  const terminated: Array<SubscriberEvents['terminated']> = [];
  subscriber.on('terminated', (e) => terminated.push(e));
  return terminated;
}

describe('a SUBSCRIBE made before the first connection waits for it', () => {
  it('is sent once the UA connects, even when made before ua.start()', async () => {
    const { alice, sent, stopAll } = await bobServing();
    const subscriber = subscriptions(alice.ua).subscribe('bob', 'x-status', 'text/plain');
    const notified: string[] = [];
    subscriber.on('notify', ({ body }) => notified.push(body ?? ''));
    subscriber.subscribe();
    await flush();
    // Before the old code's fix this ended at once with SUBSCRIBE_TRANSPORT_ERROR.
    expect(subscriber.state).toBe('notify_wait');
    expect(sent('SUBSCRIBE')).toHaveLength(0);

    alice.ua.start();
    await vi.waitFor(() => expect(subscriber.state).toBe('active'));
    expect(notified).toEqual(['available']);
    expect(sent('SUBSCRIBE')).toHaveLength(1);
    await stopAll();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('holds no timer while the UA is not started', async () => {
    const { alice, stopAll } = await bobServing();
    const before = vi.getTimerCount();
    subscriptions(alice.ua).subscribe('bob', 'x-status', 'text/plain').subscribe();
    await flush();
    expect(vi.getTimerCount()).toBe(before);
    await stopAll();
  });

  it('ends SUBSCRIBE_TRANSPORT_ERROR when no connection comes within Timer F of trying', async () => {
    const { alice, network, sent, stopAll } = await bobServing();
    network.silence(); // attempts neither open nor fail
    const subscriber = subscriptions(alice.ua).subscribe('bob', 'x-status', 'text/plain');
    const terminated = ended(subscriber);
    subscriber.subscribe();
    alice.ua.start();
    await vi.advanceTimersByTimeAsync(32_000 - 1);
    expect(terminated).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(terminated).toEqual([
      {
        code: SubscriberTermination.SUBSCRIBE_TRANSPORT_ERROR,
        reason: 'the UA did not connect within 32 s',
        retryAfter: undefined,
      },
    ]);
    expect(sent('SUBSCRIBE')).toHaveLength(0);
    const stopping = stopAll();
    await vi.advanceTimersByTimeAsync(5000);
    await stopping;
    expect(vi.getTimerCount()).toBe(0);
  });

  it('ends SUBSCRIBE_TRANSPORT_ERROR when the UA stops before connecting', async () => {
    const { alice, network, stopAll } = await bobServing();
    network.silence();
    const subscriber = subscriptions(alice.ua).subscribe('bob', 'x-status', 'text/plain');
    const terminated = ended(subscriber);
    subscriber.subscribe();
    alice.ua.start();
    await vi.advanceTimersByTimeAsync(1000);
    await alice.ua.stop();
    expect(terminated).toEqual([
      {
        code: SubscriberTermination.SUBSCRIBE_TRANSPORT_ERROR,
        reason: 'the UA stopped before it connected',
        retryAfter: undefined,
      },
    ]);
    const stopping = stopAll(); // bob's un-REGISTER goes unanswered on the silent network
    await vi.advanceTimersByTimeAsync(5000);
    await stopping;
    expect(vi.getTimerCount()).toBe(0);
  });

  it('terminate() while waiting ends it without sending anything', async () => {
    const { alice, sent, stopAll } = await bobServing();
    const subscriber = subscriptions(alice.ua).subscribe('bob', 'x-status', 'text/plain');
    const terminated = ended(subscriber);
    subscriber.subscribe();
    subscriber.terminate();
    expect(terminated.map((e) => e.code)).toEqual([SubscriberTermination.UNSUBSCRIBE_TIMEOUT]);
    alice.ua.start();
    await vi.waitFor(() => expect(alice.ua.isRegistered()).toBe(true));
    expect(sent('SUBSCRIBE')).toHaveLength(0);
    await stopAll();
  });
});

describe('a PUBLISH made before the first connection waits for it', () => {
  async function aliceAndStateServer() {
    const scenario = createScenario();
    const server = new RawPhone(scenario.network, 'pres');
    server.socket.connect();
    await flush();
    server.send('REGISTER', 'sip:sip.test', [['Expires', '3600']], { to: '<sip:pres@sip.test>' });
    await vi.waitFor(() => expect(server.responses(200).length).toBeGreaterThan(0));
    const alice = scenario.addUA('alice');
    return { ...scenario, alice, server };
  }
  const body = buildPresence({ entity: 'sip:alice@sip.test', open: true });

  it('is sent once the UA connects, even when made before ua.start()', async () => {
    const { alice, server, stopAll } = await aliceAndStateServer();
    const presence = publisher(alice.ua, 'sip:pres@sip.test', 'presence');
    const published = presence.publish(body);
    await flush();
    expect(server.requests('PUBLISH')).toHaveLength(0);
    alice.ua.start();
    await vi.waitFor(() => expect(server.requests('PUBLISH')).toHaveLength(1));
    server.reply(server.requests('PUBLISH')[0]!, 200, 'esc', [['SIP-ETag', 'e1']]);
    await expect(published).resolves.toMatchObject({ ok: true });
    expect(presence.state).toBe('published');
    const stopping = stopAll();
    await vi.advanceTimersByTimeAsync(5000);
    await stopping;
  });

  it('fails with Connection Error when the UA stops before connecting', async () => {
    const { alice, network, server, stopAll } = await aliceAndStateServer();
    network.silence();
    const presence = publisher(alice.ua, 'sip:pres@sip.test', 'presence');
    const published = presence.publish(body);
    alice.ua.start();
    await vi.advanceTimersByTimeAsync(1000);
    await alice.ua.stop();
    await expect(published).resolves.toEqual({ ok: false, cause: Causes.CONNECTION_ERROR });
    expect(server.requests('PUBLISH')).toHaveLength(0);
    const stopping = stopAll();
    await vi.advanceTimersByTimeAsync(5000);
    await stopping;
    expect(vi.getTimerCount()).toBe(0);
  });
});
