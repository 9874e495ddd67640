import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { fakeTimersForEachTest } from '../testing/fake-timers.js';
import { click, text } from '../testing/phone-call.js';
import { renderStrict } from '../testing/render.js';
import { Phone } from '../testing/test-phone.js';
import { until } from '../testing/until.js';
import { tabsTestbed } from '../testing/tabs-testbed.js';

// Issue 25: media where the person is. The tab that answers or places a call runs its media
// (its own media handler factory); the owner's session drives it over `media/rpc`; when the
// owner goes, the next owner resumes the call (re-INVITE over its own connection) and a BYE
// from the far end still ends it.

fakeTimersForEachTest();

async function threeTabsAndBob() {
  const bed = tabsTestbed();
  const tabs = [bed.openTab('t1'), bed.openTab('t2'), bed.openTab('t3')];
  await until(() => expect(text('t1-tabs')).toBe('shared/owner'));
  const bob = bed.phone('bob');
  renderStrict(<Phone name="bob" phone={bob} />);
  for (const name of ['t1', 't2', 't3', 'bob']) {
    await until(() => expect(text(`${name}-registration`)).toBe('connected/registered'));
  }
  return { bed, tabs, bob };
}

async function bobCallsAliceAnsweredIn(name: string): Promise<void> {
  fireEvent.change(screen.getByLabelText('bob-target'), { target: { value: 'alice' } });
  click('bob-dial');
  await until(() => expect(text(`${name}-incoming`)).toBe('sip:bob@sip.test'));
  click(`${name}-answer`);
  await until(() => expect(text('bob-call')).toBe('confirmed'));
  for (const tab of ['t1', 't2', 't3']) {
    await until(() => expect(text(`${tab}-call`)).toBe('confirmed'));
  }
}

describe('sharedTabs media', () => {
  it('a call answered in tab 2 gets its media in tab 2, not in the owner', async () => {
    const { tabs } = await threeTabsAndBob();
    await bobCallsAliceAnsweredIn('t2');
    expect(tabs.map((tab) => tab.phone.media.handlers.length)).toEqual([0, 1, 0]);
    expect(tabs[1]!.phone.media.handlers[0]!.closed).toBe(false);
  });

  it("the media tab's store has the call's streams (for <RemoteAudio>); the other tabs have none", async () => {
    // The fake handler makes streams where the runtime has a MediaStream (happy-dom has none).
    vi.stubGlobal(
      'MediaStream',
      class {
        getTracks = (): MediaStreamTrack[] => [];
        getAudioTracks = (): MediaStreamTrack[] => [];
        getVideoTracks = (): MediaStreamTrack[] => [];
      },
    );
    try {
      await threeTabsAndBob();
      await bobCallsAliceAnsweredIn('t2');
      await until(() => expect(text('t2-streams')).toBe('local,remote'));
      expect(text('t1-streams')).toBe('-,-');
      expect(text('t3-streams')).toBe('-,-');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('a call placed in tab 3 gets its media in tab 3', async () => {
    const { tabs } = await threeTabsAndBob();
    fireEvent.change(screen.getByLabelText('t3-target'), { target: { value: 'bob' } });
    click('t3-dial');
    await until(() => expect(text('bob-incoming')).toBe('sip:alice@sip.test'));
    click('bob-answer');
    await until(() => expect(text('t3-call')).toBe('confirmed'));
    expect(tabs.map((tab) => tab.phone.media.handlers.length)).toEqual([0, 0, 1]);
  });

  it('the media tab closed (not the owner): the owner ends that call with BYE', async () => {
    const { bed, tabs } = await threeTabsAndBob();
    await bobCallsAliceAnsweredIn('t2');
    bed.crashTab(tabs[1]!);
    // No goodbye from a crashed tab: the owner counts it gone after its missed heartbeats.
    await act(() => vi.advanceTimersByTimeAsync(6000));
    await until(() => expect(text('bob-call')).toBe('terminated'));
    for (const name of ['t1', 't3']) {
      await until(() => expect(text(`${name}-call`)).toBe('terminated'));
    }
    expect(bed.sent('BYE')).toHaveLength(1);
  });

  it('the owner closed mid-call: the next owner registers, resumes the call, and the far end can end it', async () => {
    const { bed, tabs } = await threeTabsAndBob();
    await bobCallsAliceAnsweredIn('t2');
    const invites = bed.sent('INVITE').length;
    bed.crashTab(tabs[0]!);
    await until(() =>
      expect([text('t2-tabs'), text('t3-tabs')].sort()).toEqual([
        'shared/follower',
        'shared/owner',
      ]),
    );
    // A new registration, then a target refresh (re-INVITE) over the new connection.
    await until(() => expect(bed.sent('INVITE').length).toBe(invites + 1));
    await until(() => expect(text('t2-registration')).toBe('connected/registered'));
    expect(text('t2-call')).toBe('confirmed');
    expect(text('t3-call')).toBe('confirmed');
    expect(text('bob-call')).toBe('confirmed');
    // The media stayed in tab 2: no new handler anywhere.
    expect(tabs[1]!.phone.media.handlers).toHaveLength(1);
    click('bob-hangup');
    for (const name of ['t2', 't3']) {
      await until(() => expect(text(`${name}-call`)).toBe('terminated'));
    }
  });
});
