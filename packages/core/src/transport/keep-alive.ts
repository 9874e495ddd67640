import { SingleTimer, type Clock } from './clock.js';
import { KEEP_ALIVE_PING } from './keep-alive-frames.js';

/** What a {@link KeepAlive} needs from its owner. */
export interface KeepAliveOptions {
  /** Seconds between a pong (or the connection opening) and the next ping; see jitter below. */
  readonly interval: number;
  /** Seconds to wait for the pong before declaring the flow failed. */
  readonly timeout: number;
  readonly clock: Clock;
  /** Returns [0, 1); used for the interval jitter. */
  readonly random: () => number;
  /** Sends one ping (the CRLF `frame`, or the owner's own); false if it could not be sent. */
  readonly send: (frame: string) => boolean;
  /** What a ping waits for, for the failure reason. Default `'pong'`. */
  readonly answer?: string;
  /** Called once per failure: no pong in time, or the ping could not be sent. */
  readonly onFailure: (reason: string) => void;
}

/**
 * RFC 5626 §4.4.1 CRLF keep-alive for one connection at a time: after `start()`, sends a double
 * CRLF ping, waits up to `timeout` seconds for the single CRLF pong, then waits again before the
 * next ping. Only one ping is ever outstanding. A missing pong calls `onFailure` and stops.
 *
 * The wait before each ping is random between 80% and 100% of `interval`, as RFC 5626 §4.4.1 asks
 * of clients, so that many clients do not ping in lockstep.
 *
 * @example
 * ```ts
 * const keepAlive = new KeepAlive({ interval: 25, timeout: 10, clock: systemClock,
 *   random: Math.random, send: (f) => socket.send(f), onFailure: (why) => reconnect(why) });
 * keepAlive.start(); // on connect
 * keepAlive.pongReceived(); // on '\r\n'
 * keepAlive.stop(); // on disconnect
 * ```
 */
export class KeepAlive {
  readonly #options: KeepAliveOptions;
  readonly #timer: SingleTimer;
  #awaitingPong = false;

  constructor(options: KeepAliveOptions) {
    this.#options = options;
    this.#timer = new SingleTimer(options.clock);
  }

  /** Starts pinging (restarting the schedule if it was running). */
  start(): void {
    this.#awaitingPong = false;
    this.#scheduleNextPing();
  }

  /** Stops pinging and forgets any outstanding ping. Leaves no timer pending. */
  stop(): void {
    this.#awaitingPong = false;
    this.#timer.cancel();
  }

  /** Records a pong; returns false when no ping was outstanding (an unsolicited pong). */
  pongReceived(): boolean {
    if (!this.#awaitingPong) return false;
    this.#awaitingPong = false;
    this.#scheduleNextPing();
    return true;
  }

  #scheduleNextPing(): void {
    const { interval, random } = this.#options;
    const delay = interval * (0.8 + 0.2 * random()) * 1000;
    this.#timer.schedule(delay, () => this.#ping());
  }

  #ping(): void {
    // Waiting before sending: an answer may come back within `send` (an in-memory server).
    this.#awaitingPong = true;
    const { timeout, answer = 'pong' } = this.#options;
    this.#timer.schedule(timeout * 1000, () =>
      this.#fail(`no keep-alive ${answer} within ${timeout} s (RFC 5626 §4.4.1)`),
    );
    if (!this.#options.send(KEEP_ALIVE_PING)) this.#fail('keep-alive ping could not be sent');
  }

  #fail(reason: string): void {
    this.stop();
    this.#options.onFailure(reason);
  }
}
