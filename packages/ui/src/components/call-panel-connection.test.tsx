import { WebSocketInterface } from '@sipkit/core';
import { SipProvider, useSipContext, type CallState, type SipClient } from '@sipkit/react';
import { act, render, screen } from '@testing-library/react';
import { StrictMode, useEffect } from 'react';
import { expect, it } from 'vitest';
import { CallPanel } from './call-panel.js';

let client: SipClient | undefined;
function Grab() {
  const found = useSipContext();
  useEffect(() => {
    client = found;
  }, [found]);
  return null;
}

const talking: CallState = {
  id: 'talking',
  callId: 'talking',
  direction: 'outgoing',
  status: 'confirmed',
  localIdentity: { displayName: undefined, uri: 'sip:you@sip.test' },
  remoteIdentity: { displayName: 'Bob', uri: 'sip:bob@sip.test' },
  startTime: 1,
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
};

it('shows the connection as data-sipkit-connection and in its live status line', () => {
  const view = render(
    <StrictMode>
      <SipProvider
        config={{ uri: 'sip:you@sip.test', sockets: new WebSocketInterface('wss://sip.test') }}
        autoStart={false}
      >
        <Grab />
        <CallPanel />
      </SipProvider>
    </StrictMode>,
  );
  const show = (call: CallState): void =>
    act(() => client?.store.setState({ calls: { [call.id]: call }, currentCallId: call.id }));
  const panel = (): HTMLElement => view.container.querySelector('.sk-call') as HTMLElement;
  const status = (): string => screen.getByRole('status').textContent ?? '';

  show(talking);
  expect(panel().dataset['sipkitConnection']).toBe('connected');
  expect(status()).toBe('In call');
  show({ ...talking, connection: 'reconnecting', connectionPath: 'signalling' });
  expect(panel().dataset['sipkitConnection']).toBe('reconnecting');
  expect(status()).toBe('Reconnecting…');
  show({ ...talking, connection: 'failed', connectionReason: 'ICE restart failed' });
  expect(panel().dataset['sipkitConnection']).toBe('failed');
  expect(status()).toBe('Connection lost (ICE restart failed)');
  view.unmount();
});
