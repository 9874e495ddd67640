import { nowOf, SingleTimer, type Clock } from '../transport/clock.js';
import {
  expiryDelay,
  refreshDelay,
  type SessionTimerAgreement,
} from './session-timer-negotiation.js';

/** What the session does when the timer fires. */
export interface SessionTimerActions {
  /** We are the refresher and half the interval has passed: send a refresh (RFC 4028 §10). */
  readonly refresh: () => void;
  /** The peer is the refresher and no refresh came in time: send BYE (RFC 4028 §10). */
  readonly expire: () => void;
}

/**
 * The one timer of an RFC 4028 agreement: as refresher, `refresh` after half the interval; as
 * the other side, `expire` shortly before the interval ends. Each refresh that goes through,
 * whoever sent it, calls `restart` with the agreement its 2xx set; `stop` leaves nothing pending.
 *
 * @example
 * ```ts
 * const timer = new SessionTimer(clock);
 * timer.start({ interval: 90, refresher: 'local' }, { refresh: () => sendUpdate(), expire: () => bye() });
 * timer.restart({ interval: 90, refresher: 'remote' }); // after a refresh's 2xx
 * timer.stop();
 * ```
 */
export class SessionTimer {
  readonly #timer: SingleTimer;
  readonly #clock: Clock;
  #since = 0;
  #agreement: SessionTimerAgreement | undefined;
  #actions: SessionTimerActions | undefined;

  constructor(clock: Clock) {
    this.#clock = clock;
    this.#timer = new SingleTimer(clock);
  }

  /** When the agreement in force was last refreshed (epoch ms; the clock's `now`). */
  get since(): number {
    return this.#since;
  }

  /** The agreement in force, or undefined when stopped (or never started). */
  get agreement(): SessionTimerAgreement | undefined {
    return this.#agreement;
  }

  /**
   * Arms the timer for `agreement`, replacing whatever ran before. `since` is when the session
   * was last refreshed (default now): a call handed over from another user agent goes on with
   * the time already run down (RFC 4028 §10: refresh at half the interval from the last refresh).
   */
  start(agreement: SessionTimerAgreement, actions: SessionTimerActions, since?: number): void {
    this.#actions = actions;
    this.#arm(agreement, since);
  }

  /**
   * Re-arms from now with the (possibly new) agreement after a refresh went through. Does nothing
   * once stopped: a 2xx that lands after the call ended must not bring its timer back.
   */
  restart(agreement: SessionTimerAgreement): void {
    if (this.#actions === undefined) return;
    this.#arm(agreement);
  }

  /** Cancels the timer and forgets the agreement; nothing is left scheduled. */
  stop(): void {
    this.#timer.cancel();
    this.#agreement = undefined;
    this.#actions = undefined;
  }

  #arm(agreement: SessionTimerAgreement, since = nowOf(this.#clock)): void {
    const actions = this.#actions;
    if (actions === undefined) return;
    this.#agreement = agreement;
    this.#since = since;
    const local = agreement.refresher === 'local';
    const delay = (local ? refreshDelay : expiryDelay)(agreement.interval);
    const left = Math.max(0, delay - (nowOf(this.#clock) - since));
    this.#timer.schedule(left, () => (local ? actions.refresh() : actions.expire()));
  }
}
