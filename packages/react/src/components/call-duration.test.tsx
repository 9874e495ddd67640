import { until } from '../testing/until.js';
import { act, fireEvent, screen } from '@testing-library/react';
import { Profiler } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useCall } from '../hooks/use-call.js';
import { renderStrict } from '../testing/render.js';
import { sipTestbed } from '../testing/sip-testbed.js';
import { Phone } from '../testing/test-phone.js';
import { CallDuration, formatDuration } from './call-duration.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const commits = { duration: 0, call: 0 };
function CallStatus() {
  return <p>{useCall().state?.status}</p>;
}

describe('CallDuration', () => {
  it('ticks once a second in the leaf only, freezes when the call ends, leaves no timer', async () => {
    const bed = sipTestbed();
    const views = [
      renderStrict(
        <Phone name="alice" phone={bed.phone('alice')}>
          <Profiler id="duration" onRender={() => void (commits.duration += 1)}>
            <CallDuration />
          </Profiler>
          <Profiler id="call" onRender={() => void (commits.call += 1)}>
            <CallStatus />
          </Profiler>
        </Phone>,
      ),
      renderStrict(<Phone name="bob" phone={bed.phone('bob')} />),
    ];
    const time = (): HTMLElement => document.querySelector('time')!;
    expect(time().textContent).toBe('0:00');
    expect(time().dataset.state).toBe('idle');
    await until(() => {
      expect(screen.getByTestId('alice-registration').textContent).toBe('connected/registered');
      expect(screen.getByTestId('bob-registration').textContent).toBe('connected/registered');
    });
    fireEvent.change(screen.getByLabelText('alice-target'), { target: { value: 'bob' } });
    act(() => screen.getByText('alice-dial').click());
    await until(() => expect(screen.getByTestId('bob-incoming').textContent).not.toBe(''));
    act(() => screen.getByText('bob-answer').click());
    await until(() => expect(time().dataset.state).toBe('confirmed'));

    commits.duration = 0;
    commits.call = 0;
    // 3 s in steps of 100 ms, each in its own act(): React 18 defers an act()'s synchronous
    // renders to its end (three ticks in one act() would be one commit), React 19 does not.
    for (let step = 0; step < 30; step += 1) await act(() => vi.advanceTimersByTimeAsync(100));
    expect(time().textContent).toBe('0:03');
    expect(time().getAttribute('datetime')).toBe('PT3S');
    expect(commits.duration).toBe(3);
    expect(commits.call).toBe(0); // the rest of the tree does not tick along

    act(() => screen.getByText('alice-hangup').click());
    await act(() => vi.advanceTimersByTimeAsync(5000));
    expect(time().textContent).toBe('0:03');
    expect(time().dataset.state).toBe('terminated');
    for (const view of views) view.unmount();
    await bed.expectAllStopped();
  });

  it('formats minutes and hours', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(75)).toBe('1:15');
    expect(formatDuration(3600 + 62)).toBe('1:01:02');
  });
});
