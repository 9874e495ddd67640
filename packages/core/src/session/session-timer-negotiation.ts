import type {
  HeaderEntry,
  IncomingMessage,
  IncomingRequest,
  IncomingResponse,
} from '../message/index.js';
import { lenientHeader as readHeader, listsOptionTag } from './lenient-read.js';

/** Which side refreshes, seen from this UA. */
export type Refresher = 'local' | 'remote';

/**
 * A running agreement: the session interval in seconds and who refreshes.
 *
 * @example const agreement: SessionTimerAgreement = { interval: 1800, refresher: 'local' };
 */
export interface SessionTimerAgreement {
  readonly interval: number;
  readonly refresher: Refresher;
  /**
   * The largest Min-SE known in this dialog (ours, a 422's, the peer's request's). Refreshes we
   * send carry it (RFC 4028 §7.4); absent means our configured Min-SE.
   */
  readonly minSe?: number;
}

/**
 * Our settings, from the UA configuration.
 *
 * @example
 * ```ts
 * const settings: SessionTimerSettings = {
 *   enabled: configuration.session_timers,
 *   forceRefresher: configuration.session_timers_force_refresher,
 *   refreshMethod: configuration.session_timers_refresh_method,
 *   sessionExpires: DEFAULT_SESSION_EXPIRES,
 *   minSe: MIN_SESSION_EXPIRES,
 * };
 * ```
 */
export interface SessionTimerSettings {
  /** `session_timers`. */
  readonly enabled: boolean;
  /** `session_timers_force_refresher`: our initial INVITEs ask for `refresher=uac`. */
  readonly forceRefresher: boolean;
  /** `session_timers_refresh_method`, normalized to upper case. */
  readonly refreshMethod: 'UPDATE' | 'INVITE';
  /** The session interval we ask for, in seconds; raised to `minSe` when lower. */
  readonly sessionExpires: number;
  /** The smallest interval we accept, in seconds; never below 90 (RFC 4028 §4, §5). */
  readonly minSe: number;
}

/**
 * The session interval we ask for by default, in seconds. RFC 4028 §4 recommends 1800; we use
 * the 90 s floor, as JsSIP does, because a browser call often dies without a BYE (tab closed,
 * laptop lid shut, network gone): with 90 s the far end tears the call down after 60 s instead
 * of half an hour, for the price of one small refresh every 45 s.
 *
 * @example initialRequestHeaders({ ...settings, sessionExpires: DEFAULT_SESSION_EXPIRES })
 */
export const DEFAULT_SESSION_EXPIRES = 90;

/**
 * The smallest session interval RFC 4028 allows anyone to use (§4, §5), in seconds.
 *
 * @example Math.max(MIN_SESSION_EXPIRES, configuredMinSe)
 */
export const MIN_SESSION_EXPIRES = 90;

/**
 * What a session-timer request of ours carries: Min-SE and Session-Expires, in seconds.
 *
 * @example const sent: SessionTimerRequestState = { minSe: 90, sessionExpires: 90 };
 */
export interface SessionTimerRequestState {
  readonly minSe: number;
  readonly sessionExpires: number;
}

/**
 * How the UAS side answers a session refresh request (RFC 4028 §9): reject with 422, accept with
 * these 2xx headers and start the timer, or leave timers out of it.
 *
 * @example
 * ```ts
 * const answer = answerToRequest(request, settings);
 * if (answer.kind === 'reject') return reply(answer.status, answer.headers);
 * ```
 */
export type SessionTimerAnswer =
  | { readonly kind: 'reject'; readonly status: 422; readonly headers: HeaderEntry[] }
  | {
      readonly kind: 'accept';
      readonly headers: HeaderEntry[];
      readonly agreement: SessionTimerAgreement;
    }
  | { readonly kind: 'none'; readonly headers: HeaderEntry[] };

// delta-seconds is a 32-bit value (RFC 3261 §25.1, RFC 4028 §4).
const MAX_DELTA = 2 ** 32 - 1;
// setTimeout fires at once for anything larger, which would turn a long interval into a storm.
const MAX_TIMER_DELAY = 2 ** 31 - 1;

