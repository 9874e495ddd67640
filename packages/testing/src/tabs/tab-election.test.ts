import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TabLocks } from '@sipkit/core';
import { coordinatedTabs, LOCK, ownerCrashed, startedTabs } from './coordinated-tabs.fixture.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Wraps a tab's locks to count the grants it receives. */
function countingGrants(locks: TabLocks): { locks: TabLocks; grants: () => number } {
  let grants = 0;
  const counted = {
    request: (name: string, ...rest: unknown[]) => {
      const callback = rest.at(-1) as (lock: unknown) => unknown;
      const wrapped = (lock: unknown) => {
        if (lock !== null) grants += 1;
        return callback(lock);
      };
      return rest.length === 2
        ? locks.request(name, rest[0] as object, wrapped)
        : locks.request(name, wrapped);
    },
  } as TabLocks;
  return { locks: counted, grants: () => grants };
}

describe('TabCoordinator election', () => {
  it('makes a lone tab the owner', async () => {
    const { browser, open } = coordinatedTabs();
    const one = open();
    one.coordinator.start();
    expect(one.coordinator.role).toBe('pending');
    await browser.flush();

    expect(one.coordinator.role).toBe('owner');
    expect(one.coordinator.ownerId).toBe('tab-1');
    expect(one.log.roles).toEqual(['owner']);
    expect(one.log.owners).toEqual(['tab-1']);
    expect(browser.lockHolder(LOCK)).toBe(one.tab);
  });

  it('elects exactly one owner among tabs starting at once; the others follow and know it', async () => {
    const { browser, tabs } = await startedTabs(4);

    const owners = tabs.filter(({ coordinator }) => coordinator.role === 'owner');
    expect(owners).toHaveLength(1);
    const ownerId = owners[0]?.coordinator.tabId;
    for (const { coordinator, log } of tabs) {
      expect(coordinator.ownerId).toBe(ownerId);
      expect(log.roles).toEqual([coordinator.tabId === ownerId ? 'owner' : 'follower']);
      expect(log.owners).toEqual([ownerId]);
      expect([...coordinator.tabs()].sort()).toEqual(['tab-1', 'tab-2', 'tab-3', 'tab-4']);
    }
    expect(browser.lockWaiters(LOCK)).toHaveLength(3);
  });

  it('lets a tab that opens later learn the owner and the tabs from their answers to its hello', async () => {
    const {
      browser,
      open,
      tabs: [one, two],
    } = await startedTabs(2);
    const late = open();
    late.coordinator.start();
    await browser.flush();

    expect(late.coordinator.role).toBe('follower');
    expect(late.coordinator.ownerId).toBe('tab-1');
    expect(late.coordinator.tabs()).toEqual(['tab-3', 'tab-1', 'tab-2']);
    expect(one.log.joined).toEqual(['tab-2', 'tab-3']);
    expect(two.log.joined).toEqual(['tab-1', 'tab-3']);
  });

  it('hands the lock to the next waiting tab exactly once when the owner stops', async () => {
    const {
      browser,
      tabs: [one, two, three],
    } = await startedTabs(3);

    await one.coordinator.stop();
    await browser.flush();

    expect(two.coordinator.role).toBe('owner');
    expect(two.log.roles).toEqual(['follower', 'owner']);
    expect(three.coordinator.role).toBe('follower');
    expect(three.coordinator.ownerId).toBe('tab-2');
    expect(three.log.gone).toEqual(['tab-1:goodbye']);
    expect(three.log.owners.at(-1)).toBe('tab-2');
    expect(two.coordinator.tabs()).toEqual(['tab-2', 'tab-3']);
    expect(one.coordinator.role).toBe('pending');
    expect(one.coordinator.tabs()).toEqual([]);
    expect(browser.lockHolder(LOCK)).toBe(two.tab);
    expect(browser.lockWaiters(LOCK)).toEqual([three.tab]);
  });

  it('passes the lock on when the owner tab crashes without a goodbye', async () => {
    const {
      tabs: [, two, three],
    } = await ownerCrashed();

    expect(two.coordinator.role).toBe('owner');
    expect(three.coordinator.ownerId).toBe('tab-2');
    expect(two.log.roles).toEqual(['follower', 'owner']);
    expect(three.log.roles).toEqual(['follower']);
  });

  it('never makes a tab owner after it stopped while waiting for the lock', async () => {
    const {
      browser,
      tabs: [one, two, three],
    } = await startedTabs(3);
    expect(browser.lockWaiters(LOCK)).toEqual([two.tab, three.tab]);

    await two.coordinator.stop();
    expect(browser.lockWaiters(LOCK)).toEqual([three.tab]);
    await one.coordinator.stop();
    await browser.flush();

    expect(two.log.roles).toEqual(['follower']);
    expect(two.coordinator.role).toBe('pending');
    expect(three.coordinator.role).toBe('owner');
  });

  it('never asks for the lock when stopped before its first request ran', async () => {
    const { browser, open } = coordinatedTabs();
    const one = open();
    one.coordinator.start();
    await one.coordinator.stop();
    await browser.flush();

    expect(one.log.roles).toEqual([]);
    expect(browser.lockHolder(LOCK)).toBeUndefined();
  });

  it('gets the lock once across a StrictMode start/stop/start of one coordinator', async () => {
    const { browser, coordinatorIn } = coordinatedTabs();
    const tab = browser.openTab();
    const counted = countingGrants(tab.locks);
    const coordinator = coordinatorIn(tab, { locks: counted.locks });
    const roles: string[] = [];
    coordinator.on('role', ({ role }) => roles.push(role));

    coordinator.start();
    void coordinator.stop();
    coordinator.start();
    await browser.flush();

    expect(coordinator.role).toBe('owner');
    expect(roles).toEqual(['owner']);
    expect(counted.grants()).toBe(1);
    expect(browser.lockHolder(LOCK)).toBe(tab);
  });

  it('makes a second coordinator of the same tab wait for the first one to let go', async () => {
    const { browser, coordinatorIn, open } = coordinatedTabs();
    const other = open();
    const tab = browser.openTab();
    const first = coordinatorIn(tab);
    first.start();
    await browser.flush();
    other.coordinator.start();
    await browser.flush();
    expect(first.role).toBe('owner');

    // A remount: the new coordinator starts while the old one's stop is still settling.
    const stopped = first.stop();
    const second = coordinatorIn(tab, { tabId: 'tab-2-again' });
    second.start();
    await stopped;
    await browser.flush();

    // The lock went to the tab that was waiting; the remounted one queues behind it.
    expect(other.coordinator.role).toBe('owner');
    expect(second.role).toBe('follower');
    expect(second.ownerId).toBe(other.coordinator.tabId);
    expect(browser.lockWaiters(LOCK)).toEqual([tab]);
  });

  it('keeps the lock when a role listener throws, and reports the error', async () => {
    const { browser, open } = coordinatedTabs();
    const one = open();
    const failure = new Error('listener bug');
    one.coordinator.on('role', () => {
      throw failure;
    });
    const reported: unknown[] = [];
    const onUncaught = (error: unknown) => reported.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      one.coordinator.start();
      await browser.flush();
    } finally {
      process.off('uncaughtException', onUncaught);
    }
    expect(one.coordinator.role).toBe('owner');
    expect(browser.lockHolder(LOCK)).toBe(one.tab);
    expect(reported).toEqual([failure]);
  });
});

describe('TabCoordinator in a closed tab', () => {
  it('stops without waiting forever when its tab closed while it waited for the lock', async () => {
    const {
      browser,
      tabs: [, two],
    } = await startedTabs(2);
    browser.closeTab(two.tab);
    await browser.flush();

    await two.coordinator.stop();
    expect(two.log.roles).toEqual(['follower']);
    expect(browser.lockWaiters(LOCK)).toEqual([]);
  });
});
