import {
  callStateOf,
  parseMessage,
  resumeCall,
  RESUMED_CSEQ_MARGIN,
  SharedCallStateError,
  watchCallState,
  type IncomingMessage,
  type Session,
  type SharedCallState,
} from '@sipkit/core';
import { describe, expect, it, vi } from 'vitest';
import { FakeMediaHandler } from '../media/fake-media-handler.js';
import type { SipNetwork } from '../network/sip-network.js';
import {
  aliceCallsBob,
  callScenario,
  flush,
  recordEvents,
  WAIT,
  type CallScenario,
} from './calls.fixture.js';
import { fakeTimersForEachTest } from './fake-timers.fixture.js';

// Issue 25, handover: the owner tab holding a call dies without a word; another tab's UA (same
// AOR, same instance id) goes on with the call from the state the owner shared. The proxy routes
// in-dialog requests flow by flow, as Kamailio's contact aliases do: the far end reaches the new
// UA only once its target refresh went out over the new connection.

fakeTimersForEachTest();

const KAMAILIO_LIKE = { flowAliases: true, gruu: false } as const;
const INSTANCE = '6e1c2a70-2b4c-4b7a-9d51-0c3f8c2b9a11';
const SECRET = 'alice-secret-password';

async function handoverScenario(): Promise<CallScenario> {
  return callScenario(['alice', 'bob'], { instance_id: INSTANCE, password: SECRET }, KAMAILIO_LIKE);
}

/** A second UA of alice (another tab): same AOR and instance id, its own socket, not started. */
function secondAlice(scenario: CallScenario) {
  return scenario.addUA(
    'alice2',
    { uri: 'sip:alice@sip.test', instance_id: INSTANCE, password: SECRET },
    { random: () => 0.5 },
  );
}

/** `secondAlice` whose reconnection waits are 2-3 s and whose calls wait 2 min for a flow. */
function slowAlice(scenario: CallScenario) {
  return scenario.addUA(
    'alice2',
    {
      uri: 'sip:alice@sip.test',
      instance_id: INSTANCE,
      password: SECRET,
      connection_recovery_min_interval: 2,
      connection_recovery_max_interval: 3,
    },
    { random: () => 0.5, callRecoveryTimeout: 120 },
  );
}

/** Requests of `method` the socket `name` sent, parsed, with their place in the traffic. */
function sentBy(network: SipNetwork, name: string, method?: string) {
  return network.traffic
    .entries(
      (e) =>
        e.socketId === name &&
        e.direction === 'to-server' &&
        (method === undefined ? /^[A-Z]+ /.test(e.message) : e.message.startsWith(`${method} `)),
    )
    .map((entry) => ({ seq: entry.seq, message: parseMessage(entry.message) }));
}

/** Responses the server sent `name` to its requests of `method`, status lines only. */
function answersTo(network: SipNetwork, name: string, method: string): string[] {
  const cseq = new RegExp(`^CSeq: \\d+ ${method}`, 'm');
  return network.traffic
    .entries((e) => e.socketId === name && e.direction === 'to-client' && cseq.test(e.message))
    .filter((e) => e.message.startsWith('SIP/2.0'))
    .map((e) => e.message.split('\r\n')[0] ?? '');
}

function cseqOf(message: IncomingMessage): number {
  return message.cseq.seq;
}

/** Alice's call to bob, its shared state as the owner last broadcast it, then alice's UA dies. */
async function callThenOwnerDies(scenario: CallScenario) {
  const call = await aliceCallsBob(scenario);
  const states: SharedCallState[] = [];
  watchCallState(call.outgoing, (state) => states.push(state));
  await flush();
  // The tab is gone: its connection drops and nothing of it is ever sent again.
  scenario.network.unplug(scenario.uas['alice']!.socket);
  await flush();
  return { ...call, states };
}

