import {
  Causes,
  parseMessage,
  type CallConnectionEvent,
  type CallOptions,
  type Session,
} from '@sipkit/core';
import { describe, expect, it, vi } from 'vitest';
import { fakeMediaHandlers, type FakeMediaHandler } from '../media/fake-media-handler.js';
import { iceUfrag } from '../media/fake-sdp.js';
import { aliceCallsBob, callScenario, flush, WAIT, type CallScenario } from './calls.fixture.js';
import { createScenario } from './harness.fixture.js';
import { fakeTimersForEachTest } from './fake-timers.fixture.js';

// Media recovery (issue 20) between two SipKit UAs on the in-memory network with fake media:
// the test plays each call's ICE state (`setIceState`), the fake answers ICE restarts with new
// credentials and reconnects once a restart completes (`iceRestartOutcome`).

fakeTimersForEachTest();

type Scenario = CallScenario;

/** A confirmed call from alice to bob, with each side's media and connection events. */
async function call(
  scenario: Scenario,
  options: { readonly caller?: CallOptions; readonly callee?: CallOptions } = {},
) {
  const confirmed = await aliceCallsBob(scenario, options);
  return {
    ...confirmed,
    aliceStates: connectionEvents(confirmed.outgoing),
    bobStates: connectionEvents(confirmed.incoming),
  };
}

function connectionEvents(session: Session): string[] {
  const seen: string[] = [];
  session.on('connection', (event: CallConnectionEvent) =>
    seen.push(`${event.state}: ${event.reason}`),
  );
  return seen;
}

/** Re-INVITEs (INVITEs inside the dialog: To has a tag) each UA sent, parsed. */
function reinvites(scenario: Scenario, user: string) {
  return scenario.network.traffic
    .requestsSent('INVITE')
    .filter((entry) => entry.socketId === user)
    .map((entry) => parseMessage(entry.message))
    .filter((message) => message.to.tag !== undefined);
}

function responsesSent(scenario: Scenario, status: number): number {
  return scenario.network.traffic.entries(
    (entry) => entry.direction === 'to-server' && entry.message.startsWith(`SIP/2.0 ${status} `),
  ).length;
}

