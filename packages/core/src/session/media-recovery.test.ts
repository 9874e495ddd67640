import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../transport/clock.js';
import { TypedEmitter } from '../transport/index.js';
import { Causes } from '../ua/causes.js';
import { CallConnection } from './call-connection.js';
import type { CallCore } from './call-core.js';
import type { IceRestartOptions } from './ice-restart-options.js';
import { MediaRecovery } from './media-recovery.js';
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

function setup(iceRestart?: IceRestartOptions | false) {
  const events = new TypedEmitter<SessionEvents>();
  const states: string[] = [];
  const ended: string[] = [];
  let status: SessionStatus = 'confirmed';
  const connection = new CallConnection((event) => states.push(`${event.state}: ${event.reason}`));
  const core = {
    events,
    connection,
    context: { clock: systemClock, iceRestart },
    options: {},
    get status() {
      return status;
    },
    bye: () => ended.push('BYE'),
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
  return { recovery, core, offers, connection, states, ended, ice };
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

  it('an offer that throws is a failed attempt, not a rejection', async () => {
    const { recovery, offers } = setup();
    offers.offer.mockImplementation(() => Promise.reject(new Error('no WebRTC')));
    await expect(recovery.restart()).resolves.toBe(false);
  });
});