describe('handover: a call resumed in another UA of the same AOR', () => {
  it('registers, re-INVITEs with its new Contact and an offer, and the far end’s BYE reaches it', async () => {
    const scenario = await handoverScenario();
    const { network } = scenario;
    const { outgoing, incoming, states } = await callThenOwnerDies(scenario);
    const state = states.at(-1)!;
    const alice2 = secondAlice(scenario);
    const connected: string[] = [];
    alice2.ua.on('newRTCSession', ({ session, originator }) =>
      connected.push(`${originator}:${session.status}:${String(session.resumed)}`),
    );
    alice2.ua.start();
    const handler = new FakeMediaHandler();
    const resumed = resumeCall(alice2.ua, state, { mediaHandler: handler });
    const events = recordEvents(resumed);
    const connection: string[] = [];
    resumed.on('connection', ({ state: s, path }) => connection.push(`${s}:${path ?? ''}`));

    expect(resumed.status).toBe('confirmed');
    expect(resumed.resumed).toBe(true);
    expect(outgoing.resumed).toBe(false);
    expect(resumed.id).toBe(outgoing.id);
    expect(connected).toEqual(['local:confirmed:true']);
    expect(alice2.ua.sessions).toEqual([resumed]);

    await vi.waitFor(() => expect(resumed.connectionState).toBe('connected'), WAIT);
    // RFC 5626 §4.2.1 order: the REGISTER first, then the target refresh, a re-INVITE (bob
    // allows UPDATE, but the new handler's offer must be answered) with alice2's Contact.
    const register = sentBy(network, 'alice2', 'REGISTER').at(-1)!;
    const reinvite = sentBy(network, 'alice2', 'INVITE');
    expect(reinvite).toHaveLength(1);
    const refresh = reinvite[0]!;
    expect(refresh.seq).toBeGreaterThan(register.seq);
    expect(refresh.message.callId).toBe(state.callId);
    expect(refresh.message.from.tag).toBe(state.localTag);
    expect(refresh.message.to.tag).toBe(state.remoteTag);
    expect(cseqOf(refresh.message)).toBe(state.localSeq + RESUMED_CSEQ_MARGIN + 1);
    // alice2's own Contact (its random .invalid host, as it registered it), not alice's.
    const hostOf = (message: IncomingMessage): string | undefined =>
      message.parsed('contact')?.contacts[0]?.uri.host;
    const oldInvite = sentBy(network, 'alice', 'INVITE')[0]!.message;
    expect(register.message.header('contact')).toContain(INSTANCE);
    expect(hostOf(refresh.message)).toBe(hostOf(register.message));
    expect(hostOf(refresh.message)).not.toBe(hostOf(oldInvite));
    expect(refresh.message.body).toContain('m=audio');
    expect(handler.calls).toContain('createOffer');
    expect(connection).toEqual(['connected:signalling']);
    // bob took the new target: alice2's connection (its contact alias), not alice's.
    expect(incoming.remoteTarget).toContain('alias=');
    expect(incoming.remoteTarget).not.toBe(state.remoteTarget);

    incoming.terminate();
    await flush();
    await flush();
    expect(resumed.status).toBe('terminated');
    expect(resumed.cause).toBe('Terminated');
    expect(events).toEqual(['ended']);
    expect(answersTo(network, 'bob', 'BYE')).toEqual(['SIP/2.0 200 OK']);
    expect(handler.closed).toBe(true);
    await scenario.stopAll();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('the callee’s side too: bob’s call resumed in a second UA of his, alice’s BYE reaches it', async () => {
    const scenario = await handoverScenario();
    const { network } = scenario;
    const { outgoing, incoming } = await aliceCallsBob(scenario);
    const state = callStateOf(incoming)!;
    expect(state).toMatchObject({ direction: 'incoming', remoteSeq: 1 });
    network.unplug(scenario.uas['bob']!.socket);
    await flush();
    const bob2 = scenario.addUA('bob2', { uri: 'sip:bob@sip.test' }, { random: () => 0.5 });
    bob2.ua.start();
    const resumed = resumeCall(bob2.ua, state, { mediaHandler: new FakeMediaHandler() });
    expect(resumed.id).toBe(incoming.id);
    expect(resumed.direction).toBe('incoming');
    expect(resumed.remoteIdentity.uri).toBe(incoming.remoteIdentity.uri);
    await vi.waitFor(() => expect(resumed.connectionState).toBe('connected'), WAIT);
    const refresh = sentBy(network, 'bob2', 'INVITE')[0]!.message;
    expect(refresh.from.tag).toBe(state.localTag);
    expect(refresh.to.tag).toBe(state.remoteTag);
    expect(outgoing.remoteTarget).toContain('alias=');

    outgoing.terminate();
    await flush();
    await flush();
    expect(resumed.status).toBe('terminated');
    expect(resumed.cause).toBe('Terminated');
    await scenario.stopAll();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('hung up on the resumed side: the far end gets a BYE on the dialog, with a CSeq above any the dead UA used', async () => {
    const scenario = await handoverScenario();
    const { network } = scenario;
    const { outgoing, incoming } = await aliceCallsBob(scenario);
    // A state that lags: taken now, then the owner sends an INFO and bob one, never shared.
    const stale = callStateOf(outgoing)!;
    await outgoing.sendInfo('application/x-note', 'after the snapshot');
    await incoming.sendInfo('application/x-note', 'bob after the snapshot');
    await flush();
    const lastOfAlice = Math.max(...sentBy(network, 'alice').map((r) => cseqOf(r.message)));
    expect(lastOfAlice).toBeGreaterThan(stale.localSeq);
    network.unplug(scenario.uas['alice']!.socket);
    await flush();

    const alice2 = secondAlice(scenario);
    alice2.ua.start();
    const resumed = resumeCall(alice2.ua, stale, { mediaHandler: new FakeMediaHandler() });
    await vi.waitFor(() => expect(resumed.connectionState).toBe('connected'), WAIT);
    // bob's requests still pass the CSeq check: the snapshot saw fewer of them, never more.
    await incoming.sendInfo('application/x-note', 'bob to the resumed call');
    await flush();
    expect(answersTo(network, 'bob', 'INFO')).toEqual(['SIP/2.0 200 OK', 'SIP/2.0 200 OK']);

    resumed.terminate();
    await flush();
    await flush();
    const bye = sentBy(network, 'alice2', 'BYE');
    expect(bye).toHaveLength(1);
    const message = bye[0]!.message;
    expect(message.callId).toBe(stale.callId);
    expect(message.from.tag).toBe(stale.localTag);
    expect(message.to.tag).toBe(stale.remoteTag);
    expect(message.header('route')).toBe(stale.routeSet.join(', ') || undefined);
    expect(cseqOf(message)).toBeGreaterThan(lastOfAlice);
    expect(incoming.status).toBe('terminated');
    expect(incoming.cause).toBe('Terminated');
    expect(answersTo(network, 'alice2', 'BYE')).toEqual(['SIP/2.0 200 OK']);
    await scenario.stopAll();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('ended at once (its media tab is gone too): the BYE waits for the new registration, then goes', async () => {
    const scenario = await handoverScenario();
    const { network } = scenario;
    const { incoming, states } = await callThenOwnerDies(scenario);
    const alice2 = secondAlice(scenario);
    alice2.ua.start();
    const resumed = resumeCall(alice2.ua, states.at(-1)!, { mediaHandler: new FakeMediaHandler() });
    resumed.terminate();
    expect(resumed.status).toBe('terminated');
    await vi.waitFor(() => expect(incoming.status).toBe('terminated'), WAIT);
    const register = sentBy(network, 'alice2', 'REGISTER').at(-1)!;
    const bye = sentBy(network, 'alice2', 'BYE');
    expect(bye).toHaveLength(1);
    expect(bye[0]!.seq).toBeGreaterThan(register.seq);
    expect(sentBy(network, 'alice2', 'INVITE')).toHaveLength(0);
    expect(incoming.cause).toBe('Terminated');
    await scenario.stopAll();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('answers the far end’s re-INVITE through its media handler (bob holds, then resumes)', async () => {
    const scenario = await handoverScenario();
    const { incoming, states } = await callThenOwnerDies(scenario);
    const alice2 = secondAlice(scenario);
    alice2.ua.start();
    const handler = new FakeMediaHandler();
    const resumed = resumeCall(alice2.ua, states.at(-1)!, { mediaHandler: handler });
    const events = recordEvents(resumed);
    await vi.waitFor(() => expect(resumed.connectionState).toBe('connected'), WAIT);

    expect(await incoming.hold()).toBe(true);
    expect(resumed.isOnHold()).toEqual({ local: false, remote: true });
    expect(await incoming.unhold()).toBe(true);
    expect(events).toEqual(['reinvite', 'hold', 'reinvite', 'unhold']);
    expect(handler.calls.filter((c) => c === 'setRemoteDescription:offer')).toHaveLength(2);
    expect(handler.calls.filter((c) => c === 'createAnswer')).toHaveLength(2);
    resumed.terminate();
    await flush();
    await scenario.stopAll();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps the hold the shared state had: the target refresh offers sendonly', async () => {
    const scenario = await handoverScenario();
    const { network } = scenario;
    const { outgoing, incoming } = await aliceCallsBob(scenario);
    expect(await outgoing.hold()).toBe(true);
    const state = callStateOf(outgoing)!;
    expect(state.hold).toEqual({ local: true, remote: false });
    network.unplug(scenario.uas['alice']!.socket);
    await flush();
    const alice2 = secondAlice(scenario);
    alice2.ua.start();
    const resumed = resumeCall(alice2.ua, state, { mediaHandler: new FakeMediaHandler() });
    expect(resumed.isOnHold()).toEqual({ local: true, remote: false });
    await vi.waitFor(() => expect(resumed.connectionState).toBe('connected'), WAIT);
    expect(sentBy(network, 'alice2', 'INVITE')[0]!.message.body).toContain('a=sendonly');
    expect(incoming.isOnHold()).toEqual({ local: false, remote: true });
    expect(await resumed.unhold()).toBe(true);
    expect(incoming.isOnHold()).toEqual({ local: false, remote: false });
    resumed.terminate();
    await flush();
    await scenario.stopAll();
  });

  it('goes on with the session timer: a refresh due before the new flow is up goes first, on time', async () => {
    const scenario = await handoverScenario();
    const { network } = scenario;
    const { outgoing, incoming, states } = await callThenOwnerDies(scenario);
    const state = states.at(-1)!;
    // alice placed the call; bob left the refresher to the UAC (RFC 4028 §9): alice refreshes.
    expect(state.sessionTimer).toMatchObject({ interval: 90, refresher: 'local' });
    const refreshedAt = state.sessionTimer!.refreshedAt;
    await vi.advanceTimersByTimeAsync(10_000);
    // alice2 has no network yet: its first connection comes 40 s later, after the refresh was due.
    const alice2 = slowAlice(scenario);
    network.unplug(alice2.socket);
    alice2.ua.start();
    const resumed = resumeCall(alice2.ua, state, { mediaHandler: new FakeMediaHandler() });
    await vi.advanceTimersByTimeAsync(refreshedAt + 50_000 - Date.now());
    expect(resumed.connectionState).toBe('reconnecting');
    network.plugIn(alice2.socket);
    await vi.waitFor(() => expect(resumed.connectionState).toBe('connected'), WAIT);
    // Due 45 s after the owner's last refresh (RFC 4028 §10), not 45 s after the resume: the
    // refresh waited for the flow and went before the target refresh.
    expect(Date.now()).toBeLessThan(refreshedAt + 55_000);
    const sent = sentBy(network, 'alice2').map((r) => r.message);
    expect(sent.map((m) => m.cseq.method)).toEqual(['REGISTER', 'UPDATE', 'INVITE', 'ACK']);
    expect(sent[1]!.header('session-expires')).toBe('90;refresher=uac');

    // Past bob's expiry of the original agreement (60 s): the call lives on, both sides.
    await vi.advanceTimersByTimeAsync(120_000);
    expect(incoming.status).toBe('confirmed');
    expect(resumed.status).toBe('confirmed');
    // The dead UA's own call ended locally (its recovery gave up) without a word on the wire.
    expect(outgoing.status).toBe('terminated');
    expect(sentBy(network, 'alice', 'BYE')).toHaveLength(0);
    resumed.terminate();
    await flush();
    await scenario.stopAll();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('hangs up at the shared expiry when the far end should refresh and did not (RFC 4028 §10)', async () => {
    const scenario = await handoverScenario();
    const { network } = scenario;
    const { states } = await callThenOwnerDies(scenario);
    const shared = states.at(-1)!;
    // The same call seen from a side that does not refresh: bob's refresh was due to come.
    const state: SharedCallState = {
      ...shared,
      sessionTimer: { ...shared.sessionTimer!, refresher: 'remote' },
    };
    const alice2 = slowAlice(scenario);
    network.unplug(alice2.socket);
    alice2.ua.start();
    const resumed = resumeCall(alice2.ua, state, { mediaHandler: new FakeMediaHandler() });
    // 90 s interval: the side that does not refresh gives up after 60 s (§10), counted from the
    // owner's last refresh.
    await vi.advanceTimersByTimeAsync(state.sessionTimer!.refreshedAt + 59_000 - Date.now());
    expect(resumed.status).toBe('confirmed');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(resumed.status).toBe('terminated');
    expect(resumed.cause).toBe('Session Timer Expired');
    // The BYE waited for a flow, then went (bob, who thinks alice refreshes, expired too).
    network.plugIn(alice2.socket);
    await vi.waitFor(() => expect(sentBy(network, 'alice2', 'BYE')).toHaveLength(1), WAIT);
    const bye = sentBy(network, 'alice2', 'BYE');
    expect(bye[0]!.seq).toBeGreaterThan(sentBy(network, 'alice2', 'REGISTER')[0]!.seq);
    expect(bye[0]!.message.header('reason')).toContain('Session Timer Expired');
    await scenario.stopAll();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('watchCallState', () => {
  it('reports the state after every change of it, as plain JSON without secrets', async () => {
    const scenario = await handoverScenario();
    const { outgoing, incoming } = await aliceCallsBob(scenario);
    const states: SharedCallState[] = [];
    const stop = watchCallState(outgoing, (state) => states.push(state));
    await flush();
    expect(states).toHaveLength(1);
    const first = states[0]!;
    expect(JSON.parse(JSON.stringify(first))).toEqual(first);
    expect(JSON.stringify(first)).not.toContain(SECRET);
    expect(first).toMatchObject({
      v: 1,
      direction: 'outgoing',
      callId: outgoing.callId,
      localTag: outgoing.dialogId!.localTag,
      remoteTag: outgoing.dialogId!.remoteTag,
      remoteSeq: null,
      hold: { local: false, remote: false },
    });
    expect(first.localSdp).toContain('m=audio');
    expect(first.remoteSdp).toContain('m=audio');

    await outgoing.sendInfo('application/x-note', 'one');
    await flush();
    expect(states.at(-1)!.localSeq).toBe(first.localSeq + 1);
    await incoming.sendInfo('application/x-note', 'two');
    await flush();
    expect(states.at(-1)!.remoteSeq).not.toBeNull();
    const seen = states.length;
    await outgoing.hold();
    await flush();
    expect(states.length).toBeGreaterThan(seen);
    expect(states.at(-1)!.hold.local).toBe(true);
    // The hold re-INVITE refreshed the session (RFC 4028 §7.4); so does the timer's own UPDATE.
    const heldAt = states.at(-1)!.sessionTimer!.refreshedAt;
    expect(heldAt).toBe(Date.now());
    const beforeRefresh = states.length;
    await vi.advanceTimersByTimeAsync(46_000);
    expect(states.length).toBeGreaterThan(beforeRefresh);
    expect(states.at(-1)!.sessionTimer!.refreshedAt).toBe(heldAt + 45_000);

    stop();
    const count = states.length;
    await outgoing.sendInfo('application/x-note', 'unwatched');
    await flush();
    expect(states).toHaveLength(count);
    outgoing.terminate();
    await flush();
    expect(callStateOf(outgoing)).toBeUndefined();
    await scenario.stopAll();
  });

  it('starts with the confirmed call, and stops by itself when it ends', async () => {
    const scenario = await handoverScenario();
    const alice = scenario.uas['alice']!;
    const states: SharedCallState[] = [];
    let outgoingCall: Session | undefined;
    const { outgoing } = await aliceCallsBob(scenario, {
      placed: (session) => {
        outgoingCall = session;
        expect(callStateOf(session)).toBeUndefined();
        watchCallState(session, (state) => states.push(state));
      },
    });
    expect(outgoingCall).toBe(outgoing);
    await flush();
    expect(states.length).toBeGreaterThan(0);
    expect(states.at(-1)!.callId).toBe(outgoing.callId);
    outgoing.terminate();
    await flush();
    const count = states.length;
    await vi.advanceTimersByTimeAsync(1000);
    expect(states).toHaveLength(count);
    expect(alice.ua.sessions).toHaveLength(0);
    await scenario.stopAll();
  });
});

describe('resumeCall refuses what it cannot go on with', () => {
  it('a call the UA already holds: SharedCallStateError naming callId, nothing sent', async () => {
    const scenario = await handoverScenario();
    const { outgoing } = await aliceCallsBob(scenario);
    const alice = scenario.uas['alice']!;
    const before = scenario.network.traffic.entries().length;
    const state = callStateOf(outgoing)!;
    const error = (() => {
      try {
        resumeCall(alice.ua, state);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(SharedCallStateError);
    expect((error as SharedCallStateError).field).toBe('callId');
    expect(scenario.network.traffic.entries()).toHaveLength(before);
    expect(alice.ua.sessions).toEqual([outgoing]);
    outgoing.terminate();
    await flush();
    await scenario.stopAll();
  });
});
