import { describe, expect, it } from 'vitest';
import { transactionTimers } from './timers.js';
import { useProductionBuild } from '../diagnostics/testing/production-build.js';

describe('transactionTimers (RFC 3261 Table 4, reliable transport)', () => {
  it('defaults: T1 500, T2 4000, T4 5000; B F H L M = 64*T1; D I J K = 0', () => {
    expect(transactionTimers()).toEqual({
      t1: 500,
      t2: 4000,
      t4: 5000,
      timerB: 32_000,
      timerD: 0,
      timerF: 32_000,
      timerH: 32_000,
      timerI: 0,
      timerJ: 0,
      timerK: 0,
      timerL: 32_000,
      timerM: 32_000,
    });
  });

  it('derives the 64*T1 timers from a configured T1; explicit timers win', () => {
    const timers = transactionTimers({ t1: 250, timerH: 1000, timerD: 32_000 });
    expect([timers.timerB, timers.timerF, timers.timerL, timers.timerM]).toEqual([
      16_000, 16_000, 16_000, 16_000,
    ]);
    expect([timers.timerH, timers.timerD]).toEqual([1000, 32_000]);
  });

  it('accepts explicit undefined as "default"', () => {
    expect(transactionTimers({ t1: undefined, timerB: undefined }).timerB).toBe(32_000);
  });

  it('refuses zero or negative base timers, negative or non-finite timers, T1 > T2', () => {
    expect(() => transactionTimers({ t1: 0 })).toThrow(RangeError);
    expect(() => transactionTimers({ t2: -1 })).toThrow(RangeError);
    expect(() => transactionTimers({ timerB: Number.NaN })).toThrow(RangeError);
    expect(() => transactionTimers({ timerF: Number.POSITIVE_INFINITY })).toThrow(RangeError);
    expect(() => transactionTimers({ timerK: -5 })).toThrow(RangeError);
    expect(() => transactionTimers({ t1: 5000, t2: 4000 })).toThrow(RangeError);
    expect(() => transactionTimers({ t1: '500' as unknown as number })).toThrow(RangeError);
  });

  it('returns a frozen record', () => {
    expect(Object.isFrozen(transactionTimers())).toBe(true);
  });
});

describe('transactionTimers errors in a production build (docs/errors/transaction.md)', () => {
  useProductionBuild();

  it('a RangeError whose message is a code with the option and its value', async () => {
    expect(() => transactionTimers({ timerB: -1 })).toThrow(
      'transaction timer timerB must be a non-negative finite number of milliseconds',
    );
    const production = await import('./timers.js');
    expect(() => production.transactionTimers({ timerB: -1 })).toThrow(
      new RangeError('transaction.timer timerB -1'),
    );
    expect(() => production.transactionTimers({ t1: 5000 })).toThrow(
      new RangeError('transaction.t1-over-t2'),
    );
  });
});
