import { UA, WebSocketInterface, type Session } from '@sipkit/core';
import { createFakeMediaHandler } from '@sipkit/testing';
import { installedVersion } from '../../versions.js';
import { within, type Contender, type LabCall } from '../contender.js';

const audioOnly = { mediaConstraints: { audio: true, video: false } } as const;

function confirmed(session: Session): Promise<LabCall> {
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
    session.once('failed', ({ cause }) => reject(new Error(`SipKit call failed: ${cause}`)));
  });
}

/** SipKit from the built `@sipkit/core`, with `@sipkit/testing`'s FakeMediaHandler for media. */
export const sipkit: Contender = {
  id: 'sipkit',
  label: 'SipKit',
  version: installedVersion('@sipkit/core'),
  idle(user) {
    return new UA({
      uri: `sip:${user}@sip.test`,
      password: 'secret',
      sockets: new WebSocketInterface('wss://sip.test/ws'),
    });
  },
  async registered(socket, user) {
    const ua = new UA(
      { uri: `sip:${user}@sip.test`, password: 'secret', sockets: socket },
      { mediaHandlerFactory: createFakeMediaHandler },
    );
    const registered = new Promise<void>((resolve, reject) => {
      ua.once('registered', () => resolve());
      ua.once('registrationFailed', ({ cause }) => reject(new Error(`SipKit: ${cause}`)));
    });
    ua.start();
    await within(registered, 5000, 'SipKit REGISTER');
    return {
      call: (target) => confirmed(ua.call(target, audioOnly)),
      autoAnswer() {
        ua.on('newRTCSession', ({ originator, session }) => {
          if (originator === 'remote') session.answer(audioOnly);
        });
      },
      liveCalls: () => ua.sessions.length,
      stop: () => ua.stop(),
    };
  },
};
