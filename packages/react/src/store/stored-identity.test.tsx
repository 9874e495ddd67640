import { until } from '../testing/until.js';
import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useCalls } from '../hooks/use-calls.js';
import { renderStrict } from '../testing/render.js';
import { sipTestbed } from '../testing/sip-testbed.js';
import { Phone } from '../testing/test-phone.js';
import { MAX_STORED_DISPLAY_NAME, storedDisplayName } from './call-state.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

// About the largest display name a UA's own REGISTER (From and To) can carry in one message.
const HUGE_NAME = 'Mallory '.repeat(12 * 1024);

function Names() {
  const names = useCalls().map((call) => call.remoteIdentity.displayName ?? '');
  return <p data-testid="names">{names.map((name) => name.length).join(',')}</p>;
}

describe('display names in the store', () => {
  it('keeps short names as they are and bounds long ones with an ellipsis', () => {
    expect(storedDisplayName(undefined)).toBeUndefined();
    expect(storedDisplayName('Bob')).toBe('Bob');
    const stored = storedDisplayName('x'.repeat(200 * 1024)) ?? '';
    expect(stored).toHaveLength(MAX_STORED_DISPLAY_NAME);
    expect(stored.endsWith('…')).toBe(true);
  });

  it("bounds a caller's huge display name in the call's state", async () => {
    const bed = sipTestbed();
    const alice = bed.phone('alice');
    const mallory = bed.phone('mallory', { display_name: HUGE_NAME });
    const view = renderStrict(
      <>
        <Phone name="alice" phone={alice}>
          <Names />
        </Phone>
        <Phone name="mallory" phone={mallory} />
      </>,
    );
    await until(() => {
      for (const name of ['alice', 'mallory']) {
        expect(screen.getByTestId(`${name}-registration`).textContent).toBe('connected/registered');
      }
    });
    fireEvent.change(screen.getByLabelText('mallory-target'), { target: { value: 'alice' } });
    act(() => void fireEvent.click(screen.getByText('mallory-dial')));
    await until(() =>
      expect(screen.getByTestId('alice-incoming').textContent).toBe('sip:mallory@sip.test'),
    );
    expect(screen.getByTestId('names').textContent).toBe(String(MAX_STORED_DISPLAY_NAME));
    act(() => void fireEvent.click(screen.getByText('mallory-hangup')));
    await until(() => expect(screen.getByTestId('alice-incoming').textContent).toBe(''));
    view.unmount();
    await bed.expectAllStopped();
  });
});
