import { install } from '@sinonjs/fake-timers';

type InstalledClock = ReturnType<typeof install>;

/**
 * Fake timers for a whole worker process, so a benchmark can let a call age past RFC 3261's
 * 64*T1 (32 s) transaction timers in an instant: a transaction in Accepted or Completed state is
 * memory a call holds for 32 s, not for as long as it lasts. Only the timer functions are faked;
 * microtasks, setImmediate and the clocks stay real. Install it before loading a library, so
 * every timer the library starts is a virtual one.
 */
export class VirtualTime {
  readonly #clock: InstalledClock;

  constructor() {
    this.#clock = install({
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'],
    });
  }

  /** Moves time on, 10 ms at a time (running due timers and microtasks), until `work` settles. */
  async until<T>(work: Promise<T>, limitMs = 120_000): Promise<T> {
    let settled = false;
    const watched = work.finally(() => {
      settled = true;
    });
    // Handled below; this only stops an early rejection from being reported as unhandled.
    watched.catch(() => undefined);
    for (let waited = 0; !settled; waited += 10) {
      if (waited > limitMs) throw new Error(`still waiting after ${limitMs} ms of virtual time`);
      await this.#clock.tickAsync(10);
    }
    return watched;
  }

  /** Lets `ms` of virtual time pass, firing every timer due meanwhile. */
  async pass(ms: number): Promise<void> {
    await this.#clock.tickAsync(ms);
  }

  /** Timers still scheduled. */
  get pendingTimers(): number {
    return this.#clock.countTimers();
  }
}
