import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TabCoordinator, TabCoordinatorError } from '@sipkit/core';
import { coordinatedTabs, GROUP, startedTabs } from './coordinated-tabs.fixture.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('TabCoordinator messages', () => {
  it('broadcasts to every other tab, never back to the sender', async () => {
    const { browser, tabs } = await startedTabs(3);
    const [one, two, three] = tabs;
    two.coordinator.send('action/call', { target: 'sip:bob@example.com' });
    await browser.flush();

    expect(one.log.messages).toEqual([
      { from: 'tab-2', topic: 'action/call', body: { target: 'sip:bob@example.com' } },
    ]);
    expect(three.log.messages).toEqual(one.log.messages);
    expect(two.log.messages).toEqual([]);
  });

  it('delivers an addressed message to its tab only', async () => {
    const { browser, tabs } = await startedTabs(3);
    const [one, two, three] = tabs;
    one.coordinator.send('store/snapshot', { calls: [] }, 'tab-3');
    await browser.flush();

    expect(three.log.messages).toEqual([
      { from: 'tab-1', to: 'tab-3', topic: 'store/snapshot', body: { calls: [] } },
    ]);
    expect(two.log.messages).toEqual([]);
  });

  it('keeps the coordinator topics to itself and ignores what is not an envelope', async () => {
    const { browser, tabs } = await startedTabs(3);
    const [one] = tabs;
    const raw = browser.openTab().openChannel(`sipkit:tabs:${GROUP}`);
    raw.postMessage('not an envelope');
    raw.postMessage({ v: 2, from: 'future', topic: 'store/x', body: 1 });
    raw.postMessage({ v: 1, from: 'tab-9', topic: 'tabs/future-topic', body: 1 });
    await browser.flush();

    expect(one.log.messages).toEqual([]);
    // tab-9 spoke a newer coordinator topic: still a live tab.
    expect(one.log.joined).toContain('tab-9');
  });

  it('refuses a reserved topic and a body that cannot be cloned, naming the parameter', async () => {
    const { tabs } = await startedTabs(3);
    const [one] = tabs;
    expect(() => one.coordinator.send('tabs/hello', {})).toThrow(
      expect.objectContaining({ name: 'TabCoordinatorError', parameter: 'topic' }),
    );
    let error: unknown;
    try {
      one.coordinator.send('store/patch', { run: () => 1 });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TabCoordinatorError);
    expect(error).toMatchObject({
      parameter: 'body',
      message: expect.stringContaining('store/patch'),
    });
  });

  it('sends nothing before start and after stop', async () => {
    const { browser, tabs } = await startedTabs(3);
    const [one, two] = tabs;
    await one.coordinator.stop();
    expect(one.coordinator.send('store/patch', {})).toBe(false);
    await browser.flush();
    expect(two.log.messages).toEqual([]);
  });

  it('names the missing option when the page cannot share tabs', () => {
    const { browser } = coordinatedTabs();
    const tab = browser.openTab();
    expect(() => new TabCoordinator({ group: GROUP, openChannel: tab.openChannel })).toThrow(
      expect.objectContaining({
        parameter: 'locks',
        message: expect.stringContaining('sharedTabsAvailable'),
      }),
    );
    expect(
      () =>
        new TabCoordinator({
          group: GROUP,
          locks: tab.locks,
          openChannel: tab.openChannel,
          heartbeatInterval: 0,
        }),
    ).toThrow(expect.objectContaining({ parameter: 'heartbeatInterval' }));
    expect(() => new TabCoordinator({ group: '', locks: tab.locks })).toThrow(
      expect.objectContaining({ parameter: 'group' }),
    );
  });

  it('names its lock and channel after the group, and makes up distinct tab ids', () => {
    const { browser } = coordinatedTabs();
    const tab = browser.openTab();
    const options = {
      group: GROUP,
      locks: tab.locks,
      openChannel: tab.openChannel,
      pageLifecycle: null,
    };
    const [a, b] = [new TabCoordinator(options), new TabCoordinator(options)];
    expect(a.lockName).toBe(`sipkit:owner:${GROUP}`);
    expect(a.channelName).toBe(`sipkit:tabs:${GROUP}`);
    expect(a.tabId).not.toBe(b.tabId);
    expect(a.tabId).toMatch(/^[0-9a-z]{12}$/);
  });
});
