import { parsePresence } from '@sipkit/core';
import { act, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SipProvider } from '../sip-provider.js';
import { renderStrict } from '../testing/render.js';
import { rawPeer } from '../testing/sip-peers.js';
import { sipTestbed } from '../testing/sip-testbed.js';
import { until } from '../testing/until.js';
import { usePublishPresence, type UsePublishPresenceResult } from './use-publish-presence.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

// The hook's last result, as use-messages.test.tsx keeps its hooks.
const hooks: { current?: UsePublishPresenceResult } = {};
function Status() {
  const result = usePublishPresence();
  Object.assign(hooks, { current: result });
  return <p data-testid="status">{`${result.status} ${result.statusCode ?? '-'}`}</p>;
}
const text = () => screen.getByTestId('status').textContent;

describe('usePublishPresence', () => {
  it('publishes our presence to our AOR, modifies it, and removes it on unmount', async () => {
    const bed = sipTestbed();
    // Our AOR's state server: a scripted endpoint registered as alice's second contact.
    const server = rawPeer(bed.network, 'alice');
    server.connect();
    await act(() => vi.advanceTimersByTimeAsync(0));
    server.register();
    await until(() => expect(server.statuses).toContain(200));
    const alice = bed.phone('alice');
    const view = renderStrict(
      <SipProvider config={alice.config} {...alice.options}>
        <Status />
      </SipProvider>,
    );
    await until(() => expect(bed.registrations()).toHaveLength(2));
    await until(() =>
      expect(bed.network.traffic.entries().at(-1)?.message).toMatch(/^SIP\/2.0 200/),
    );
    // StrictMode mounted it twice: nothing is sent before publish().
    expect(bed.sent('PUBLISH')).toHaveLength(0);

    let published: Promise<void> | undefined;
    act(() => {
      published = hooks.current?.publish({ open: true, activities: ['away'], note: 'lunch' });
    });
    await until(() =>
      expect(server.received.filter((r) => r.method === 'PUBLISH')).toHaveLength(1),
    );
    expect(text()).toBe('publishing -');
    const first = server.received.find((r) => r.method === 'PUBLISH')!;
    expect(first.header('event')).toBe('presence');
    expect(parsePresence(first.body)).toMatchObject({
      entity: 'sip:alice@sip.test',
      activities: ['away'],
      notes: ['lunch'],
    });
    server.reply(first, 200, [
      ['SIP-ETag', 'e1'],
      ['Expires', '3600'],
    ]);
    await act(async () => published);
    expect(text()).toBe('published -');

    act(() => void hooks.current?.publish({ open: true, activities: ['on-the-phone'] }));
    const publishes = () => server.received.filter((r) => r.method === 'PUBLISH');
    await until(() => expect(publishes()).toHaveLength(2));
    expect(publishes()[1]?.header('sip-if-match')).toBe('e1');
    server.reply(publishes()[1]!, 200, [['SIP-ETag', 'e2']]);
    await until(() => expect(text()).toBe('published -'));

    view.unmount();
    await until(() => expect(publishes()).toHaveLength(3));
    expect([publishes()[2]?.header('expires'), publishes()[2]?.header('sip-if-match')]).toEqual([
      '0',
      'e2',
    ]);
    server.reply(publishes()[2]!, 200, [['SIP-ETag', 'e2']]);
    await until(() => expect(bed.network.openConnections).toBe(1));
  });

  it('reports a refused PUBLISH with its status code', async () => {
    const bed = sipTestbed();
    const alice = bed.phone('alice');
    const view = renderStrict(
      <SipProvider config={alice.config} {...alice.options}>
        <Status />
      </SipProvider>,
    );
    await until(() => expect(bed.registrations()).toHaveLength(1));
    // Our AOR is only alice's UA, which allows no PUBLISH.
    act(() => void hooks.current?.publish({ open: false }));
    await until(() => expect(text()).toBe('failed 405'));
    expect(hooks.current?.cause).toBeDefined();
    view.unmount();
    await bed.expectAllStopped();
  });
});
