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
});
