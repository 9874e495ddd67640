import { sharedTabsAvailable, tabGroupOf } from '@sipkit/core';
import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { fakeTimersForEachTest } from '../testing/fake-timers.js';
import { click, text } from '../testing/phone-call.js';
import { renderStrict } from '../testing/render.js';
import { Phone } from '../testing/test-phone.js';
import { until } from '../testing/until.js';
import { TabRoleView, tabsTestbed } from '../testing/tabs-testbed.js';
import { createSharedTabs, sharedTabs } from './shared-tabs.js';
import { TabActionError } from './forwarded-actions.js';

// Issue 25: one phone across tabs. Three providers with `sharedTabs` over one fake browser are
// three tabs: one UA (the owner's), one REGISTER, the same store in all three.

fakeTimersForEachTest();

/** The owner lock of alice's group (the coordinator names it after the group). */
const lockOf = (bed: ReturnType<typeof tabsTestbed>): string =>
  bed.browser.posted.length >= 0 ? `sipkit:owner:${tabGroupOf(bed.opened[0]!.phone.config)}` : '';

/** Samples the open connections on every timer tick until stopped; reports the most seen. */
function watchMost(
  bed: ReturnType<typeof tabsTestbed>,
  report: (most: number) => void,
): () => void {
  let most = 0;
  const timer = setInterval(() => {
    most = Math.max(most, bed.network.openConnections);
    report(most);
  }, 1);
  return () => clearInterval(timer);
}

const roles = (...names: string[]): string[] => names.map((name) => text(`${name}-tabs`) ?? '');

