import { act } from '@testing-library/react';
import { Profiler, type ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { fakeTimersForEachTest } from '../testing/fake-timers.js';
import { aliceCallsBob, click, renderRegistered, text } from '../testing/phone-call.js';
import { sipTestbed, type TestPhone } from '../testing/sip-testbed.js';
import { PhoneUI } from '../testing/test-phone.js';
import { until } from '../testing/until.js';
import { SipProvider } from '../sip-provider.js';
import { useCall } from './use-call.js';
import { useCallConnection } from './use-call-connection.js';

fakeTimersForEachTest();

let connectionCommits = 0;
const results: Record<string, boolean> = {};

/** What a "Reconnecting…" line reads, and buttons for the manual recoveries. */
function ConnectionLine({ name }: { readonly name: string }): ReactNode {
  const { state, path, reason } = useCallConnection();
  return (
    <Profiler id="connection" onRender={() => void (connectionCommits += 1)}>
      <p data-testid={`${name}-connection`}>{`${state ?? 'none'}|${path ?? ''}|${reason ?? ''}`}</p>
    </Profiler>
  );
}
function RecoveryButtons({ name }: { readonly name: string }): ReactNode {
  const { restartIce, renegotiate } = useCall();
  const record = (key: string) => (done: boolean) => void (results[key] = done);
  return (
    <>
      <button onClick={() => void restartIce().then(record(`${name}-restart-ice`))}>
        {name}-restart-ice
      </button>
      <button onClick={() => void renegotiate().then(record(`${name}-renegotiate`))}>
        {name}-renegotiate
      </button>
    </>
  );
}
function RecoveringPhone({ name, phone }: { readonly name: string; readonly phone: TestPhone }) {
  return (
    <SipProvider config={phone.config} {...phone.options}>
      <PhoneUI name={name} />
      <ConnectionLine name={name} />
      <RecoveryButtons name={name} />
    </SipProvider>
  );
}

async function confirmedCall() {
  const bed = sipTestbed();
  const phones = { alice: bed.phone('alice'), bob: bed.phone('bob') };
  const unmount = await renderRegistered({
    alice: <RecoveringPhone name="alice" phone={phones.alice} />,
    bob: <RecoveringPhone name="bob" phone={phones.bob} />,
  });
  expect(text('alice-connection')).toBe('none||');
  await aliceCallsBob();
  return { bed, phones, unmount };
}

describe('a call’s connection state in the store and useCallConnection', () => {
  it('is connected through a healthy call, which never re-INVITEs by itself', async () => {
    const { bed, unmount } = await confirmedCall();
    expect(text('alice-connection')).toBe('connected||');
    expect(text('bob-connection')).toBe('connected||');
    // A minute of a fine call: nothing recovers, nothing is offered again.
    await act(() => vi.advanceTimersByTimeAsync(60_000));
    expect(bed.sent('INVITE')).toHaveLength(1);
    expect(text('alice-connection')).toBe('connected||');
    unmount();
    await bed.expectAllStopped();
  });

  it('selects narrowly: hold and mute do not re-render the connection line', async () => {
    const { bed, unmount } = await confirmedCall();
    connectionCommits = 0;
    click('alice-hold');
    await until(() => expect(text('alice-flags')).toMatch(/^hold:true/));
    click('alice-mute');
    click('alice-unhold');
    await until(() => expect(text('alice-flags')).toMatch(/^hold:false/));
    expect(connectionCommits).toBe(0);
    unmount();
    await bed.expectAllStopped();
  });

  it('renegotiate() from useCall sends a re-INVITE the far end accepts', async () => {
    const { bed, unmount } = await confirmedCall();
    click('alice-renegotiate');
    await until(() => expect(results['alice-renegotiate']).toBe(true));
    const invites = bed.sent('INVITE');
    expect(invites).toHaveLength(2);
    // In-dialog: the re-INVITE carries both tags.
    expect(invites[1]).toMatch(/\r\nTo: [^\r]*;tag=/i);
    expect(text('alice-call')).toBe('confirmed');
    expect(text('alice-connection')).toBe('connected||');
    unmount();
    await bed.expectAllStopped();
  });

  it('ICE failing makes the call reconnecting (media, with the reason) until ICE is back', async () => {
    const { bed, phones, unmount } = await confirmedCall();
    const aliceMedia = phones.alice.media.handlers[0]!;
    act(() => aliceMedia.setIceState('failed'));
    expect(text('alice-connection')).toBe('reconnecting|media|ICE failed');
    expect(text('alice-call')).toBe('confirmed');
    // The restart offer went at once; bob answered it and the fake's ICE comes up again.
    await until(() => expect(text('alice-connection')).toBe('connected|media|ICE reconnected'));
    expect(bed.sent('INVITE')).toHaveLength(2);
    expect(text('bob-connection')).toBe('connected||');
    unmount();
    await bed.expectAllStopped();
  });

  it('a recovery that never heals reports failed with its reason, then the call ends', async () => {
    const { bed, phones, unmount } = await confirmedCall();
    const aliceMedia = phones.alice.media.handlers[0]!;
    aliceMedia.iceRestartOutcome = undefined; // restarts are answered, ICE never connects
    act(() => aliceMedia.setIceState('failed'));
    // The default deadline (30 s) passes with ICE still down.
    await act(() => vi.advanceTimersByTimeAsync(31_000));
    await until(() => expect(text('alice-call')).toBe('terminated'));
    expect(text('alice-connection')).toMatch(/^failed\|media\|/);
    await until(() => expect(text('bob-call')).toBe('terminated'));
    unmount();
    await bed.expectAllStopped();
  });

  it('restartIce() from useCall sends an ICE restart offer the far end accepts', async () => {
    const { bed, unmount } = await confirmedCall();
    click('alice-restart-ice');
    await until(() => expect(results['alice-restart-ice']).toBe(true));
    expect(bed.sent('INVITE')).toHaveLength(2);
    // A manual restart on a healthy call is not a recovery: nothing to show.
    expect(text('alice-connection')).toBe('connected||');
    unmount();
    await bed.expectAllStopped();
  });
});
