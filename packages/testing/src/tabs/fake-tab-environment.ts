import type { OpenTabChannel, TabLocks } from '@sipkit/core';
import { fakePageLifecycle, type FakePageLifecycle } from '../page/fake-page-lifecycle.js';
import { FakeChannelHub, type PostedTabMessage } from './fake-channel-hub.js';
import { FakeLockManager } from './fake-lock-manager.js';

/** One fake browser tab: what a `TabCoordinator` of that tab is given. */
export interface FakeTab {
  /** `tab-1`, `tab-2`, … in opening order (not the coordinator's tab id). */
  readonly id: string;
  /** This tab's view of the browser's Web Locks. */
  readonly locks: TabLocks;
  /** Opens a `BroadcastChannel` in this tab. */
  readonly openChannel: OpenTabChannel;
  /** This tab's `pagehide`/`pageshow`, fired by hand. */
  readonly page: FakePageLifecycle;
  /** True once `closeTab` closed it. */
  readonly closed: boolean;
}

/** Several tabs of one origin sharing one fake lock manager and one channel hub. */
export interface FakeTabEnvironment {
  /** Opens a tab. */
  openTab(): FakeTab;
  /**
   * Closes a tab as a browser does when it closes or crashes: its locks are released, its
   * waiting lock requests dropped, its channels closed. It fires no `pagehide` (call
   * `tab.page.hide()` first for a tab that closes politely).
   */
  closeTab(tab: FakeTab): void;
  /**
   * Lets the tabs run until nothing is left to do: settles promise chains (lock grants and
   * releases) and delivers every queued channel message, including the replies they cause.
   * Timers (heartbeats) are not advanced: use fake timers for those.
   */
  flush(): Promise<void>;
  /** The tab holding the lock `name`, if any. */
  lockHolder(name: string): FakeTab | undefined;
  /** The tabs waiting for the lock `name`, in the order they will get it. */
  lockWaiters(name: string): readonly FakeTab[];
  /** Everything posted on any channel so far, in order. */
  readonly posted: readonly PostedTabMessage[];
  /** How many channel deliveries are queued. */
  readonly pendingDeliveries: number;
}

const MICROTASK_TURNS = 50;
const MAX_FLUSH_ROUNDS = 10_000;

async function settleMicrotasks(): Promise<void> {
  for (let turn = 0; turn < MICROTASK_TURNS; turn += 1) await Promise.resolve();
}

/**
 * An in-memory browser for multi-tab tests: tabs of one origin sharing Web Locks (exclusive,
 * granted in order, `ifAvailable`, abortable with `signal`, released when the callback's
 * promise settles or the tab closes) and `BroadcastChannel`s (structured clones, delivered
 * asynchronously in order, never to the sending channel, nothing after `close()`). Deterministic:
 * deliveries run on zero-delay timers (fake timers flush them) or through `flush()`.
 *
 * @example
 * const browser = createFakeTabEnvironment();
 * const [one, two] = [browser.openTab(), browser.openTab()];
 * const a = new TabCoordinator({ group: 'g', locks: one.locks, openChannel: one.openChannel });
 * const b = new TabCoordinator({ group: 'g', locks: two.locks, openChannel: two.openChannel });
 * a.start(); b.start();
 * await browser.flush(); // a owns, b follows
 * browser.closeTab(one);
 * await browser.flush(); // b owns
 */
export function createFakeTabEnvironment(): FakeTabEnvironment {
  const locks = new FakeLockManager();
  const hub = new FakeChannelHub();
  const tabs = new Map<string, FakeTab & { closed: boolean }>();
  let opened = 0;

  const tabById = (id: string | undefined): FakeTab | undefined =>
    id === undefined ? undefined : tabs.get(id);

  return {
    openTab() {
      opened += 1;
      const id = `tab-${opened}`;
      const tab = {
        id,
        locks: locks.locksFor(id),
        openChannel: (name: string) => {
          const channel = hub.open(id, name);
          if (tabs.get(id)?.closed === true) hub.closeTab(id);
          return channel;
        },
        page: fakePageLifecycle(),
        closed: false,
      };
      tabs.set(id, tab);
      return tab;
    },
    closeTab(tab) {
      const known = tabs.get(tab.id);
      if (known === undefined || known.closed) return;
      known.closed = true;
      hub.closeTab(tab.id);
      locks.closeTab(tab.id);
    },
    async flush() {
      for (let round = 0; round < MAX_FLUSH_ROUNDS; round += 1) {
        await settleMicrotasks();
        if (hub.drain() === 0) {
          await settleMicrotasks();
          if (hub.pending === 0) return;
        }
      }
      throw new Error(
        'flush(): the tabs kept messaging each other for 10000 rounds; a reply loop between tabs?',
      );
    },
    lockHolder: (name) => tabById(locks.holderOf(name)),
    lockWaiters: (name) =>
      locks.waitingFor(name).flatMap((id) => {
        const tab = tabs.get(id);
        return tab === undefined ? [] : [tab];
      }),
    get posted() {
      return hub.posted;
    },
    get pendingDeliveries() {
      return hub.pending;
    },
  };
}
