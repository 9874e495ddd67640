/**
 * The timer functions the transport layer uses, injectable so tests can drive time and so that a
 * stopped transport provably leaves nothing scheduled. Handles are opaque: whatever `setTimeout`
 * returns is what `clearTimeout` gets back.
 *
 * @example
 * ```ts
 * const clock: Clock = {
 *   setTimeout: (callback, ms) => setTimeout(callback, ms),
 *   clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
 * };
 * ```
 */
export interface Clock {
  /** Runs `callback` once after `ms` milliseconds; returns a handle for `clearTimeout`. */
  setTimeout(callback: () => void, ms: number): unknown;
  /** Cancels a pending `setTimeout`; harmless for handles that already ran or were cleared. */
  clearTimeout(handle: unknown): void;
  /**
   * The current time in epoch milliseconds, for durations and ages measured beside the timers
   * (connection attempts, failed-server quarantine). Optional for clocks written before it:
   * without it, `Date.now()` is used.
   */
  now?(): number;
}

/** `clock.now()`, or `Date.now()` for a clock that has none. */
export function nowOf(clock: Clock): number {
  return clock.now?.() ?? Date.now();
}

/**
 * The global timers. They are looked up on every call rather than captured, so timers installed
 * later (e.g. Vitest fake timers) are honoured.
 */
export const systemClock: Clock = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => {
    globalThis.clearTimeout(handle as Parameters<typeof globalThis.clearTimeout>[0]);
  },
  now: () => Date.now(),
};

/**
 * One pending timeout at most, e.g. "the recovery timer" or a transaction's timer: scheduling
 * again replaces the previous one, and `cancel()` is always safe. A replaced or cancelled
 * callback never runs, even if the clock fires it anyway.
 *
 * @example
 * ```ts
 * const timer = new SingleTimer(systemClock);
 * timer.schedule(1000, () => reconnect());
 * timer.cancel();
 * ```
 */
export class SingleTimer {
  readonly #clock: Clock;
  #handle: { value: unknown } | null = null;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** True while a callback is scheduled and has not run. */
  get pending(): boolean {
    return this.#handle !== null;
  }

  /** Schedules `callback` after `ms`, cancelling any previously scheduled one. */
  schedule(ms: number, callback: () => void): void {
    this.cancel();
    // Set before calling the clock, so that a clock firing synchronously still finds it current.
    const handle: { value: unknown } = { value: undefined };
    this.#handle = handle;
    handle.value = this.#clock.setTimeout(() => {
      if (this.#handle !== handle) return;
      this.#handle = null;
      callback();
    }, ms);
  }

  /** Cancels the scheduled callback, if any. */
  cancel(): void {
    if (this.#handle === null) return;
    this.#clock.clearTimeout(this.#handle.value);
    this.#handle = null;
  }
}
