import { act, render } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useTabTitleAlert } from './use-tab-title-alert.js';

function Probe({ text }: { text: string | undefined }) {
  useTabTitleAlert(text);
  return null;
}

function setHidden(hidden: boolean): void {
  Object.defineProperty(document, 'hidden', { value: hidden, configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('useTabTitleAlert', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    document.title = 'Dialer';
  });
  afterEach(() => {
    Reflect.deleteProperty(document, 'hidden');
    vi.useRealTimers();
  });

  it('leaves the title alone while the page is visible', () => {
    setHidden(false);
    render(<Probe text="Call from Bob" />);
    expect(document.title).toBe('Dialer');
  });

  it('alternates the alert with the title while hidden, and restores it afterwards', () => {
    setHidden(true);
    const view = render(
      <StrictMode>
        <Probe text="Call from Bob" />
      </StrictMode>,
    );
    expect(document.title).toBe('Call from Bob');
    act(() => vi.advanceTimersByTime(1000));
    expect(document.title).toBe('Dialer');
    act(() => vi.advanceTimersByTime(1000));
    expect(document.title).toBe('Call from Bob');
    // The person comes back to the tab: the banner says it, the title is the page's again.
    act(() => setHidden(false));
    expect(document.title).toBe('Dialer');
    expect(vi.getTimerCount()).toBe(0);
    act(() => setHidden(true));
    expect(document.title).toBe('Call from Bob');
    // The call stops ringing.
    view.rerender(
      <StrictMode>
        <Probe text={undefined} />
      </StrictMode>,
    );
    expect(document.title).toBe('Dialer');
    view.rerender(<Probe text="Call from Carol" />);
    view.unmount();
    expect(document.title).toBe('Dialer');
    expect(vi.getTimerCount()).toBe(0);
  });
});
