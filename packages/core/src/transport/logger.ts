/**
 * Where the transport layer reports what it does. Any object with these three methods works,
 * including `console`. Messages never contain SIP message bodies, only sizes and reasons.
 *
 * @example
 * ```ts
 * const transport = new Transport(sockets, { logger: console });
 * ```
 */
export interface TransportLogger {
  /** Routine events: connecting, connected, keep-alive pings. */
  debug(message: string, ...details: unknown[]): void;
  /** Something was dropped or failed but the transport carries on (bad frame, lost pong). */
  warn(message: string, ...details: unknown[]): void;
  /** Something failed unexpectedly (a listener threw, a socket's connect() threw). */
  error(message: string, ...details: unknown[]): void;
}

/** A logger that discards everything: the default. */
export const silentLogger: TransportLogger = {
  debug: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
