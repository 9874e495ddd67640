import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../transport/clock.js';
import { NETWORK_BURST_MS, NetworkChangeBurst } from './network-burst.js';
import type { NetworkChange } from './network-watch.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function setup() {
  const acted: string[] = [];
  const start = Date.now();
  const burst = new NetworkChangeBurst(systemClock, (change) =>
    acted.push(`${Date.now() - start} ${change}`),
  );
  return { acted, burst };
}

describe('NetworkChangeBurst', () => {
  it('acts on the first change at once and absorbs the rest of the burst', async () => {
    const { acted, burst } = setup();
    const changes: NetworkChange[] = ['changed', 'changed', 'online', 'changed', 'changed'];
    for (const change of changes) {
      burst.receive(change);
      await vi.advanceTimersByTimeAsync(150);
    }
    await vi.advanceTimersByTimeAsync(5_000);
    expect(acted).toEqual(['0 changed']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a change after the window is a new burst', async () => {
    const { acted, burst } = setup();
    burst.receive('changed');
    await vi.advanceTimersByTimeAsync(NETWORK_BURST_MS);
    burst.receive('changed');
    expect(acted).toEqual(['0 changed', `${NETWORK_BURST_MS} changed`]);
    burst.stop();
  });

  it('the opposite at the end of a burst acts once when the window closes (gone, then back)', async () => {
    const { acted, burst } = setup();
    burst.receive('offline');
    await vi.advanceTimersByTimeAsync(200);
    burst.receive('changed');
    burst.receive('online');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(acted).toEqual(['0 offline', `${NETWORK_BURST_MS} online`]);
    // back then gone within one window: the last word is `offline`.
    acted.length = 0;
    burst.receive('online');
    burst.receive('offline');
    await vi.advanceTimersByTimeAsync(NETWORK_BURST_MS);
    expect(acted.map((line) => line.split(' ')[1])).toEqual(['online', 'offline']);
    burst.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stop() forgets what was absorbed and leaves no timer', async () => {
    const { acted, burst } = setup();
    burst.receive('offline');
    burst.receive('online');
    burst.stop();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(acted).toEqual(['0 offline']);
    expect(vi.getTimerCount()).toBe(0);
  });
});
