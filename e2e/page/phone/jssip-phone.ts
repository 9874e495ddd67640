// The phone page's adapter over JsSIP (npm `jssip`), as a JsSIP app would use it: the same
// configuration object and call options as ours, its own WebRTC handling.
import { UA, WebSocketInterface } from 'jssip';
import type {
  DTMFOptions,
  IncomingDTMFEvent,
  OutgoingDTMFEvent,
  RTCSession,
} from 'jssip/lib/RTCSession.js';
import type { RTCSessionEvent } from 'jssip/lib/UA.js';
import type { PhoneConfig } from './config.js';
import { jssipEvents } from './jssip-events.js';
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

export function jssipPhone(config: PhoneConfig, state: PhoneState): Phone {
  const book = new CallBook<RTCSession>(state);
  const ua = new UA({
    uri: config.uri,
    password: config.password,
    sockets: config.sockets.map(({ url, weight }) => ({
      socket: new WebSocketInterface(url),
      weight,
    })),
  });
  const now = (): number => performance.now();
  ua.on('connected', ({ socket }) =>
    state.ua.push({ name: 'connected', at: now(), url: socket.url }),
  );
  ua.on('disconnected', ({ socket, reason }) =>
    state.ua.push({ name: 'disconnected', at: now(), url: socket.url, cause: String(reason) }),
  );
  ua.on('registered', () => {
    state.registration = 'registered';
    state.ua.push({ name: 'registered', at: now() });
  });
  ua.on('registrationFailed', ({ cause }) => {
    state.registration = 'failed';
    state.cause = String(cause);
    state.ua.push({ name: 'registrationFailed', at: now(), cause: String(cause) });
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
  ua.on('newRTCSession', ({ originator, session }: RTCSessionEvent) => {
    if (originator !== 'remote') return;
    const record = book.add(session, 'incoming');
    follow(book, record, session);
    if (config.autoAnswer) session.answer({ mediaConstraints: MEDIA_CONSTRAINTS });
  });
  const events = jssipEvents(ua, state.subscriptions);
  ua.start();

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
    // JsSIP's hold() says whether the re-INVITE went out; the 'hold' event tells the rest.
    hold: (id) => Promise.resolve(book.session(id).hold()),
    unhold: (id) => Promise.resolve(book.session(id).unhold()),
    sendDtmf(id, tones, transport) {
      const session = book.session(id);
      const record = state.calls[id] as CallRecord;
      watchTones(session.connection, (tone) => book.note(record, 'tonechange', { tone }));
      // JsSIP's DTMF_TRANSPORT enum is declared in its types only; its values are these strings.
      const transportType = (transport === 'info' ? 'INFO' : 'RFC2833') as NonNullable<
        DTMFOptions['transportType']
      >;
      session.sendDTMF(tones, { transportType });
    },
    async inboundAudio(id) {
      const pc = book.session(id).connection as RTCPeerConnection | undefined;
      const report = await pc?.getStats();
      return { packetsReceived: audioPacketsReceived(report), ...audioEnergy(report) };
    },
    connection: (id) => book.session(id).connection as RTCPeerConnection | undefined,
    events,
  };
}

function follow(book: CallBook<RTCSession>, record: CallRecord, session: RTCSession): void {
  const simple = ['progress', 'accepted', 'confirmed', 'hold', 'unhold'] as const;
  for (const name of simple) {
    session.on(name, (event: { originator?: string }) =>
      book.note(
        record,
        name,
        event.originator === undefined ? {} : { originator: event.originator },
      ),
    );
  }
  for (const name of ['ended', 'failed'] as const) {
    session.on(name, ({ originator, cause }) =>
      book.note(record, name, { originator, cause: String(cause) }),
    );
  }
  session.on('newDTMF', ({ originator, dtmf }: IncomingDTMFEvent | OutgoingDTMFEvent) =>
    book.note(record, 'newDTMF', { originator, tone: dtmf.tone }),
  );
  session.on('peerconnection', ({ peerconnection }: { peerconnection: RTCPeerConnection }) =>
    watchIce(peerconnection, (state) => book.note(record, state)),
  );
  // ua.call() makes the connection (and emits its event) before this listener exists.
  const existing = session.connection as RTCPeerConnection | undefined;
  if (existing) watchIce(existing, (state) => book.note(record, state));
}
