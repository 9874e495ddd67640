import { formatUri, UserAgent, type UAEvents } from '@sipkit/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RawPhone } from '../server/raw-phone.fixture.js';
import { createScenario } from './harness.fixture.js';

const flush = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('UserAgent (the UA without calls)', () => {
  it('registers, exchanges MESSAGEs, and refuses INVITE with 405 and an Allow without INVITE', async () => {
    const { network, addUA, sent, stopAll } = createScenario();
    const agent = new UserAgent({
      uri: 'sip:kiosk@sip.test',
      sockets: network.createSocket('kiosk'),
    });
    agent.start();
    const bob = addUA('bob');
    bob.ua.start();
    await vi.waitFor(() => expect(agent.isRegistered() && bob.ua.isRegistered()).toBe(true));

    const received: Array<UAEvents['newMessage']> = [];
    agent.on('newMessage', (event) => received.push(event));
    await expect(bob.ua.sendMessage('kiosk', 'hello')).resolves.toMatchObject({ ok: true });
    expect(received.at(-1)?.message.body).toBe('hello');

    const phone = new RawPhone(network, 'zoe');
    phone.socket.connect();
    await flush();
    phone.send('INVITE', 'sip:kiosk@sip.test', [['Contact', phone.contact]]);
    await vi.waitFor(() => expect(phone.responses(405)).toHaveLength(1));
    const allow = phone.responses(405)[0]!.header('allow') ?? '';
    expect(allow).toContain('MESSAGE');
    expect(allow).not.toContain('INVITE');
    // A BYE straight to its Contact, as a peer in a dialog would send it: not a method it has.
    const register = sent('REGISTER').find((r) => r.from.uri.user === 'kiosk')!;
    const contact = formatUri(register.parsed('contact')!.contacts[0]!.uri);
    phone.send('BYE', contact, [['To', '<sip:kiosk@sip.test>;tag=nope']]);
    await vi.waitFor(() => expect(phone.responses(405)).toHaveLength(2));

    const stopping = agent.stop();
    await vi.advanceTimersByTimeAsync(3_000);
    await stopping;
    await stopAll();
    expect(vi.getTimerCount()).toBe(0);
  });
});
