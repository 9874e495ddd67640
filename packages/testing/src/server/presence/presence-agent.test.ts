import {
  busyLampOf,
  buildPresence,
  parseDialogInfo,
  parseMessageSummary,
  parsePresence,
  publisher,
  subscriptions,
  type UA,
} from '@sipkit/core';
import { describe, expect, it, vi } from 'vitest';
import { callScenario, flush, ring, WAIT } from '../../scenarios/calls.fixture.js';
import { createScenario } from '../../scenarios/harness.fixture.js';
import { RawPhone } from '../raw-phone.fixture.js';
import { fakeTimersForEachTest } from '../../scenarios/fake-timers.fixture.js';

fakeTimersForEachTest();

/** Watches `target`'s `event` from `ua`: every NOTIFY body, in order. */
function watch(ua: UA, target: string, event: string, accept: string) {
  const bodies: string[] = [];
  const subscriber = subscriptions(ua).subscribe(target, event, accept);
  subscriber.on('notify', ({ body }) => bodies.push(body ?? ''));
  subscriber.subscribe();
  return { subscriber, bodies, last: () => bodies.at(-1) ?? '' };
}

const PIDF = 'application/pidf+xml';
const DIALOG = 'application/dialog-info+xml';
const MWI = 'application/simple-message-summary';

