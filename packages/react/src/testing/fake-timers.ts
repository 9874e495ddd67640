import { afterEach, beforeEach, vi } from 'vitest';

/**
 * Runs every test of the calling file under Vitest fake timers: the SIP timers (RFC 3261 §17)
 * and the in-memory network move only when the test moves the clock (`until` polls do). Call it
 * once at the top level of a test file.
 *
 * @example
 * fakeTimersForEachTest();
 * it('ends the call', async () => { await act(() => vi.advanceTimersByTimeAsync(1000)); });
 */
export function fakeTimersForEachTest(): void {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}
