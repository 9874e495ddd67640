import { UA } from '@sipkit/core';
import { SipProvider } from '@sipkit/react';
import { fakeMediaHandlers, SipNetwork, SipProxyServer } from '@sipkit/testing';
import { createSipTrace, MAX_SHOWN_NAME, MAX_TITLE } from '@sipkit/ui';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { historyKey, MAX_HISTORY_NAME, MAX_HISTORY_URI } from '../history/call-history.js';
import type { DialerSetup } from '../settings/settings-to-setup.js';
import { Phone } from './phone.js';

const until = <T,>(check: () => T): Promise<T> => vi.waitFor(check, { interval: 5, timeout: 3000 });
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
});

/** Alice's phone (the dialer UI) and plain UAs for the others, on the in-memory SIP network. */
async function phones(users?: Record<string, string>) {
  const network = new SipNetwork({
    endpoint: new SipProxyServer({
      host: 'sip.test',
      presence: true,
      ...(users === undefined ? {} : { users }),
    }),
    host: 'sip.test',
  });
  const setup: DialerSetup = {
    config: { uri: 'sip:alice@sip.test', sockets: network.createSocket('alice') },
    pcConfig: { iceServers: [] },
  };
  const onSettings = vi.fn();
  const media = fakeMediaHandlers();
  render(
    <StrictMode>
      <SipProvider config={setup.config} mediaHandlerFactory={media.factory}>
        <Phone setup={setup} trace={createSipTrace()} onSettings={onSettings} />
      </SipProvider>
    </StrictMode>,
  );
  if (users === undefined) {
    await until(() =>
      expect(screen.getAllByRole('status')[0]!.textContent).toContain('Registered'),
    );
  }
  const other = async (user: string): Promise<UA> => {
    const ua = new UA(
      {
        uri: `sip:${user}@sip.test`,
        display_name: user.toUpperCase(),
        sockets: network.createSocket(user),
      },
      { mediaHandlerFactory: fakeMediaHandlers().factory },
    );
    const registered = new Promise((resolve) => ua.once('registered', resolve));
    ua.start();
    await registered;
    stops.push(() => ua.stop());
    return ua;
  };
  return { other, network, onSettings, media, user: userEvent.setup() };
}

