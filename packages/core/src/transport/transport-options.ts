import { systemClock, type Clock } from './clock.js';
import { silentLogger, type TransportLogger } from './logger.js';
import { DEFAULT_RECOVERY_INTERVALS, type RecoveryIntervals } from './recovery-delay.js';
import { TransportError } from './transport-error.js';
import { DEV } from '../diagnostics/dev-mode.js';

/**
 * Options of a {@link Transport}. Durations are in seconds (fractions allowed), named like the
 * JsSIP UA parameters where JsSIP has one.
 *
 * @example
 * ```ts
 * const options: TransportOptions = {
 *   connection_recovery_min_interval: 2,
 *   connection_recovery_max_interval: 30,
 *   keep_alive_interval: 25, // send "\r\n\r\n" about every 20-25 s
 *   keep_alive_timeout: 10, // reconnect if no "\r\n" comes back within 10 s
 *   logger: console,
 * };
 * ```
 */
export interface TransportOptions {
  /** Shortest wait before reconnecting, and the base of the backoff. Default 2. Must be > 0. */
  connection_recovery_min_interval?: number | undefined;
  /** Longest wait before reconnecting. Default 30. Must be >= the minimum. */
  connection_recovery_max_interval?: number | undefined;
  /**
   * RFC 5626 §4.4.1 CRLF keep-alive: seconds between pings (each wait is random in 80-100% of
   * this). Default 0: no pings (incoming pings are still answered).
   */
  keep_alive_interval?: number | undefined;
  /** Seconds to wait for the pong to a ping before treating the flow as failed. Default 10. */
  keep_alive_timeout?: number | undefined;
  /**
   * Sends the keep-alive ping instead of a CRLF, for servers that ignore CRLF pings: the UA's
   * OPTIONS keep-alive (`UAOptions.keepAliveMethod: 'options'`). Calls `answered` when anything
   * answers it; returns false when it could not be sent. Used by `probe()` too. Default: none
   * (a CRLF ping, answered by a CRLF pong).
   */
  keep_alive_ping?: KeepAlivePing | undefined;
  /**
   * Seconds a connection attempt may take before it is abandoned and the next server is tried.
   * Default 5; 0 leaves it to the runtime (a browser waits out its TCP connect timeout, minutes
   * when a server's packets are dropped rather than refused).
   */
  connect_timeout?: number | undefined;
  /** Timer functions. Default: the global `setTimeout` / `clearTimeout`. */
  clock?: Clock | undefined;
  /** Random source in [0, 1) for backoff, tie-breaks and jitter. Default `Math.random`. */
  random?: (() => number) | undefined;
  /** Where to report connection events and dropped frames. Default: silent. */
  logger?: TransportLogger | undefined;
}

/**
 * A keep-alive ping other than CRLF (RFC 5626 §4.4.1 assumes the server answers those): sends one
 * request, calls `answered` on any answer, returns false when nothing could be sent.
 *
 * @example
 * const ping: KeepAlivePing = (answered) => sendOptionsRequest({ onResponse: answered });
 */
export type KeepAlivePing = (answered: () => void) => boolean;

/** {@link TransportOptions} with every default filled in and every value checked. */
export interface ResolvedTransportOptions {
  readonly recovery: RecoveryIntervals;
  /** 0 when keep-alive pings are off. */
  readonly keepAliveInterval: number;
  readonly keepAliveTimeout: number;
  readonly keepAlivePing: KeepAlivePing | undefined;
  /** In seconds; 0 when attempts have no timeout of their own. */
  readonly connectTimeout: number;
  readonly clock: Clock;
  readonly random: () => number;
  readonly logger: TransportLogger;
}

/** RFC 5626 §4.4.1: a pong not received within 10 seconds means the flow failed. */
const DEFAULT_KEEP_ALIVE_TIMEOUT = 10;

/**
 * A WebSocket handshake is TCP, TLS and an HTTP upgrade: 3-4 round trips. On a poor mobile link
 * (1 s round trips, one lost SYN retransmitted after RFC 6298's 1 s initial RTO) that is done in
 * about 5 s; a server that has not answered by then is gone or unreachable, and waiting longer
 * only delays the failover to the next one.
 */
const DEFAULT_CONNECT_TIMEOUT = 5;

/**
 * Fills in defaults and validates.
 *
 * @throws {TransportError} `invalid-option`, naming the option, e.g. when
 *   `connection_recovery_max_interval` is below `connection_recovery_min_interval`.
 * @example
 * ```ts
 * resolveTransportOptions({}).recovery; // { min: 2, max: 30 }
 * ```
 */
export function resolveTransportOptions(options: TransportOptions = {}): ResolvedTransportOptions {
  const min = seconds(
    'connection_recovery_min_interval',
    options.connection_recovery_min_interval,
    DEFAULT_RECOVERY_INTERVALS.min,
    false,
  );
  const max = seconds(
    'connection_recovery_max_interval',
    options.connection_recovery_max_interval,
    DEFAULT_RECOVERY_INTERVALS.max,
    false,
  );
  if (max < min) {
    invalid(
      'connection_recovery_max_interval',
      DEV
        ? `connection_recovery_max_interval (${max}) must not be below connection_recovery_min_interval (${min})`
        : `transport.recovery-max-below-min ${max} < ${min}`,
    );
  }
  return {
    recovery: Object.freeze({ min, max }),
    keepAliveInterval: seconds('keep_alive_interval', options.keep_alive_interval, 0, true),
    keepAliveTimeout: seconds(
      'keep_alive_timeout',
      options.keep_alive_timeout,
      DEFAULT_KEEP_ALIVE_TIMEOUT,
      false,
    ),
    keepAlivePing: ping(options.keep_alive_ping),
    connectTimeout: seconds(
      'connect_timeout',
      options.connect_timeout,
      DEFAULT_CONNECT_TIMEOUT,
      true,
    ),
    clock: options.clock ?? systemClock,
    random: options.random ?? Math.random,
    logger: options.logger ?? silentLogger,
  };
}

function ping(value: unknown): KeepAlivePing | undefined {
  if (value !== undefined && typeof value !== 'function') {
    invalid(
      'keep_alive_ping',
      DEV
        ? 'keep_alive_ping must be a function that sends one ping'
        : 'transport.ping-not-function',
    );
  }
  return value as KeepAlivePing | undefined;
}

function seconds(name: string, value: unknown, fallback: number, allowZero: boolean): number {
  if (value === undefined) return fallback;
  const ok =
    typeof value === 'number' && Number.isFinite(value) && (allowZero ? value >= 0 : value > 0);
  if (!ok) {
    invalid(
      name,
      DEV
        ? `${name} must be a ${allowZero ? 'non-negative' : 'positive'} number of seconds`
        : `transport.seconds ${name} ${String(value)}`,
    );
  }
  return value as number;
}

function invalid(parameter: string, message: string): never {
  throw new TransportError('invalid-option', message, { parameter });
}
