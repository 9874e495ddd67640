import type { Session, SessionEvents } from '@sipkit/core';
import { withLegacyStreams, type StreamSource } from './legacy-streams.js';
import type { RTCSessionEventMap } from './rtc-session-events.js';
import type { RTCSession, SessionDirectory } from './rtc-session.js';
import { OutgoingRequestView, viewOf } from './sip-messages.js';

type FailedEvent =
  `peerconnection:${Lowercase<SessionEvents['peerConnectionFailed']['step']>}failed`;

/**
 * Maps one SipKit session's events onto its RTCSession, JsSIP's names and payloads. Subscribed
 * when the RTCSession is made (inside `newRTCSession`), so no event is missed. `refer` is
 * bridged only while the app listens: SipKit rejects a REFER nobody listens for, as JsSIP does.
 */
export function bridgeSessionEvents(
  session: Session,
  target: RTCSession,
  directory: SessionDirectory,
): void {
  const emit = <K extends keyof RTCSessionEventMap>(
    event: K,
    payload: RTCSessionEventMap[K],
  ): void => {
    target.emit(event, payload);
  };
  session.on('peerConnection', ({ connection }) => {
    emit('peerconnection', { peerconnection: withLegacyStreams(connection, streamsOf(session)) });
  });
  session.on('connecting', ({ request }) =>
    emit('connecting', { request: new OutgoingRequestView(request) }),
  );
  session.on('sending', ({ request }) =>
    emit('sending', { request: new OutgoingRequestView(request) }),
  );
  session.on('progress', ({ originator, response }) =>
    emit('progress', {
      originator,
      response: response === undefined ? undefined : viewOf(response),
    }),
  );
  session.on('accepted', ({ originator, response }) =>
    emit('accepted', {
      originator,
      response: response === undefined ? undefined : viewOf(response),
    }),
  );
  session.on('confirmed', ({ originator, ack }) =>
    emit('confirmed', { originator, ack: ack === undefined ? undefined : viewOf(ack) }),
  );
  for (const name of ['ended', 'failed'] as const) {
    session.on(name, ({ originator, cause, message }) =>
      emit(name, { originator, cause, message: viewOf(message) }),
    );
  }
  session.on('newDTMF', ({ originator, dtmf, request }) =>
    emit('newDTMF', {
      originator,
      dtmf,
      request: request === undefined ? undefined : viewOf(request),
    }),
  );
  session.on('newInfo', ({ originator, info, request }) =>
    emit('newInfo', {
      originator,
      info,
      request: request === undefined ? undefined : viewOf(request),
    }),
  );
  // Our own hold/unhold is reported by the RTCSession when asked for (JsSIP's timing).
  for (const name of ['hold', 'unhold'] as const)
    session.on(name, ({ originator }) => {
      if (originator === 'remote') emit(name, { originator });
    });
  for (const name of ['muted', 'unmuted'] as const)
    session.on(name, ({ audio, video }) => emit(name, { audio, video }));
  for (const name of ['reinvite', 'update'] as const)
    session.on(name, ({ request }) => emit(name, { request: viewOf(request) }));
  session.on('replaces', ({ replaced }) => {
    const replacing = directory.find(replaced);
    emit('replaces', { session: replacing });
  });
  session.on('sdp', (event) => {
    const jssip = { originator: event.originator, type: event.type, sdp: event.sdp };
    emit('sdp', jssip);
    // A JsSIP listener may rewrite the SDP; SipKit uses what is left in its own event.
    if (typeof jssip.sdp === 'string') event.sdp = jssip.sdp;
  });
  session.on('icecandidate', ({ candidate, ready }) => emit('icecandidate', { candidate, ready }));
  session.on('getUserMediaFailed', ({ error }) => emit('getusermediafailed', error));
  session.on('peerConnectionFailed', ({ step, error }) =>
    emit(`peerconnection:${step.toLowerCase()}failed` as FailedEvent, error),
  );
  bridgeRefer(session, target, directory);
}

/** The call's streams, read when asked (the media handler may change them during the call). */
export function streamsOf(session: Session): StreamSource {
  return {
    get localStream() {
      return session.media?.localStream;
    },
    get remoteStream() {
      return session.media?.remoteStream;
    },
  };
}

function bridgeRefer(session: Session, target: RTCSession, directory: SessionDirectory): void {
  let unsubscribe: (() => void) | undefined;
  const sync = (): void => {
    const listening = target.listenerCount('refer') > 0;
    if (listening && unsubscribe === undefined) {
      unsubscribe = session.on('refer', (event) => {
        target.emit('refer', {
          request: viewOf(event.request),
          accept: (initCallback, options) => {
            if (initCallback !== undefined) directory.nextOutgoing(initCallback);
            event.accept(
              options?.mediaConstraints === undefined
                ? {}
                : { mediaConstraints: options.mediaConstraints },
            );
          },
          reject: (options) => event.reject(options),
        });
      });
    } else if (!listening && unsubscribe !== undefined) {
      unsubscribe();
      unsubscribe = undefined;
    }
  };
  target.onListenersChanged(sync);
}
