import { buildMessageSummary, MESSAGE_SUMMARY_CONTENT_TYPE } from '@sipkit/core';
import { act, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SipProvider } from '../sip-provider.js';
import { renderStrict } from '../testing/render.js';
import { notifierPeer, rawPeer } from '../testing/sip-peers.js';
import { sipTestbed } from '../testing/sip-testbed.js';
import { until } from '../testing/until.js';
import { useMessageWaiting, type UseMessageWaitingOptions } from './use-message-waiting.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function Mailbox(props: UseMessageWaitingOptions) {
  const { status, waiting, newMessages, oldMessages, error } = useMessageWaiting(props);
  return (
    <p data-testid="mwi">{`${status} ${waiting ? 'waiting' : 'none'} ${newMessages}/${oldMessages} ${error === undefined ? '-' : 'error'}`}</p>
  );
}
const text = () => screen.getByTestId('mwi').textContent;

describe('useMessageWaiting', () => {
  it('subscribes to the mailbox and shows its counts', async () => {
    const bed = sipTestbed();
    const vm = notifierPeer(bed.network, 'vm');
    vm.publish(
      'message-summary',
      MESSAGE_SUMMARY_CONTENT_TYPE,
      buildMessageSummary({ waiting: false }),
    );
    vm.ua.start();
    await until(() => expect(vm.ua.isRegistered()).toBe(true));
    const alice = bed.phone('alice');
    const view = renderStrict(
      <SipProvider config={alice.config} {...alice.options}>
        <Mailbox account="sip:vm@sip.test" />
      </SipProvider>,
    );
    await until(() => expect(text()).toBe('active none 0/0 -'));
    expect(bed.sent('SUBSCRIBE')[0]).toMatch(/\r\nEvent: message-summary\r\n/);
    act(() =>
      vm.publish(
        'message-summary',
        MESSAGE_SUMMARY_CONTENT_TYPE,
        buildMessageSummary({ waiting: true, voice: { new: 2, old: 5 } }),
      ),
    );
    await until(() => expect(text()).toBe('active waiting 2/5 -'));
    view.unmount();
    vm.ua.stop();
    await bed.expectAllStopped();
  });

  it('lights on an unsolicited NOTIFY even when the server refused the subscription', async () => {
    const bed = sipTestbed();
    const pbx = rawPeer(bed.network, 'pbx');
    pbx.connect();
    const alice = bed.phone('alice');
    const view = renderStrict(
      <SipProvider config={alice.config} {...alice.options}>
        <Mailbox />
      </SipProvider>,
    );
    // Our own AOR is alice herself on this network: her UA takes no SUBSCRIBE (489 Bad Event).
    await until(() => expect(text()).toBe('terminated none 0/0 -'));
    expect(bed.sent('SUBSCRIBE')[0]).toMatch(/^SUBSCRIBE sip:alice@sip\.test /);
    pbx.send(
      'NOTIFY',
      'sip:alice@sip.test',
      [
        ['Event', 'message-summary'],
        ['Subscription-State', 'active'],
        ['Content-Type', MESSAGE_SUMMARY_CONTENT_TYPE],
      ],
      buildMessageSummary({ waiting: true, voice: { new: 1, old: 0 } }),
    );
    await until(() => expect(text()).toBe('terminated waiting 1/0 -'));
    pbx.send(
      'NOTIFY',
      'sip:alice@sip.test',
      [
        ['Event', 'message-summary'],
        ['Content-Type', MESSAGE_SUMMARY_CONTENT_TYPE],
      ],
      'Messages-Waiting: perhaps',
    );
    await until(() => expect(text()).toBe('terminated waiting 1/0 error'));
    view.unmount();
    await until(() => expect(bed.network.openConnections).toBe(1));
  });
});
