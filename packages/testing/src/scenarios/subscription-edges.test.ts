import {
  formatUri,
  SubscriberTermination,
  subscriptions,
  UA,
  UserAgent,
  type Notifier,
  type NotifierOptions,
  type Subscriber,
} from '@sipkit/core';
import { describe, expect, it, vi } from 'vitest';
import { matches } from '../network/fault-plan.js';
import { RawPhone } from '../server/raw-phone.fixture.js';
import { createScenario } from './harness.fixture.js';
import { flush, fakeTimersForEachTest } from './fake-timers.fixture.js';

fakeTimersForEachTest();

/** Started, registered UAs; `bob1` and `bob2` are two phones of bob (own sockets). */
async function started(scenario: ReturnType<typeof createScenario>, ...names: string[]) {
  const uas = names.map((name) => {
    const user = name.replace(/\d$/, '');
    if (user === name) return scenario.addUA(user, { password: 'x' });
    const socket = scenario.network.createSocket(name);
    return { ua: new UA({ uri: `sip:${user}@sip.test`, sockets: socket }), socket };
  });
  uas.forEach(({ ua }) => ua.start());
  await vi.waitFor(() => expect(uas.every(({ ua }) => ua.isRegistered())).toBe(true));
  return uas;
}

function serve(ua: UA, options: NotifierOptions = {}, status = 'available') {
  const notifiers: Notifier[] = [];
  const events = subscriptions(ua);
  ua.on('newSubscribe', ({ request }) => {
    const notifier = events.notify(request, 'text/plain', options);
    notifiers.push(notifier);
    notifier.start();
    notifier.notify(status);
  });
  return notifiers;
}

function watch(
  ua: UA,
  options = {},
): { subscriber: Subscriber; ends: unknown[]; bodies: string[] } {
  const subscriber = subscriptions(ua).subscribe('bob', 'x-status', 'text/plain', options);
  const ends: unknown[] = [];
  const bodies: string[] = [];
  subscriber.on('terminated', (e) => ends.push(e));
  subscriber.on('notify', (e) => bodies.push(e.body ?? ''));
  subscriber.subscribe();
  return { subscriber, ends, bodies };
}

