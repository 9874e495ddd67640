// The phone page's adapter over our UA, with the default WebRTC media handler.
import {
  addVideo,
  removeVideo,
  shareScreen,
  stopScreenShare,
  UA,
  watchRemoteMedia,
  WebRtcMediaHandler,
  WebSocketInterface,
  type RemoteVideo,
  type Session,
} from '@sipkit/core';
import type { PhoneConfig } from './config.js';
import { sipkitEvents } from './sipkit-events.js';
import {
  audioEnergy,
  audioPacketsReceived,
  CallBook,
  MEDIA_CONSTRAINTS,
  watchIce,
  watchTones,
  type CallRecord,
  type Phone,
  type PhoneState,
} from './phone.js';

export function sipkitPhone(config: PhoneConfig, state: PhoneState): Phone {
  const book = new CallBook<Session>(state);
  const ua = new UA(
    {
      uri: config.uri,
      password: config.password,
      sockets: config.sockets.map(({ url, weight }) => ({
        socket: new WebSocketInterface(url),
        weight,
      })),
    },
    config.keepAliveInterval === undefined ? {} : { keepAliveInterval: config.keepAliveInterval },
  );
  const now = (): number => performance.now();
  ua.on('connected', ({ socket }) =>
    state.ua.push({ name: 'connected', at: now(), url: socket.url }),
  );
  ua.on('disconnected', ({ socket, reason }) =>
    state.ua.push({ name: 'disconnected', at: now(), url: socket.url, cause: reason }),
  );
  ua.on('recovered', ({ socket, calls }) =>
    state.ua.push({ name: 'recovered', at: now(), url: socket.url, cause: `${calls} calls` }),
  );
  ua.on('registered', () => {
    state.registration = 'registered';
    state.ua.push({ name: 'registered', at: now() });
  });
  ua.on('registrationFailed', ({ cause }) => {
    state.registration = 'failed';
    state.cause = cause;
    state.ua.push({ name: 'registrationFailed', at: now(), cause });
  });
  ua.on('connected', ({ socket }) =>
    state.transport.push({ name: 'connected', at: performance.now(), url: socket.url }),
  );
  ua.on('disconnected', ({ socket, error, code, reason }) =>
    state.transport.push({
      name: 'disconnected',
      at: performance.now(),
      url: socket.url,
      error,
      code,
      reason,
    }),
  );
  ua.on('newRTCSession', ({ originator, session }) => {
    if (originator !== 'remote') return;
    const record = book.add(session, 'incoming');
    follow(book, record, session);
    if (config.autoAnswer) session.answer({ mediaConstraints: MEDIA_CONSTRAINTS });
  });
  // Before start(): the UA's Allow lists SUBSCRIBE and NOTIFY from its first request.
  const events = sipkitEvents(ua, state.subscriptions);
  ua.start();

  const peerConnection = (id: number): RTCPeerConnection | undefined => {
    const media = book.session(id).media;
    // The default handler's connection is the browser's RTCPeerConnection.
    return media instanceof WebRtcMediaHandler
      ? (media.connection as RTCPeerConnection | undefined)
      : undefined;
  };

  return {
    call(target, spec) {
      const startedAt = performance.now();
      const session = ua.call(target, { mediaConstraints: MEDIA_CONSTRAINTS, ...spec });
      const record = book.add(session, 'outgoing', startedAt);
      follow(book, record, session);
      return record.id;
    },
    answer(id, spec) {
      book.session(id).answer({ mediaConstraints: MEDIA_CONSTRAINTS, ...spec });
    },
    hangup: (id) => book.session(id).terminate(),
    hold: (id) => book.session(id).hold(),
    unhold: (id) => book.session(id).unhold(),
    sendDtmf(id, tones, transport) {
      const record = state.calls[id] as CallRecord;
      watchTones(peerConnection(id), (tone) => book.note(record, 'tonechange', { tone }));
      book.session(id).sendDTMF(tones, { transport });
    },
    async inboundAudio(id) {
      const stats = await book.session(id).media?.getStats();
      return {
        packetsReceived: audioPacketsReceived(stats?.report),
        reduced: stats?.packetsReceived,
        ...audioEnergy(stats?.report),
      };
    },
    connection: peerConnection,
    events,
    mediaChange: {
      addVideo: (id) => outcome(addVideo(book.session(id))),
      removeVideo: (id) => outcome(removeVideo(book.session(id))),
      shareScreen: (id, replace) =>
        outcome(shareScreen(book.session(id), { replace: replace ? 'camera' : false })),
      stopScreenShare: (id) => outcome(stopScreenShare(book.session(id))),
      async remoteVideo(id) {
        const { camera, screen } = watchRemoteMedia(book.session(id)).current;
        const report = await peerConnection(id)?.getStats();
        const frames = (video: RemoteVideo | undefined) =>
          video === undefined
            ? undefined
            : { mid: video.mid, framesDecoded: framesOf(report, video) };
        return { camera: frames(camera), screen: frames(screen) };
      },
    },
  };
}

/** 'ok', or the error's name, problem and message (the test prints it). */
function outcome(change: Promise<unknown>): Promise<string> {
  return change.then(
    () => 'ok',
    (error: Error & { problem?: string }) =>
      `${error.name} ${error.problem ?? ''}: ${error.message}`,
  );
}

/** `framesDecoded` of the video `inbound-rtp` entry of `video`'s m= line (by mid, else track). */
function framesOf(report: RTCStatsReport | undefined, video: RemoteVideo): number | undefined {
  let frames: number | undefined;
  report?.forEach((entry: Record<string, unknown>) => {
    if (entry['type'] !== 'inbound-rtp' || entry['kind'] !== 'video') return;
    const same =
      (video.mid !== undefined && entry['mid'] === video.mid) ||
      (video.track !== undefined && entry['trackIdentifier'] === video.track.id);
    if (same && typeof entry['framesDecoded'] === 'number') frames = entry['framesDecoded'];
  });
  return frames;
}

function follow(book: CallBook<Session>, record: CallRecord, session: Session): void {
  // From the start, so the first answer's video is seen too (issue 24).
  watchRemoteMedia(session).on('change', ({ camera, screen }) =>
    book.note(
      record,
      `remote-video:${camera === undefined ? '-' : 'camera'}/${screen === undefined ? '-' : 'screen'}`,
      {},
    ),
  );
  const simple = ['progress', 'accepted', 'confirmed', 'hold', 'unhold'] as const;
  for (const name of simple) {
    session.on(name, ({ originator }) => book.note(record, name, { originator }));
  }
  for (const name of ['ended', 'failed'] as const) {
    session.on(name, ({ originator, cause }) => book.note(record, name, { originator, cause }));
  }
  // Call recovery (issue 20): reconnecting / connected / failed, with the path and the reason.
  session.on('connection', ({ state, path, reason }) =>
    book.note(record, `connection:${state}`, { cause: `${path ?? '-'}: ${reason}` }),
  );
  session.on('newDTMF', ({ originator, dtmf }) =>
    book.note(record, 'newDTMF', { originator, tone: dtmf.tone }),
  );
  session.on('peerConnection', ({ connection }) =>
    watchIce(connection, (state) => book.note(record, state)),
  );
  const existing =
    session.media instanceof WebRtcMediaHandler ? session.media.connection : undefined;
  if (existing) watchIce(existing as RTCPeerConnection, (state) => book.note(record, state));
  // The recovery's own account: `connection:reconnecting` (cause: path and reason)...
  session.on('connection', ({ state, path, reason }) =>
    book.note(record, `connection:${state}`, { cause: `${path ?? ''} ${reason}` }),
  );
}
