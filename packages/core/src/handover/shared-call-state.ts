import { DEV } from '../diagnostics/dev-mode.js';
import type { Refresher } from '../session/session-timer-negotiation.js';
import type { SessionDirection } from '../session/session-status.js';

/**
 * Who is on one side of a handed-over call (`session.localIdentity` / `remoteIdentity`), as
 * plain data.
 *
 * @example const me: SharedIdentity = { uri: 'sip:alice@example.com', displayName: 'Alice' };
 */
export interface SharedIdentity {
  readonly uri: string;
  readonly displayName: string | null;
}

/**
 * The RFC 4028 session timer of a handed-over call: the agreement in force and when the session
 * was last refreshed, so the user agent that resumes it refreshes (or hangs up) on time.
 *
 * @example const timer: SharedSessionTimer = { interval: 90, refresher: 'local', minSe: 90, refreshedAt: Date.now() };
 */
export interface SharedSessionTimer {
  /** The session interval in seconds. */
  readonly interval: number;
  /** Which side refreshes, seen from this user agent. */
  readonly refresher: Refresher;
  /** The largest Min-SE known in the dialog, in seconds (RFC 4028 §7.4). */
  readonly minSe: number;
  /** When the session was last refreshed, epoch milliseconds. */
  readonly refreshedAt: number;
}

/** The version of `SharedCallState` this code writes and reads. */
export const SHARED_CALL_STATE_VERSION = 1;

/**
 * One established call's dialog state as plain JSON (`callStateOf(session)`): what another user
 * agent of the same AOR, e.g. in another tab, needs to go on with the call (`resumeCall`) once
 * the one holding it is gone. No secret is in it (no password, HA1 or token: those stay with the
 * configuration), and nothing in it is a class instance, so it crosses `postMessage`,
 * `BroadcastChannel` and `JSON.stringify` unchanged. Absent values are `null`, never missing.
 *
 * @example
 * const state = callStateOf(session);
 * channel.postMessage({ topic: 'call/state', body: state });
 */
export interface SharedCallState {
  /** Format version: 1. A state of another version is refused with `SharedCallStateError`. */
  readonly v: typeof SHARED_CALL_STATE_VERSION;
  /** `session.id` (Call-ID plus the initial INVITE's From tag): the store's call id. */
  readonly id: string;
  readonly direction: SessionDirection;
  /** The dialog's Call-ID and tags, seen from this side (RFC 3261 §12). */
  readonly callId: string;
  readonly localTag: string;
  readonly remoteTag: string;
  readonly local: SharedIdentity;
  readonly remote: SharedIdentity;
  /** From (outgoing) / To (incoming) header value as this side writes it, tag included. */
  readonly localHeader: string;
  /** The far end's header value, tag included. */
  readonly remoteHeader: string;
  /** Where in-dialog requests go: the far end's Contact URI (RFC 3261 §12.2). */
  readonly remoteTarget: string;
  /** The route set, each entry a Route value, in the order requests carry it (§12.1). */
  readonly routeSet: readonly string[];
  /** The CSeq number of the last request this side sent in the dialog. */
  readonly localSeq: number;
  /** The CSeq number of the last request the far end sent; null before any. */
  readonly remoteSeq: number | null;
  /** SIPS dialog (RFC 3261 §12.1.1): its requests must travel over TLS (WSS). */
  readonly secure: boolean;
  readonly sessionTimer: SharedSessionTimer | null;
  /** Methods the far end said it allows (its last Allow); null when it sent none. */
  readonly peerAllow: readonly string[] | null;
  /** The last SDP this side sent and the last one the far end sent (offer or answer). */
  readonly localSdp: string | null;
  readonly remoteSdp: string | null;
  /** `session.isOnHold()`: our hold as the far end granted it, and the far end's. */
  readonly hold: { readonly local: boolean; readonly remote: boolean };
  /** When the call was answered, epoch milliseconds. */
  readonly startTime: number | null;
}

/**
 * A value handed to `resumeCall` (or `readSharedCallState`) is not a `SharedCallState` this code
 * can use: another version, a missing or mistyped field. `field` names the one at fault
 * (`v`, `routeSet[1]`, `sessionTimer.interval`); the message says what to change. Nothing was
 * sent and no call was made.
 *
 * @example
 * try { resumeCall(ua, state, { mediaHandler }); } catch (e) {
 *   if (e instanceof SharedCallStateError) console.warn(`call state: ${e.field}`);
 * }
 */
export class SharedCallStateError extends Error {
  override readonly name = 'SharedCallStateError';
  /** The field at fault, as a path into the state (`sessionTimer.refresher`). */
  readonly field: string;

  /**
   * @param problem What is wrong with the field: a sentence in development builds, a
   *   `handover.*` code with the values in production ones (`docs/errors/handover.md`).
   */
  constructor(field: string, problem: string) {
    // Production: `handover.not-boolean a string (field "hold.local")`, the code first.
    super(DEV ? `Shared call state: "${field}" ${problem}` : `${problem} (field "${field}")`);
    this.field = field;
  }
}

type Check<T> = (value: unknown, field: string) => T;

const fail = (field: string, problem: string): never => {
  throw new SharedCallStateError(field, problem);
};

const text: Check<string> = (value, field) =>
  typeof value === 'string' && value !== ''
    ? value
    : fail(
        field,
        DEV
          ? `must be a non-empty string (got ${describe(value)})`
          : `handover.not-text ${describe(value)}`,
      );

const flag: Check<boolean> = (value, field) =>
  typeof value === 'boolean'
    ? value
    : fail(
        field,
        DEV
          ? `must be true or false (got ${describe(value)})`
          : `handover.not-boolean ${describe(value)}`,
      );

