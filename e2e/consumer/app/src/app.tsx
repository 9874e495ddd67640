import { WebSocketInterface } from '@sipkit/core';
import { SipProvider, useSipClient, useSipStore } from '@sipkit/react';
import { Softphone } from '@sipkit/ui';
import '@sipkit/ui/styles.css';
import { useEffect, useMemo } from 'react';

/** Who this page is and which SIP server it registers with (from the query string). */
export interface AppProps {
  readonly user: string;
  readonly server: string;
}

/** The whole app: one provider, the ready-made phone, and a probe for the browser test. */
export function App({ user, server }: AppProps) {
  const config = useMemo(
    () => ({ uri: `sip:${user}@127.0.0.1`, sockets: new WebSocketInterface(server) }),
    [user, server],
  );
  return (
    <SipProvider config={config}>
      <Softphone title={`Phone of ${user}`} showDevices={false} />
      <Probe />
    </SipProvider>
  );
}

declare global {
  interface Window {
    /** Audio RTP packets received on the current call, for the browser test. */
    __inboundAudio?: () => Promise<number>;
  }
}

/** Reads the current call's WebRTC stats through the public API only. */
function Probe(): null {
  const ua = useSipClient();
  const currentCallId = useSipStore((s) => s.currentCallId);
  useEffect(() => {
    window.__inboundAudio = async () => {
      const media = ua?.sessions.find((session) => session.id === currentCallId)?.media;
      if (media === undefined) return 0;
      let packets = 0;
      (await media.getStats()).report?.forEach((value: unknown) => {
        const stat = value as { type?: unknown; kind?: unknown; packetsReceived?: unknown };
        if (stat.type === 'inbound-rtp' && stat.kind === 'audio') {
          packets += typeof stat.packetsReceived === 'number' ? stat.packetsReceived : 0;
        }
      });
      return packets;
    };
  }, [ua, currentCallId]);
  return null;
}
