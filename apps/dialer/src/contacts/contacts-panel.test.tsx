import { UA } from '@sipkit/core';
import { SipProvider } from '@sipkit/react';
import { fakeMediaHandlers, SipNetwork, SipProxyServer } from '@sipkit/testing';
import { createSipTrace } from '@sipkit/ui';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Phone } from '../phone/phone.js';
import type { DialerSetup } from '../settings/settings-to-setup.js';

const until = <T,>(check: () => T): Promise<T> => vi.waitFor(check, { interval: 5, timeout: 3000 });
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
});

/** Alice's phone on the in-memory network, whose proxy runs the presence agent. */
async function alicePhone() {
  const proxy = new SipProxyServer({
    host: 'sip.test',
    presence: { messageWaiting: { alice: { new: 2, old: 5 } } },
  });
  stops.push(async () => proxy.close());
  const network = new SipNetwork({ endpoint: proxy, host: 'sip.test' });
  const setup: DialerSetup = {
    config: { uri: 'sip:alice@sip.test', sockets: network.createSocket('alice') },
    pcConfig: { iceServers: [] },
  };
  render(
    <StrictMode>
      <SipProvider config={setup.config} mediaHandlerFactory={fakeMediaHandlers().factory}>
        <Phone setup={setup} trace={createSipTrace()} onSettings={vi.fn()} />
      </SipProvider>
    </StrictMode>,
  );
  const other = async (user: string): Promise<UA> => {
    const ua = new UA(
      { uri: `sip:${user}@sip.test`, sockets: network.createSocket(user) },
      { mediaHandlerFactory: fakeMediaHandlers().factory },
    );
    const registered = new Promise((resolve) => ua.once('registered', resolve));
    ua.start();
    await registered;
    stops.push(() => ua.stop());
    return ua;
  };
  return { proxy, other, user: userEvent.setup() };
}

const row = (name: string) =>
  within(screen.getByRole('list', { name: 'Contacts' }))
    .getAllByRole('listitem')
    .find((item) => item.querySelector('.sk-buddy-name')?.textContent === name);

describe('<ContactsPanel> in the phone', () => {
  it('shows contacts available, a busy lamp during their call, and the voicemail count', async () => {
    const { proxy, other, user } = await alicePhone();
    await until(() => expect(row('bob')).toBeTruthy());
    // Nobody registered as bob yet: offline; then registered: available.
    await until(() =>
      expect(
        row('bob')
          ?.querySelector('[data-sipkit-availability]')
          ?.getAttribute('data-sipkit-availability'),
      ).toBe('offline'),
    );
    const bob = await other('bob');
    await other('carol');
    await until(() =>
      expect(
        row('bob')
          ?.querySelector('[data-sipkit-availability]')
          ?.getAttribute('data-sipkit-availability'),
      ).toBe('available'),
    );
    expect(row('bob')?.getAttribute('data-sipkit-lamp')).toBe('idle');

    const call = bob.call('carol');
    await until(() => expect(row('carol')?.getAttribute('data-sipkit-lamp')).toBe('ringing'));
    expect(row('bob')?.getAttribute('data-sipkit-lamp')).toBe('busy');
    act(() => call.terminate());
    await until(() => expect(row('bob')?.getAttribute('data-sipkit-lamp')).toBe('idle'));

    // The dev server's message waiting, in the top bar, live.
    const voicemail = await until(() => {
      const lamp = document.querySelector('.voicemail');
      expect(lamp?.getAttribute('data-sipkit-count')).toBe('2');
      return lamp;
    });
    act(() => proxy.presence?.setMessageWaiting('alice', { new: 0, old: 7 }));
    await until(() => expect(voicemail?.getAttribute('data-sipkit-state')).toBe('none'));

    // Our own status, published: the others see it.
    await user.selectOptions(screen.getByLabelText('My status'), 'away');
    await until(() => expect(proxy.presence?.publicationCount).toBe(1));
    await user.type(screen.getByLabelText('Add contact'), 'dave');
    await user.click(screen.getByRole('button', { name: 'Add' }));
    await until(() => expect(row('dave')).toBeTruthy());
    await user.selectOptions(screen.getByLabelText('My status'), 'automatic');
    await until(() => expect(proxy.presence?.publicationCount).toBe(0));
  });
});