describe('RFC 6665 paths over the in-memory network', () => {
  it('retries with Min-Expires after 423 Interval Too Brief', async () => {
    const scenario = createScenario();
    const [alice, bob] = await started(scenario, 'alice', 'bob');
    serve(bob!.ua, { minExpires: 3600 });
    const { subscriber } = watch(alice!.ua, { expires: 60 });
    await flush();
    const sent = scenario.sent('SUBSCRIBE');
    expect(sent.map((r) => r.header('expires'))).toEqual(['60', '3600']);
    expect(subscriber.state).toBe('active');
    await scenario.stopAll();
  });

  it('resubscribes at once after terminated;reason=deactivated, in a new dialog', async () => {
    const scenario = createScenario();
    const [alice, bob] = await started(scenario, 'alice', 'bob');
    const notifiers = serve(bob!.ua);
    const { subscriber, ends } = watch(alice!.ua);
    await flush();
    notifiers[0]!.terminate(undefined, 'deactivated');
    await flush();
    const sent = scenario.sent('SUBSCRIBE');
    expect(sent).toHaveLength(2);
    expect(sent[1]?.to.tag).toBeUndefined();
    expect(sent[1]?.callId).not.toBe(sent[0]?.callId);
    expect(notifiers).toHaveLength(2);
    expect(subscriber.state).toBe('active');
    expect(ends).toEqual([]);
    await scenario.stopAll();
  });

  it('waits retry-after before resubscribing after probation', async () => {
    const scenario = createScenario();
    const [alice, bob] = await started(scenario, 'alice', 'bob');
    const notifiers = serve(bob!.ua);
    const { subscriber } = watch(alice!.ua);
    await flush();
    notifiers[0]!.terminate(undefined, 'probation', 30);
    await flush();
    expect(subscriber.state).toBe('notify_wait');
    await vi.advanceTimersByTimeAsync(29_999);
    expect(scenario.sent('SUBSCRIBE')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(scenario.sent('SUBSCRIBE')).toHaveLength(2);
    expect(subscriber.state).toBe('active');
    await scenario.stopAll();
  });

  it('stops after rejected or noresource, with the reason', async () => {
    const scenario = createScenario();
    const [alice, bob] = await started(scenario, 'alice', 'bob');
    const notifiers = serve(bob!.ua);
    const { subscriber, ends, bodies } = watch(alice!.ua);
    await flush();
    notifiers[0]!.terminate('gone', 'rejected');
    await flush();
    expect(bodies).toEqual(['available', 'gone']);
    expect(ends).toEqual([
      {
        code: SubscriberTermination.FINAL_NOTIFY_RECEIVED,
        reason: 'rejected',
        retryAfter: undefined,
      },
    ]);
    expect(subscriber.state).toBe('terminated');
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(scenario.sent('SUBSCRIBE')).toHaveLength(1);
    await scenario.stopAll();
  });

  it('takes a NOTIFY that arrives before the 2xx (RFC 6665 §4.1.2.4)', async () => {
    const scenario = createScenario();
    const [alice, bob] = await started(scenario, 'alice', 'bob');
    serve(bob!.ua);
    scenario.network.faults.delay(50, matches.responseTo('SUBSCRIBE'), {
      direction: 'to-client',
      times: 1,
    });
    const { subscriber, bodies } = watch(alice!.ua);
    const order: string[] = [];
    subscriber.on('notify', () => order.push('notify'));
    subscriber.on('accepted', () => order.push('accepted'));
    await flush();
    expect(bodies).toEqual(['available']);
    await vi.advanceTimersByTimeAsync(50);
    expect(order).toEqual(['notify', 'accepted']);
    expect(subscriber.state).toBe('active');
    await scenario.stopAll();
  });

  it('a forked SUBSCRIBE makes one subscription per notifier (RFC 6665 §4.1.2.4)', async () => {
    const scenario = createScenario();
    const [alice, bob1, bob2] = await started(scenario, 'alice', 'bob1', 'bob2');
    const first = serve(bob1!.ua, {}, 'desk');
    const second = serve(bob2!.ua, {}, 'mobile');
    const subscriber = subscriptions(alice!.ua).subscribe('bob', 'x-status', 'text/plain');
    const bodies: string[] = [];
    const forks: Subscriber[] = [];
    subscriber.on('notify', (e) => bodies.push(e.body ?? ''));
    subscriber.on('forked', ({ subscriber: fork }) => {
      forks.push(fork);
      fork.on('notify', (e) => bodies.push(`fork:${e.body ?? ''}`));
    });
    subscriber.subscribe();
    await flush();
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(1);
    expect(forks).toHaveLength(1);
    expect(bodies.sort()).toEqual(['desk', 'fork:mobile'].sort());
    second[0]!.notify('mobile, busy');
    first[0]!.notify('desk, busy');
    await flush();
    expect(bodies).toContain('fork:mobile, busy');
    expect(bodies).toContain('desk, busy');
    expect(forks[0]!.state).toBe('active');
    await Promise.all([bob1!.ua.stop(), bob2!.ua.stop()]);
    await scenario.stopAll();
  });

  it('ends a fork nobody listens for with an unsubscribe', async () => {
    const scenario = createScenario();
    const [alice, bob1, bob2] = await started(scenario, 'alice', 'bob1', 'bob2');
    const first = serve(bob1!.ua);
    const second = serve(bob2!.ua);
    const { subscriber } = watch(alice!.ua);
    await flush();
    const ended = [...first, ...second].filter((n) => n.state === 'terminated');
    expect(ended).toHaveLength(1);
    expect(subscriber.state).toBe('active');
    expect(scenario.sent('SUBSCRIBE').filter((r) => r.header('expires') === '0')).toHaveLength(1);
    await Promise.all([bob1!.ua.stop(), bob2!.ua.stop()]);
    await scenario.stopAll();
  });

  it('refreshes the subscription when the connection comes back', async () => {
    const scenario = createScenario();
    const [alice, bob] = await started(scenario, 'alice', 'bob');
    const notifiers = serve(bob!.ua);
    const { subscriber, bodies } = watch(alice!.ua);
    await flush();
    scenario.network.cut(alice!.socket);
    await vi.waitFor(async () => {
      await vi.advanceTimersByTimeAsync(1000);
      expect(alice!.ua.isRegistered()).toBe(true);
    });
    await flush();
    const sent = scenario.sent('SUBSCRIBE');
    expect(sent).toHaveLength(2);
    expect(sent[1]?.callId).toBe(sent[0]?.callId);
    notifiers[0]!.notify('after the cut');
    await flush();
    expect(bodies.at(-1)).toBe('after the cut');
    expect(subscriber.state).toBe('active');
    await scenario.stopAll();
  });

  it('the notifier ends the subscription with reason=timeout when it is not refreshed', async () => {
    const scenario = createScenario();
    const [alice, bob] = await started(scenario, 'alice', 'bob');
    const notifiers = serve(bob!.ua);
    const watched = subscriptions(alice!.ua).subscribe('bob', 'x-status', 'text/plain', {
      expires: 300,
    });
    watched.subscribe();
    await flush();
    const expired = vi.fn();
    notifiers[0]!.on('expired', expired);
    // Every refresh is lost from now on: the notifier's own timer ends it.
    scenario.network.faults.drop(matches.request('SUBSCRIBE'));
    await vi.advanceTimersByTimeAsync(300_000);
    expect(expired).toHaveBeenCalledOnce();
    expect(scenario.sent('NOTIFY').at(-1)?.header('subscription-state')).toBe(
      'terminated;reason=timeout',
    );
    expect(notifiers[0]?.state).toBe('terminated');
    scenario.network.faults.clear();
    await scenario.stopAll();
  });
});

describe('routing and Allow', () => {
  it('hands an unsolicited NOTIFY to sipEvent (200), and answers 481 without a listener', async () => {
    const scenario = createScenario();
    const [alice] = await started(scenario, 'alice');
    const pbx = new RawPhone(scenario.network, 'pbx');
    pbx.socket.connect();
    await flush();
    const mwi = ['Event', 'message-summary'] as [string, string];
    pbx.send('NOTIFY', 'sip:alice@sip.test', [mwi, ['Subscription-State', 'active']]);
    await flush();
    expect(pbx.responses().map((r) => r.status)).toEqual([481]);
    const events = vi.fn();
    subscriptions(alice!.ua);
    alice!.ua.on('sipEvent', ({ event, request }) => events(event.type, request.body));
    pbx.send(
      'NOTIFY',
      'sip:alice@sip.test',
      [mwi, ['Content-Type', 'application/simple-message-summary']],
      {
        body: 'Messages-Waiting: yes\r\n',
      },
    );
    await flush();
    expect(pbx.responses().map((r) => r.status)).toEqual([481, 200]);
    expect(events).toHaveBeenCalledWith('message-summary', 'Messages-Waiting: yes\r\n');
    await scenario.stopAll();
  });

  it('Allow tells the truth: SUBSCRIBE and NOTIFY only once subscriptions are installed', async () => {
    const scenario = createScenario();
    const socket = scenario.network.createSocket('carol');
    const carol = new UserAgent({ uri: 'sip:carol@sip.test', sockets: socket });
    carol.start();
    await vi.waitFor(() => expect(carol.isRegistered()).toBe(true));
    const pbx = new RawPhone(scenario.network, 'pbx');
    pbx.socket.connect();
    await flush();
    pbx.send('NOTIFY', 'sip:carol@sip.test', [['Event', 'message-summary']]);
    await flush();
    const refused = pbx.responses(405)[0];
    expect(refused?.header('allow')).not.toMatch(/NOTIFY|SUBSCRIBE/);
    subscriptions(carol);
    pbx.send('OPTIONS', 'sip:carol@sip.test');
    pbx.send('SUBSCRIBE', 'sip:carol@sip.test', [['Event', 'presence']]);
    await flush();
    expect(pbx.responses(200)[0]?.header('allow')).toMatch(/SUBSCRIBE, NOTIFY/);
    // Nobody serves presence here: 489 Bad Event (RFC 6665 §4.2.1.1).
    expect(pbx.responses(489)).toHaveLength(1);
    await carol.stop();
    await scenario.stopAll();
  });
});

describe('a subscriber against a hand-written notifier', () => {
  it('answers 489 to a wrong Event, 400 without Subscription-State, 500 to an old CSeq', async () => {
    const scenario = createScenario();
    const [alice] = await started(scenario, 'alice');
    const bob = new RawPhone(scenario.network, 'bob');
    bob.socket.connect();
    await flush();
    bob.send('REGISTER', 'sip:sip.test', [['Expires', '3600']], { to: '<sip:bob@sip.test>' });
    await flush();
    const subscriber = subscriptions(alice!.ua).subscribe('bob', 'x-status;id=1', 'text/plain');
    const bodies: string[] = [];
    subscriber.on('notify', ({ body }) => bodies.push(body ?? ''));
    subscriber.subscribe();
    await flush();
    const subscribe = bob.requests('SUBSCRIBE')[0]!;
    bob.reply(subscribe, 200, 'bobtag', [['Expires', '600']]);
    await flush();
    const notify = (cseq: number, headers: Array<[string, string]>) =>
      bob.send('NOTIFY', formatUri(subscribe.parsed('contact')!.contacts[0]!.uri), headers, {
        callId: subscribe.callId,
        cseq,
        to: subscribe.header('from')!,
        body: 'state',
      });
    const state: [string, string] = ['Subscription-State', 'active;expires=600'];
    notify(5, [['Event', 'x-status;id=2'], state]);
    notify(6, [['Event', 'x-status;id=1']]);
    notify(7, [['Event', 'x-status;id=1'], state, ['Content-Type', 'text/plain']]);
    notify(7, [['Event', 'x-status;id=1'], state]);
    await flush();
    const answers = bob.responses().filter((r) => r.cseq.method === 'NOTIFY');
    expect(answers.map((r) => r.status)).toEqual([489, 400, 200, 500]);
    expect(bodies).toEqual(['state']);
    expect(subscriber.state).toBe('active');
    subscriber.terminate();
    await flush();
    const unsubscribe = bob.requests('SUBSCRIBE')[1]!;
    expect(unsubscribe.header('expires')).toBe('0');
    expect(unsubscribe.to.tag).toBe('bobtag');
    bob.reply(unsubscribe, 200, 'bobtag');
    // No final NOTIFY comes: the subscriber gives up waiting after 32 s.
    const ended = vi.fn();
    subscriber.on('terminated', ended);
    await vi.advanceTimersByTimeAsync(32_000);
    expect(ended).toHaveBeenCalledWith({
      code: SubscriberTermination.UNSUBSCRIBE_TIMEOUT,
      reason: undefined,
      retryAfter: undefined,
    });
    await scenario.stopAll();
  });
});

describe('a notifier against a hand-written subscriber', () => {
  // Found against Kamailio (e2e jssip-subscribe-interop): without the Record-Route in our 2xx,
  // the subscriber's refresh and unsubscribe went to our Contact with no Route and the proxy
  // answered 404. RFC 3261 §12.1.1 / RFC 6665 §4.2.1.1: the 2xx that creates the dialog copies
  // the SUBSCRIBE's Record-Route, in order.
  it('copies the Record-Route of the SUBSCRIBE into its 2xx, not into a refusal', async () => {
    const scenario = createScenario();
    const [alice] = await started(scenario, 'alice');
    const notifiers = serve(alice!.ua);
    const bob = new RawPhone(scenario.network, 'bob');
    bob.socket.connect();
    await flush();
    const route = ['<sip:edge.sip.test;lr>', '<sip:core.sip.test;lr;ftag=bobtag>'];
    const accepted = bob.send('SUBSCRIBE', 'sip:alice@sip.test', [
      ['Event', 'x-status'],
      ['Expires', '600'],
      ...route.map((value): [string, string] => ['Record-Route', value]),
    ]).callId;
    await flush();
    expect(notifiers).toHaveLength(1);
    const recordRoutes = (callId: string, status: number) =>
      bob
        .responses(status)
        .find((r) => r.callId === callId && r.cseq.method === 'SUBSCRIBE')
        ?.rawHeaders.filter((h) => h.key === 'record-route')
        .map((h) => h.value);
    // The in-memory proxy record-routes too: its entry comes first, ours after, in order.
    expect(recordRoutes(accepted, 200)?.slice(-2)).toEqual(route);
    // A refusal creates no dialog: no Record-Route (a SUBSCRIBE without Event gets 400).
    const refused = bob.send('SUBSCRIBE', 'sip:alice@sip.test', [
      ['Expires', '600'],
      ...route.map((value): [string, string] => ['Record-Route', value]),
    ]).callId;
    await flush();
    expect(recordRoutes(refused, 400)).toEqual([]);
    await scenario.stopAll();
  });
});
