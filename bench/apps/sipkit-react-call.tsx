// Bundle-size app: the SipKit call app through @sipkit/react's provider and hooks. react,
// react-dom and zustand are external when measured: the budget is for our code.
import { WebSocketInterface, type UAConfiguration } from '@sipkit/core';
import { SipProvider, useCall, useRegistration } from '@sipkit/react';
import { useEffect, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';

const config: UAConfiguration = {
  uri: 'sip:alice@example.com',
  password: 'secret',
  sockets: new WebSocketInterface('wss://sip.example.com'),
};

function Phone(): ReactNode {
  const { status } = useRegistration();
  const { id, call, hangup } = useCall();
  useEffect(() => {
    if (status === 'registered' && id === undefined) {
      call('sip:bob@example.com', { mediaConstraints: { audio: true, video: false } });
    }
  }, [status, id, call]);
  return <button onClick={() => hangup()}>Hang up</button>;
}

const root = document.querySelector('#app');
if (root !== null) {
  createRoot(root).render(
    <SipProvider config={config}>
      <Phone />
    </SipProvider>,
  );
}
