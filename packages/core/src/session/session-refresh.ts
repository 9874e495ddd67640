import type {
  HeaderEntry,
  IncomingMessage,
  IncomingRequest,
  IncomingResponse,
} from '../message/index.js';
import type { Clock } from '../transport/clock.js';
import type { NormalizedConfiguration } from '../ua/configuration.js';
import {
  agreementFromResponse,
  answerToRequest,
  DEFAULT_SESSION_EXPIRES,
  initialRequestHeaders,
  initialRequestState,
  MIN_SESSION_EXPIRES,
  readPeerAllow,
  refreshMethod,
  refreshRequestHeaders,
  retryAfter422,
  type SessionTimerAgreement,
  type SessionTimerAnswer,
  type SessionTimerRequestState,
  type SessionTimerSettings,
} from './session-timer-negotiation.js';
import { SessionTimer, type SessionTimerActions } from './session-timer.js';

/** What the session does when the timer says so. */
export interface SessionRefreshActions {
  /** We are the refresher and half the interval passed: send a refresh with this method. */
  refresh(method: 'UPDATE' | 'INVITE'): void;
  /** We are not the refresher and no refresh came in time: hang up (RFC 4028 §10). */
  expire(): void;
}

/** The session timer settings of a UA configuration (JsSIP's three parameters). */
export function sessionTimerSettings(configuration: NormalizedConfiguration): SessionTimerSettings {
  return {
    enabled: configuration.session_timers,
    forceRefresher: configuration.session_timers_force_refresher,
    refreshMethod: configuration.session_timers_refresh_method,
    sessionExpires: DEFAULT_SESSION_EXPIRES,
    minSe: MIN_SESSION_EXPIRES,
  };
}

/**
 * One call's session timer (RFC 4028), seen from the session: which headers its INVITEs, refreshes
 * and 2xx carry, what each response or refresh means for the running agreement, and the one
 * timer that either refreshes (we are the refresher) or hangs up (we are not). The RFC rules
 * themselves live in `session-timer-negotiation.ts`; this keeps the per-call state.
 */
export class SessionRefresh {
  readonly #settings: SessionTimerSettings;
  readonly #timer: SessionTimer;
  readonly #actions: SessionRefreshActions;
  #request: SessionTimerRequestState;
  #retried422 = false;
  #peerAllow: readonly string[] | undefined;
  #started = false;
  #closed = false;

  constructor(settings: SessionTimerSettings, clock: Clock, actions: SessionRefreshActions) {
    this.#settings = settings;
    this.#timer = new SessionTimer(clock);
    this.#actions = actions;
    this.#request = initialRequestState(settings);
  }

  /** The running agreement, if any. */
  get agreement(): SessionTimer['agreement'] {
    return this.#timer.agreement;
  }

  /** The running timer: its agreement, since when, and its change hook (handover reads them). */
  get timer(): SessionTimer {
    return this.#timer;
  }

  /** The far end's Allow list, as it last sent one (undefined: unknown). */
  get peerAllow(): readonly string[] | undefined {
    return this.#peerAllow;
  }

  /**
   * A call handed over from another user agent (`resumeCall`) goes on with the agreement that
   * one had, counted from its last refresh (`since`, epoch ms), and what it knew of the far end.
   */
  resume(
    agreement: SessionTimerAgreement | undefined,
    since: number,
    peerAllow: readonly string[] | undefined,
  ): void {
    this.#peerAllow = peerAllow;
    if (agreement === undefined) return;
    this.#started = true;
    this.#timer.start(agreement, this.#timerActions(), since);
  }

  /** True when the far end listed `method` in an Allow it sent us (unknown: false). */
  peerAllows(method: string): boolean {
    return this.#peerAllow?.includes(method) ?? false;
  }

  /** Session-Expires / Min-SE of our initial INVITE (nothing when timers are off). */
  inviteHeaders(): HeaderEntry[] {
    return initialRequestHeaders(this.#settings, this.#request);
  }

  /**
   * Our INVITE got 422 (RFC 4028 §7.3): true when it may be sent again, once, with the larger
   * Min-SE (`inviteHeaders()` then returns the new values); false to give up.
   */
  accept422(response: IncomingResponse): boolean {
    if (this.#retried422) return false;
    const next = retryAfter422(response, this.#settings, this.#request);
    if (next === undefined) return false;
    this.#retried422 = true;
    this.#request = next;
    return true;
  }

  /** Headers of a mid-call re-INVITE/UPDATE we send: every one of them refreshes the session (§7.4). */
  refreshHeaders(): HeaderEntry[] {
    const agreement = this.#timer.agreement;
    return agreement === undefined ? [] : refreshRequestHeaders(agreement, this.#settings);
  }

  /** A 2xx to our INVITE, re-INVITE or UPDATE (RFC 4028 §7.2): (re)arms or stops the timer. */
  answered(response: IncomingResponse): void {
    this.#learnAllow(response);
    this.#apply(agreementFromResponse(response, this.#settings, true, this.#request.minSe));
  }

  /**
   * The far end's INVITE, re-INVITE or UPDATE (RFC 4028 §9): a 422 to send, or the headers for
   * our 2xx. Call `accepted` once that 2xx went out.
   */
  answerTo(request: IncomingRequest): SessionTimerAnswer {
    this.#learnAllow(request);
    return answerToRequest(request, this.#settings);
  }

  /** Our 2xx carrying `answer`'s headers went out: the agreement is in force (§9). */
  accepted(answer: SessionTimerAnswer): void {
    this.#apply(answer.kind === 'accept' ? answer.agreement : undefined);
  }

  /** A refresh of ours failed in a way that keeps the call (RFC 4028 §10): try again later. */
  retryLater(): void {
    const agreement = this.#timer.agreement;
    if (agreement !== undefined) this.#timer.restart(agreement);
  }

  /** The peer stopped using timers (a 2xx or refresh without Session-Expires). */
  stop(): void {
    this.#timer.stop();
    this.#started = false;
  }

  /** The call ended: nothing restarts the timer afterwards. */
  close(): void {
    this.#closed = true;
    this.stop();
  }

  #apply(agreement: SessionTimerAgreement | undefined): void {
    if (this.#closed) return;
    if (agreement === undefined) return this.stop();
    if (this.#started) return this.#timer.restart(agreement);
    this.#started = true;
    this.#timer.start(agreement, this.#timerActions());
  }

  #timerActions(): SessionTimerActions {
    return {
      refresh: () => this.#actions.refresh(refreshMethod(this.#settings, this.#peerAllow)),
      expire: () => this.#actions.expire(),
    };
  }

  #learnAllow(message: IncomingMessage): void {
    const allow = readPeerAllow(message);
    if (allow !== undefined) this.#peerAllow = allow;
  }
}
