import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../transport/clock.js';
import { TypedEmitter } from '../transport/index.js';
import { Causes } from '../ua/causes.js';
import { CallConnection } from './call-connection.js';
import type { CallCore } from './call-core.js';
import type { IceRestartOptions } from './ice-restart-options.js';
import { STALL_POLL_MS } from './media-stall.js';
import { MediaRecovery, PEER_FIRST_WAIT } from './media-recovery.js';
import type { OfferExchange } from './offer-exchange.js';
import type { SessionEvents } from './session-events.js';
import type { SessionStatus } from './session-status.js';

// MediaRecovery alone, over a stand-in call: the offers it asks for resolve as the test says, so
// the timing rules (grace, backoff, busy waits, deadline) are checked without SIP in the way.
// Scenarios over the in-memory network: packages/testing/src/scenarios/ice-restart.test.ts.

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function setup(iceRestart?: IceRestartOptions | false, role: { readonly caller?: boolean } = {}) {
  const events = new TypedEmitter<SessionEvents>();
  /** What the UA's probe of the signalling flow answers (true: the flow is alive). */
  const flow = { alive: true, probes: [] as string[] };
  /** The media handler's inbound audio count and hold state, for the stall watch. */
  const negotiation = {
    localHold: false,
    remoteHold: false,
    packets: undefined as number | undefined,
    reads: 0,
    media: {
      audioPacketsReceived(): Promise<number | undefined> {
        negotiation.reads++;
        return Promise.resolve(negotiation.packets);
      },
    },
  };
  const states: string[] = [];
  const ended: string[] = [];
  let status: SessionStatus = 'confirmed';
  const connection = new CallConnection((event) => states.push(`${event.state}: ${event.reason}`));
  const core = {
    events,
    connection,
    context: {
      clock: systemClock,
      iceRestart,
      probeSignalling: (reason: string) => {
        flow.probes.push(reason);
        return Promise.resolve(flow.alive);
      },
    },
    dialog: { isUac: role.caller ?? true },
    negotiation,
    options: {},
    get status() {
      return status;
    },
    bye: () => ended.push('BYE'),
    session: { terminate: () => ended.push('terminate()') },
    setStatus: (next: SessionStatus) => void (status = next),
    finish: (_kind: string, _originator: string, cause: string) => {
      ended.push(cause);
      status = 'terminated';
      events.emit('statuschange', { status });
    },
    mediaState: undefined as ((state: RTCIceConnectionState) => void) | undefined,
  };
  const offers = {
    idle: true,
    sent: 0,
    answer: true,
    offer: vi.fn(() => {
      offers.sent++;
      return Promise.resolve(offers.answer);
    }),
  };
  const recovery = new MediaRecovery(
    core as unknown as CallCore,
    offers as unknown as OfferExchange,
  );
  const ice = (state: RTCIceConnectionState): void => core.mediaState?.(state);
  /** The call is confirmed and its audio flows (the stall watch runs from here). */
  const confirmed = (): void => {
    negotiation.packets = 0;
    events.emit('statuschange', { status: 'confirmed' });
  };
  return { recovery, core, offers, connection, states, ended, ice, flow, negotiation, confirmed };
}

function setupCallee() {
  const parts = setup(undefined, { caller: false });
  return { ...parts, events: parts.core.events };
}

