import type { Socket } from './socket.js';

/**
 * How long a server that just failed stays at the back of the connection order, in ms. One
 * minute covers the first several backoff cycles at the default intervals (waits of 2-4, 2-8,
 * 2-16 s...), so a server that went silent is not tried first, and waited on for a whole connect
 * timeout, on every cycle of an outage; yet a primary that came back regains its place at the
 * next reconnection after that minute.
 */
export const FAILED_SERVER_QUARANTINE_MS = 60_000;

/**
 * The servers whose last attempt or connection failed, with when. A cycle tries the others
 * first (in their weight order), then the failed ones, the one that failed longest ago first, so
 * that when every server is failing each gets its turn at the front. A server leaves the list
 * when a connection to it opens or when its quarantine ({@link FAILED_SERVER_QUARANTINE_MS}) has
 * passed.
 *
 * @example
 * ```ts
 * const failed = new FailedServers();
 * failed.record(primary, Date.now());
 * failed.order([primary, backup], Date.now()); // [backup, primary]
 * ```
 */
export class FailedServers {
  readonly #failedAt = new Map<Socket, number>();
  readonly #quarantine: number;

  constructor(quarantineMs = FAILED_SERVER_QUARANTINE_MS) {
    this.#quarantine = quarantineMs;
  }

  /** `socket` failed at `now` (ms); a later failure replaces an earlier one. */
  record(socket: Socket, now: number): void {
    this.#failedAt.delete(socket);
    this.#failedAt.set(socket, now);
  }

  /** A connection through `socket` opened: it is a healthy server again. */
  clear(socket: Socket): void {
    this.#failedAt.delete(socket);
  }

  /**
   * `sockets` (already in weight order) with the quarantined ones moved to the end, oldest
   * failure first. Forgets failures older than the quarantine.
   */
  order(sockets: readonly Socket[], now: number): Socket[] {
    for (const [socket, at] of this.#failedAt) {
      if (now - at >= this.#quarantine) this.#failedAt.delete(socket);
    }
    const healthy = sockets.filter((socket) => !this.#failedAt.has(socket));
    const failed = sockets
      .filter((socket) => this.#failedAt.has(socket))
      .sort((a, b) => (this.#failedAt.get(a) ?? 0) - (this.#failedAt.get(b) ?? 0));
    return healthy.concat(failed);
  }
}
