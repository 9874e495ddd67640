import type { Clock } from '../transport/index.js';

/**
 * The one pending timer of a transaction. Every RFC 3261 §17 state machine runs at most one
 * timer at a time on a reliable transport (B or M or D; F or K; H or I or L; J), so each
 * transaction owns one slot and starting a timer replaces the previous one.
 */
export class TimerSlot {
  readonly #clock: Clock;
  #handle: { value: unknown } | undefined;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** True while a callback is scheduled and has not run. */
  get pending(): boolean {
    return this.#handle !== undefined;
  }

  /** Runs `callback` after `ms`, replacing any pending timer. */
  start(ms: number, callback: () => void): void {
    this.cancel();
    const handle: { value: unknown } = { value: undefined };
    this.#handle = handle;
    handle.value = this.#clock.setTimeout(() => {
      // A replaced or cancelled timer whose clock fired anyway must not act.
      if (this.#handle !== handle) return;
      this.#handle = undefined;
      callback();
    }, ms);
  }

  /** Cancels the pending timer, if any. */
  cancel(): void {
    if (this.#handle === undefined) return;
    this.#clock.clearTimeout(this.#handle.value);
    this.#handle = undefined;
  }
}