/** CSeq numbers are 32-bit unsigned integers below 2^31 (RFC 3261 §8.1.1.5). */
const sequence: Check<number> = (value, field) =>
  Number.isInteger(value) && (value as number) >= 0 && (value as number) < 2 ** 31
    ? (value as number)
    : fail(
        field,
        DEV
          ? `must be a CSeq number, an integer from 0 below 2^31 (got ${describe(value)})`
          : `handover.not-cseq ${describe(value)}`,
      );

const time: Check<number> = (value, field) =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0
    ? value
    : fail(
        field,
        DEV
          ? `must be epoch milliseconds (got ${describe(value)})`
          : `handover.not-epoch-ms ${describe(value)}`,
      );

const seconds: Check<number> = (value, field) =>
  Number.isInteger(value) && (value as number) > 0
    ? (value as number)
    : fail(
        field,
        DEV
          ? `must be a whole number of seconds above 0 (got ${describe(value)})`
          : `handover.not-seconds ${describe(value)}`,
      );

function orNull<T>(check: Check<T>): Check<T | null> {
  return (value, field) => (value === null ? null : check(value, field));
}

function oneOf<T extends string>(...allowed: readonly T[]): Check<T> {
  return (value, field) =>
    allowed.includes(value as T)
      ? (value as T)
      : fail(
          field,
          DEV
            ? `must be ${allowed.map((a) => `'${a}'`).join(' or ')} (got ${describe(value)})`
            : `handover.not-one-of ${describe(value)} allowed=${allowed.join('|')}`,
        );
}

function record(value: unknown, field: string): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : fail(
        field,
        DEV
          ? `must be an object (got ${describe(value)})`
          : `handover.not-object ${describe(value)}`,
      );
}

function list<T>(check: Check<T>): Check<readonly T[]> {
  return (value, field) => {
    if (!Array.isArray(value)) {
      return fail(
        field,
        DEV ? `must be an array (got ${describe(value)})` : `handover.not-array ${describe(value)}`,
      );
    }
    return value.map((item, index) => check(item, `${field}[${index}]`));
  };
}

function identity(value: unknown, field: string): SharedIdentity {
  const object = record(value, field);
  return {
    uri: text(object['uri'], `${field}.uri`),
    displayName: orNull((v, f) =>
      typeof v === 'string'
        ? v
        : fail(
            f,
            DEV
              ? `must be a string or null (got ${describe(v)})`
              : `handover.not-string-or-null ${describe(v)}`,
          ),
    )(object['displayName'], `${field}.displayName`),
  };
}

function sessionTimer(value: unknown, field: string): SharedSessionTimer {
  const object = record(value, field);
  return {
    interval: seconds(object['interval'], `${field}.interval`),
    refresher: oneOf<Refresher>('local', 'remote')(object['refresher'], `${field}.refresher`),
    minSe: seconds(object['minSe'], `${field}.minSe`),
    refreshedAt: time(object['refreshedAt'], `${field}.refreshedAt`),
  };
}

const sdp = orNull<string>((value, field) => text(value, field));

/**
 * Checks that `value` is a `SharedCallState` of this version (e.g. one that came over a
 * `BroadcastChannel` from another tab) and returns it as one, copied to plain data; throws
 * `SharedCallStateError` naming the first field at fault otherwise. `resumeCall` runs it.
 *
 * @example const state = readSharedCallState(JSON.parse(saved));
 */
export function readSharedCallState(value: unknown): SharedCallState {
  const state = record(value, 'state');
  if (state['v'] !== SHARED_CALL_STATE_VERSION) {
    fail(
      'v',
      DEV
        ? `is ${describe(state['v'])}, but this SipKit reads version ${SHARED_CALL_STATE_VERSION}: ` +
            'take the state with callStateOf() of the same SipKit version'
        : `handover.version ${describe(state['v'])} reads=${SHARED_CALL_STATE_VERSION}`,
    );
  }
  const hold = record(state['hold'], 'hold');
  return {
    v: SHARED_CALL_STATE_VERSION,
    id: text(state['id'], 'id'),
    direction: oneOf<SessionDirection>('outgoing', 'incoming')(state['direction'], 'direction'),
    callId: text(state['callId'], 'callId'),
    localTag: text(state['localTag'], 'localTag'),
    remoteTag: text(state['remoteTag'], 'remoteTag'),
    local: identity(state['local'], 'local'),
    remote: identity(state['remote'], 'remote'),
    localHeader: text(state['localHeader'], 'localHeader'),
    remoteHeader: text(state['remoteHeader'], 'remoteHeader'),
    remoteTarget: text(state['remoteTarget'], 'remoteTarget'),
    routeSet: list(text)(state['routeSet'], 'routeSet'),
    localSeq: sequence(state['localSeq'], 'localSeq'),
    remoteSeq: orNull(sequence)(state['remoteSeq'], 'remoteSeq'),
    secure: flag(state['secure'], 'secure'),
    sessionTimer: orNull(sessionTimer)(state['sessionTimer'], 'sessionTimer'),
    peerAllow: orNull(list(text))(state['peerAllow'], 'peerAllow'),
    localSdp: sdp(state['localSdp'], 'localSdp'),
    remoteSdp: sdp(state['remoteSdp'], 'remoteSdp'),
    hold: { local: flag(hold['local'], 'hold.local'), remote: flag(hold['remote'], 'hold.remote') },
    startTime: orNull(time)(state['startTime'], 'startTime'),
  };
}

/** A value described by type only: a state may hold SDP or header values not worth echoing. */
function describe(value: unknown): string {
  if (value === undefined) return `nothing${DEV ? ': the field is missing' : ''}`;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return String(value);
  return `a ${typeof value}`;
}
