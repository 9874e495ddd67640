import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RECOVERY_INTERVALS, recoveryDelay } from './recovery-delay.js';

const defaults = DEFAULT_RECOVERY_INTERVALS;

describe('recoveryDelay', () => {
  it('defaults to JsSIP values: 2 s and 30 s', () => {
    expect(defaults).toEqual({ min: 2, max: 30 });
  });

  it('waits exactly min on the first attempt, whatever the random draw', () => {
    expect(recoveryDelay(0, defaults, () => 0)).toBe(2000);
    expect(recoveryDelay(0, defaults, () => 0.999)).toBe(2000);
  });

  it('draws uniformly in [min, min(max, min * 2^k)]', () => {
    expect(recoveryDelay(1, defaults, () => 0)).toBe(2000);
    expect(recoveryDelay(1, defaults, () => 0.5)).toBe(3000); // [2, 4]
    expect(recoveryDelay(2, defaults, () => 0.5)).toBe(5000); // [2, 8]
    expect(recoveryDelay(3, defaults, () => 0.5)).toBe(9000); // [2, 16]
    expect(recoveryDelay(4, defaults, () => 0.5)).toBe(16000); // [2, 30]: capped
    expect(recoveryDelay(50, defaults, () => 0.5)).toBe(16000);
  });

  it('reaches the ceiling as random() approaches 1', () => {
    const top = (k: number) => recoveryDelay(k, defaults, () => 1 - Number.EPSILON);
    expect([0, 1, 2, 3, 4, 5].map((k) => Math.round(top(k)))).toEqual([
      2000, 4000, 8000, 16000, 30000, 30000,
    ]);
  });

  it('handles huge attempt counts (2^k overflows to Infinity)', () => {
    expect(recoveryDelay(5000, defaults, () => 1 - Number.EPSILON)).toBeCloseTo(30000);
  });

  it('supports fractional seconds', () => {
    expect(recoveryDelay(0, { min: 0.05, max: 0.2 }, () => 0)).toBeCloseTo(50);
    expect(recoveryDelay(9, { min: 0.05, max: 0.2 }, () => 0.5)).toBeCloseTo(125);
  });

  it('property: always within [min, min(max, min * 2^k)] seconds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 80 }),
        fc.double({ min: 0.001, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (k, min, extra, r) => {
          const max = min + extra;
          const delay = recoveryDelay(k, { min, max }, () => r) / 1000;
          const upper = Math.min(max, min * 2 ** k);
          expect(delay).toBeGreaterThanOrEqual(min - 1e-9);
          expect(delay).toBeLessThanOrEqual(upper + 1e-9);
        },
      ),
    );
  });
});
