// @vitest-environment node
import type * as Core from '@sipkit/core';
import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { CallDuration } from './components/call-duration.js';
import { RemoteAudio } from './components/remote-audio.js';
import { useCall } from './hooks/use-call.js';
import { useIncomingCall } from './hooks/use-incoming-call.js';
import { useMediaDevices } from './hooks/use-media-devices.js';
import { useMessages } from './hooks/use-messages.js';
import { useRegistration } from './hooks/use-registration.js';
import { useSipClient } from './hooks/use-sip-client.js';
import { SipProvider } from './sip-provider.js';

// Counts UAs made: the server must make none.
const made = vi.hoisted(() => ({ uas: 0 }));
vi.mock('@sipkit/core', async (importOriginal) => {
  const core = await importOriginal<typeof Core>();
  class CountedUA extends core.UA {
    constructor(...args: ConstructorParameters<typeof core.UA>) {
      super(...args);
      made.uas += 1;
    }
  }
  return { ...core, UA: CountedUA };
});

function Everything() {
  const registration = useRegistration();
  const call = useCall();
  const incoming = useIncomingCall();
  const { messages } = useMessages();
  const devices = useMediaDevices();
  const ua = useSipClient();
  return (
    <main>
      <p>{`${registration.connection}/${registration.status}`}</p>
      <p>{call.state?.status ?? 'no call'}</p>
      <p>{incoming.calls.length} ringing</p>
      <p>{messages.length} messages</p>
      <p>{devices.supported ? 'devices' : 'no devices'}</p>
      <p>{ua === undefined ? 'no ua' : 'ua'}</p>
      <CallDuration />
      <RemoteAudio />
    </main>
  );
}

describe('server rendering', () => {
  it('renders the initial state without WebSocket, RTCPeerConnection or a UA', () => {
    expect(typeof (globalThis as { RTCPeerConnection?: unknown }).RTCPeerConnection).toBe(
      'undefined',
    );
    // A socket that would throw if anything tried to use it.
    const socket = {
      via_transport: 'WSS',
      url: 'wss://sip.example.com',
      sip_uri: 'sip:sip.example.com;transport=ws',
      connect: () => {
        throw new Error('connect() on the server');
      },
      disconnect: () => undefined,
      send: () => false,
      isConnected: () => false,
      isConnecting: () => false,
      onconnect: () => undefined,
      ondisconnect: () => undefined,
      ondata: () => undefined,
    };
    const html = renderToString(
      <SipProvider config={{ uri: 'sip:alice@example.com', sockets: socket, password: 'secret' }}>
        <Everything />
      </SipProvider>,
    );
    expect(html).toContain('idle/unregistered');
    expect(html).toContain('no call');
    expect(html).toContain('no devices');
    expect(html).toContain('no ua');
    expect(html).toContain('0:00');
    expect(html).not.toContain('secret');
    expect(made.uas).toBe(0);
  });

  it('does not throw for an invalid configuration either (nothing is validated before mount)', () => {
    expect(() =>
      renderToString(
        <SipProvider config={{ uri: 'not a uri', sockets: [] }}>
          <Everything />
        </SipProvider>,
      ),
    ).not.toThrow();
    expect(made.uas).toBe(0);
  });
});
