import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../transport/clock.js';
import { SessionTimer } from './session-timer.js';

describe('SessionTimer (RFC 4028 §10)', () => {
  const refresh = vi.fn<() => void>();
  const expire = vi.fn<() => void>();
  const actions = { refresh, expire };

  beforeEach(() => {
    vi.useFakeTimers();
    refresh.mockReset();
    expire.mockReset();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('as refresher, refreshes at half the interval and never expires', () => {
    const timer = new SessionTimer(systemClock);
    timer.start({ interval: 90, refresher: 'local' }, actions);
    vi.advanceTimersByTime(44_999);
    expect(refresh).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(refresh).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(3_600_000);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(expire).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('as the other side, expires a third of the interval (at most 32 s) before its end', () => {
    const timer = new SessionTimer(systemClock);
    timer.start({ interval: 90, refresher: 'remote' }, actions);
    vi.advanceTimersByTime(59_999);
    expect(expire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(expire).toHaveBeenCalledTimes(1);
    expect(refresh).not.toHaveBeenCalled();

    timer.start({ interval: 1800, refresher: 'remote' }, actions);
    vi.advanceTimersByTime(1_767_999);
    expect(expire).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(expire).toHaveBeenCalledTimes(2);
  });

  it('re-arms from the moment of each refresh, with the new agreement', () => {
    const timer = new SessionTimer(systemClock);
    timer.start({ interval: 90, refresher: 'remote' }, actions);
    vi.advanceTimersByTime(50_000);
    // The peer refreshed: the expiry counts from now.
    timer.restart({ interval: 90, refresher: 'remote' });
    vi.advanceTimersByTime(59_999);
    expect(expire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(expire).toHaveBeenCalledTimes(1);

    // A refresh whose 2xx made us the refresher, with a longer interval.
    timer.restart({ interval: 1800, refresher: 'local' });
    expect(timer.agreement).toEqual({ interval: 1800, refresher: 'local' });
    vi.advanceTimersByTime(899_999);
    expect(refresh).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('lets the refresh callback restart synchronously, as a session answering at once would', () => {
    const timer = new SessionTimer(systemClock);
    let refreshes = 0;
    timer.start(
      { interval: 90, refresher: 'local' },
      {
        refresh: () => {
          refreshes += 1;
          timer.restart({ interval: 90, refresher: 'local' });
        },
        expire,
      },
    );
    vi.advanceTimersByTime(45_000 * 3);
    expect(refreshes).toBe(3);
    expect(vi.getTimerCount()).toBe(1);
  });

  it('keeps only one timer pending, whatever is called', () => {
    const timer = new SessionTimer(systemClock);
    timer.start({ interval: 90, refresher: 'local' }, actions);
    timer.restart({ interval: 90, refresher: 'remote' });
    timer.start({ interval: 120, refresher: 'remote' }, actions);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(120_000);
    expect(refresh).not.toHaveBeenCalled();
    expect(expire).toHaveBeenCalledTimes(1);
  });

  it('leaves nothing pending after stop, and a late restart does not revive it', () => {
    const timer = new SessionTimer(systemClock);
    timer.start({ interval: 90, refresher: 'remote' }, actions);
    timer.stop();
    expect(vi.getTimerCount()).toBe(0);
    expect(timer.agreement).toBeUndefined();
    timer.restart({ interval: 90, refresher: 'local' });
    expect(vi.getTimerCount()).toBe(0);
    expect(timer.agreement).toBeUndefined();
    vi.advanceTimersByTime(3_600_000);
    expect(refresh).not.toHaveBeenCalled();
    expect(expire).not.toHaveBeenCalled();
    timer.stop();
  });

  it('does nothing on restart before start', () => {
    const timer = new SessionTimer(systemClock);
    expect(timer.agreement).toBeUndefined();
    timer.restart({ interval: 90, refresher: 'local' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('waits the longest setTimeout allows instead of firing at once for huge intervals', () => {
    const timer = new SessionTimer(systemClock);
    timer.start({ interval: 2 ** 32 - 1, refresher: 'local' }, actions);
    vi.advanceTimersByTime(2 ** 31 - 2);
    expect(refresh).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('runs on the injected clock', () => {
    const scheduled: number[] = [];
    const cleared: unknown[] = [];
    const timer = new SessionTimer({
      setTimeout: (_callback, ms) => scheduled.push(ms),
      clearTimeout: (handle) => cleared.push(handle),
    });
    timer.start({ interval: 1800, refresher: 'remote' }, actions);
    timer.restart({ interval: 90, refresher: 'local' });
    timer.stop();
    expect(scheduled).toEqual([1_768_000, 45_000]);
    expect(cleared).toEqual([1, 2]);
  });

  it('started with the time of the last refresh (a handed-over call), fires what is left of it', () => {
    const timer = new SessionTimer(systemClock);
    timer.start({ interval: 90, refresher: 'local' }, actions, Date.now() - 40_000);
    expect(timer.since).toBe(Date.now() - 40_000);
    vi.advanceTimersByTime(4_999);
    expect(refresh).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(refresh).toHaveBeenCalledTimes(1);

    // Overdue: at once, never a negative or skipped timer.
    timer.start({ interval: 90, refresher: 'remote' }, actions, Date.now() - 600_000);
    vi.advanceTimersByTime(0);
    expect(expire).toHaveBeenCalledTimes(1);
    timer.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