describe('presence agent: presence (RFC 3856, RFC 3903)', () => {
  it('tells registration state, then the published state, and NOTIFYs every watcher on change', async () => {
    const { uas, proxy, stopAll } = await callScenario(
      ['alice', 'bob', 'carol'],
      {},
      { presence: true },
    );
    const fromBob = watch(uas.bob!.ua, 'sip:alice@sip.test', 'presence', PIDF);
    const fromCarol = watch(uas.carol!.ua, 'sip:alice@sip.test', 'presence', PIDF);
    await vi.waitFor(() => expect(fromCarol.bodies.length).toBe(1), WAIT);
    expect(parsePresence(fromBob.last()).basic).toBe('open'); // registered, nothing published

    const presence = publisher(uas.alice!.ua, 'sip:alice@sip.test', 'presence', { expires: 600 });
    await presence.publish(
      buildPresence({
        entity: 'sip:alice@sip.test',
        open: true,
        activities: ['away'],
        note: 'lunch',
      }),
    );
    await vi.waitFor(() => expect(fromCarol.bodies.length).toBe(2), WAIT);
    for (const watcher of [fromBob, fromCarol]) {
      expect(parsePresence(watcher.last()).activities).toEqual(['away']);
      expect(parsePresence(watcher.last()).notes).toEqual(['lunch']);
    }
    expect(proxy.presence?.publicationCount).toBe(1);

    // A refresh (SIP-If-Match, no body) keeps the state and tells nobody.
    await vi.advanceTimersByTimeAsync((600 - 92) * 1000 + 10);
    expect(presence.state).toBe('published');
    expect(fromBob.bodies.length).toBe(2);

    await presence.unpublish();
    await vi.waitFor(() => expect(parsePresence(fromCarol.last()).activities).toEqual([]), WAIT);
    expect(proxy.presence?.publicationCount).toBe(0);

    await uas.alice!.ua.unregister();
    await vi.waitFor(() => expect(parsePresence(fromCarol.last()).basic).toBe('closed'), WAIT);
    await stopAll();
    // ua.stop() unsubscribed (Expires: 0) before the connections closed.
    expect(proxy.presence?.subscriptionCount).toBe(0);
    proxy.close();
  });

  it("keeps a SipKit subscriber's refreshes in the subscription's dialog", async () => {
    const { uas, proxy, stopAll } = await callScenario(['alice', 'bob'], {}, { presence: true });
    const bodies: string[] = [];
    const subscriber = subscriptions(uas.bob!.ua).subscribe(
      'sip:alice@sip.test',
      'presence',
      PIDF,
      {
        expires: 120,
      },
    );
    subscriber.on('notify', ({ body }) => bodies.push(body ?? ''));
    const ended = vi.fn();
    subscriber.on('terminated', ended);
    subscriber.subscribe();
    await vi.waitFor(() => expect(bodies.length).toBe(1), WAIT);
    await vi.advanceTimersByTimeAsync(300_000); // past two refreshes, each answered with a NOTIFY
    expect(bodies.length).toBeGreaterThanOrEqual(3);
    expect(ended).not.toHaveBeenCalled();
    expect(proxy.presence?.subscriptionCount).toBe(1);
    await stopAll();
    proxy.close();
  });

  it('goes closed when the registration expires or its connection closes', async () => {
    const { uas, proxy, network, stopAll } = await callScenario(
      ['alice', 'bob'],
      {},
      { presence: true },
    );
    const fromBob = watch(uas.bob!.ua, 'sip:alice@sip.test', 'presence', PIDF);
    await vi.waitFor(() => expect(parsePresence(fromBob.last()).basic).toBe('open'), WAIT);
    network.unplug(uas.alice!.socket);
    await vi.waitFor(() => expect(parsePresence(fromBob.last()).basic).toBe('closed'), WAIT);

    // A phone that registers for 60 s and never refreshes: closed once the binding expires.
    const dave = new RawPhone(network, 'dave');
    dave.socket.connect();
    await flush();
    dave.send('REGISTER', 'sip:sip.test', [['Expires', '60']], { to: '<sip:dave@sip.test>' });
    await flush();
    const fromBobToDave = watch(uas.bob!.ua, 'sip:dave@sip.test', 'presence', PIDF);
    await vi.waitFor(() => expect(parsePresence(fromBobToDave.last()).basic).toBe('open'), WAIT);
    await vi.advanceTimersByTimeAsync(59_000);
    expect(parsePresence(fromBobToDave.last()).basic).toBe('open');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(parsePresence(fromBobToDave.last()).basic).toBe('closed');
    await stopAll();
    proxy.close();
  });

  it('PUBLISH: 412 for an unknown entity-tag, 403 for another user, 400 for a bad PIDF, 423 too brief', async () => {
    const scenario = createScenario({ presence: true });
    const phone = new RawPhone(scenario.network, 'alice');
    phone.socket.connect();
    await flush();
    const pidf = buildPresence({ entity: 'sip:alice@sip.test', open: true });
    const publish = (ruri: string, headers: Array<[string, string]>, body?: string) =>
      phone.send(
        'PUBLISH',
        ruri,
        [['Event', 'presence'], ...headers],
        body === undefined ? {} : { body },
      );
    publish('sip:alice@sip.test', [['SIP-If-Match', 'nope']]);
    publish('sip:bob@sip.test', [['Content-Type', PIDF]], pidf);
    publish('sip:alice@sip.test', [['Content-Type', PIDF]], '<presence');
    publish(
      'sip:alice@sip.test',
      [
        ['Content-Type', PIDF],
        ['Expires', '5'],
      ],
      pidf,
    );
    publish('sip:alice@sip.test', [['Content-Type', 'text/plain']], 'hi');
    await flush();
    expect(phone.responses().map((r) => r.status)).toEqual([412, 403, 400, 423, 415]);
    expect(phone.responses(423)[0]?.header('min-expires')).toBe('60');
    publish(
      'sip:alice@sip.test',
      [
        ['Content-Type', PIDF],
        ['Expires', '7200'],
      ],
      pidf,
    );
    await flush();
    const ok = phone.responses(200)[0]!;
    expect(ok.header('sip-etag')).toMatch(/^\w+$/);
    expect(ok.header('expires')).toBe('3600'); // cut to maxExpires
    // Publications expire on their own (RFC 3903 §4.1).
    await vi.advanceTimersByTimeAsync(3600 * 1000);
    expect(scenario.proxy.presence?.publicationCount).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('presence agent: busy lamps (RFC 4235) from the calls it proxies', () => {
  it('rings with the caller, is busy while confirmed on both sides, idle after BYE', async () => {
    const { uas, proxy, network, stopAll } = await callScenario(
      ['alice', 'bob', 'carol'],
      {},
      { presence: true },
    );
    const bobLamp = watch(uas.carol!.ua, 'sip:bob@sip.test', 'dialog', DIALOG);
    const aliceLamp = watch(uas.carol!.ua, 'sip:alice@sip.test', 'dialog', DIALOG);
    const alicePresence = watch(uas.carol!.ua, 'sip:alice@sip.test', 'presence', PIDF);
    await vi.waitFor(() => expect(aliceLamp.bodies.length).toBe(1), WAIT);
    expect(busyLampOf(parseDialogInfo(bobLamp.last())).state).toBe('idle');

    const outgoing = await ring(uas.alice!, uas.bob!, 'sip:bob@sip.test');
    await vi.waitFor(() => {
      const lamp = busyLampOf(parseDialogInfo(bobLamp.last()));
      expect(lamp.state).toBe('ringing');
      expect(lamp.state === 'ringing' && lamp.caller?.identity).toBe('sip:alice@sip.test');
    }, WAIT);
    expect(busyLampOf(parseDialogInfo(aliceLamp.last())).state).toBe('busy'); // calling out

    uas.bob!.last().answer();
    await vi.waitFor(() => expect(outgoing.status).toBe('confirmed'), WAIT);
    await vi.waitFor(() => {
      const doc = parseDialogInfo(bobLamp.last());
      expect(doc.dialogs[0]?.state).toBe('confirmed');
      expect(doc.dialogs[0]?.direction).toBe('recipient');
    }, WAIT);
    expect(parsePresence(alicePresence.last()).activities).toEqual(['on-the-phone']);
    // A BYE with the call's Call-ID from a stranger's connection does not dim the lamp.
    const callId = parseDialogInfo(bobLamp.last()).dialogs[0]?.callId ?? '';
    const mallory = new RawPhone(network, 'mallory');
    mallory.socket.connect();
    await flush();
    const notified = bobLamp.bodies.length;
    mallory.send('BYE', 'sip:bob@sip.test', [], { callId, to: '<sip:bob@sip.test>;tag=forged' });
    await vi.waitFor(() => expect(mallory.responses().length).toBe(1), WAIT);
    expect(bobLamp.bodies.length).toBe(notified);
    expect(busyLampOf(parseDialogInfo(bobLamp.last())).state).toBe('busy');
    const versions = bobLamp.bodies.map((body) => parseDialogInfo(body).version);
    expect(versions).toEqual(versions.map((_, i) => i)); // RFC 4235 §4.1: counting up

    outgoing.terminate();
    await vi.waitFor(() => {
      expect(busyLampOf(parseDialogInfo(bobLamp.last())).state).toBe('idle');
      expect(busyLampOf(parseDialogInfo(aliceLamp.last())).state).toBe('idle');
    }, WAIT);
    expect(parsePresence(alicePresence.last()).activities).toEqual([]);
    await stopAll();
    proxy.close();
  });

  it('goes idle when the call is declined or the caller cancels', async () => {
    const { uas, proxy, stopAll } = await callScenario(
      ['alice', 'bob', 'carol'],
      {},
      { presence: true },
    );
    const bobLamp = watch(uas.carol!.ua, 'sip:bob@sip.test', 'dialog', DIALOG);
    await vi.waitFor(() => expect(bobLamp.bodies.length).toBe(1), WAIT);
    const first = uas.alice!.ua.call('sip:bob@sip.test');
    await vi.waitFor(
      () => expect(busyLampOf(parseDialogInfo(bobLamp.last())).state).toBe('ringing'),
      WAIT,
    );
    uas.bob!.last().terminate({ status_code: 486 });
    await vi.waitFor(
      () => expect(busyLampOf(parseDialogInfo(bobLamp.last())).state).toBe('idle'),
      WAIT,
    );
    expect(first.status).toBe('terminated');
    const second = uas.alice!.ua.call('sip:bob@sip.test');
    await vi.waitFor(
      () => expect(busyLampOf(parseDialogInfo(bobLamp.last())).state).toBe('ringing'),
      WAIT,
    );
    second.terminate();
    await vi.waitFor(
      () => expect(busyLampOf(parseDialogInfo(bobLamp.last())).state).toBe('idle'),
      WAIT,
    );
    await stopAll();
    proxy.close();
  });
});

describe('presence agent: message waiting (RFC 3842)', () => {
  it('tells the configured counts and NOTIFYs when the app changes them', async () => {
    const { uas, proxy, stopAll } = await callScenario(
      ['alice'],
      {},
      {
        presence: { messageWaiting: { alice: { new: 2, old: 5 } } },
      },
    );
    const mwi = watch(uas.alice!.ua, 'sip:alice@sip.test', 'message-summary', MWI);
    await vi.waitFor(() => expect(mwi.bodies.length).toBe(1), WAIT);
    expect(parseMessageSummary(mwi.last())).toMatchObject({
      waiting: true,
      account: 'sip:alice@sip.test',
      voice: { new: 2, old: 5 },
    });
    proxy.presence?.setMessageWaiting('alice', { new: 0, old: 7 });
    await vi.waitFor(() => expect(mwi.bodies.length).toBe(2), WAIT);
    expect(parseMessageSummary(mwi.last())).toMatchObject({
      waiting: false,
      voice: { new: 0, old: 7 },
    });
    expect(() => proxy.presence?.setMessageWaiting('alice', { new: -1, old: 0 })).toThrow(
      expect.objectContaining({ name: 'MessageWaitingError', parameter: 'alice.new' }),
    );
    await stopAll();
    proxy.close();
  });
});

describe('presence agent: RFC 6665 notifier rules', () => {
  async function phone(limits = {}) {
    const warnings: string[] = [];
    const scenario = createScenario({
      presence: true,
      limits,
      warn: (line) => warnings.push(line),
    });
    const raw = new RawPhone(scenario.network, 'watcher');
    raw.socket.connect();
    await flush();
    // In the dialog, requests go to the Contact of the 2xx (RFC 6665 §4.1.2.1): the proxy itself.
    const subscribe = (
      event: string,
      headers: Array<[string, string]> = [],
      to?: string,
      callId?: string,
    ) =>
      raw.send(
        'SUBSCRIBE',
        to === undefined ? 'sip:alice@sip.test' : 'sip:sip.test;transport=ws',
        [['Event', event], ...headers],
        {
          ...(to === undefined ? {} : { to }),
          ...(callId === undefined ? {} : { callId }),
        },
      );
    return { ...scenario, raw, subscribe, warnings };
  }

  it('answers 489 with Allow-Events for an unknown package, 423 with Min-Expires, 406 for a body it cannot send', async () => {
    const { raw, subscribe } = await phone();
    subscribe('x-custom');
    subscribe('presence', [['Expires', '10']]);
    subscribe('presence', [['Accept', 'text/plain']]);
    await flush();
    expect(raw.responses().map((r) => r.status)).toEqual([489, 423, 406]);
    expect(raw.responses(489)[0]?.header('allow-events')).toBe('presence, dialog, message-summary');
    expect(raw.responses(423)[0]?.header('min-expires')).toBe('60');
    expect(raw.requests('NOTIFY')).toEqual([]);
  });

  it('refreshes, NOTIFYs at once each time, and ends with reason=timeout on expiry and on unsubscribe', async () => {
    const { raw, subscribe, proxy } = await phone();
    const { callId } = subscribe('presence', [['Expires', '120']]);
    await flush();
    const ok = raw.responses(200)[0]!;
    expect(ok.header('expires')).toBe('120');
    expect(ok.header('contact')).toBe('<sip:sip.test;transport=ws>');
    const first = raw.requests('NOTIFY')[0]!;
    expect(first.header('subscription-state')).toBe('active;expires=120');
    expect(first.header('event')).toBe('presence');
    expect(first.to.tag).toBe('watchertag');
    raw.reply(first, 200);
    // Refresh in the dialog, to the Contact we gave (RFC 6665 §4.1.2.1).
    await vi.advanceTimersByTimeAsync(60_000);
    subscribe(
      'presence',
      [['Expires', '120']],
      `<sip:alice@sip.test>;tag=${first.from.tag ?? ''}`,
      callId,
    );
    await flush();
    expect(raw.responses(200).length).toBe(2);
    expect(raw.requests('NOTIFY').length).toBe(2);
    expect(raw.requests('NOTIFY')[1]?.cseq.seq).toBe(first.cseq.seq + 1);
    await vi.advanceTimersByTimeAsync(119_000);
    expect(raw.requests('NOTIFY').length).toBe(2);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(raw.requests('NOTIFY')[2]?.header('subscription-state')).toBe(
      'terminated;reason=timeout',
    );
    expect(proxy.presence?.subscriptionCount).toBe(0);
    // A refresh of the expired one: 481 (RFC 6665 §4.2.1.1).
    subscribe('presence', [], `<sip:alice@sip.test>;tag=${first.from.tag ?? ''}`, callId);
    await flush();
    expect(raw.responses().at(-1)?.status).toBe(481);

    const again = subscribe('message-summary;id=7');
    await flush();
    const notify = raw.requests('NOTIFY').at(-1)!;
    expect(notify.header('event')).toBe('message-summary;id=7');
    subscribe(
      'message-summary;id=7',
      [['Expires', '0']],
      `<sip:alice@sip.test>;tag=${notify.from.tag ?? ''}`,
      again.callId,
    );
    await flush();
    expect(raw.requests('NOTIFY').at(-1)?.header('subscription-state')).toBe(
      'terminated;reason=timeout',
    );
    expect(proxy.presence?.subscriptionCount).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('ends a subscription whose NOTIFY gets 481, and all of a connection when it closes', async () => {
    const { raw, subscribe, proxy } = await phone();
    subscribe('presence');
    subscribe('dialog');
    await flush();
    raw.reply(raw.requests('NOTIFY')[0]!, 481);
    await flush();
    expect(proxy.presence?.subscriptionCount).toBe(1);
    raw.socket.disconnect();
    await flush();
    expect(proxy.presence?.subscriptionCount).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('bounds subscriptions per connection and in all (503, one log line)', async () => {
    const { raw, subscribe, proxy, network, warnings } = await phone({
      maxSubscriptionsPerConnection: 2,
      maxSubscriptions: 3,
    });
    for (let i = 0; i < 3; i++) subscribe('presence');
    await flush();
    expect(raw.responses().map((r) => r.status)).toEqual([200, 200, 503]);
    expect(warnings.filter((line) => line.includes('maxSubscriptionsPerConnection'))).toHaveLength(
      1,
    );
    const second = new RawPhone(network, 'second');
    second.socket.connect();
    await flush();
    for (let i = 0; i < 2; i++) second.send('SUBSCRIBE', 'sip:bob@sip.test', [['Event', 'dialog']]);
    await flush();
    expect(second.responses().map((r) => r.status)).toEqual([200, 503]);
    expect(warnings.filter((line) => line.includes('(maxSubscriptions)'))).toHaveLength(1);
    expect(proxy.presence?.subscriptionCount).toBe(3);
    proxy.close();
    expect(vi.getTimerCount()).toBe(0);
  });
});