/**
 * The values `initialRequestHeaders` sends for these settings (and, after a 422, `state`): the
 * `previous` to give `retryAfter422` when that request is rejected.
 *
 * @example initialRequestState(settings, { minSe: 120 }) // { minSe: 120, sessionExpires: 120 }
 */
export function initialRequestState(
  settings: SessionTimerSettings,
  state?: { readonly minSe?: number; readonly sessionExpires?: number },
): SessionTimerRequestState {
  const minSe = Math.max(ourMinSe(settings), seconds(state?.minSe, 0));
  const sessionExpires = Math.max(
    minSe,
    seconds(state?.sessionExpires ?? settings.sessionExpires, 0),
  );
  return { minSe, sessionExpires };
}

/**
 * Session-timer headers for an initial INVITE (RFC 4028 §7.1): `Session-Expires` (with
 * `;refresher=uac` when `forceRefresher`) and `Min-SE`; none when disabled. The `timer` option tag
 * in Supported is not here: the UA adds it to every request when session timers are enabled.
 *
 * @example initialRequestHeaders(settings) // [['Session-Expires', '90'], ['Min-SE', '90']]
 */
export function initialRequestHeaders(
  settings: SessionTimerSettings,
  state?: { readonly minSe?: number; readonly sessionExpires?: number },
): HeaderEntry[] {
  if (!settings.enabled) return [];
  const { minSe, sessionExpires } = initialRequestState(settings, state);
  // §7.1: omitting the refresher lets the UAS choose, which the RFC recommends unless we insist.
  const refresher = settings.forceRefresher ? ';refresher=uac' : '';
  return [
    ['Session-Expires', `${sessionExpires}${refresher}`],
    ['Min-SE', String(minSe)],
  ];
}

/**
 * What to send again after a 422 (RFC 4028 §7.3): the 422's Min-SE, with Session-Expires raised
 * to it. Undefined when the response is not a 422, has no usable Min-SE (absent or malformed), or
 * asks for no more than we already sent: sending the same again could only loop.
 *
 * @example retryAfter422(response, settings, { minSe: 90, sessionExpires: 90 }) // { minSe: 300, sessionExpires: 300 }
 */
export function retryAfter422(
  response: IncomingResponse,
  settings: SessionTimerSettings,
  previous: SessionTimerRequestState = initialRequestState(settings),
): SessionTimerRequestState | undefined {
  if (response.status !== 422) return undefined;
  const minSe = readHeader(response, 'min-se')?.delta;
  if (minSe === undefined || minSe <= Math.max(previous.minSe, previous.sessionExpires)) {
    return undefined;
  }
  return { minSe, sessionExpires: minSe };
}

/**
 * The agreement a 2xx to our INVITE, re-INVITE or UPDATE sets up (RFC 4028 §7.2), on the UAC side
 * of that transaction; undefined means no timer (a 2xx without Session-Expires also turns a running
 * timer off mid-dialog). `refresher=uac` or no refresher parameter (which the UAS must not omit,
 * §9) make us the refresher: we are the UAC of the transaction, and a lapsed refresh costs a call
 * while a needless one costs a message. The settings do not gate this: a UAS that answered with
 * `Require: timer` / Session-Expires is honoured even when we have timers disabled (§7.2).
 *
 * One-sided timers (§7.2): when we asked for a timer and the UAS ignored it, the RFC lets the UAC
 * refresh on its own for its own benefit. We do not (`sentRequestHadTimer` does not change the
 * outcome): a browser learns of a dead peer from ICE consent freshness (RFC 7675) and the
 * WebSocket flow, and re-INVITEs every 45 s to a peer that never agreed to them only add glare.
 *
 * `sentMinSe` is the Min-SE our request carried (raised after a 422); the agreement keeps it for
 * later refreshes (§7.4). A Session-Expires below 90 s (§4) is raised to 90 s, so a broken peer
 * cannot make us refresh in a loop.
 *
 * @example agreementFromResponse(ok, settings, true) // { interval: 1800, refresher: 'remote', minSe: 90 }
 */
