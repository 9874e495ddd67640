import { transactionTimers } from '../transaction/timers.js';
import { SingleTimer, systemClock } from '../transport/clock.js';
import type { ExtensionParts } from './user-agent-extension.js';

/**
 * How a wait for the connection ended: `connected`, `stopped` (the UA stopped first) or
 * `timed-out` (no connection within Timer F of the UA trying to connect).
 */
export type ConnectionWaitOutcome = 'connected' | 'stopped' | 'timed-out';

/**
 * Lets an extension's requests wait for the UA's connection instead of failing at once: a
 * SUBSCRIBE or PUBLISH made before `ua.start()`, or while the first connection is being made,
 * goes out when it opens, as an app expects of a UA it just created (React's provider hands its
 * UA to the hooks before starting it). The wait is bounded like a request's answer (Timer F,
 * 64*T1 = 32 s, RFC 3261 §17.1.2.2), counted from when the UA tries to connect, so a UA that is
 * never started holds no timer; `ua.stop()` ends every wait (`close()`). Only extensions import
 * it: an app without subscriptions or publications carries none of it.
 *
 * @example
 * const wait = new ConnectionWait(parts);
 * const ready = wait.ready();
 * if (ready === true || (await ready) === 'connected') send(request);
 */
export class ConnectionWait {
  readonly #parts: ExtensionParts;
  readonly #deadline: SingleTimer;
  readonly #bound: number;
  #waiters: Array<(outcome: ConnectionWaitOutcome) => void> = [];
  /** Connected since the UA (re)started: later losses are the extension's own recovery. */
  #connectedOnce = false;

  constructor(parts: ExtensionParts) {
    this.#parts = parts;
    this.#deadline = new SingleTimer(parts.options.clock ?? systemClock);
    this.#bound = transactionTimers(parts.options.timers).timerF;
    // For as long as the UA lives, as the extension that owns this wait.
    parts.events.on('connecting', () => this.#arm());
    parts.events.on('connected', () => {
      this.#connectedOnce = true;
      this.#settle('connected');
    });
  }

  /** How long a wait lasts once the UA tries to connect, in ms (Timer F). */
  get bound(): number {
    return this.#bound;
  }

  /**
   * True when connected now, or when the connection was lost after the first one (the request
   * then fails as usual and the extension's reconnection handling takes over); otherwise how the
   * wait for the first connection ends.
   */
  ready(): true | Promise<ConnectionWaitOutcome> {
    if (this.#connectedOnce || this.#parts.isConnected()) return true;
    const outcome = new Promise<ConnectionWaitOutcome>((resolve) => this.#waiters.push(resolve));
    if (this.#parts.started()) this.#arm();
    return outcome;
  }

  /** `ua.stop()`: every wait ends `stopped`, no timer stays; a restart waits again. */
  close(): void {
    this.#connectedOnce = false;
    this.#settle('stopped');
  }

  #arm(): void {
    if (this.#waiters.length === 0 || this.#deadline.pending) return;
    this.#deadline.schedule(this.#bound, () => this.#settle('timed-out'));
  }

  #settle(outcome: ConnectionWaitOutcome): void {
    this.#deadline.cancel();
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const resolve of waiters) resolve(outcome);
  }
}
