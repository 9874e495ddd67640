import {
  createResponse,
  parseMessage,
  serializeMessage,
  type IncomingRequest,
  type CallConnectionEvent,
  type NetworkChange,
  type NetworkEnvironment,
  type Session,
  type UAEvents,
} from '@sipkit/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { matches } from '../network/fault-plan.js';
import type { SipNetwork } from '../network/sip-network.js';
import { renderFakeSdp } from '../media/fake-sdp.js';
import { RawPhone } from '../server/raw-phone.fixture.js';
import { callScenario, establish, flush, WAIT, type CallUA } from './calls.fixture.js';

// Issue 20, signalling recovery: a WebSocket client is reachable only through the connection its
// Contact was last sent on. The proxy here routes in-dialog requests flow by flow, as Kamailio's
// contact aliases do (`flowAliases`), and hands out no GRUU: after a reconnection only a target
// refresh from the new connection lets the far end reach us again.

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const KAMAILIO_LIKE = { flowAliases: true, gruu: false } as const;

const CAROL_SDP = renderFakeSdp(7, 1, [{ media: 'audio', direction: 'sendrecv', mid: '0' }]);

/** Two registered UAs on a Kamailio-like proxy; recovery waits are 3 s (min 2, random 0.5). */
async function twoUAs(options: Parameters<typeof callScenario>[3] = () => ({})) {
  return callScenario(
    ['alice', 'bob'],
    { connection_recovery_min_interval: 2, connection_recovery_max_interval: 30 },
    KAMAILIO_LIKE,
    options,
  );
}

/** `state:path` of every `connection` event of a session. */
function connectionEvents(session: Session): string[] {
  const seen: string[] = [];
  session.on('connection', (event: CallConnectionEvent) =>
    seen.push(`${event.state}:${event.path ?? ''}`),
  );
  return seen;
}

/** The UA's recovery events, in order, with their counts. */
function recoveryEvents(test: CallUA): string[] {
  const seen: string[] = [];
  test.ua.on('reconnecting', ({ calls }) => seen.push(`reconnecting:${calls}`));
  test.ua.on('registered', () => seen.push('registered'));
  test.ua.on('recovered', ({ calls }) => seen.push(`recovered:${calls}`));
  test.ua.on('recoveryFailed', ({ calls, requests }) =>
    seen.push(`recoveryFailed:${calls}:${requests}`),
  );
  return seen;
}

/** Requests of `method` the socket of `user` sent, parsed, with their place in the traffic. */
function sentBy(network: SipNetwork, user: string, method: string) {
  return network.traffic
    .entries(
      (e) =>
        e.socketId === user && e.direction === 'to-server' && e.message.startsWith(`${method} `),
    )
    .map((entry) => ({ seq: entry.seq, message: parseMessage(entry.message) }));
}

