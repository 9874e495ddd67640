import {
  NotifierTermination,
  SubscriberTermination,
  subscriptions,
  type Notifier,
  type SubscriberEvents,
  type UA,
} from '@sipkit/core';
import { describe, expect, it, vi } from 'vitest';
import { createScenario } from './harness.fixture.js';
import { flush, fakeTimersForEachTest } from './fake-timers.fixture.js';

fakeTimersForEachTest();

async function aliceAndBob(server: Parameters<typeof createScenario>[0] = {}) {
  const scenario = createScenario(server);
  const alice = scenario.addUA('alice', { password: 'a' });
  const bob = scenario.addUA('bob', { password: 'b' });
  alice.ua.start();
  bob.ua.start();
  await vi.waitFor(() => expect(alice.ua.isRegistered() && bob.ua.isRegistered()).toBe(true));
  return { ...scenario, alice, bob };
}

/** Bob serves `x-status` with a text body; each new notifier is kept in `notifiers`. */
function serveStatus(ua: UA, status = 'available', options: { pending?: boolean } = {}) {
  const notifiers: Notifier[] = [];
  const events = subscriptions(ua);
  ua.on('newSubscribe', ({ event, request }) => {
    if (event.type !== 'x-status') return;
    const notifier = events.notify(request, 'text/plain', options);
    notifiers.push(notifier);
    notifier.start();
    notifier.notify(status);
  });
  return notifiers;
}

function record(subscriber: ReturnType<ReturnType<typeof subscriptions>['subscribe']>) {
  const seen: string[] = [];
  const notifies: Array<SubscriberEvents['notify']> = [];
  const terminated: Array<SubscriberEvents['terminated']> = [];
  subscriber.on('accepted', () => seen.push('accepted'));
  subscriber.on('pending', () => seen.push('pending'));
  subscriber.on('active', () => seen.push('active'));
  subscriber.on('notify', (e) => {
    seen.push(`notify:${e.body ?? ''}${e.isFinal ? ':final' : ''}`);
    notifies.push(e);
  });
  subscriber.on('terminated', (e) => {
    seen.push(`terminated:${e.code}`);
    terminated.push(e);
  });
  return { seen, notifies, terminated };
}

describe('SUBSCRIBE/NOTIFY between UAs (RFC 6665)', () => {
  it('subscribes, receives NOTIFYs, and unsubscribes with a final NOTIFY', async () => {
    const { alice, bob, sent, stopAll } = await aliceAndBob();
    const notifiers = serveStatus(bob.ua);
    const subscriber = subscriptions(alice.ua).subscribe('bob', 'x-status', 'text/plain', {
      expires: 600,
    });
    const { seen, notifies } = record(subscriber);
    subscriber.subscribe();
    await flush();
    expect(seen).toEqual(['active', 'notify:available', 'accepted']);
    expect(subscriber.state).toBe('active');
    const subscribe = sent('SUBSCRIBE')[0];
    expect(subscribe?.header('event')).toBe('x-status');
    expect(subscribe?.header('expires')).toBe('600');
    expect(subscribe?.header('accept')).toBe('text/plain');
    expect(notifies[0]?.request.header('subscription-state')).toBe('active;expires=600');
    expect(notifies[0]?.contentType).toBe('text/plain');

    const notifier = notifiers[0]!;
    const ended = vi.fn();
    notifier.on('terminated', ended);
    notifier.notify('busy');
    await flush();
    expect(seen.at(-1)).toBe('notify:busy');

    subscriber.terminate();
    await flush();
    expect(sent('SUBSCRIBE').at(-1)?.header('expires')).toBe('0');
    expect(seen.slice(-2)).toEqual([
      'notify::final',
      `terminated:${SubscriberTermination.FINAL_NOTIFY_RECEIVED}`,
    ]);
    expect(ended).toHaveBeenCalledWith({ code: NotifierTermination.UNSUBSCRIBE_RECEIVED });
    expect(notifier.state).toBe('terminated');
    await stopAll();
  });

  it('answers 489 Bad Event to a SUBSCRIBE nobody serves, and the subscriber ends', async () => {
    const { alice, bob, stopAll } = await aliceAndBob();
    subscriptions(bob.ua);
    const subscriber = subscriptions(alice.ua).subscribe('bob', 'presence', 'application/pidf+xml');
    const { terminated } = record(subscriber);
    subscriber.subscribe();
    await flush();
    expect(terminated).toEqual([
      {
        code: SubscriberTermination.SUBSCRIBE_NON_OK_RESPONSE,
        reason: 'Bad Event',
        retryAfter: undefined,
      },
    ]);
    await stopAll();
  });

  it('refreshes before expiry, in the same dialog', async () => {
    const { alice, bob, sent, stopAll } = await aliceAndBob();
    serveStatus(bob.ua);
    const subscriber = subscriptions(alice.ua).subscribe('bob', 'x-status', 'text/plain', {
      expires: 600,
    });
    subscriber.subscribe();
    await flush();
    expect(sent('SUBSCRIBE')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync((600 - 92) * 1000 - 1);
    expect(sent('SUBSCRIBE')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    const refresh = sent('SUBSCRIBE')[1];
    expect(refresh?.to.tag).toBeDefined();
    expect(refresh?.callId).toBe(sent('SUBSCRIBE')[0]?.callId);
    expect(refresh?.cseq.seq).toBe(2);
    expect(subscriber.state).toBe('active');
    await stopAll();
  });

  it('goes pending, then active when the notifier authorizes', async () => {
    const { alice, bob, stopAll } = await aliceAndBob();
    const notifiers = serveStatus(bob.ua, 'unknown', { pending: true });
    const subscriber = subscriptions(alice.ua).subscribe('bob', 'x-status', 'text/plain');
    const { seen } = record(subscriber);
    subscriber.subscribe();
    await flush();
    expect(subscriber.state).toBe('pending');
    notifiers[0]!.setActiveState();
    notifiers[0]!.notify('available');
    await flush();
    expect(seen).toEqual(['pending', 'notify:unknown', 'accepted', 'active', 'notify:available']);
    await stopAll();
  });

  it('unsubscribes on ua.stop(), and the notifier sees it', async () => {
    const { alice, bob, sent, stopAll } = await aliceAndBob();
    const notifiers = serveStatus(bob.ua);
    const subscriber = subscriptions(alice.ua).subscribe('bob', 'x-status', 'text/plain');
    const { terminated } = record(subscriber);
    subscriber.subscribe();
    await flush();
    const stopping = alice.ua.stop();
    for (let i = 0; i < 5; i++) await flush();
    await stopping;
    expect(sent('SUBSCRIBE').at(-1)?.header('expires')).toBe('0');
    expect(terminated[0]?.code).toBe(SubscriberTermination.FINAL_NOTIFY_RECEIVED);
    expect(notifiers[0]?.state).toBe('terminated');
    await stopAll();
  });
});
