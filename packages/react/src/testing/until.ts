import { vi } from 'vitest';

/**
 * `vi.waitFor` polling every 5 ms instead of 50: the in-memory network answers within a few
 * microtasks, so the default interval would only make the suite slow. Under fake timers each
 * poll also moves the clock on by the interval.
 */
export function until<T>(check: () => T | Promise<T>): Promise<T> {
  return vi.waitFor(check, { interval: 5, timeout: 3000 });
}