describe('signalling recovery after a lost connection', () => {
  it('re-registers, then refreshes the target over the new connection; the far end’s later BYE reaches us', async () => {
    const scenario = await twoUAs();
    const { uas, network, stopAll } = scenario;
    const alice = uas.alice!;
    const [outgoing, incoming] = await establish(alice, uas.bob!, 'bob');
    const connection = connectionEvents(outgoing);
    const recovery = recoveryEvents(alice);
    const updatesBefore = sentBy(scenario.network, 'alice', 'UPDATE').length;

    network.cut(alice.socket);
    await flush();
    expect(outgoing.connectionState).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(3_000); // the recovery wait
    await flush();

    expect(recovery).toEqual(['reconnecting:1', 'registered', 'recovered:1']);
    expect(connection).toEqual(['reconnecting:signalling', 'connected:signalling']);
    // The REGISTER first, then the target refresh (an UPDATE without SDP: bob allows UPDATE),
    // carrying our Contact, on the new connection.
    const register = sentBy(scenario.network, 'alice', 'REGISTER').at(-1)!;
    const refresh = sentBy(scenario.network, 'alice', 'UPDATE').slice(updatesBefore);
    expect(refresh).toHaveLength(1);
    expect(refresh[0]!.seq).toBeGreaterThan(register.seq);
    expect(refresh[0]!.message.body).toBe('');
    expect(refresh[0]!.message.header('contact')).toContain('.invalid');
    expect(incoming.remoteTarget).toContain('alias=');

    // Later, the far end hangs up: its BYE follows the refreshed target to the new flow.
    incoming.terminate();
    await flush();
    await flush();
    expect(outgoing.status).toBe('terminated');
    expect(outgoing.cause).toBe('Terminated');
    await stopAll();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('without the refresh the far end could not reach us: the proxy answers its BYE 430', async () => {
    // The control of the test above: the same cut, but alice's target refresh is lost on the
    // way, so bob knows only the old flow's alias and the proxy has nowhere to send the BYE.
    const scenario = await twoUAs();
    const { uas, network, stopAll } = scenario;
    const [outgoing, incoming] = await establish(uas.alice!, uas.bob!, 'bob');
    network.faults.drop(matches.request('UPDATE'));
    network.cut(uas.alice!.socket);
    await vi.advanceTimersByTimeAsync(3_000);
    await flush();
    incoming.terminate();
    await flush();
    await flush();
    const answers = network.traffic.entries(
      (e) =>
        e.socketId === 'bob' && e.direction === 'to-client' && /^CSeq: \d+ BYE/m.test(e.message),
    );
    expect(answers.map((e) => e.message.split('\r\n')[0])).toEqual(['SIP/2.0 430 Flow Failed']);
    expect(outgoing.status).toBe('confirmed');
    outgoing.terminate();
    await stopAll();
  });

  it('a call that is fine never re-INVITEs or UPDATEs when the far end reconnects', async () => {
    const scenario = await twoUAs();
    const { uas, network, stopAll } = scenario;
    const [outgoing, incoming] = await establish(uas.alice!, uas.bob!, 'bob');
    const aliceConnection = connectionEvents(outgoing);
    const bobConnection = connectionEvents(incoming);
    const invitesBefore = sentBy(scenario.network, 'alice', 'INVITE').length;
    network.cut(uas.bob!.socket);
    await vi.advanceTimersByTimeAsync(3_000);
    await flush();
    expect(bobConnection).toEqual(['reconnecting:signalling', 'connected:signalling']);
    expect(aliceConnection).toEqual([]);
    expect(sentBy(scenario.network, 'alice', 'UPDATE')).toHaveLength(0);
    expect(sentBy(scenario.network, 'alice', 'INVITE')).toHaveLength(invitesBefore);
    // And a UA with no call that reconnects sends no in-dialog request at all.
    expect(sentBy(scenario.network, 'bob', 'UPDATE')).toHaveLength(1);
    await stopAll();
  });

  it('queues in-dialog requests made during the outage and sends them once recovered', async () => {
    const scenario = await twoUAs();
    const { uas, network, stopAll } = scenario;
    const alice = uas.alice!;
    const [outgoing, incoming] = await establish(alice, uas.bob!, 'bob');
    const infos: string[] = [];
    incoming.on('newInfo', ({ originator, request }) => {
      if (originator === 'remote' && request !== undefined) infos.push(request.body);
    });
    network.unplug(alice.socket);
    await flush();
    const info = outgoing.sendInfo('text/plain', 'during the outage');
    const hold = outgoing.hold();
    await vi.advanceTimersByTimeAsync(10_000); // reconnection attempts refused meanwhile
    expect(infos).toEqual([]);
    expect(alice.ua.isConnected()).toBe(false);
    network.plugIn(alice.socket);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(alice.ua.isRegistered()).toBe(true);
    expect(await info).toBe(200);
    expect(await hold).toBe(true);
    expect(infos).toEqual(['during the outage']);
    expect(incoming.isOnHold().remote).toBe(true);
    expect(outgoing.connectionState).toBe('connected');
    await stopAll();
  });

  it('a BYE made during the outage reaches the far end once recovered', async () => {
    const scenario = await twoUAs();
    const { uas, network, stopAll } = scenario;
    const alice = uas.alice!;
    const [outgoing, incoming] = await establish(alice, uas.bob!, 'bob');
    network.unplug(alice.socket);
    await flush();
    outgoing.terminate();
    expect(outgoing.status).toBe('terminated');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(incoming.status).toBe('confirmed');
    network.plugIn(alice.socket);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(incoming.status).toBe('terminated');
    expect(incoming.cause).toBe('Terminated');
    await stopAll();
  });

  it('an outage longer than callRecoveryTimeout ends the call cleanly and fails the queued requests', async () => {
    const scenario = await twoUAs((user) => (user === 'alice' ? { callRecoveryTimeout: 20 } : {}));
    const { uas, network, stopAll } = scenario;
    const alice = uas.alice!;
    const [outgoing] = await establish(alice, uas.bob!, 'bob');
    const connection = connectionEvents(outgoing);
    const recovery = recoveryEvents(alice);
    const failures: UAEvents['recoveryFailed'][] = [];
    alice.ua.on('recoveryFailed', (event) => failures.push(event));
    network.unplug(alice.socket);
    await flush();
    const info = outgoing.sendInfo('text/plain', 'never sent');
    await vi.advanceTimersByTimeAsync(19_900);
    expect(outgoing.status).toBe('confirmed');
    await vi.advanceTimersByTimeAsync(200);
    expect(outgoing.status).toBe('terminated');
    expect(outgoing.cause).toBe('Connection Error');
    expect(connection).toEqual(['reconnecting:signalling', 'failed:signalling']);
    expect(await info).toBe(0);
    expect(recovery).toEqual(['reconnecting:1', 'recoveryFailed:1:1']);
    expect(failures[0]?.reason).toBe('connection not back within 20 s');
    // Back later: registered again, and nothing of the dead call is sent.
    network.plugIn(alice.socket);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(alice.ua.isRegistered()).toBe(true);
    expect(sentBy(scenario.network, 'alice', 'INFO')).toHaveLength(0);
    await stopAll();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stop() during an outage fails the queued requests and leaves no timer', async () => {
    const scenario = await twoUAs();
    const { uas, network, stopAll } = scenario;
    const alice = uas.alice!;
    const [outgoing] = await establish(alice, uas.bob!, 'bob');
    network.unplug(alice.socket);
    await flush();
    const info = outgoing.sendInfo('text/plain', 'queued');
    await vi.advanceTimersByTimeAsync(1_000);
    await alice.ua.stop();
    expect(await info).toBe(0);
    expect(outgoing.status).toBe('terminated');
    await stopAll();
    expect(vi.getTimerCount()).toBe(0);
    expect(sentBy(scenario.network, 'alice', 'INFO')).toHaveLength(0);
  });

  it('a session refresh due during the outage is sent on reconnection, before the far end’s expiry', async () => {
    const scenario = await twoUAs();
    const { uas, network, stopAll } = scenario;
    const alice = uas.alice!;
    const [outgoing, incoming] = await establish(alice, uas.bob!, 'bob');
    // alice (the caller) refreshes every 45 s; bob expires the session 60 s after a refresh.
    await vi.advanceTimersByTimeAsync(40_000);
    network.unplug(alice.socket);
    await vi.advanceTimersByTimeAsync(10_000); // the refresh falls due at 45 s, during the outage
    expect(sentBy(scenario.network, 'alice', 'UPDATE')).toHaveLength(0);
    network.plugIn(alice.socket);
    await vi.advanceTimersByTimeAsync(10_000);
    const updates = sentBy(scenario.network, 'alice', 'UPDATE');
    expect(updates.length).toBeGreaterThanOrEqual(1);
    expect(updates[0]!.message.header('session-expires')).toBe('90;refresher=uac');
    // Long after bob's expiry of the original agreement (60 s), both are still up, refreshing.
    await vi.advanceTimersByTimeAsync(120_000);
    expect(outgoing.status).toBe('confirmed');
    expect(incoming.status).toBe('confirmed');
    await stopAll();
  });
});

describe('signalling recovery: the far end and the proxy', () => {
  it('a target refresh answered 481 (the far end hung up meanwhile) ends the call cleanly', async () => {
    const scenario = await twoUAs();
    const { uas, network, stopAll } = scenario;
    const alice = uas.alice!;
    const [outgoing, incoming] = await establish(alice, uas.bob!, 'bob');
    const recovery = recoveryEvents(alice);
    network.unplug(alice.socket);
    await flush();
    incoming.terminate(); // its BYE cannot reach alice (430): bob's side is over
    await flush();
    network.plugIn(alice.socket);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(outgoing.status).toBe('terminated');
    expect(outgoing.cause).toBe('Dialog Error');
    expect(recovery).toEqual(['reconnecting:1', 'registered', 'recovered:0']);
    await stopAll();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a far end without UPDATE gets a re-INVITE with the same SDP; its 491 is retried per §14.1', async () => {
    const scenario = await twoUAs();
    const { uas, network, stopAll } = scenario;
    const alice = uas.alice!;
    // carol: a plain phone that allows no UPDATE (raw messages, scripted by the test).
    const carol = new RawPhone(network, 'carol');
    carol.socket.connect();
    await flush();
    carol.send('REGISTER', 'sip:sip.test', [
      ['To', '<sip:carol@sip.test>'],
      ['Expires', '600'],
    ]);
    await flush();
    const outgoing = alice.ua.call('carol');
    const invite = await vi.waitFor(() => {
      const request = carol.requests('INVITE')[0];
      expect(request).toBeDefined();
      return request!;
    }, WAIT);
    const answer = (request: IncomingRequest, status: number): void => {
      const ok = status === 200;
      const response = createResponse(request, status, undefined, {
        toTag: 'carol-totag',
        recordRoute: ok,
        headers: ok
          ? [
              ['Contact', carol.contact],
              ['Allow', 'INVITE, ACK, BYE, CANCEL, OPTIONS'],
              ['Content-Type', 'application/sdp'],
            ]
          : [],
        ...(ok ? { body: CAROL_SDP } : {}),
      });
      carol.socket.send(serializeMessage(response));
    };
    answer(invite, 200);
    await vi.waitFor(() => expect(outgoing.status).toBe('confirmed'), WAIT);
    const connection = connectionEvents(outgoing);

    network.cut(alice.socket);
    await vi.advanceTimersByTimeAsync(3_000);
    await flush();
    // The target refresh is a re-INVITE carrying the same media; carol's first answer is 491.
    const refresh = carol.requests('INVITE')[1];
    expect(refresh).toBeDefined();
    expect(refresh!.body).toContain('m=audio');
    answer(refresh!, 491);
    await flush();
    // RFC 3261 §14.1: alice owns the Call-ID, so she waits 2.1-4 s (random 0.5: 3.05 s).
    await vi.advanceTimersByTimeAsync(3_100);
    const retry = carol.requests('INVITE')[2];
    expect(retry).toBeDefined();
    answer(retry!, 200);
    await flush();
    await flush();
    expect(connection).toEqual(['reconnecting:signalling', 'connected:signalling']);
    expect(carol.requests('UPDATE')).toHaveLength(0);
    expect(outgoing.status).toBe('confirmed');
    outgoing.terminate();
    await stopAll();
  });

  it('a proxy restart mid-call (both ends reconnect): with GRUUs each end is reached again', async () => {
    // The default proxy hands out GRUUs (RFC 5627): a dialog's target follows the latest
    // registration, so both ends, re-registered on new connections, reach each other again.
    const { uas, network, stopAll } = await callScenario(['alice', 'bob'], {
      connection_recovery_min_interval: 2,
      connection_recovery_max_interval: 30,
    });
    const alice = uas.alice!;
    const bob = uas.bob!;
    const [outgoing, incoming] = await establish(alice, bob, 'bob');
    const aliceRecovery = recoveryEvents(alice);
    const bobRecovery = recoveryEvents(bob);
    network.crash();
    await vi.advanceTimersByTimeAsync(1_000);
    network.restart();
    // Both reconnect at once: the first refresh may find the other not registered yet (480);
    // it is tried again 2 s later.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(aliceRecovery).toEqual(['reconnecting:1', 'registered', 'recovered:1']);
    expect(bobRecovery).toEqual(['reconnecting:1', 'registered', 'recovered:1']);
    expect(outgoing.connectionState).toBe('connected');
    incoming.terminate();
    await flush();
    await flush();
    expect(outgoing.status).toBe('terminated');
    expect(outgoing.cause).toBe('Terminated');
    await stopAll();
  });
});

/** A network the test drives: `fire('online')` is the browser's `online` event. */
function fakeNetwork(): NetworkEnvironment & { fire(change: NetworkChange): void } {
  const listeners = new Set<(change: NetworkChange) => void>();
  return {
    watch: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    fire: (change) => {
      for (const listener of listeners) listener(change);
    },
  };
}

describe('network change', () => {
  it('back online: reconnects at once (no backoff wait) and restarts ICE in every call', async () => {
    const browser = fakeNetwork();
    const scenario = await twoUAs((user) => (user === 'alice' ? { network: browser } : {}));
    const { uas, network, stopAll } = scenario;
    const alice = uas.alice!;
    const [outgoing] = await establish(alice, uas.bob!, 'bob');
    const handler = alice.media.handlers.at(-1)!;
    const offer = vi.spyOn(handler, 'createOffer');
    network.unplug(alice.socket);
    await flush();
    expect(alice.ua.isConnected()).toBe(false);
    await vi.advanceTimersByTimeAsync(500);
    network.plugIn(alice.socket);
    browser.fire('online');
    await flush();
    // Connected right away, not after the 3 s recovery wait.
    expect(alice.ua.isConnected()).toBe(true);
    await vi.advanceTimersByTimeAsync(100);
    expect(alice.ua.isRegistered()).toBe(true);
    expect(offer.mock.calls.some(([options]) => options.iceRestart === true)).toBe(true);
    expect(outgoing.status).toBe('confirmed');
    expect(outgoing.connectionState).toBe('connected');
    await stopAll();
  });

  it('an interface that vanished silently is noticed by the probe within seconds', async () => {
    const browser = fakeNetwork();
    const scenario = await twoUAs((user) => (user === 'alice' ? { network: browser } : {}));
    const { uas, network, stopAll } = scenario;
    const alice = uas.alice!;
    const [outgoing] = await establish(alice, uas.bob!, 'bob');
    network.unplug(alice.socket, { silently: true });
    let lostAt = 0;
    alice.ua.once('disconnected', () => (lostAt = Date.now()));
    const changedAt = Date.now();
    browser.fire('changed');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(lostAt - changedAt).toBe(2_000);
    expect(outgoing.connectionState).toBe('reconnecting');
    network.plugIn(alice.socket);
    browser.fire('online');
    await vi.advanceTimersByTimeAsync(100);
    expect(alice.ua.isRegistered()).toBe(true);
    expect(outgoing.connectionState).toBe('connected');
    await stopAll();
  });

  it('a burst of changes is one reconnection and one ICE restart per call', async () => {
    const browser = fakeNetwork();
    const scenario = await twoUAs((user) => (user === 'alice' ? { network: browser } : {}));
    const { uas, network, stopAll } = scenario;
    const alice = uas.alice!;
    await establish(alice, uas.bob!, 'bob');
    await establish(alice, uas.bob!, 'bob');
    const offers = alice.media.handlers
      .slice(-2)
      .map((handler) => vi.spyOn(handler, 'createOffer'));
    const connects: unknown[] = [];
    alice.ua.on('connected', (event) => connects.push(event));
    const changes: unknown[] = [];
    alice.ua.on('networkChange', (event) => changes.push(event));
    network.unplug(alice.socket);
    await flush();
    network.plugIn(alice.socket);
    // Wi-Fi to mobile data: online, then navigator.connection fires change after change.
    for (const change of ['online', 'changed', 'changed', 'changed', 'online'] as const) {
      browser.fire(change);
      await vi.advanceTimersByTimeAsync(100);
    }
    await vi.advanceTimersByTimeAsync(5_000);
    expect(changes).toEqual([{ change: 'online' }]);
    expect(connects).toHaveLength(1);
    for (const offer of offers) {
      expect(offer.mock.calls.filter(([options]) => options.iceRestart === true)).toHaveLength(1);
    }
    for (const session of alice.sessions) session.terminate();
    await stopAll();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a change on a connection that still works keeps it (the probe is answered)', async () => {
    const browser = fakeNetwork();
    const scenario = await twoUAs((user) => (user === 'alice' ? { network: browser } : {}));
    const { uas, stopAll } = scenario;
    const alice = uas.alice!;
    const disconnected: unknown[] = [];
    alice.ua.on('disconnected', (event) => disconnected.push(event));
    browser.fire('changed');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(disconnected).toEqual([]);
    expect(sentBy(scenario.network, 'alice', 'REGISTER')).toHaveLength(1);
    await stopAll();
  });
});