export function agreementFromResponse(
  response: IncomingResponse,
  settings: SessionTimerSettings,
  sentRequestHadTimer: boolean,
  sentMinSe?: number,
): SessionTimerAgreement | undefined {
  if (response.status < 200 || response.status >= 300) return undefined;
  if (!isRefreshMethod(response.cseq.method)) return undefined;
  const sessionExpires = readHeader(response, 'session-expires');
  // §7.2: no Session-Expires, no session expiration, whether or not we asked for one.
  if (sessionExpires === undefined) return undefined;
  return {
    interval: Math.max(MIN_SESSION_EXPIRES, sessionExpires.delta),
    refresher: sessionExpires.refresher === 'uas' ? 'remote' : 'local',
    minSe: Math.max(ourMinSe(settings), seconds(sentMinSe, 0)),
  };
}

/**
 * How the UAS side (RFC 4028 §9) answers an INVITE, re-INVITE or UPDATE; any other method gets
 * `none`. A UAC that supports timers (`Supported: timer`) and asks for less than our Min-SE gets a
 * 422; one that does not support them cannot act on a 422, so its (proxy-inserted) interval is
 * raised instead, as a proxy does (§8.1): proxies learn the final interval from our 2xx (§8.2).
 * The refresher parameter is kept; when absent we make the UAC refresh (the §9 table leaves it to
 * us), because a browser tab's timers may be throttled or frozen in the background, and a late
 * BYE timer only delays cleanup while a late refresh loses the call. A UAC without timer support
 * will not refresh, so then we do. With timers disabled, only `Require: timer` makes us take part.
 * The 2xx carries `Require: timer` whenever the UAC supports timers (MUST for `uac`, SHOULD for
 * `uas`).
 *
 * @example answerToRequest(invite, settings) // { kind: 'accept', headers: [['Session-Expires', '1800;refresher=uac'], ['Require', 'timer']], agreement: { interval: 1800, refresher: 'remote', minSe: 90 } }
 */
export function answerToRequest(
  request: IncomingRequest,
  settings: SessionTimerSettings,
): SessionTimerAnswer {
  if (!isRefreshMethod(request.method)) return none();
  const sessionExpires = readHeader(request, 'session-expires');
  const required = hasTimerTag(request, 'require');
  const supported = required || hasTimerTag(request, 'supported');
  const requestMinSe = readHeader(request, 'min-se')?.delta ?? 0;
  const ours = ourMinSe(settings);
  const minSe = Math.max(ours, requestMinSe);
  if (sessionExpires === undefined) {
    // §9: a UAC that supports timers but asks for none lets the UAS ask in its 2xx, no lower than
    // the request's Min-SE.
    if (!settings.enabled || !supported) return none();
    return accept(Math.max(minSe, seconds(settings.sessionExpires, 0)), 'uac', true, minSe);
  }
  if (!settings.enabled && !required) return none();
  if (!supported) return accept(Math.max(minSe, sessionExpires.delta), 'uas', false, minSe);
  if (sessionExpires.delta < ours) {
    return { kind: 'reject', status: 422, headers: [['Min-SE', String(ours)]] };
  }
  // §9: never below the request's Min-SE; never raised otherwise.
  const refresher = sessionExpires.refresher === 'uas' ? 'uas' : 'uac';
  return accept(Math.max(requestMinSe, sessionExpires.delta), refresher, true, minSe);
}

/**
 * Session-timer headers for a session refresh request we send in a running agreement (RFC 4028
 * §7.4, §10): `Session-Expires: <interval>;refresher=uac` when we refresh (we are the UAC of that
 * transaction), `;refresher=uas` when the peer does (e.g. a hold re-INVITE of ours), and the
 * largest Min-SE known, never above the interval. Supported is not here: the session adds its
 * capability headers itself.
 *
 * @example refreshRequestHeaders({ interval: 90, refresher: 'local' }, settings) // [['Session-Expires', '90;refresher=uac'], ['Min-SE', '90']]
 */
