import { fireEvent, screen, act } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { fakeTimersForEachTest } from '../testing/fake-timers.js';
import { click, text } from '../testing/phone-call.js';
import { renderStrict } from '../testing/render.js';
import { Phone } from '../testing/test-phone.js';
import { until } from '../testing/until.js';
import { tabsTestbed } from '../testing/tabs-testbed.js';

// Issue 25: the owner tab goes (closed, crashed, reloaded) and another takes the phone over.

fakeTimersForEachTest();

async function threeTabsAndBob() {
  const bed = tabsTestbed();
  const tabs = [bed.openTab('t1'), bed.openTab('t2'), bed.openTab('t3')];
  await until(() => expect(text('t1-tabs')).toBe('shared/owner'));
  renderStrict(<Phone name="bob" phone={bed.phone('bob')} />);
  for (const name of ['t1', 't2', 't3', 'bob']) {
    await until(() => expect(text(`${name}-registration`)).toBe('connected/registered'));
  }
  return { bed, tabs };
}

const aliceRegistrations = (bed: ReturnType<typeof tabsTestbed>): readonly string[] =>
  bed.registrations().filter((message) => /^To: <sip:alice@/m.test(message));

function bobCallsAlice(): void {
  fireEvent.change(screen.getByLabelText('bob-target'), { target: { value: 'alice' } });
  click('bob-dial');
}

describe('sharedTabs takeover', () => {
  it('the owner tab closed: another tab owns the phone and registers again', async () => {
    const { bed, tabs } = await threeTabsAndBob();
    bed.crashTab(tabs[0]!);
    await until(() =>
      expect([text('t2-tabs'), text('t3-tabs')].sort()).toEqual([
        'shared/follower',
        'shared/owner',
      ]),
    );
    await until(() => expect(aliceRegistrations(bed)).toHaveLength(2));
    await until(() => expect(text('t2-registration')).toBe('connected/registered'));
    await until(() => expect(text('t3-registration')).toBe('connected/registered'));
    expect(bed.network.openConnections).toBe(2); // the new owner's, and bob's
  });

  it("the new owner registers with the group's +sip.instance, replacing the gone binding", async () => {
    const { bed, tabs } = await threeTabsAndBob();
    bed.crashTab(tabs[0]!);
    await until(() => expect(aliceRegistrations(bed)).toHaveLength(2));
    const instances = aliceRegistrations(bed).map(
      (message) => /\+sip\.instance="<urn:uuid:([0-9a-f-]+)>"/i.exec(message)?.[1],
    );
    expect(instances[0]).toMatch(/^[0-9a-f]{8}-/);
    expect(instances[1]).toBe(instances[0]);
  });

  it('the owner closing while a follower answers: the ringing call ends in every tab', async () => {
    const { bed, tabs } = await threeTabsAndBob();
    bobCallsAlice();
    await until(() => expect(text('t2-incoming')).toBe('sip:bob@sip.test'));
    click('t2-answer');
    // Before the owner has read the answer: its INVITE transaction dies with it.
    bed.crashTab(tabs[0]!);
    await until(() => expect(aliceRegistrations(bed)).toHaveLength(2));
    for (const name of ['t2', 't3']) {
      await until(() => expect(text(`${name}-incoming`)).toBe(''));
    }
  });

  it('the owner page going away while other tabs live sends no un-REGISTER and no BYE', async () => {
    const { bed, tabs } = await threeTabsAndBob();
    bobCallsAlice();
    await until(() => expect(text('t1-incoming')).toBe('sip:bob@sip.test'));
    click('t1-answer');
    await until(() => expect(text('bob-call')).toBe('confirmed'));
    act(() => tabs[0]!.fake.page.hide(false));
    await act(() => vi.advanceTimersByTimeAsync(100));
    expect(bed.sent('BYE')).toHaveLength(0);
    expect(bed.sent('REGISTER').filter((m) => /\r\nExpires: 0\r\n/i.test(m))).toHaveLength(0);
  });

  it('the last tab of the group going away ends its calls and unregisters', async () => {
    const bed = tabsTestbed();
    const t1 = bed.openTab('t1');
    await until(() => expect(text('t1-registration')).toBe('connected/registered'));
    act(() => t1.fake.page.hide(false));
    expect(bed.sent('REGISTER').at(-1)).toMatch(/\r\nExpires: 0\r\n/i);
  });
});