describe('sharedTabs', () => {
  it('three tabs run one UA: one owner, two followers, one REGISTER, all registered', async () => {
    const bed = tabsTestbed();
    bed.openTab('t1');
    await until(() => expect(text('t1-tabs')).toBe('shared/owner'));
    bed.openTab('t2');
    bed.openTab('t3');
    for (const name of ['t1', 't2', 't3']) {
      await until(() => expect(text(`${name}-registration`)).toBe('connected/registered'));
    }
    expect(roles('t1', 't2', 't3')).toEqual(['shared/owner', 'shared/follower', 'shared/follower']);
    expect(bed.registrations()).toHaveLength(1);
    expect(bed.network.openConnections).toBe(1);
  });

  it('two tabs opening at once elect one owner', async () => {
    const bed = tabsTestbed();
    bed.openTab('t1');
    bed.openTab('t2');
    await until(() =>
      expect(roles('t1', 't2').sort()).toEqual(['shared/follower', 'shared/owner']),
    );
    await until(() => expect(text('t2-registration')).toBe('connected/registered'));
    expect(bed.registrations()).toHaveLength(1);
    expect(bed.network.openConnections).toBe(1);
  });

  it('falls back to one phone per tab, and says why, without Web Locks', async () => {
    const bed = tabsTestbed(() => ({
      available: () => ({ ok: false, reason: 'no Web Locks API' }),
    }));
    bed.openTab('t1');
    bed.openTab('t2');
    await until(() => expect(text('t1-registration')).toBe('connected/registered'));
    await until(() => expect(text('t2-registration')).toBe('connected/registered'));
    expect(roles('t1', 't2')).toEqual([
      'single/owner (no Web Locks API)',
      'single/owner (no Web Locks API)',
    ]);
    expect(bed.registrations()).toHaveLength(2);
  });

  it('without BroadcastChannel the default sharedTabs runs one phone per tab and says why', async () => {
    vi.stubGlobal('BroadcastChannel', undefined);
    try {
      const support = sharedTabsAvailable();
      expect(support.ok).toBe(false);
      const bed = tabsTestbed();
      const phone = bed.phone('alice');
      renderStrict(
        <Phone name="t1" phone={{ ...phone, options: { ...phone.options, tabs: sharedTabs } }}>
          <TabRoleView name="t1" />
        </Phone>,
      );
      await until(() => expect(text('t1-registration')).toBe('connected/registered'));
      expect(text('t1-tabs')).toBe(`single/owner (${support.ok ? '' : support.reason})`);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("the owner's provider mounted again (new key, hot reload): one UA in that tab, one owner", async () => {
    const bed = tabsTestbed();
    const t1 = bed.openTab('t1');
    bed.openTab('t2');
    await until(() => expect(text('t2-registration')).toBe('connected/registered'));
    let most = 0;
    const off = watchMost(bed, (n) => (most = n));
    t1.view.rerender(
      <Phone key="reloaded" name="t1" phone={t1.phone}>
        <TabRoleView name="t1" />
      </Phone>,
    );
    await until(() =>
      expect(roles('t1', 't2').sort()).toEqual(['shared/follower', 'shared/owner']),
    );
    await until(() => expect(text('t1-registration')).toBe('connected/registered'));
    await until(() => expect(text('t2-registration')).toBe('connected/registered'));
    off();
    expect(most).toBe(1);
    expect(bed.network.openConnections).toBe(1);
  });

  it('an incoming call rings in every tab; answered in tab 2, it stops ringing in all', async () => {
    const bed = tabsTestbed();
    const tabs = ['t1', 't2', 't3'];
    for (const name of tabs) bed.openTab(name);
    renderStrict(<Phone name="bob" phone={bed.phone('bob')} />);
    for (const name of [...tabs, 'bob']) {
      await until(() => expect(text(`${name}-registration`)).toBe('connected/registered'));
    }
    fireEvent.change(screen.getByLabelText('bob-target'), { target: { value: 'alice' } });
    click('bob-dial');
    for (const name of tabs) {
      await until(() => expect(text(`${name}-incoming`)).toBe('sip:bob@sip.test'));
    }
    click('t2-answer');
    await until(() => expect(text('bob-call')).toBe('confirmed'));
    for (const name of tabs) {
      await until(() => expect(text(`${name}-incoming`)).toBe(''));
      await until(() => expect(text(`${name}-call`)).toBe('confirmed'));
    }
    // Hang up from tab 3: the owner sends the BYE, every tab and bob see the end.
    click('t3-hangup');
    await until(() => expect(text('bob-call')).toBe('terminated'));
    for (const name of tabs) await until(() => expect(text(`${name}-call`)).toBe('terminated'));
    expect(bed.sent('BYE')).toHaveLength(1);
  });

  it('a call placed in a follower is known by the id call() returned', async () => {
    const bed = tabsTestbed();
    bed.openTab('t1');
    bed.openTab('t2');
    renderStrict(<Phone name="bob" phone={bed.phone('bob')} />);
    for (const name of ['t1', 't2', 'bob']) {
      await until(() => expect(text(`${name}-registration`)).toBe('connected/registered'));
    }
    fireEvent.change(screen.getByLabelText('t2-target'), { target: { value: 'bob' } });
    click('t2-dial');
    await until(() => expect(text('bob-incoming')).toBe('sip:alice@sip.test'));
    click('bob-answer');
    await until(() => expect(text('t2-call')).toBe('confirmed'));
    await until(() => expect(text('t1-call')).toBe('confirmed'));
    click('t2-hangup');
    await until(() => expect(text('bob-call')).toBe('terminated'));
  });

  it('on the server it joins no group and runs nothing', async () => {
    const { renderToString } = await import('react-dom/server');
    const bed = tabsTestbed();
    const phone = bed.phone('alice');
    let coordinators = 0;
    const tabs = createSharedTabs({
      coordinator: () => {
        coordinators += 1;
        throw new Error('no coordinator on the server');
      },
    });
    const html = renderToString(
      <Phone name="ssr" phone={{ ...phone, options: { ...phone.options, tabs } }}>
        <TabRoleView name="ssr" />
      </Phone>,
    );
    expect(html).toContain('idle<!-- -->/<!-- -->unregistered');
    expect(coordinators).toBe(0);
    expect(bed.network.openConnections).toBe(0);
  });

  it("a follower's failed action rejects with the owner's error: name, message, parameter", async () => {
    const bed = tabsTestbed();
    bed.openTab('t1');
    const t2 = bed.openTab('t2');
    await until(() => expect(text('t2-registration')).toBe('connected/registered'));
    let error: unknown;
    t2.actions
      .current!.sendMessage('bob', 'hi', { contentType: 'text/plain\r\nX-Injected: 1' })
      .catch((e: unknown) => (error = e));
    await until(() => expect(error).toBeDefined());
    expect(error).toBeInstanceOf(TabActionError);
    expect(error).toMatchObject({ name: 'InvalidOptionError', parameter: 'contentType' });
  });

  it('unmounting every tab leaves no connection, timer or lock behind', async () => {
    const bed = tabsTestbed();
    const tabs = [bed.openTab('t1'), bed.openTab('t2'), bed.openTab('t3')];
    await until(() => expect(text('t3-registration')).toBe('connected/registered'));
    for (const tab of tabs) act(() => tab.view.unmount());
    await bed.expectAllStopped();
    expect(bed.browser.lockHolder(lockOf(bed))).toBeUndefined();
  });
});
