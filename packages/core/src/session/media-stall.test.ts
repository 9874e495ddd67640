import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../transport/clock.js';
import { MediaStallWatch, STALL_POLL_MS } from './media-stall.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function setup() {
  const seen: string[] = [];
  const state = { packets: undefined as number | undefined, expects: true, reads: 0 };
  const watch = new MediaStallWatch({
    clock: systemClock,
    read: () => {
      state.reads++;
      return Promise.resolve(state.packets);
    },
    expectsMedia: () => state.expects,
    stalled: () => seen.push('stalled'),
    flowing: () => seen.push('flowing'),
  });
  /** One poll with `added` new packets. */
  const poll = async (added: number): Promise<void> => {
    if (state.packets !== undefined) state.packets += added;
    await vi.advanceTimersByTimeAsync(STALL_POLL_MS);
  };
  return { watch, seen, state, poll };
}

describe('MediaStallWatch', () => {
  it('reads every 500 ms; two reads without a new packet after a rise are a stall, a rise ends it', async () => {
    const { watch, seen, state, poll } = setup();
    state.packets = 0;
    watch.start();
    await poll(0); // baseline
    await poll(25);
    await poll(0);
    expect(seen).toEqual([]);
    await poll(0);
    expect(seen).toEqual(['stalled']);
    expect(watch.stalled).toBe(true);
    await poll(0);
    await poll(0);
    expect(seen).toEqual(['stalled']);
    await poll(3);
    expect(seen).toEqual(['stalled', 'flowing']);
    expect(watch.stalled).toBe(false);
    expect(state.reads).toBe(7);
    watch.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('no stall from a count that never rose, nor an unknown one', async () => {
    const { watch, seen, state, poll } = setup();
    watch.start();
    for (let i = 0; i < 6; i++) await poll(0);
    state.packets = 40;
    for (let i = 0; i < 6; i++) await poll(0);
    expect(seen).toEqual([]);
    watch.stop();
  });

  it('started as the call is confirmed: packets counted before the first read arm it (a link lost at once)', async () => {
    const { watch, seen, state, poll } = setup();
    state.packets = 40; // the far end sent before the watch began, then the path broke
    watch.start(true);
    await poll(0); // baseline, above 0
    await poll(0);
    expect(seen).toEqual([]);
    await poll(0);
    expect(seen).toEqual(['stalled']);
    watch.stop();
  });

  it('started as the call is confirmed with nothing received yet: no stall until a rise', async () => {
    const { watch, seen, state, poll } = setup();
    state.packets = 0;
    watch.start(true);
    for (let i = 0; i < 6; i++) await poll(0);
    expect(seen).toEqual([]);
    watch.stop();
  });

  it('while media is not expected (a hold in progress) nothing is read and the baseline starts again', async () => {
    const { watch, seen, state, poll } = setup();
    state.packets = 0;
    watch.start();
    await poll(0);
    await poll(25);
    state.expects = false;
    const reads = state.reads;
    await poll(0);
    await poll(0);
    expect(state.reads).toBe(reads);
    state.expects = true;
    // New baseline, then no rise: no stall (the far end may not send yet).
    await poll(0);
    await poll(0);
    await poll(0);
    expect(seen).toEqual([]);
    watch.stop();
  });

  it('a read resolving after stop() is ignored; a failing read is skipped', async () => {
    const seen: string[] = [];
    let reject = (_error: Error): void => undefined;
    const watch = new MediaStallWatch({
      clock: systemClock,
      read: () => new Promise((_resolve, fail) => (reject = fail)),
      expectsMedia: () => true,
      stalled: () => seen.push('stalled'),
      flowing: () => seen.push('flowing'),
    });
    watch.start();
    await vi.advanceTimersByTimeAsync(STALL_POLL_MS);
    reject(new Error('closed'));
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(1);
    watch.stop();
    await vi.advanceTimersByTimeAsync(STALL_POLL_MS);
    reject(new Error('closed'));
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(0);
    expect(seen).toEqual([]);
  });
});
