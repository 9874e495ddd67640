import {
  Inviter,
  Registerer,
  RegistererState,
  SessionState,
  UserAgent,
  type Session,
} from 'sip.js';
import { installedVersion } from '../../versions.js';
import { within, type Contender, type LabCall } from '../contender.js';
import { FakeSessionDescriptionHandler, LoopbackTransport } from '../sipjs-adapters.js';

function uri(text: string): NonNullable<ReturnType<typeof UserAgent.makeURI>> {
  const parsed = UserAgent.makeURI(text);
  if (parsed === undefined) throw new Error(`SIP.js cannot parse ${text}`);
  return parsed;
}

function reaches(session: Session, state: SessionState): Promise<void> {
  return new Promise((resolve, reject) => {
    const listener = (now: SessionState): void => {
      if (now === state) {
        session.stateChange.removeListener(listener);
        resolve();
      } else if (now === SessionState.Terminated) {
        session.stateChange.removeListener(listener);
        reject(new Error('SIP.js call ended before it was established'));
      }
    };
    session.stateChange.addListener(listener);
  });
}

/**
 * SIP.js 0.21 through its UserAgent API: a transport class over the same sockets and a fake
 * SessionDescriptionHandler (its media hook) with the same SDP as the other fakes.
 */
export const sipjs: Contender = {
  id: 'sipjs',
  label: 'SIP.js',
  version: installedVersion('sip.js'),
  idle(user) {
    return new UserAgent({
      uri: uri(`sip:${user}@sip.test`),
      authorizationUsername: user,
      authorizationPassword: 'secret',
      transportOptions: { server: 'wss://sip.test/ws' },
      logLevel: 'error',
    });
  },
  async registered(socket, user) {
    const ua = new UserAgent({
      uri: uri(`sip:${user}@sip.test`),
      authorizationUsername: user,
      authorizationPassword: 'secret',
      transportConstructor: LoopbackTransport,
      transportOptions: { socket },
      sessionDescriptionHandlerFactory: () => new FakeSessionDescriptionHandler(),
      logLevel: 'error',
    });
    await ua.start();
    const registerer = new Registerer(ua);
    const registered = new Promise<void>((resolve) => {
      registerer.stateChange.addListener((state) => {
        if (state === RegistererState.Registered) resolve();
      });
    });
    await registerer.register();
    await within(registered, 5000, 'SIP.js REGISTER');
    return {
      async call(target): Promise<LabCall> {
        const inviter = new Inviter(ua, uri(target));
        const established = reaches(inviter, SessionState.Established);
        await inviter.invite();
        await established;
        return {
          async hangup() {
            const ended = reaches(inviter, SessionState.Terminated).catch(() => undefined);
            await inviter.bye();
            await ended;
          },
        };
      },
      autoAnswer() {
        ua.delegate = { onInvite: (invitation) => void invitation.accept() };
      },
      liveCalls: () => Object.keys(ua._sessions).length,
      stop: () => ua.stop(),
    };
  },
};