describe('<Phone>', () => {
  it('says "Reconnecting…" while the call’s ICE is restarted, "In call" once it is back', async () => {
    const { other, media, user } = await phones();
    const bob = await other('bob');
    act(() => void bob.call('alice'));
    const banner = await until(() => screen.getByRole('region', { name: 'Incoming call' }));
    await user.click(within(banner).getByRole('button', { name: 'Answer' }));
    await until(() => expect(screen.getByText('In call')).toBeTruthy());

    const handler = media.handlers[0]!;
    handler.iceRestartOutcome = undefined; // the restart is answered; ICE waits for the network
    act(() => handler.setIceState('failed'));
    await until(() => expect(screen.getByText('Reconnecting…')).toBeTruthy());
    // The controls stay: the call is not over.
    expect(screen.getByRole('button', { name: 'Hang up' })).toBeTruthy();
    act(() => handler.setIceState('connected'));
    await until(() => expect(screen.getByText('In call')).toBeTruthy());
    await user.click(screen.getByRole('button', { name: 'Hang up' }));
  });

  it('answers, controls, hangs up and records the call in the history', async () => {
    const { other, user } = await phones();
    const bob = await other('bob');
    act(() => void bob.call('alice'));
    const banner = await until(() => screen.getByRole('region', { name: 'Incoming call' }));
    expect(banner.textContent).toContain('BOB is calling');
    await user.click(within(banner).getByRole('button', { name: 'Answer' }));

    await until(() => expect(screen.getByText('In call')).toBeTruthy());
    await user.click(screen.getByRole('button', { name: 'Mute' }));
    await until(() => expect(screen.getByRole('button', { name: 'Unmute' })).toBeTruthy());
    for (const name of ['Hold', 'Keypad', 'Transfer'])
      expect(screen.getByRole('button', { name })).toBeTruthy();
    // No dial field in a call: one call at a time from here (call waiting answers the next).
    expect(screen.queryByLabelText('Number or SIP URI')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Hang up' }));
    const history = await until(() => screen.getByRole('list', { name: 'Call history' }));
    expect(history.textContent).toContain('BOB');
    expect(screen.getByLabelText('Number or SIP URI')).toBeTruthy();
    const stored = JSON.parse(
      localStorage.getItem(historyKey('sip:alice@sip.test')) ?? '[]',
    ) as unknown[];
    expect(stored).toHaveLength(1);
  });

  it('rings a second call beside the first (call waiting) and holds the first on answer', async () => {
    const { other, user } = await phones();
    const [bob, carol] = await Promise.all([other('bob'), other('carol')]);
    act(() => void bob.call('alice'));
    await user.click(await until(() => screen.getByRole('button', { name: 'Answer' })));
    await until(() => expect(screen.getByText('In call')).toBeTruthy());

    act(() => void carol.call('alice'));
    const banner = await until(() => screen.getByRole('region', { name: 'Incoming call' }));
    expect(banner.textContent).toContain('CAROL is calling');
    expect(banner.textContent).toContain('Answering puts your current call on hold.');
    await user.click(within(banner).getByRole('button', { name: 'Answer' }));

    const calls = await until(() => screen.getByRole('list', { name: 'Calls' }));
    await until(() => expect(within(calls).getAllByRole('listitem')).toHaveLength(2));
    await until(() => expect(within(calls).getByText('On hold')).toBeTruthy());
    expect(within(calls).getByRole('button', { name: 'Switch to BOB' })).toBeTruthy();
  });

  it('shows a 200 KB caller name cut, and stores it bounded in the history', async () => {
    const { network, user } = await phones();
    const huge = 'Mallory '.repeat(25 * 1024);
    // No REGISTER (it would carry the name twice): the INVITE alone carries 200 KB.
    const mallory = new UA(
      {
        uri: 'sip:mallory@sip.test',
        display_name: huge,
        register: false,
        sockets: network.createSocket('mallory'),
      },
      { mediaHandlerFactory: fakeMediaHandlers().factory },
    );
    const connected = new Promise((resolve) => mallory.once('connected', resolve));
    mallory.start();
    stops.push(() => mallory.stop());
    await connected;
    act(() => void mallory.call('alice'));
    const banner = await until(() => screen.getByRole('region', { name: 'Incoming call' }));
    const name = banner.querySelector('.sk-banner-name');
    expect(name?.textContent).toBe(`${huge.slice(0, MAX_SHOWN_NAME - 1)}…`);
    expect(name?.getAttribute('title')?.length).toBe(MAX_TITLE);
    expect(document.body.innerHTML.length).toBeLessThan(50_000);
    await user.click(within(banner).getByRole('button', { name: 'Decline' }));
    const history = await until(() => screen.getByRole('list', { name: 'Call history' }));
    expect(history.querySelector('.history-name')?.textContent).toHaveLength(MAX_SHOWN_NAME);
    const stored = localStorage.getItem(historyKey('sip:alice@sip.test')) ?? '';
    expect(stored.length).toBeLessThan(2 * (MAX_HISTORY_NAME + MAX_HISTORY_URI));
  });

  it('says what to change when the registrar wants a password and none is configured', async () => {
    await phones({ alice: 'secret' });
    const alert = await until(() => screen.getByRole('alert'));
    expect(alert.textContent).toContain('set “password”');
    expect(screen.getAllByRole('status')[0]!.textContent).toBe(
      'Registration failed: No Credentials (401 Unauthorized)',
    );
  });

  it('leads from refused credentials to the password field, with Call off meanwhile', async () => {
    const { onSettings, user } = await phones({ alice: 'secret' });
    await until(() => expect(screen.getByText(/no password configured/)).toBeTruthy());
    await user.type(screen.getByLabelText('Number or SIP URI'), 'bob');
    expect(screen.getByRole('button', { name: 'Call' })).toHaveProperty('disabled', true);
    await user.click(screen.getByRole('button', { name: 'Edit account' }));
    expect(onSettings).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'RegistrationProblem', parameter: 'password' }),
    );
    expect(onSettings.mock.calls[0]?.[0]?.message).toContain('set “password”');
  });

  it('takes a call keyboard-only: focus on Answer, one key answers, digits go out, focus never on <body>', async () => {
    const { other, media, user } = await phones();
    // Idle: the dial field has focus from the start.
    await until(() =>
      expect(document.activeElement).toBe(screen.getByLabelText('Number or SIP URI')),
    );
    const bob = await other('bob');
    bob.call('sip:alice@sip.test');
    await until(() =>
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Answer' })),
    );
    await user.keyboard('{Enter}');
    await until(() =>
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Hang up' })),
    );
    // Confirmed (Hold is enabled only then): typed digits go out as RFC 4733 DTMF.
    await until(() =>
      expect(screen.getByRole('button', { name: 'Hold' })).toHaveProperty('disabled', false),
    );
    await user.keyboard('42#');
    await until(() =>
      expect(
        media.handlers.flatMap((handler) => handler.dtmf.map((sent) => sent.tones)).join(''),
      ).toBe('42#'),
    );
    await user.keyboard('{Alt>}{Shift>}h{/Shift}{/Alt}');
    await until(() =>
      expect(document.activeElement).toBe(screen.getByLabelText('Number or SIP URI')),
    );
  });

  it('asks before Disconnect ends a call in progress', async () => {
    const { other, onSettings, user } = await phones();
    const bob = await other('bob');
    act(() => void bob.call('alice'));
    await user.click(await until(() => screen.getByRole('button', { name: 'Answer' })));
    await until(() => expect(screen.getByText('In call')).toBeTruthy());

    await user.click(screen.getByRole('button', { name: 'Disconnect' }));
    expect(onSettings).not.toHaveBeenCalled();
    expect(
      screen.getByRole('group', { name: 'Disconnecting ends your call with BOB.' }),
    ).toBeTruthy();
    // The safe answer has focus: Enter keeps the call.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Keep call' }));
    await user.keyboard('{Enter}');
    expect(onSettings).not.toHaveBeenCalled();
    expect(screen.getByText('In call')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Disconnect' }));

    await user.click(screen.getByRole('button', { name: 'Disconnect' }));
    await user.click(screen.getByRole('button', { name: 'End call and disconnect' }));
    expect(onSettings).toHaveBeenCalledTimes(1);
  });

  it('disconnects at once when no call is in progress', async () => {
    const { onSettings, user } = await phones();
    await user.click(screen.getByRole('button', { name: 'Disconnect' }));
    expect(onSettings).toHaveBeenCalledTimes(1);
  });

  it('places no call on Enter while the Call button is disabled (server down)', async () => {
    const { network, user } = await phones();
    act(() => network.crash());
    await until(() =>
      expect(screen.getAllByRole('status')[0]!.textContent).not.toContain('Registered'),
    );
    await user.type(screen.getByLabelText('Number or SIP URI'), 'bob');
    expect(screen.getByRole('button', { name: 'Call' })).toHaveProperty('disabled', true);
    await user.keyboard('{Enter}');
    // A placed call shows at once (the store has it before any SIP is sent): none is there.
    expect(screen.queryByText('Calling…')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Hang up' })).toBeNull();
    expect(screen.queryByRole('list', { name: 'Call history' })).toBeNull();
    expect(screen.getByText('No calls yet.')).toBeTruthy();
  });

  it('places calls to what is typed in "Number or SIP URI"', async () => {
    const { other, user } = await phones();
    const bob = await other('bob');
    const ringing = new Promise<string>((resolve) =>
      bob.once('newRTCSession', ({ session }) => resolve(session.remoteIdentity.uri)),
    );
    await user.type(screen.getByLabelText('Number or SIP URI'), 'bob');
    await user.click(screen.getByRole('button', { name: 'Call' }));
    expect(await ringing).toBe('sip:alice@sip.test');
    await until(() => expect(screen.getByText('Ringing…')).toBeTruthy());
  });
});
