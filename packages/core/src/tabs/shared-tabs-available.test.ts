import { describe, expect, it } from 'vitest';
import { sharedTabsAvailable } from './shared-tabs-available.js';

class FakeBroadcastChannel {}
const locks = { request: () => Promise.resolve() };

describe('sharedTabsAvailable', () => {
  it('is ok with Web Locks and BroadcastChannel', () => {
    expect(sharedTabsAvailable({ locks, BroadcastChannel: FakeBroadcastChannel })).toEqual({
      ok: true,
    });
  });

  it('says why not when either is missing', () => {
    const noLocks = sharedTabsAvailable({ BroadcastChannel: FakeBroadcastChannel });
    expect(noLocks).toEqual({ ok: false, reason: expect.stringContaining('navigator.locks') });
    const noChannel = sharedTabsAvailable({ locks });
    expect(noChannel).toEqual({ ok: false, reason: expect.stringContaining('BroadcastChannel') });
  });

  it('looks at the page by default (Node has BroadcastChannel but no navigator.locks)', () => {
    const support = sharedTabsAvailable();
    const hasLocks =
      typeof (globalThis.navigator as { locks?: { request?: unknown } } | undefined)?.locks
        ?.request === 'function';
    expect(support.ok).toBe(hasLocks && typeof globalThis.BroadcastChannel === 'function');
  });
});
