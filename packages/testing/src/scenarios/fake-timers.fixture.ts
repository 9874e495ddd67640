import { afterEach, beforeEach, vi } from 'vitest';

/**
 * Runs every test of the calling file under Vitest fake timers: the in-memory network delivers
 * through timers, and SIP timers (RFC 3261 §17) are driven by the test, never by the wall clock.
 * Call it once at the top level of a test file.
 *
 * @example
 * fakeTimersForEachTest();
 * it('retransmits', async () => { await vi.advanceTimersByTimeAsync(500); });
 */
export function fakeTimersForEachTest(): void {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}

/** Lets queued deliveries, promises and zero-delay timers settle. */
export const flush = (): Promise<unknown> => vi.advanceTimersByTimeAsync(0);
