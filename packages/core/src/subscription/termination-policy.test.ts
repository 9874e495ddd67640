import { describe, expect, it } from 'vitest';
import { parseSubscriptionState } from '../message/index.js';
import { refreshDelay } from './refresh-timing.js';
import { afterTermination, PROBATION_RETRY } from './termination-policy.js';

const after = (value: string) => afterTermination(parseSubscriptionState(value));

describe('afterTermination (RFC 6665 §4.1.3)', () => {
  it('resubscribes at once after deactivated and timeout', () => {
    expect(after('terminated;reason=deactivated')).toEqual({ action: 'resubscribe', delay: 0 });
    expect(after('terminated;reason=timeout')).toEqual({ action: 'resubscribe', delay: 0 });
  });

  it('waits retry-after after probation (a default without one) and giveup', () => {
    expect(after('terminated;reason=probation;retry-after=30')).toEqual({
      action: 'resubscribe',
      delay: 30,
    });
    expect(after('terminated;reason=probation')).toEqual({
      action: 'resubscribe',
      delay: PROBATION_RETRY,
    });
    expect(after('terminated;reason=giveup;retry-after=5')).toEqual({
      action: 'resubscribe',
      delay: 5,
    });
    expect(after('terminated;reason=giveup')).toEqual({ action: 'stop' });
  });

  it('stops after rejected, noresource, invariant, no reason or an unknown one', () => {
    for (const value of [
      'terminated;reason=rejected',
      'terminated;reason=noresource',
      'terminated;reason=invariant',
      'terminated',
      'terminated;reason=x-odd',
    ]) {
      expect(after(value), value).toEqual({ action: 'stop' });
    }
  });
});

describe('refreshDelay', () => {
  it('refreshes long subscriptions 92 s early and short ones at half time', () => {
    expect(refreshDelay(3600)).toBe((3600 - 92) * 1000);
    expect(refreshDelay(184)).toBe(92_000);
    expect(refreshDelay(120)).toBe(60_000);
    expect(refreshDelay(1)).toBe(500);
    expect(refreshDelay(0)).toBe(0);
  });
});
