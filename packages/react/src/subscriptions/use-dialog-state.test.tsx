import { buildDialogInfo, DIALOG_INFO_CONTENT_TYPE } from '@sipkit/core';
import { act, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SipProvider } from '../sip-provider.js';
import { renderStrict } from '../testing/render.js';
import { notifierPeer } from '../testing/sip-peers.js';
import { sipTestbed } from '../testing/sip-testbed.js';
import { until } from '../testing/until.js';
import { useDialogState } from './use-dialog-state.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function Lamp({ uri }: { readonly uri: string }) {
  const { status, lamp, caller } = useDialogState(uri);
  return <p data-testid="lamp">{`${status} ${lamp} ${caller?.displayName ?? '-'}`}</p>;
}

const entity = 'sip:bob@sip.test';
const ringing = {
  id: 'd1',
  state: 'early' as const,
  direction: 'recipient' as const,
  remote: { identity: 'sip:carol@sip.test', displayName: 'Carol', target: undefined },
};
const text = () => screen.getByTestId('lamp').textContent;

describe('useDialogState', () => {
  it('lights idle, ringing with the caller, busy, and idle again, folding partial documents', async () => {
    const bed = sipTestbed();
    const bob = notifierPeer(bed.network, 'bob');
    const notify = (body: string) =>
      act(() => bob.publish('dialog', DIALOG_INFO_CONTENT_TYPE, body));
    bob.publish(
      'dialog',
      DIALOG_INFO_CONTENT_TYPE,
      buildDialogInfo({ entity, version: 0, dialogs: [] }),
    );
    bob.ua.start();
    await until(() => expect(bob.ua.isRegistered()).toBe(true));
    const alice = bed.phone('alice');
    const view = renderStrict(
      <SipProvider config={alice.config} {...alice.options}>
        <Lamp uri={entity} />
      </SipProvider>,
    );
    expect(text()).toMatch(/^(idle|subscribing) unknown -$/);
    await until(() => expect(text()).toBe('active idle -'));

    notify(buildDialogInfo({ entity, version: 1, dialogs: [ringing] }));
    await until(() => expect(text()).toBe('active ringing Carol'));
    // A partial update of d1 alone (RFC 4235 §4.1): still the same dialog, now answered.
    notify(
      buildDialogInfo({
        entity,
        version: 2,
        state: 'partial',
        dialogs: [{ ...ringing, state: 'confirmed' }],
      }),
    );
    await until(() => expect(text()).toBe('active busy -'));
    // A partial document about another dialog keeps d1 busy.
    notify(
      buildDialogInfo({
        entity,
        version: 3,
        state: 'partial',
        dialogs: [{ id: 'd2', state: 'terminated' }],
      }),
    );
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(text()).toBe('active busy -');
    notify(
      buildDialogInfo({
        entity,
        version: 4,
        state: 'partial',
        dialogs: [{ ...ringing, state: 'terminated' }],
      }),
    );
    await until(() => expect(text()).toBe('active idle -'));
    view.unmount();
    bob.ua.stop();
    await bed.expectAllStopped();
  });

  it('offers pickup() only while ringing with the dialog ids, and sends Replaces to the caller', async () => {
    const bed = sipTestbed();
    const bob = notifierPeer(bed.network, 'bob');
    const notify = (body: string) =>
      act(() => bob.publish('dialog', DIALOG_INFO_CONTENT_TYPE, body));
    // A ringing dialog without its ids: no pickup (the server did not say which call).
    bob.publish(
      'dialog',
      DIALOG_INFO_CONTENT_TYPE,
      buildDialogInfo({ entity, version: 0, dialogs: [ringing] }),
    );
    bob.ua.start();
    await until(() => expect(bob.ua.isRegistered()).toBe(true));
    const alice = bed.phone('alice');
    let picked: string | undefined;
    function Pickup() {
      const { lamp, pickup } = useDialogState(entity);
      return (
        <button type="button" disabled={pickup === undefined} onClick={() => (picked = pickup?.())}>
          {`pickup ${lamp}`}
        </button>
      );
    }
    const view = renderStrict(
      <SipProvider config={alice.config} {...alice.options}>
        <Pickup />
      </SipProvider>,
    );
    const button = () => screen.getByRole('button');
    await until(() => expect(button().textContent).toBe('pickup ringing'));
    expect(button()).toHaveProperty('disabled', true);

    const withIds = {
      ...ringing,
      callId: 'call-1@sip.test',
      localTag: 'bobtag',
      remoteTag: 'caroltag',
    };
    notify(buildDialogInfo({ entity, version: 1, dialogs: [withIds] }));
    await until(() => expect(button()).toHaveProperty('disabled', false));
    act(() => button().click());
    expect(picked).toBeDefined();
    await until(() => expect(bed.sent('INVITE')).toHaveLength(1));
    const invite = bed.sent('INVITE')[0]!;
    expect(invite).toMatch(/^INVITE sip:carol@sip\.test SIP\/2\.0\r\n/);
    expect(invite).toMatch(
      /\r\nReplaces: call-1@sip\.test;to-tag=caroltag;from-tag=bobtag;early-only\r\n/,
    );
    expect(invite).toMatch(/\r\nRequire: replaces\r\n/);

    notify(buildDialogInfo({ entity, version: 2, dialogs: [{ ...withIds, state: 'confirmed' }] }));
    await until(() => expect(button().textContent).toBe('pickup busy'));
    expect(button()).toHaveProperty('disabled', true);
    view.unmount();
    bob.ua.stop();
    await bed.expectAllStopped();
  });
});
