import { UA, WebSocketInterface, type Session } from '@sipkit/core';
import { createFakeMediaHandler } from '@sipkit/testing';
import { SIP_DOMAIN, TEST_PASSWORD } from '../kamailio.js';
import type { FrameCounter } from './frame-counter.js';
import type { CalleeCounters, LoadAgent, LoadAgentFactory, LoadCall } from './load-agent.js';

/** Our UA in Node: a real WebSocket (`ws`), @sipkit/testing's fake media. */
export function sipkitAgents(
  wsUrl: string,
  frames: FrameCounter,
  registerExpires: number,
): LoadAgentFactory {
  return (user, callees) => new SipKitAgent(wsUrl, user, frames, registerExpires, callees);
}

class SipKitAgent implements LoadAgent {
  readonly aor: string;
  registrations = 0;
  readonly #ua: UA;

  constructor(
    wsUrl: string,
    user: string,
    frames: FrameCounter,
    registerExpires: number,
    callees: CalleeCounters,
  ) {
    this.aor = `sip:${user}@${SIP_DOMAIN}`;
    this.#ua = new UA(
      {
        uri: this.aor,
        password: TEST_PASSWORD,
        sockets: [new WebSocketInterface(wsUrl, { WebSocket: frames.WebSocket })],
        register_expires: registerExpires,
      },
      { mediaHandlerFactory: createFakeMediaHandler },
    );
    this.#ua.on('registered', () => (this.registrations += 1));
    this.#ua.on('newRTCSession', ({ originator, session }) => {
      if (originator !== 'remote') return;
      session.on('ended', ({ originator: by, cause }) => {
        if (by === 'remote') callees.endedByRemote += 1;
        else callees.problems.push(`${this.aor} ended by ${by}: ${cause}`);
      });
      session.on('failed', ({ cause }) => callees.problems.push(`${this.aor} failed: ${cause}`));
      session.answer({ mediaConstraints: { audio: true, video: false } });
      callees.answered += 1;
    });
  }

  start(): void {
    this.#ua.start();
  }

  call(target: string): Promise<LoadCall> {
    const startedAt = performance.now();
    const session = this.#ua.call(target, { mediaConstraints: { audio: true, video: false } });
    return new Promise((resolve, reject) => {
      session.once('confirmed', () =>
        resolve({ setupMs: performance.now() - startedAt, hangup: () => hangup(session) }),
      );
      session.once('failed', ({ cause }) => reject(new Error(`${this.aor} call failed: ${cause}`)));
    });
  }

  stop(): void {
    void this.#ua.stop();
  }
}

function hangup(session: Session): Promise<string> {
  return new Promise((resolve) => {
    session.once('ended', ({ cause }) => resolve(cause));
    session.terminate();
  });
}
