import { UA, WebSocketInterface } from 'jssip';
import type { RTCSession } from 'jssip/lib/RTCSession.js';
import type { RTCSessionEvent } from 'jssip/lib/UA.js';
import { SIP_DOMAIN, TEST_PASSWORD } from '../kamailio.js';
import { FakePeerConnection, FakeSessionDescription } from './fake-peer-connection.js';
import type { FrameCounter } from './frame-counter.js';
import type { CalleeCounters, LoadAgent, LoadAgentFactory, LoadCall } from './load-agent.js';

/** No microphone: JsSIP then skips getUserMedia and offers to receive audio only. */
const NO_MEDIA = {
  mediaConstraints: { audio: false, video: false },
  rtcOfferConstraints: { offerToReceiveAudio: true },
};

/**
 * JsSIP 3.13.8 in Node. It reads browser globals where it runs: `WebSocket` (its
 * WebSocketInterface takes no constructor), `window.RTCPeerConnection` (checked before every
 * call, incoming ones too), `RTCPeerConnection` and `RTCSessionDescription`. This installs the
 * `ws` WebSocket of `frames` and the fake peer connection as those globals, for this test
 * worker only (Vitest runs each file in its own process).
 */
export function jssipAgents(
  wsUrl: string,
  frames: FrameCounter,
  registerExpires: number,
): LoadAgentFactory {
  const globals = globalThis as Record<string, unknown>;
  globals['WebSocket'] = frames.WebSocket;
  globals['RTCPeerConnection'] = FakePeerConnection;
  globals['RTCSessionDescription'] = FakeSessionDescription;
  globals['window'] ??= globalThis;
  return (user, callees) => new JsSipAgent(wsUrl, user, registerExpires, callees);
}

class JsSipAgent implements LoadAgent {
  readonly aor: string;
  registrations = 0;
  readonly #ua: UA;

  constructor(wsUrl: string, user: string, registerExpires: number, callees: CalleeCounters) {
    this.aor = `sip:${user}@${SIP_DOMAIN}`;
    this.#ua = new UA({
      uri: this.aor,
      password: TEST_PASSWORD,
      sockets: [new WebSocketInterface(wsUrl)],
      register_expires: registerExpires,
    });
    this.#ua.on('registered', () => (this.registrations += 1));
    this.#ua.on('newRTCSession', ({ originator, session }: RTCSessionEvent) => {
      if (originator !== 'remote') return;
      session.on('ended', ({ originator: by, cause }) => {
        if (by === 'remote') callees.endedByRemote += 1;
        else callees.problems.push(`${this.aor} ended by ${by}: ${String(cause)}`);
      });
      session.on('failed', ({ cause }) =>
        callees.problems.push(`${this.aor} failed: ${String(cause)}`),
      );
      session.answer(NO_MEDIA);
      callees.answered += 1;
    });
  }

  start(): void {
    this.#ua.start();
  }

  call(target: string): Promise<LoadCall> {
    const startedAt = performance.now();
    return new Promise((resolve, reject) => {
      const session = this.#ua.call(target, {
        ...NO_MEDIA,
        eventHandlers: {
          confirmed: () =>
            resolve({ setupMs: performance.now() - startedAt, hangup: () => hangup(session) }),
          failed: ({ cause }) => reject(new Error(`${this.aor} call failed: ${String(cause)}`)),
        },
      });
    });
  }

  stop(): void {
    this.#ua.stop();
  }
}

function hangup(session: RTCSession): Promise<string> {
  return new Promise((resolve) => {
    session.once('ended', ({ cause }) => resolve(String(cause)));
    session.terminate();
  });
}
