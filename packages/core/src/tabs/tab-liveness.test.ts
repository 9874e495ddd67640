import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../transport/index.js';
import { TabLiveness } from './tab-liveness.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function watch() {
  const calls: string[] = [];
  const liveness = new TabLiveness(systemClock, 1000, {
    beat: () => calls.push('beat'),
    ping: (tabId) => calls.push(`ping ${tabId}`),
    gone: (tabId, reason) => calls.push(`gone ${tabId} ${reason}`),
  });
  return { liveness, calls };
}

describe('TabLiveness', () => {
  it('beats every interval, pings a tab quiet for two, and reports it gone one interval after', async () => {
    const { liveness, calls } = watch();
    liveness.start();
    expect(liveness.heard('b')).toBe(true);
    expect(liveness.heard('b')).toBe(false);

    await vi.advanceTimersByTimeAsync(2000);
    expect(calls).toEqual(['beat', 'beat', 'ping b']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toEqual(['beat', 'beat', 'ping b', 'beat', 'gone b silent']);
    expect(liveness.tabs).toEqual([]);
    liveness.stop();
  });

  it('forgives a tab that answers the ping', async () => {
    const { liveness, calls } = watch();
    liveness.start();
    liveness.heard('b');
    await vi.advanceTimersByTimeAsync(2000);
    liveness.heard('b'); // the answer
    // Quiet again from 2000: pinged again at 4000, not yet gone at 4999.
    await vi.advanceTimersByTimeAsync(2999);
    expect(calls.filter((call) => call.startsWith('gone'))).toEqual([]);
    expect(calls.filter((call) => call.startsWith('ping'))).toEqual(['ping b', 'ping b']);
    expect(liveness.tabs).toEqual(['b']);
    liveness.stop();
  });

  it('waits a full interval after the ping even when its own timers ran late', async () => {
    const { liveness, calls } = watch();
    liveness.heard('b');
    // The first tick comes long after the last word from b (a throttled background tab).
    vi.setSystemTime(Date.now() + 60_000);
    liveness.start();
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toEqual(['beat', 'ping b']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls.at(-1)).toBe('gone b silent');
    liveness.stop();
  });

  it('reports a suspected tab gone one interval after its ping, unless it answers', async () => {
    const { liveness, calls } = watch();
    liveness.start();
    liveness.heard('b');
    liveness.heard('c');
    await vi.advanceTimersByTimeAsync(500);
    liveness.suspect('b');
    liveness.suspect('c');
    expect(calls).toEqual(['ping b', 'ping c']);
    liveness.heard('c'); // c answers
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toEqual(['ping b', 'ping c', 'beat']);
    await vi.advanceTimersByTimeAsync(500);
    expect(calls).toEqual(['ping b', 'ping c', 'beat', 'beat', 'gone b silent']);
    expect(liveness.tabs).toEqual(['c']);
    liveness.stop();
  });

  it('forgets a tab that said goodbye, and everything on stop', async () => {
    const { liveness, calls } = watch();
    liveness.start();
    liveness.heard('b');
    liveness.heard('c');
    expect(liveness.forget('b')).toBe(true);
    expect(liveness.forget('b')).toBe(false);
    expect(liveness.tabs).toEqual(['c']);
    liveness.stop();
    expect(liveness.tabs).toEqual([]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
