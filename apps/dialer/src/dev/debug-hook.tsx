import { useSipClient, useSipContext, type SipState } from '@sipkit/react';
import { useEffect } from 'react';
import { inboundAudioPackets } from './inbound-audio-packets.js';

/** What `window.__sipkit` offers browser tests (dev builds only). */
export interface DialerDebug {
  /** The provider's store state: registration, calls, ringing ids... */
  state(): SipState;
  /** Audio RTP packets received on the current call so far (undefined: no call or no stats). */
  inboundAudioPackets(): Promise<number | undefined>;
}

declare global {
  interface Window {
    __sipkit?: DialerDebug;
  }
}

/**
 * Exposes `window.__sipkit` for the e2e demo test. Rendered only when `import.meta.env.DEV`, so
 * a production bundle has neither the hook nor this module.
 *
 * @example {import.meta.env.DEV ? <DebugHook /> : null}
 */
export function DebugHook(): null {
  const { store } = useSipContext();
  const ua = useSipClient();
  useEffect(() => {
    window.__sipkit = {
      state: () => store.getState(),
      async inboundAudioPackets() {
        const id = store.getState().currentCallId;
        const media = ua?.sessions.find((session) => session.id === id)?.media;
        return media === undefined
          ? undefined
          : inboundAudioPackets((await media.getStats()).report);
      },
    };
    return () => {
      delete window.__sipkit;
    };
  }, [store, ua]);
  return null;
}
