import { fakePageLifecycle } from '@sipkit/testing';
import { act } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { fakeTimersForEachTest } from '../testing/fake-timers.js';
import { aliceCallsBob, renderRegistered, text } from '../testing/phone-call.js';
import { sipTestbed, type TestPhone } from '../testing/sip-testbed.js';
import { Phone } from '../testing/test-phone.js';
import { until } from '../testing/until.js';

// Issue 24: `<SipProvider>` passes `uaOptions` to its UA, whose `pagehide` handling ends the
// calls and unregisters (or not, with `endCallsOnUnload: false`); the store follows the events.

fakeTimersForEachTest();

async function callWithPage(endCallsOnUnload?: boolean) {
  const bed = sipTestbed();
  const page = fakePageLifecycle();
  const base = bed.phone('alice');
  const alice: TestPhone = {
    ...base,
    options: {
      ...base.options,
      uaOptions: {
        ...base.options.uaOptions,
        pageLifecycle: page.lifecycle,
        ...(endCallsOnUnload === undefined ? {} : { endCallsOnUnload }),
      },
    },
  };
  const unmount = await renderRegistered({
    alice: <Phone name="alice" phone={alice} />,
    bob: <Phone name="bob" phone={bed.phone('bob')} />,
  });
  await aliceCallsBob();
  return { bed, page, unmount };
}

describe('<SipProvider> and page unload', () => {
  it('pagehide ends the call (BYE), unregisters, and the stores of both phones say so', async () => {
    const { bed, page, unmount } = await callWithPage();
    act(() => page.hide(false));
    expect(bed.sent('BYE')).toHaveLength(1);
    expect(bed.sent('REGISTER').at(-1)).toMatch(/\r\nExpires: 0\r\n/i);
    await until(() => expect(text('bob-call')).toBe('terminated'));
    await until(() => expect(text('alice-call')).toBe('terminated'));
    expect(text('alice-registration')).toBe('disconnected/unregistered');
    unmount();
    await bed.expectAllStopped();
  });

  it('a page back from the back/forward cache registers again', async () => {
    const { bed, page, unmount } = await callWithPage();
    act(() => page.hide(true));
    await until(() => expect(text('alice-registration')).toBe('disconnected/unregistered'));
    act(() => page.show());
    await until(() => expect(text('alice-registration')).toBe('connected/registered'));
    unmount();
    await bed.expectAllStopped();
  });

  it('uaOptions.endCallsOnUnload: false keeps the call and the registration', async () => {
    const { bed, page, unmount } = await callWithPage(false);
    act(() => page.hide(false));
    await vi.advanceTimersByTimeAsync(1000);
    expect(bed.sent('BYE')).toHaveLength(0);
    expect(text('alice-call')).toBe('confirmed');
    expect(text('alice-registration')).toBe('connected/registered');
    unmount();
    await bed.expectAllStopped();
  });
});
