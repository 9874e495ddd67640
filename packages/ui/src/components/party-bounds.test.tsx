import { WebSocketInterface } from '@sipkit/core';
import { SipProvider, useSipContext, type CallState, type SipClient } from '@sipkit/react';
import { act, render, screen } from '@testing-library/react';
import { StrictMode, useEffect } from 'react';
import { expect, it } from 'vitest';
import { MAX_SHOWN_ADDRESS, MAX_SHOWN_NAME, MAX_TITLE } from '../internal/party.js';
import { CallList } from './call-list.js';
import { CallPanel } from './call-panel.js';
import { IncomingCallBanner } from './incoming-call-banner.js';

const HUGE_NAME = 'Mallory '.repeat(25 * 1024); // 200 KB
const HUGE_URI = `sip:${'m'.repeat(200 * 1024)}@evil.example`;

function call(id: string, overrides: Partial<CallState>): CallState {
  return {
    id,
    callId: id,
    direction: 'incoming',
    status: 'ringing',
    localIdentity: { displayName: undefined, uri: 'sip:you@sip.test' },
    remoteIdentity: { displayName: HUGE_NAME, uri: HUGE_URI },
    startTime: undefined,
    endTime: undefined,
    cause: undefined,
    endedBy: undefined,
    hold: { local: false, remote: false },
    muted: { audio: false, video: false },
    localStream: undefined,
    remoteStream: undefined,
    lastDtmf: undefined,
    transfer: undefined,
    transferRequest: undefined,
    answering: false,
    connection: 'connected',
    connectionPath: undefined,
    connectionReason: undefined,
    ...overrides,
  };
}

let client: SipClient | undefined;
function Grab() {
  const found = useSipContext();
  useEffect(() => {
    client = found;
  }, [found]);
  return null;
}

// Issue 19 finding 7: a 200 KB display name made the page 18 M px tall and froze it for seconds.
it('renders a 200 KB display name and URI as bounded text with a bounded title, everywhere', () => {
  const view = render(
    <StrictMode>
      <SipProvider
        config={{ uri: 'sip:you@sip.test', sockets: new WebSocketInterface('wss://sip.test') }}
        autoStart={false}
      >
        <Grab />
        <IncomingCallBanner />
        <CallPanel />
        <CallList />
      </SipProvider>
    </StrictMode>,
  );
  act(() =>
    client?.store.setState({
      calls: {
        ringing: call('ringing', {}),
        talking: call('talking', { direction: 'outgoing', status: 'confirmed', startTime: 1 }),
        held: call('held', {
          status: 'confirmed',
          startTime: 1,
          hold: { local: true, remote: false },
        }),
      },
      callOrder: ['ringing', 'talking', 'held'],
      incomingCallIds: ['ringing'],
      currentCallId: 'talking',
    }),
  );
  const names = [
    ...view.container.querySelectorAll('.sk-banner-name, .sk-call-name bdi, .sk-call-list-name'),
  ];
  expect(names).toHaveLength(4);
  for (const name of names) {
    expect(name.textContent).toHaveLength(MAX_SHOWN_NAME);
    expect(name.textContent?.endsWith('…')).toBe(true);
    expect(name.getAttribute('title')).toHaveLength(MAX_TITLE);
  }
  const address = view.container.querySelector('.sk-call-address bdi');
  expect(address?.textContent).toHaveLength(MAX_SHOWN_ADDRESS);
  expect(screen.getByRole('alert').textContent?.length).toBeLessThan(MAX_SHOWN_NAME + 20);
  // Two calls listed, the banner, the panel: each shows at most its bounds (plus markup).
  expect(view.container.innerHTML.length).toBeLessThan(16 * MAX_TITLE);
  view.unmount();
});
