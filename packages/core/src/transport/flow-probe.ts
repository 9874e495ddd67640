import { SingleTimer, type Clock } from './clock.js';

/**
 * One probe of the open connection at a time (RFC 5626 §4.4.1 CRLF ping), and its verdict for
 * everyone who asked: `true` once anything came back on the flow, `false` when it was given up
 * (no answer in time, the connection dropped or was replaced first). However many calls find
 * their media stalled at once, one ping goes out and each learns the same answer.
 *
 * @example
 * const probe = new FlowProbe(systemClock);
 * const alive = probe.start(1000, () => transport.reconnect('no answer', false));
 * // on any frame from the server: probe.answered(); on close: probe.cancel()
 */
export class FlowProbe {
  readonly #timer: SingleTimer;
  #verdict: Promise<boolean> | undefined;
  #settle: ((alive: boolean) => void) | undefined;

  constructor(clock: Clock) {
    this.#timer = new SingleTimer(clock);
  }

  /** True while a probe waits for its answer. */
  get pending(): boolean {
    return this.#settle !== undefined;
  }

  /**
   * Starts a probe that gives up after `timeout` ms (calling `expired` after its waiters learned
   * `false`), or joins the one in flight (whose own timeout stands).
   */
  start(timeout: number, expired: () => void): Promise<boolean> {
    if (this.#verdict !== undefined) return this.#verdict;
    const verdict = new Promise<boolean>((resolve) => (this.#settle = resolve));
    this.#verdict = verdict;
    this.#timer.schedule(timeout, () => {
      this.#end(false);
      expired();
    });
    return verdict;
  }

  /** Something came back on the flow: it is alive. */
  answered(): void {
    this.#end(true);
  }

  /** The flow went away (or was replaced) before an answer: nothing stays scheduled. */
  cancel(): void {
    this.#end(false);
  }

  #end(alive: boolean): void {
    this.#timer.cancel();
    const settle = this.#settle;
    this.#settle = undefined;
    this.#verdict = undefined;
    settle?.(alive);
  }
}
