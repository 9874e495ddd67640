import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Notifier } from './notifier.js';
import { Subscriber } from './subscriber.js';
import { flush, jssipScenario } from './testing/jssip-scenario.js';
import type { UAEventMap } from './ua-events.js';

// JsSIP 3.13.8 itself (a dev dependency): its Subscriber and Notifier are the reference shape.
const require = createRequire(import.meta.url);
const ReferenceSubscriber = require('jssip/lib/Subscriber') as { prototype: object; C: object };
const ReferenceNotifier = require('jssip/lib/Notifier') as { prototype: object; C: object };

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const methods = (prototype: object) =>
  Object.getOwnPropertyNames(prototype).filter((n) => n !== 'constructor' && !n.startsWith('_'));

describe('Subscriber and Notifier have JsSIP 3.13.8’s shape', () => {
  it('public methods and C constants', () => {
    const internal = new Set(['receiveRequest', 'onRequestTimeout', 'onTransportError']);
    const missing = [
      ...methods(ReferenceSubscriber.prototype)
        .filter((name) => !internal.has(name) && !(name in Subscriber.prototype))
        .map((name) => `Subscriber.${name}`),
      ...methods(ReferenceNotifier.prototype)
        .filter((name) => !internal.has(name) && !(name in Notifier.prototype))
        .map((name) => `Notifier.${name}`),
    ];
    // JsSIP's getter `C` is an instance field here (set in the constructor).
    expect(missing).toEqual(['Subscriber.C', 'Notifier.C']);
    expect(Subscriber.C).toEqual(expect.objectContaining(ReferenceSubscriber.C));
    expect(Notifier.C).toEqual(expect.objectContaining(ReferenceNotifier.C));
  });
});

describe('ua.subscribe / ua.notify / newSubscribe / sipEvent as JsSIP documents them', () => {
  it('a JsSIP-style subscriber and notifier talk, with positional event arguments', async () => {
    const { phones, stopAll } = await jssipScenario(['alice', 'bob']);
    const alice = phones['alice']!.ua;
    const bob = phones['bob']!.ua;
    const offered: Array<UAEventMap['newSubscribe']> = [];
    const notifierEvents: unknown[][] = [];
    let notifier: Notifier | undefined;
    bob.on('newSubscribe', (e) => {
      offered.push(e);
      notifier = bob.notify(e.request, 'text/plain', { pending: true });
      notifier.on('subscribe', (...args) => notifierEvents.push(['subscribe', args[0], args[2]]));
      notifier.on('terminated', (code) => notifierEvents.push(['terminated', code]));
      notifier.start();
      notifier.notify('waiting');
    });
    const subscriber = alice.subscribe('bob', 'x-status;id=7', 'text/plain', {
      expires: 'soon' as unknown as number,
      params: { from_uri: 'ignored' },
    });
    const seen: unknown[][] = [];
    subscriber.on('pending', () => seen.push(['pending']));
    subscriber.on('active', () => seen.push(['active']));
    subscriber.on('accepted', () => seen.push(['accepted']));
    subscriber.on('notify', (isFinal, request, body, contentType) =>
      seen.push(['notify', isFinal, request.method, body, contentType]),
    );
    subscriber.on('terminated', (code, reason, retryAfter) =>
      seen.push(['terminated', code, reason, retryAfter]),
    );
    expect(subscriber.state).toBe(Subscriber.C.STATE_INIT);
    subscriber.subscribe();
    await flush();
    expect(offered[0]?.event).toEqual({ event: 'x-status', params: { id: '7' } });
    expect(offered[0]?.request.method).toBe('SUBSCRIBE');
    expect(subscriber.state).toBe(Subscriber.C.STATE_PENDING);
    expect(notifier?.state).toBe(Notifier.C.STATE_PENDING);
    notifier!.setActiveState();
    notifier!.notify('here');
    await flush();
    expect(subscriber.state).toBe(Subscriber.C.STATE_ACTIVE);
    subscriber.terminate(null);
    await flush();
    expect(seen).toEqual([
      ['pending'],
      ['notify', false, 'NOTIFY', 'waiting', 'text/plain'],
      ['accepted'],
      ['active'],
      ['notify', false, 'NOTIFY', 'here', 'text/plain'],
      ['notify', true, 'NOTIFY', undefined, undefined],
      ['terminated', Subscriber.C.FINAL_NOTIFY_RECEIVED, 'timeout', undefined],
    ]);
    expect(notifierEvents).toEqual([
      ['subscribe', false, undefined],
      ['subscribe', true, undefined],
      ['terminated', Notifier.C.UNSUBSCRIBE_RECEIVED],
    ]);
    await stopAll();
  });

  it('sipEvent gets NOTIFYs outside any subscription (200); without listeners SUBSCRIBE gets 405', async () => {
    const { phones, network, stopAll } = await jssipScenario(['alice', 'bob']);
    const alice = phones['alice']!.ua;
    const subscriber = alice.subscribe('bob', 'presence', 'application/pidf+xml');
    const ended = vi.fn();
    subscriber.on('terminated', ended);
    subscriber.subscribe();
    await flush();
    // Bob never listened to newSubscribe: his UA allows no SUBSCRIBE (JsSIP answers 405 too).
    expect(ended).toHaveBeenCalledWith(
      Subscriber.C.SUBSCRIBE_NON_OK_RESPONSE,
      'Method Not Allowed',
      undefined,
    );
    const events: string[] = [];
    alice.on('sipEvent', ({ event, request }) => events.push(`${event.event}:${request.body}`));
    const pbx = network.createSocket('pbx');
    const answers: string[] = [];
    pbx.ondata = (text) => answers.push(text.split('\r\n')[0] ?? '');
    pbx.connect();
    await flush();
    const body = 'Messages-Waiting: yes\r\nVoice-Message: 1/0\r\n';
    pbx.send(
      [
        'NOTIFY sip:alice@sip.test SIP/2.0',
        'Via: SIP/2.0/WS pbx.invalid;branch=z9hG4bKmwi1',
        'Max-Forwards: 70',
        'From: <sip:vm@sip.test>;tag=vm',
        'To: <sip:alice@sip.test>',
        'Call-ID: mwi-1',
        'CSeq: 1 NOTIFY',
        'Event: message-summary',
        'Subscription-State: active',
        'Content-Type: application/simple-message-summary',
        `Content-Length: ${body.length}`,
        '',
        body,
      ].join('\r\n'),
    );
    await flush();
    expect(answers).toEqual(['SIP/2.0 200 OK']);
    expect(events).toEqual([`message-summary:${body}`]);
    await stopAll();
  });
});