export function refreshRequestHeaders(
  agreement: SessionTimerAgreement,
  settings: SessionTimerSettings,
): HeaderEntry[] {
  const minSe = Math.min(agreement.interval, Math.max(ourMinSe(settings), agreement.minSe ?? 0));
  const refresher = agreement.refresher === 'local' ? 'uac' : 'uas';
  return [
    ['Session-Expires', `${agreement.interval};refresher=${refresher}`],
    ['Min-SE', String(minSe)],
  ];
}

/**
 * The method for our refreshes (RFC 4028 §10 allows both): the configured one, except INVITE when
 * the peer's Allow (from its INVITE or 2xx) is known and lacks UPDATE. Methods are case-sensitive
 * (RFC 3261 §7.1).
 *
 * @example refreshMethod(settings, ['INVITE', 'ACK', 'BYE']) // 'INVITE'
 */
export function refreshMethod(
  settings: SessionTimerSettings,
  peerAllow: readonly string[] | undefined,
): 'UPDATE' | 'INVITE' {
  if (settings.refreshMethod === 'UPDATE' && peerAllow !== undefined) {
    return peerAllow.includes('UPDATE') ? 'UPDATE' : 'INVITE';
  }
  return settings.refreshMethod;
}

/**
 * The peer's Allow list from its INVITE or 2xx, or undefined when absent or malformed (unknown).
 *
 * @example refreshMethod(settings, readPeerAllow(response))
 */
export function readPeerAllow(message: IncomingMessage): readonly string[] | undefined {
  return readHeader(message, 'allow');
}

/**
 * When the refresher sends its refresh: half the interval (RFC 4028 §10), in milliseconds.
 *
 * @example refreshDelay(90) // 45000
 */
export function refreshDelay(interval: number): number {
  return Math.min(MAX_TIMER_DELAY, interval * 500);
}

/**
 * When the side that does not refresh gives up and sends BYE: the interval less a third of it or
 * 32 s, whichever is smaller (RFC 4028 §10), in milliseconds.
 *
 * @example expiryDelay(1800) // 1768000
 */
export function expiryDelay(interval: number): number {
  const ms = interval * 1000;
  return Math.min(MAX_TIMER_DELAY, Math.floor(ms - Math.min(32_000, ms / 3)));
}

function accept(
  interval: number,
  refresher: 'uac' | 'uas',
  uacSupportsTimer: boolean,
  minSe: number,
): SessionTimerAnswer {
  const headers: HeaderEntry[] = [['Session-Expires', `${interval};refresher=${refresher}`]];
  if (uacSupportsTimer) headers.push(['Require', 'timer']);
  // The request's UAC is the remote side.
  const agreement = {
    interval,
    refresher: refresher === 'uac' ? 'remote' : 'local',
    minSe,
  } as const;
  return { kind: 'accept', headers, agreement };
}

function none(): SessionTimerAnswer {
  return { kind: 'none', headers: [] };
}

function isRefreshMethod(method: string): boolean {
  // §3: sessions are refreshed by re-INVITE or UPDATE; Session-Expires means nothing elsewhere.
  return method === 'INVITE' || method === 'UPDATE';
}

function ourMinSe(settings: SessionTimerSettings): number {
  return seconds(settings.minSe, MIN_SESSION_EXPIRES);
}

// Whole seconds in [floor, 2^32-1]; not a number reads as the floor.
function seconds(value: number | undefined, floor: number): number {
  if (value === undefined || !Number.isFinite(value)) return floor;
  return Math.min(MAX_DELTA, Math.max(floor, Math.ceil(value)));
}

// A malformed header reads as absent (`readHeader`): session timers never fail a call.
function hasTimerTag(message: IncomingMessage, name: 'supported' | 'require'): boolean {
  return listsOptionTag(message, name, 'timer');
}
