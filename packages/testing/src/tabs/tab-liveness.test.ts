import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Clock } from '@sipkit/core';
import {
  coordinatedTabs,
  HEARTBEAT,
  LOCK,
  ownerCrashed,
  startedTabs,
} from './coordinated-tabs.fixture.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A background tab's clock: the browser throttles its timers so much that none fires here. */
const throttledClock: Clock = {
  setTimeout: () => undefined,
  clearTimeout: () => undefined,
  now: () => Date.now(),
};

describe('TabCoordinator liveness', () => {
  it('reports a crashed follower gone after three silent heartbeats, not before', async () => {
    const {
      browser,
      tabs: [one, two],
    } = await startedTabs(2);

    browser.closeTab(two.tab);
    await vi.advanceTimersByTimeAsync(3 * HEARTBEAT - 1);
    expect(one.log.gone).toEqual([]);
    expect(one.coordinator.tabs()).toEqual(['tab-1', 'tab-2']);

    await vi.advanceTimersByTimeAsync(HEARTBEAT + 1);
    expect(one.log.gone).toEqual(['tab-2:silent']);
    expect(one.coordinator.tabs()).toEqual(['tab-1']);
  });

  it('tells the followers when the owner tab crashed, and the lock makes the next one owner', async () => {
    const {
      tabs: [, two, three],
    } = await ownerCrashed();

    expect(two.coordinator.role).toBe('owner');
    await vi.advanceTimersByTimeAsync(4 * HEARTBEAT);

    expect(two.log.gone).toEqual(['tab-1:silent']);
    expect(three.log.gone).toEqual(['tab-1:silent']);
    expect(three.coordinator.ownerId).toBe('tab-2');
    expect(three.coordinator.tabs()).toEqual(['tab-3', 'tab-2']);
  });

  it('lets the new owner find a crashed owner gone within two heartbeats, by pinging it at once', async () => {
    const {
      tabs: [, two, three],
    } = await ownerCrashed();

    await vi.advanceTimersByTimeAsync(2 * HEARTBEAT);

    expect(two.log.gone).toEqual(['tab-1:silent']);
    expect(two.coordinator.tabs()).toEqual(['tab-2', 'tab-3']);
    // The followers have no such hint: they still wait for the heartbeats to stop.
    expect(three.log.gone).toEqual([]);
  });

  it('does not take an owner that stopped and started again for gone', async () => {
    const {
      browser,
      tabs: [one, two],
    } = await startedTabs(2);

    // Same coordinator, same tab id, back at once: the waiting tab got the lock meanwhile.
    void one.coordinator.stop();
    one.coordinator.start();
    await browser.flush();
    expect(two.coordinator.role).toBe('owner');
    await vi.advanceTimersByTimeAsync(10 * HEARTBEAT);

    expect(two.log.gone).toEqual(['tab-1:goodbye']);
    expect(two.coordinator.tabs()).toEqual(['tab-2', 'tab-1']);
    expect(one.coordinator.ownerId).toBe('tab-2');
  });

  it('keeps every live tab across many heartbeats', async () => {
    const { tabs } = await startedTabs(3);
    await vi.advanceTimersByTimeAsync(60 * HEARTBEAT);

    for (const { coordinator, log } of tabs) {
      expect(log.gone).toEqual([]);
      expect(coordinator.tabs()).toHaveLength(3);
    }
  });

  it('keeps a background tab whose timers are throttled, because it answers pings', async () => {
    const { browser, open } = coordinatedTabs();
    const one = open();
    const background = open({ clock: throttledClock });
    one.coordinator.start();
    background.coordinator.start();
    await browser.flush();
    await vi.advanceTimersByTimeAsync(30 * HEARTBEAT);

    expect(one.log.gone).toEqual([]);
    expect(one.coordinator.tabs()).toEqual(['tab-1', 'tab-2']);
    const pings = browser.posted.filter(
      (post) => (post.data as { topic: string }).topic === 'tabs/ping',
    );
    expect(pings.length).toBeGreaterThan(0);
  });

  it('says goodbye on pagehide, so the others drop the tab at once', async () => {
    const {
      browser,
      tabs: [one, two, three],
    } = await startedTabs(3);

    one.tab.page.hide();
    await browser.flush();
    expect(two.log.gone).toEqual(['tab-1:goodbye']);
    expect(three.log.gone).toEqual(['tab-1:goodbye']);
    // The owner said goodbye: no owner is known until the lock moves.
    expect(three.coordinator.ownerId).toBeUndefined();
    expect(three.log.owners).toEqual(['tab-1', undefined]);

    browser.closeTab(one.tab);
    await browser.flush();
    expect(two.coordinator.role).toBe('owner');
    expect(three.log.owners).toEqual(['tab-1', undefined, 'tab-2']);
    expect(two.log.gone).toEqual(['tab-1:goodbye']);
  });

  it('joins again with a hello when the page comes back from the back/forward cache', async () => {
    const {
      browser,
      tabs: [one, two],
    } = await startedTabs(2);

    two.tab.page.hide(true);
    await browser.flush();
    expect(one.log.gone).toEqual(['tab-2:goodbye']);
    two.tab.page.show(true);
    await browser.flush();
    expect(one.log.joined).toEqual(['tab-2', 'tab-2']);
    expect(one.coordinator.tabs()).toEqual(['tab-1', 'tab-2']);
  });

  it('ignores a late heartbeat of the old owner once a new owner has claimed the group', async () => {
    const {
      browser,
      tabs: [one, two, three],
    } = await startedTabs(3);
    const raw = browser.openTab().openChannel(`sipkit:tabs:${'g1'}`);

    browser.closeTab(one.tab);
    await browser.flush();
    expect(three.coordinator.ownerId).toBe('tab-2');
    // The old owner's heartbeat, posted before it closed but delivered after the new claim.
    raw.postMessage({ v: 1, from: 'tab-1', topic: 'tabs/heartbeat', body: { term: 1 } });
    await browser.flush();

    expect(three.coordinator.ownerId).toBe('tab-2');
    expect(browser.lockHolder(LOCK)).toBe(two.tab);
  });

  it('stops beating and emits nothing after stop()', async () => {
    const {
      browser,
      tabs: [, two],
    } = await startedTabs(2);
    await two.coordinator.stop();
    const postedAtStop = browser.posted.length;
    const logged = JSON.stringify(two.log);

    await vi.advanceTimersByTimeAsync(10 * HEARTBEAT);
    expect(browser.posted.slice(postedAtStop).map((post) => post.tab)).not.toContain('tab-2');
    expect(JSON.stringify(two.log)).toBe(logged);
    expect(vi.getTimerCount()).toBeGreaterThan(0); // tab-1 still beats
  });
});
