import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RECOVERY_INTERVALS, recoveryDelay } from './recovery-delay.js';

const defaults = DEFAULT_RECOVERY_INTERVALS;

describe('recoveryDelay', () => {
  it('defaults to JsSIP values: 2 s and 30 s', () => {
    expect(defaults).toEqual({ min: 2, max: 30 });
  });

  // Issue 19, finding 8: a fixed first wait brought every client of a restarted server back in
  // the same instant.
  it('jitters the first wait too, within half a second: uniform in [min, min + 0.5)', () => {
    expect(recoveryDelay(0, defaults, () => 0)).toBe(2000);
    expect(recoveryDelay(0, defaults, () => 0.5)).toBe(2250);
    expect(recoveryDelay(0, defaults, () => 0.999)).toBeCloseTo(2499.5);
  });

  // Issue 22: a client of a killed cluster node is registered on the next within min + 1 s.
  it('keeps the first window short enough for a failover within min + 1 s', () => {
    expect(recoveryDelay(0, defaults, () => 1 - Number.EPSILON)).toBeLessThanOrEqual(2500);
    expect(recoveryDelay(0, { min: 10, max: 30 }, () => 1 - Number.EPSILON)).toBeLessThanOrEqual(
      10_500,
    );
  });

  it('draws uniformly in [min, min(max, min * 2^(k+1))]', () => {
    expect(recoveryDelay(1, defaults, () => 0)).toBe(2000);
    expect(recoveryDelay(1, defaults, () => 0.5)).toBe(5000); // [2, 8]
    expect(recoveryDelay(2, defaults, () => 0.5)).toBe(9000); // [2, 16]
    expect(recoveryDelay(3, defaults, () => 0.5)).toBe(16000); // [2, 30]: capped
    expect(recoveryDelay(50, defaults, () => 0.5)).toBe(16000);
  });

  it('reaches the ceiling as random() approaches 1', () => {
    const top = (k: number) => recoveryDelay(k, defaults, () => 1 - Number.EPSILON);
    expect([0, 1, 2, 3, 4].map((k) => Math.round(top(k)))).toEqual([
      2500, 8000, 16000, 30000, 30000,
    ]);
  });

  it('stays within the bounds when min equals max', () => {
    expect(recoveryDelay(0, { min: 5, max: 5 }, () => 0.9)).toBe(5000);
    expect(recoveryDelay(7, { min: 5, max: 5 }, () => 0)).toBe(5000);
  });

  it('spreads 50 clients that lost the same server over the first window', () => {
    // A deterministic stand-in for Math.random: a linear congruential generator.
    let seed = 19;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const delays = Array.from({ length: 50 }, () => recoveryDelay(0, defaults, random)).sort(
      (a, b) => a - b,
    );
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(2000);
      expect(delay).toBeLessThan(2500);
    }
    // Not a herd: the reconnections span most of the 0.5 s window, and no 20 ms slot holds many.
    expect(delays.at(-1)! - delays[0]!).toBeGreaterThan(400);
    const perSlot = new Map<number, number>();
    for (const delay of delays) {
      const slot = Math.floor(delay / 20);
      perSlot.set(slot, (perSlot.get(slot) ?? 0) + 1);
    }
    expect(Math.max(...perSlot.values())).toBeLessThanOrEqual(5);
  });

  it('handles huge attempt counts (2^k overflows to Infinity)', () => {
    expect(recoveryDelay(5000, defaults, () => 1 - Number.EPSILON)).toBeCloseTo(30000);
  });

  it('supports fractional seconds', () => {
    expect(recoveryDelay(0, { min: 0.05, max: 0.2 }, () => 0)).toBeCloseTo(50);
    expect(recoveryDelay(9, { min: 0.05, max: 0.2 }, () => 0.5)).toBeCloseTo(125);
    expect(recoveryDelay(0, { min: 0.05, max: 0.2 }, () => 0.5)).toBeCloseTo(75);
  });

  it('property: always within [min, min(max, min * 2^(k+1))] seconds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 80 }),
        fc.double({ min: 0.001, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (k, min, extra, r) => {
          const max = min + extra;
          const delay = recoveryDelay(k, { min, max }, () => r) / 1000;
          const upper = Math.min(max, min * 2 ** (k + 1));
          expect(delay).toBeGreaterThanOrEqual(min - 1e-9);
          expect(delay).toBeLessThanOrEqual(upper + 1e-9);
        },
      ),
    );
  });
});
