import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  browserOpenTabChannel,
  browserTabLocks,
  type TabChannel,
  type TabLocks,
} from './tab-transport.js';

describe('tab transport', () => {
  it('accepts the browser objects as they are', () => {
    // The interfaces are structural subsets: navigator.locks and a BroadcastChannel fit.
    expectTypeOf<LockManager>().toMatchTypeOf<TabLocks>();
    expectTypeOf<BroadcastChannel>().toMatchTypeOf<TabChannel>();
  });

  it('finds navigator.locks and BroadcastChannel on a scope, and nothing where they are missing', () => {
    const locks = { request: () => Promise.resolve() };
    expect(browserTabLocks({ navigator: { locks } })).toBe(locks);
    expect(browserTabLocks({ navigator: {} })).toBeUndefined();
    expect(browserTabLocks({})).toBeUndefined();
    expect(browserTabLocks(undefined)).toBeUndefined();

    const opened: string[] = [];
    class Channel {
      constructor(name: string) {
        opened.push(name);
      }
    }
    const open = browserOpenTabChannel({ BroadcastChannel: Channel });
    expect(open?.('sipkit:tabs:g')).toBeInstanceOf(Channel);
    expect(opened).toEqual(['sipkit:tabs:g']);
    expect(browserOpenTabChannel({})).toBeUndefined();
  });
});
