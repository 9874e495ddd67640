import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session } from '../session/session.js';
import { systemClock } from '../transport/clock.js';
import { TypedEmitter, type Socket } from '../transport/index.js';
import { CallRecovery, MEDIA_PROBE_TIMEOUT_MS } from './call-recovery.js';
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
  let alive = true;
  const recovery = new CallRecovery({
    events,
    sessions: () => [] as Session[],
    registers: true,
    clock: systemClock,
    logger: { debug: () => undefined, warn: () => undefined } as never,
    timeout: 32,
    probe: (reason, timeout) => {
      probes.push(`${reason} / ${timeout} ms`);
      return Promise.resolve(alive);
    },
  });
  const flowDies = (): void => {
    alive = false;
  };
  return { events, probes, recovery, flowDies };
}

describe('CallRecovery.probe', () => {
  it('probes the connection with the media probe timeout (1 s) and hands back its verdict', async () => {
    const { probes, recovery, flowDies } = setup();
    await expect(recovery.probe('call media lost (audio stalled)')).resolves.toBe(true);
    expect(probes).toEqual([`call media lost (audio stalled) / ${MEDIA_PROBE_TIMEOUT_MS} ms`]);
    expect(MEDIA_PROBE_TIMEOUT_MS).toBe(1000);
    flowDies();
    await expect(recovery.probe('call media lost (ICE disconnected)')).resolves.toBe(false);
  });

  it('does not probe while the connection is known lost or being registered again: the flow is dead', async () => {
    const { events, probes, recovery } = setup();
    events.emit('disconnected', { socket: {} as Socket, error: true, code: 1006, reason: 'x' });
    await expect(recovery.probe('ICE failed')).resolves.toBe(false);
    events.emit('connected', { socket: {} as Socket });
    await expect(recovery.probe('ICE disconnected')).resolves.toBe(false);
    expect(probes).toEqual([]);
    events.emit('registered', {} as UAEvents['registered']);
    await expect(recovery.probe('ICE failed')).resolves.toBe(true);
    expect(probes).toEqual([`ICE failed / ${MEDIA_PROBE_TIMEOUT_MS} ms`]);
    recovery.close();
    expect(vi.getTimerCount()).toBe(0);
  });
});
