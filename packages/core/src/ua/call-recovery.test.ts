import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session } from '../session/session.js';
import { systemClock } from '../transport/clock.js';
import { TypedEmitter, type Socket } from '../transport/index.js';
import { CallRecovery } from './call-recovery.js';
import type { UAEvents } from './ua-events.js';

// CallRecovery's probe on media trouble alone; the whole path (dead flow replaced, REGISTER,
// target refresh, ICE restart) runs in packages/testing/src/scenarios/interface-change.test.ts.

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function setup() {
  const events = new TypedEmitter<UAEvents>();
  const probes: string[] = [];
  const recovery = new CallRecovery({
    events,
    sessions: () => [] as Session[],
    registers: true,
    clock: systemClock,
    logger: { debug: () => undefined, warn: () => undefined } as never,
    timeout: 32,
    probe: (reason) => probes.push(reason),
  });
  return { events, probes, recovery };
}

describe('CallRecovery.mediaLost', () => {
  it('probes the connection, naming the media trouble', () => {
    const { probes, recovery } = setup();
    recovery.mediaLost('ICE failed');
    expect(probes).toEqual(['call media lost (ICE failed)']);
  });

  it('does not probe while the connection is known lost or being registered again', () => {
    const { events, probes, recovery } = setup();
    events.emit('disconnected', { socket: {} as Socket, error: true, code: 1006, reason: 'x' });
    recovery.mediaLost('ICE failed');
    events.emit('connected', { socket: {} as Socket });
    recovery.mediaLost('ICE disconnected');
    expect(probes).toEqual([]);
    events.emit('registered', {} as UAEvents['registered']);
    recovery.mediaLost('ICE failed');
    expect(probes).toEqual(['call media lost (ICE failed)']);
    recovery.close();
    expect(vi.getTimerCount()).toBe(0);
  });
});
