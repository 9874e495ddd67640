import { buildPresence, PIDF_CONTENT_TYPE } from '@sipkit/core';
import { act, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SipProvider } from '../sip-provider.js';
import { renderStrict } from '../testing/render.js';
import { notifierPeer } from '../testing/sip-peers.js';
import { sipTestbed, type TestPhone } from '../testing/sip-testbed.js';
import { until } from '../testing/until.js';
import { usePresence } from './use-presence.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function Buddy({ uri, name }: { readonly uri: string; readonly name: string }) {
  const { status, availability, note, error, reason } = usePresence(uri);
  return (
    <p
      data-testid={name}
    >{`${status} ${availability} ${note ?? '-'} ${error ?? '-'} ${reason ?? '-'}`}</p>
  );
}

/** Two buddy rows for the same URI, each of which can be unmounted. */
function Contacts({ phone, uri }: { readonly phone: TestPhone; readonly uri: string }) {
  const [shown, setShown] = useState({ a: true, b: true, c: false });
  return (
    <SipProvider config={phone.config} {...phone.options}>
      <button onClick={() => setShown((s) => ({ ...s, a: false }))}>hide a</button>
      <button onClick={() => setShown((s) => ({ ...s, b: false }))}>hide b</button>
      {shown.a && <Buddy uri={uri} name="a" />}
      <button onClick={() => setShown((s) => ({ ...s, c: true }))}>show c</button>
      {shown.b && <Buddy uri={uri} name="b" />}
      {shown.c && <Buddy uri="sip:bob@sip.test;x=c" name="c" />}
    </SipProvider>
  );
}

const text = (name: string) => screen.getByTestId(name).textContent;
const presence = (activities: string[], note?: string, open = true) =>
  buildPresence({
    entity: 'sip:bob@sip.test',
    open,
    activities,
    ...(note === undefined ? {} : { note }),
  });

async function bobServing() {
  const bed = sipTestbed();
  const bob = notifierPeer(bed.network, 'bob');
  bob.publish('presence', PIDF_CONTENT_TYPE, presence([], 'at my desk'));
  bob.ua.start();
  await until(() => expect(bob.ua.isRegistered()).toBe(true));
  return { bed, bob };
}

const subscribes = (bed: ReturnType<typeof sipTestbed>) => bed.sent('SUBSCRIBE');
const unsubscribes = (bed: ReturnType<typeof sipTestbed>) =>
  subscribes(bed).filter((m) => /\r\nExpires: 0\r\n/i.test(m));

describe('usePresence', () => {
  it('shares one SUBSCRIBE between components under StrictMode and ends it with the last one', async () => {
    const { bed, bob } = await bobServing();
    const view = renderStrict(<Contacts phone={bed.phone('alice')} uri="sip:bob@sip.test" />);
    await until(() => expect(text('a')).toBe('active available at my desk - -'));
    expect(text('b')).toBe(text('a'));
    // Bob's presence server is bob himself here, so his own SUBSCRIBEs are none: count alice's.
    expect(subscribes(bed)).toHaveLength(1);

    act(() => bob.publish('presence', PIDF_CONTENT_TYPE, presence(['on-the-phone'], 'call')));
    await until(() => expect(text('a')).toBe('active on-the-phone call - -'));
    expect(text('b')).toBe(text('a'));

    // Mounted while connected, StrictMode mounts it twice: still one SUBSCRIBE (deferred release).
    act(() => screen.getByText('show c').click());
    await until(() => expect(text('c')).toMatch(/^active on-the-phone/));
    expect(
      subscribes(bed).filter((m) => m.startsWith('SUBSCRIBE sip:bob@sip.test;x=c')),
    ).toHaveLength(1);
    expect(unsubscribes(bed)).toHaveLength(0);

    act(() => screen.getByText('hide a').click());
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(unsubscribes(bed)).toHaveLength(0);
    act(() => screen.getByText('hide b').click());
    await until(() => expect(unsubscribes(bed)).toHaveLength(1));
    expect(subscribes(bed)).toHaveLength(3);
    view.unmount();
    bob.ua.stop();
    await bed.expectAllStopped();
  });

  it('reads closed as offline, away activities as away, and keeps the last state past a bad body', async () => {
    const { bed, bob } = await bobServing();
    const view = renderStrict(<Contacts phone={bed.phone('alice')} uri="bob" />);
    await until(() => expect(text('a')).toMatch(/^active available/));
    act(() => bob.publish('presence', PIDF_CONTENT_TYPE, presence(['away'], 'lunch')));
    await until(() => expect(text('a')).toBe('active away lunch - -'));
    act(() => bob.publish('presence', PIDF_CONTENT_TYPE, '<presence'));
    await until(() => expect(text('a')).toMatch(/^active away lunch \S.* -$/));
    act(() => bob.publish('presence', PIDF_CONTENT_TYPE, presence([], undefined, false)));
    await until(() => expect(text('a')).toBe('active offline - - -'));
    view.unmount();
    bob.ua.stop();
    await bed.expectAllStopped();
  });

  it('shows a rejected subscription as terminated with the reason', async () => {
    const { bed, bob } = await bobServing();
    const view = renderStrict(<Contacts phone={bed.phone('alice')} uri="bob" />);
    await until(() => expect(text('a')).toMatch(/^active/));
    act(() => bob.notifiers.get('presence')?.[0]?.terminate(undefined, 'rejected'));
    await until(() => expect(text('a')).toBe('terminated available at my desk - rejected'));
    // A rejection is final (RFC 6665 §4.2.2): no resubscription.
    await act(() => vi.advanceTimersByTimeAsync(120_000));
    expect(subscribes(bed)).toHaveLength(1);
    view.unmount();
    bob.ua.stop();
    await bed.expectAllStopped();
  });

  it('shows pending until the notifier authorizes the watcher', async () => {
    const { bed, bob } = await bobServing();
    bob.holdPending();
    const view = renderStrict(<Contacts phone={bed.phone('alice')} uri="bob" />);
    await until(() => expect(text('a')).toMatch(/^pending/));
    act(() => {
      const notifier = bob.notifiers.get('presence')?.[0];
      notifier?.setActiveState();
      notifier?.notify(presence(['meeting']));
    });
    await until(() => expect(text('a')).toBe('active busy - - -'));
    view.unmount();
    bob.ua.stop();
    await bed.expectAllStopped();
  });
});