describe('ICE restart: recovering the media of a call', () => {
  it('a disconnection that heals within the grace period sends nothing', async () => {
    const scenario = await callScenario(['alice', 'bob']);
    const { outgoing, aliceMedia, aliceStates } = await call(scenario);
    aliceMedia.setIceState('connected');
    aliceMedia.setIceState('disconnected');
    await vi.advanceTimersByTimeAsync(1900);
    aliceMedia.setIceState('connected');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(reinvites(scenario, 'alice')).toHaveLength(0);
    expect(reinvites(scenario, 'bob')).toHaveLength(0);
    expect(aliceStates).toEqual([]);
    expect(outgoing.connectionState).toBe('connected');
    outgoing.terminate();
    await scenario.stopAll();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('ICE failed: one restart re-INVITE with new credentials, then connected again', async () => {
    const scenario = await callScenario(['alice', 'bob']);
    const { outgoing, incoming, aliceMedia, bobMedia, aliceStates } = await call(scenario);
    const before = iceUfrag(aliceMedia.localSdp ?? '');
    aliceMedia.setIceState('failed');
    expect(outgoing.connectionState).toBe('reconnecting');
    await vi.waitFor(() => expect(outgoing.connectionState).toBe('connected'), WAIT);
    const [restart] = reinvites(scenario, 'alice');
    expect(reinvites(scenario, 'alice')).toHaveLength(1);
    expect(iceUfrag(restart?.body ?? '')).not.toBe(before);
    expect([aliceMedia.ice.restarts, bobMedia.ice.restarts]).toEqual([1, 1]);
    expect(aliceStates).toEqual(['reconnecting: ICE failed', 'connected: ICE reconnected']);
    // Nothing more: no second restart, the call goes on.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(reinvites(scenario, 'alice')).toHaveLength(1);
    expect([outgoing.status, incoming.status]).toEqual(['confirmed', 'confirmed']);
    outgoing.terminate();
    await scenario.stopAll();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('disconnected past the grace period restarts; the grace and other options apply per call', async () => {
    const scenario = await callScenario(['alice', 'bob']);
    const { outgoing, aliceMedia, aliceStates } = await call(scenario, {
      caller: { iceRestart: { gracePeriod: 5 } },
    });
    aliceMedia.setIceState('disconnected');
    await vi.advanceTimersByTimeAsync(4900);
    expect(reinvites(scenario, 'alice')).toHaveLength(0);
    expect(outgoing.connectionState).toBe('connected');
    await vi.advanceTimersByTimeAsync(200);
    await vi.waitFor(() => expect(outgoing.connectionState).toBe('connected'), WAIT);
    expect(reinvites(scenario, 'alice')).toHaveLength(1);
    expect(aliceStates).toEqual(['reconnecting: ICE disconnected', 'connected: ICE reconnected']);
    outgoing.terminate();
    await scenario.stopAll();
  });

  it('both sides lose ICE with both flows fine: the caller restarts, the callee answers it, no glare', async () => {
    const scenario = await callScenario(['alice', 'bob']);
    const { outgoing, incoming, aliceMedia, bobMedia } = await call(scenario);
    aliceMedia.setIceState('failed');
    bobMedia.setIceState('failed');
    await vi.waitFor(() => {
      expect(outgoing.connectionState).toBe('connected');
      expect(incoming.connectionState).toBe('connected');
    }, WAIT);
    await vi.advanceTimersByTimeAsync(10_000);
    // Bob (not the Call-ID owner) waited for alice's restart instead of crossing it (§14.1).
    expect(responsesSent(scenario, 491)).toBe(0);
    expect(reinvites(scenario, 'alice')).toHaveLength(1);
    expect(reinvites(scenario, 'bob')).toHaveLength(0);
    expect([aliceMedia.ice.restarts, bobMedia.ice.restarts]).toEqual([1, 1]);
    outgoing.terminate();
    await scenario.stopAll();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('glare: both apps restart at once, 491 both ways, one restart wins', async () => {
    const scenario = await callScenario(['alice', 'bob']);
    const { outgoing, incoming, aliceMedia, bobMedia } = await call(scenario);
    const restarted = [outgoing.restartIce(), incoming.restartIce()];
    await vi.advanceTimersByTimeAsync(10_000);
    expect(responsesSent(scenario, 491)).toBe(2);
    // RFC 3261 §14.1: bob (not the Call-ID owner) retries first, within 2 s; alice's own retry,
    // due after 2.1 s, is dropped: bob's restart already went through.
    expect(reinvites(scenario, 'alice')).toHaveLength(1);
    expect(reinvites(scenario, 'bob')).toHaveLength(2);
    expect([aliceMedia.ice.restarts, bobMedia.ice.restarts]).toEqual([1, 1]);
    await expect(Promise.all(restarted)).resolves.toEqual([true, true]);
    outgoing.terminate();
    await scenario.stopAll();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('restarts that never reconnect are retried with backoff, then the call ends with the cause', async () => {
    const scenario = await callScenario(['alice', 'bob']);
    const { outgoing, incoming, aliceMedia, bobMedia, aliceStates } = await call(scenario, {
      caller: { iceRestart: { attempts: 3 } },
    });
    aliceMedia.iceRestartOutcome = 'failed';
    bobMedia.iceRestartOutcome = undefined;
    const ended: string[] = [];
    outgoing.on('ended', ({ cause, originator }) => ended.push(`${originator} ${cause}`));
    aliceMedia.setIceState('failed');
    await flush();
    expect(reinvites(scenario, 'alice')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000); // 1 s after the first
    expect(reinvites(scenario, 'alice')).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(2000); // 2 s after the second
    expect(reinvites(scenario, 'alice')).toHaveLength(3);
    expect(outgoing.status).toBe('confirmed');
    await vi.advanceTimersByTimeAsync(4000); // the third had 4 s: no fourth
    expect(reinvites(scenario, 'alice')).toHaveLength(3);
    expect(ended).toEqual([`system ${Causes.MEDIA_RECOVERY_FAILED}`]);
    expect(outgoing.connectionState).toBe('failed');
    expect(aliceStates).toEqual(['reconnecting: ICE failed', 'failed: no ICE after 3 restarts']);
    await vi.waitFor(() => expect(incoming.status).toBe('terminated'), WAIT);
    expect(incoming.cause).toBe(Causes.BYE);
    await scenario.stopAll();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('ends the call when media is not back by the deadline, however many attempts are left', async () => {
    const scenario = await callScenario(['alice', 'bob']);
    const { outgoing, aliceMedia, aliceStates } = await call(scenario, {
      caller: { iceRestart: { deadline: 2.5, attempts: 10 } },
    });
    aliceMedia.iceRestartOutcome = undefined;
    aliceMedia.setIceState('failed');
    await vi.advanceTimersByTimeAsync(2400);
    expect(outgoing.status).toBe('confirmed');
    await vi.advanceTimersByTimeAsync(200);
    expect(outgoing.status).toBe('terminated');
    expect(outgoing.cause).toBe(Causes.MEDIA_RECOVERY_FAILED);
    expect(aliceStates.at(-1)).toBe('failed: recovery deadline passed');
    expect(reinvites(scenario, 'alice')).toHaveLength(2); // at 0 and 1 s
    await scenario.stopAll();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("answers the far end's restart with new credentials, and that counts as our recovery", async () => {
    const scenario = await callScenario(['alice', 'bob']);
    const { outgoing, incoming, aliceMedia, bobMedia, bobStates } = await call(scenario);
    // Hold bob's answer until bob's own ICE has failed: bob is reconnecting while alice's restart
    // offer is pending at bob, so bob sends none of its own.
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const answer = bobMedia.createAnswer.bind(bobMedia);
    bobMedia.createAnswer = async (options) => {
      await gate;
      return answer(options);
    };
    const before = iceUfrag(bobMedia.localSdp ?? '');
    const restarted = outgoing.restartIce();
    const offers = (): number =>
      bobMedia.calls.filter((name) => name === 'setRemoteDescription:offer').length;
    await vi.waitFor(() => expect(offers()).toBe(2), WAIT);
    bobMedia.setIceState('failed');
    expect(incoming.connectionState).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(3000);
    release();
    await vi.advanceTimersByTimeAsync(100);
    await expect(restarted).resolves.toBe(true);
    await vi.waitFor(() => expect(incoming.connectionState).toBe('connected'), WAIT);
    expect(bobStates).toEqual(['reconnecting: ICE failed', 'connected: ICE reconnected']);
    expect(iceUfrag(bobMedia.localSdp ?? '')).not.toBe(before);
    expect(aliceMedia.ice.restarts).toBe(1);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(reinvites(scenario, 'bob')).toHaveLength(0);
    outgoing.terminate();
    await scenario.stopAll();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a hold during recovery goes out between restarts, and the next restart keeps it', async () => {
    const scenario = await callScenario(['alice', 'bob']);
    const { outgoing, aliceMedia } = await call(scenario);
    aliceMedia.iceRestartOutcome = undefined;
    aliceMedia.setIceState('failed');
    await flush();
    expect(reinvites(scenario, 'alice')).toHaveLength(1);
    await expect(outgoing.hold()).resolves.toBe(true);
    expect(reinvites(scenario, 'alice')).toHaveLength(2);
    expect(reinvites(scenario, 'alice')[1]?.body).toMatch(/a=sendonly/);
    aliceMedia.iceRestartOutcome = 'connected';
    await vi.advanceTimersByTimeAsync(1000);
    const restart = reinvites(scenario, 'alice')[2];
    expect(restart?.body).toMatch(/a=sendonly/);
    expect(iceUfrag(restart?.body ?? '')).not.toBe(
      iceUfrag(reinvites(scenario, 'alice')[1]?.body ?? ''),
    );
    await vi.waitFor(() => expect(outgoing.connectionState).toBe('connected'), WAIT);
    expect(outgoing.isOnHold().local).toBe(true);
    outgoing.terminate();
    await scenario.stopAll();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a call ended during recovery leaves no timer and sends no more restarts', async () => {
    const scenario = await callScenario(['alice', 'bob']);
    const { outgoing, aliceMedia } = await call(scenario);
    aliceMedia.iceRestartOutcome = undefined;
    aliceMedia.setIceState('failed');
    await flush();
    outgoing.terminate();
    await flush();
    expect(outgoing.cause).toBe(Causes.BYE);
    const sent = reinvites(scenario, 'alice').length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(reinvites(scenario, 'alice')).toHaveLength(sent);
    await scenario.stopAll();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('restartIce(): one restart on a healthy call, a second ask joins it, no reconnecting shown', async () => {
    const scenario = await callScenario(['alice', 'bob']);
    const { outgoing, aliceMedia, bobMedia, aliceStates } = await call(scenario);
    const first = outgoing.restartIce();
    const second = outgoing.restartIce();
    expect(second).toBe(first);
    await expect(first).resolves.toBe(true);
    expect(reinvites(scenario, 'alice')).toHaveLength(1);
    expect([aliceMedia.ice.restarts, bobMedia.ice.restarts]).toEqual([1, 1]);
    await expect(outgoing.restartIce({ useUpdate: true })).resolves.toBe(true);
    expect(scenario.sent('UPDATE').filter((update) => update.body !== '')).toHaveLength(1);
    expect(aliceStates).toEqual([]);
    outgoing.terminate();
    await expect(outgoing.restartIce()).resolves.toBe(false);
    await scenario.stopAll();
  });

  it('iceRestart: false keeps the old behaviour: a failed ICE ends the call (RTP Timeout)', async () => {
    const scenario = await callScenario(['alice', 'bob']);
    const { outgoing, aliceMedia, aliceStates } = await call(scenario, {
      caller: { iceRestart: false },
    });
    aliceMedia.setIceState('disconnected');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(outgoing.status).toBe('confirmed');
    aliceMedia.setIceState('failed');
    expect(outgoing.cause).toBe(Causes.RTP_TIMEOUT);
    expect(aliceStates).toEqual(['failed: ICE failed']);
    expect(reinvites(scenario, 'alice')).toHaveLength(0);
    await scenario.stopAll();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a call that is fine never re-INVITEs, through session refreshes', async () => {
    const scenario = await callScenario(['alice', 'bob']);
    const { outgoing, aliceMedia, bobMedia } = await call(scenario);
    aliceMedia.setIceState('checking');
    aliceMedia.setIceState('connected');
    bobMedia.setIceState('completed');
    await vi.advanceTimersByTimeAsync(300_000);
    expect(reinvites(scenario, 'alice')).toHaveLength(0);
    expect(reinvites(scenario, 'bob')).toHaveLength(0);
    outgoing.terminate();
    await scenario.stopAll();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('UAOptions.iceRestart applies to every call of the UA; a call option wins over it', async () => {
    const scenario = createScenario();
    const media = fakeMediaHandlers((handler) => (handler.iceRestartOutcome = undefined));
    const options = { mediaHandlerFactory: media.factory, random: () => 0.5 };
    const alice = scenario.addUA('alice', {}, { ...options, iceRestart: { deadline: 1.5 } });
    const bob = scenario.addUA('bob', {}, { ...options, iceRestart: false });
    const incoming: Session[] = [];
    bob.ua.on('newRTCSession', ({ session }) => incoming.push(session));
    alice.ua.start();
    bob.ua.start();
    await vi.waitFor(() => expect(alice.ua.isRegistered() && bob.ua.isRegistered()).toBe(true));
    const placed = [
      alice.ua.call('bob'),
      alice.ua.call('bob', { iceRestart: { deadline: 5 } }),
      alice.ua.call('bob'),
    ];
    await vi.waitFor(() => expect(incoming).toHaveLength(3), WAIT);
    for (const session of incoming) session.answer();
    await vi.waitFor(() => expect(placed.every((s) => s.status === 'confirmed')).toBe(true), WAIT);
    const ice = (session: Session | undefined): FakeMediaHandler =>
      session?.media as FakeMediaHandler;
    ice(placed[0]).setIceState('failed');
    ice(placed[1]).setIceState('failed');
    // bob's UA turned recovery off: a failed ICE there ends the call at once, as before.
    ice(incoming[2]).setIceState('failed');
    expect(incoming[2]?.cause).toBe(Causes.RTP_TIMEOUT);
    await vi.advanceTimersByTimeAsync(2000);
    expect(placed.map((s) => s.status)).toEqual(['terminated', 'confirmed', 'terminated']);
    expect(placed[0]?.cause).toBe(Causes.MEDIA_RECOVERY_FAILED);
    await vi.advanceTimersByTimeAsync(3500);
    expect(placed[1]?.cause).toBe(Causes.MEDIA_RECOVERY_FAILED);
    await scenario.stopAll();
    await vi.advanceTimersByTimeAsync(5000);
    expect(vi.getTimerCount()).toBe(0);
  });
});
