import type { PageLifecycle, PageTransition } from '@sipkit/core';
import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderStrict } from '../testing/render.js';
import { sipTestbed, type TestPhone } from '../testing/sip-testbed.js';
import { Phone } from '../testing/test-phone.js';
import { until } from '../testing/until.js';

// Issue 24: `<SipProvider>` passes `uaOptions` to its UA, whose `pagehide` handling ends the
// calls and unregisters (or not, with `endCallsOnUnload: false`); the store follows the events.

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function fakePage() {
  const listeners = new Set<(transition: PageTransition) => void>();
  const lifecycle: PageLifecycle = {
    watch: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    lifecycle,
    hide: (persisted: boolean) =>
      act(() => [...listeners].forEach((l) => l({ type: 'hide', persisted }))),
    show: () => act(() => [...listeners].forEach((l) => l({ type: 'show', persisted: true }))),
  };
}

const text = (id: string): string | null => screen.getByTestId(id).textContent;
const click = (name: string): void => void act(() => fireEvent.click(screen.getByText(name)));

async function callWithPage(endCallsOnUnload?: boolean) {
  const bed = sipTestbed();
  const page = fakePage();
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
  const bob = bed.phone('bob');
  const views = [
    renderStrict(<Phone name="alice" phone={alice} />),
    renderStrict(<Phone name="bob" phone={bob} />),
  ];
  await until(() => expect(text('alice-registration')).toBe('connected/registered'));
  await until(() => expect(text('bob-registration')).toBe('connected/registered'));
  fireEvent.change(screen.getByLabelText('alice-target'), { target: { value: 'bob' } });
  click('alice-dial');
  await until(() => expect(text('bob-incoming')).toBe('sip:alice@sip.test'));
  click('bob-answer');
  await until(() => expect(text('alice-call')).toBe('confirmed'));
  await until(() => expect(text('bob-call')).toBe('confirmed'));
  const unmount = (): void => views.forEach((view) => view.unmount());
  return { bed, page, unmount };
}

describe('<SipProvider> and page unload', () => {
  it('pagehide ends the call (BYE), unregisters, and the stores of both phones say so', async () => {
    const { bed, page, unmount } = await callWithPage();
    page.hide(false);
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
    page.hide(true);
    await until(() => expect(text('alice-registration')).toBe('disconnected/unregistered'));
    page.show();
    await until(() => expect(text('alice-registration')).toBe('connected/registered'));
    unmount();
    await bed.expectAllStopped();
  });

  it('uaOptions.endCallsOnUnload: false keeps the call and the registration', async () => {
    const { bed, page, unmount } = await callWithPage(false);
    page.hide(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(bed.sent('BYE')).toHaveLength(0);
    expect(text('alice-call')).toBe('confirmed');
    expect(text('alice-registration')).toBe('connected/registered');
    unmount();
    await bed.expectAllStopped();
  });
});
