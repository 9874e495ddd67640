import JsSIP from 'jssip';
import type { RTCSession } from 'jssip/lib/RTCSession.js';
import type { RTCSessionEvent } from 'jssip/lib/UA.js';
import { installedVersion } from '../../versions.js';
import { within, type Contender, type LabCall } from '../contender.js';
import { fakeAudioStream, installFakeWebRtc } from '../fake-webrtc.js';

const media = (): {
  mediaConstraints: { audio: true; video: false };
  mediaStream: MediaStream;
} => ({
  mediaConstraints: { audio: true, video: false },
  mediaStream: fakeAudioStream(),
});

function confirmed(session: RTCSession): Promise<LabCall> {
  return new Promise((resolve, reject) => {
    session.once('confirmed', () =>
      resolve({
        hangup: () =>
          new Promise((ended) => {
            session.once('ended', () => ended());
            session.terminate();
          }),
      }),
    );
    session.once('failed', ({ cause }) => reject(new Error(`JsSIP call failed: ${String(cause)}`)));
  });
}

/** JsSIP's private session table: the only way to count its live calls. */
interface WithSessions {
  readonly _sessions: Record<string, unknown>;
}

/**
 * JsSIP 3.13 as an app uses it. It takes a socket object of the shape SipKit's `Socket` copies,
 * so it runs on the same loopback sockets; its calls need the fake WebRTC globals (installed
 * here, in the JsSIP worker only) and a `mediaStream` so that it skips getUserMedia.
 */
export function jssip(): Contender {
  installFakeWebRtc();
  return {
    id: 'jssip',
    label: 'JsSIP',
    version: installedVersion('jssip'),
    idle(user) {
      return new JsSIP.UA({
        uri: `sip:${user}@sip.test`,
        password: 'secret',
        sockets: [new JsSIP.WebSocketInterface('wss://sip.test/ws')],
      });
    },
    async registered(socket, user) {
      const ua = new JsSIP.UA({
        uri: `sip:${user}@sip.test`,
        password: 'secret',
        // Structurally JsSIP's Socket; its typings want their own interface type.
        sockets: [socket as unknown as JsSIP.Socket],
      });
      const registered = new Promise<void>((resolve, reject) => {
        ua.once('registered', () => resolve());
        ua.once('registrationFailed', ({ cause }) => reject(new Error(`JsSIP: ${String(cause)}`)));
      });
      ua.start();
      await within(registered, 5000, 'JsSIP REGISTER');
      return {
        call: (target) => confirmed(ua.call(target, media())),
        autoAnswer() {
          ua.on('newRTCSession', (event: RTCSessionEvent) => {
            if (event.originator === 'remote') event.session.answer(media());
          });
        },
        liveCalls: () => Object.keys((ua as unknown as WithSessions)._sessions).length,
        stop: () => {
          ua.stop();
          return new Promise((resolve) => setTimeout(resolve, 0));
        },
      };
    },
  };
}
