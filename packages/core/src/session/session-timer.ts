import { SingleTimer, type Clock } from '../transport/clock.js';
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
  #agreement: SessionTimerAgreement | undefined;
  #actions: SessionTimerActions | undefined;

  constructor(clock: Clock) {
    this.#timer = new SingleTimer(clock);
  }

  /** The agreement in force, or undefined when stopped (or never started). */
  get agreement(): SessionTimerAgreement | undefined {
    return this.#agreement;
  }

  /** Arms the timer for `agreement`, replacing whatever ran before. */
  start(agreement: SessionTimerAgreement, actions: SessionTimerActions): void {
    this.#actions = actions;
    this.#arm(agreement);
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

  #arm(agreement: SessionTimerAgreement): void {
    const actions = this.#actions;
    if (actions === undefined) return;
    this.#agreement = agreement;
    if (agreement.refresher === 'local') {
      this.#timer.schedule(refreshDelay(agreement.interval), () => actions.refresh());
    } else {
      this.#timer.schedule(expiryDelay(agreement.interval), () => actions.expire());
    }
  }
}
