import { Causes, defaultReasonPhrase } from '@sipkit/core';

// Status codes whose standard phrases `REASON_PHRASE` lists (RFC 3261 §21 and its extensions).
const STATUS_CODES = [
  100, 180, 181, 182, 183, 199, 200, 202, 204, 300, 301, 302, 305, 380, 400, 401, 402, 403, 404,
  405, 406, 407, 408, 410, 412, 413, 414, 415, 416, 417, 420, 421, 422, 423, 428, 429, 430, 433,
  436, 437, 438, 439, 469, 470, 480, 481, 482, 483, 484, 485, 486, 487, 488, 489, 491, 493, 494,
  500, 501, 502, 503, 504, 505, 513, 580, 600, 603, 604, 606,
] as const;

function reasonPhrases(): Readonly<Record<number, string>> {
  const phrases: Record<number, string> = {};
  for (const status of STATUS_CODES) {
    const phrase = defaultReasonPhrase(status);
    if (phrase !== '') phrases[status] = phrase;
  }
  return Object.freeze(phrases);
}

/**
 * JsSIP's `C`: the constants apps compare against. `causes` are the very strings SipKit's
 * `Causes` use (so `cause === JsSIP.C.causes.BUSY` works on either library); the method names,
 * DTMF transports, SIP error classes and reason phrases are RFC 3261 facts.
 *
 * @example session.on('failed', (e) => { if (e.cause === C.causes.BUSY) showBusy(); });
 */
export const C = Object.freeze({
  USER_AGENT: 'SipKit JsSIP adapter',
  SIP: 'sip',
  SIPS: 'sips',
  causes: Causes,
  /** Which final statuses map to which cause (JsSIP's table; RFC 3261 §21). */
  SIP_ERROR_CAUSES: Object.freeze({
    REDIRECTED: [300, 301, 302, 305, 380],
    BUSY: [486, 600],
    REJECTED: [403, 603],
    NOT_FOUND: [404, 604],
    UNAVAILABLE: [480, 410, 408, 430],
    ADDRESS_INCOMPLETE: [484, 424],
    INCOMPATIBLE_SDP: [488, 606],
    AUTHENTICATION_ERROR: [401, 407],
  }),
  ACK: 'ACK',
  BYE: 'BYE',
  CANCEL: 'CANCEL',
  INFO: 'INFO',
  INVITE: 'INVITE',
  MESSAGE: 'MESSAGE',
  NOTIFY: 'NOTIFY',
  OPTIONS: 'OPTIONS',
  REGISTER: 'REGISTER',
  REFER: 'REFER',
  UPDATE: 'UPDATE',
  SUBSCRIBE: 'SUBSCRIBE',
  DTMF_TRANSPORT: Object.freeze({ INFO: 'INFO', RFC2833: 'RFC2833' }),
  REASON_PHRASE: reasonPhrases(),
  ALLOWED_METHODS: 'INVITE,ACK,CANCEL,BYE,UPDATE,MESSAGE,OPTIONS,REFER,INFO,NOTIFY',
  ACCEPTED_BODY_TYPES: 'application/sdp, application/dtmf-relay',
  MAX_FORWARDS: 69,
  SESSION_EXPIRES: 90,
  MIN_SESSION_EXPIRES: 60,
  CONNECTION_RECOVERY_MAX_INTERVAL: 30,
  CONNECTION_RECOVERY_MIN_INTERVAL: 2,
});

/** JsSIP's numeric RTCSession states (`RTCSession.C`), from which `session.status` is drawn. */
export const SessionStatusCodes = Object.freeze({
  STATUS_NULL: 0,
  STATUS_INVITE_SENT: 1,
  STATUS_1XX_RECEIVED: 2,
  STATUS_INVITE_RECEIVED: 3,
  STATUS_WAITING_FOR_ANSWER: 4,
  STATUS_ANSWERED: 5,
  STATUS_WAITING_FOR_ACK: 6,
  STATUS_CANCELED: 7,
  STATUS_TERMINATED: 8,
  STATUS_CONFIRMED: 9,
});