describe('MediaRecovery', () => {
  it('restarts at once on failed, then after 1, 2, 4, 8, 8 s, and gives up after the attempts', async () => {
    const { offers, ice, states, ended } = setup({ deadline: 100 });
    const start = Date.now();
    const times: number[] = [];
    offers.offer.mockImplementation(() => {
      times.push(Date.now() - start);
      return Promise.resolve(true);
    });
    ice('failed');
    await vi.advanceTimersByTimeAsync(30_000);
    // Answered each time, but ICE never came back; the end is 8 s after the fifth.
    expect(times).toEqual([0, 1000, 3000, 7000, 15_000]);
    expect(ended).toEqual(['BYE', Causes.MEDIA_RECOVERY_FAILED]);
    expect(states).toEqual(['reconnecting: ICE failed', 'failed: no ICE after 5 restarts']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('closed media (a media tab gone) ends the call at once with BYE, even mid-recovery', async () => {
    const { offers, ice, states, ended } = setup();
    ice('closed');
    expect(ended).toEqual(['BYE', Causes.WEBRTC_ERROR]);
    expect(states).toEqual(['failed: media closed']);
    expect(offers.sent).toBe(0);
    expect(vi.getTimerCount()).toBe(0);

    // Not confirmed yet: the session's own terminate (CANCEL, or a BYE deferred to the ACK).
    const early = setup();
    early.core.setStatus('ringing');
    early.ice('closed');
    early.core.setStatus('answered');
    early.ice('closed');
    expect(early.ended).toEqual(['terminate()', 'terminate()']);
    early.core.setStatus('terminated');
    early.ice('closed');
    expect(early.ended).toHaveLength(2);

    const recovering = setup();
    recovering.offers.answer = false;
    recovering.ice('failed');
    await vi.advanceTimersByTimeAsync(1500);
    expect(recovering.offers.sent).toBe(2);
    recovering.ice('closed');
    expect(recovering.ended).toEqual(['BYE', Causes.WEBRTC_ERROR]);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(recovering.offers.sent).toBe(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('waits while an offer is out or the signalling path is lost, the deadline still running', async () => {
    const { offers, ice, connection, ended } = setup({ deadline: 3 });
    offers.idle = false;
    ice('failed');
    await vi.advanceTimersByTimeAsync(1200);
    expect(offers.sent).toBe(0);
    offers.idle = true;
    connection.lost('signalling', 'WebSocket lost');
    await vi.advanceTimersByTimeAsync(500);
    expect(offers.sent).toBe(0);
    connection.restored('signalling', 'WebSocket reconnected');
    await vi.advanceTimersByTimeAsync(500);
    expect(offers.sent).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(ended).toEqual(['BYE', Causes.MEDIA_RECOVERY_FAILED]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('connected ends the recovery and its timers; the next trouble starts afresh', async () => {
    const { offers, ice, states } = setup();
    ice('failed');
    await vi.advanceTimersByTimeAsync(0);
    ice('completed');
    expect(vi.getTimerCount()).toBe(0);
    ice('disconnected');
    await vi.advanceTimersByTimeAsync(2000);
    expect(offers.sent).toBe(2);
    ice('connected');
    expect(states).toEqual([
      'reconnecting: ICE failed',
      'connected: ICE reconnected',
      'reconnecting: ICE disconnected',
      'connected: ICE reconnected',
    ]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does nothing before the call is answered, nor for a healthy ICE', async () => {
    const { offers, ice, core } = setup();
    for (const state of ['new', 'checking', 'connected', 'completed'] as const) ice(state);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(offers.sent).toBe(0);
    Object.defineProperty(core, 'status', { value: 'progress' });
    ice('failed');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(offers.sent).toBe(0);
  });

  it('a manual restart joins the one in flight and counts as an attempt while recovering', async () => {
    const { recovery, offers, ice } = setup({ attempts: 2 });
    let answer = (_value: boolean): void => undefined;
    offers.offer.mockImplementation(() => {
      offers.sent++;
      return new Promise<boolean>((resolve) => (answer = resolve));
    });
    ice('failed');
    expect(offers.sent).toBe(1);
    const joined = recovery.restart();
    expect(offers.sent).toBe(1);
    answer(false);
    await expect(joined).resolves.toBe(false);
    // During the 1 s backoff the app asks again: that is the second and last attempt.
    const manual = recovery.restart();
    expect(offers.sent).toBe(2);
    answer(true);
    await expect(manual).resolves.toBe(true);
    await vi.advanceTimersByTimeAsync(2000);
    expect(offers.sent).toBe(2);
  });

  it('ICE disconnected probes the signalling flow at once, once per trouble, not after the grace', async () => {
    const { ice, flow, recovery } = setup();
    ice('disconnected');
    ice('failed');
    expect(flow.probes).toEqual(['call media lost (ICE disconnected)']);
    await vi.advanceTimersByTimeAsync(0);
    expect(recovery.needsRestart).toBe(true);
    ice('connected');
    expect(recovery.needsRestart).toBe(false);
    ice('disconnected');
    expect(flow.probes).toHaveLength(2);
  });

  it('the callee with a live flow lets the caller restart first: its own offer only if none came', async () => {
    const { offers, ice, events } = setupCallee();
    ice('failed');
    await vi.advanceTimersByTimeAsync(PEER_FIRST_WAIT - 1);
    expect(offers.sent).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(offers.sent).toBe(1);
    // A second trouble: this time the caller's restart offer arrives during the wait.
    ice('connected');
    ice('failed');
    await vi.advanceTimersByTimeAsync(500);
    events.emit('reinvite', { request: { body: 'v=0' } } as never);
    await vi.advanceTimersByTimeAsync(PEER_FIRST_WAIT);
    expect(offers.sent).toBe(1);
    ice('connected');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('an alive verdict is asked again on new evidence; iceRestart false never asks the target refresh for a restart', async () => {
    const { ice, flow, recovery } = setup();
    ice('disconnected');
    await vi.advanceTimersByTimeAsync(0);
    ice('failed');
    expect(flow.probes).toHaveLength(2);
    const off = setup(false);
    off.flow.alive = false;
    off.ice('disconnected');
    await vi.advanceTimersByTimeAsync(0);
    expect(off.recovery.needsRestart).toBe(false);
    expect(recovery.needsRestart).toBe(true);
  });

  it('the callee whose own flow was found dead moved: it does not wait for the caller', async () => {
    const { offers, ice, flow, recovery } = setupCallee();
    flow.alive = false;
    ice('disconnected');
    await vi.advanceTimersByTimeAsync(0);
    expect(recovery.needsRestart).toBe(true);
    await vi.advanceTimersByTimeAsync(2000);
    expect(offers.sent).toBe(1);
  });

  it('an offer that throws is a failed attempt, not a rejection', async () => {
    const { recovery, offers } = setup();
    offers.offer.mockImplementation(() => Promise.reject(new Error('no WebRTC')));
    await expect(recovery.restart()).resolves.toBe(false);
  });
});

describe('MediaRecovery: audio stall', () => {
  it('a stall probes the flow at once; found dead, the call needs a restart (the target refresh carries it)', async () => {
    const { ice, flow, negotiation, confirmed, recovery, offers } = setup();
    confirmed();
    flow.alive = false;
    for (let i = 0; i < 4; i++) {
      negotiation.packets! += 25;
      await vi.advanceTimersByTimeAsync(STALL_POLL_MS);
    }
    expect(flow.probes).toEqual([]);
    // No packet for two reads (1 s): stalled, probed before ICE says anything.
    await vi.advanceTimersByTimeAsync(2 * STALL_POLL_MS);
    expect(flow.probes).toEqual(['call media lost (audio stalled)']);
    expect(recovery.needsRestart).toBe(true);
    // No offer of its own: the signalling recovery sends one re-INVITE with the restart.
    expect(offers.sent).toBe(0);
    ice('disconnected');
    expect(flow.probes).toHaveLength(1);
    // Audio again and ICE connected: healed, the next trouble probes afresh.
    negotiation.packets! += 25;
    await vi.advanceTimersByTimeAsync(STALL_POLL_MS);
    ice('connected');
    expect(recovery.needsRestart).toBe(false);
  });

  it('a far end that never sent (or a call on hold) is no stall; hold stops the reads', async () => {
    const { flow, negotiation, confirmed, core } = setup();
    confirmed();
    await vi.advanceTimersByTimeAsync(10 * STALL_POLL_MS);
    expect(flow.probes).toEqual([]);
    negotiation.packets = 10;
    await vi.advanceTimersByTimeAsync(STALL_POLL_MS);
    core.events.emit('hold', { originator: 'remote' });
    negotiation.remoteHold = true;
    const reads = negotiation.reads;
    await vi.advanceTimersByTimeAsync(10 * STALL_POLL_MS);
    expect(negotiation.reads).toBe(reads);
    expect(flow.probes).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('the watch ends with the call: no timer stays', async () => {
    const { confirmed, core } = setup();
    confirmed();
    await vi.advanceTimersByTimeAsync(STALL_POLL_MS);
    expect(vi.getTimerCount()).toBe(1);
    core.finish('ended', 'local', Causes.BYE);
    expect(vi.getTimerCount()).toBe(0);
  });
});
