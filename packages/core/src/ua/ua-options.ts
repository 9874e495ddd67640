import type { Clock, TransportLogger } from '../transport/index.js';
import type { MediaHandlerFactory } from '../media/index.js';
import type { TransactionTimerOptions } from '../transaction/index.js';
import type { IceRestartOptions } from '../session/ice-restart-options.js';
import type { NetworkEnvironment } from './network-watch.js';
import type { KeepAliveMethod } from './options-keep-alive.js';
import type { PageLifecycle } from './page-lifecycle.js';

/** Where a UA reports what it does. `console` works. SIP messages are logged with secrets redacted. */
export type UALogger = TransportLogger;

/**
 * Runtime options that are not part of JsSIP's configuration contract: the second argument of
 * `new UA(configuration, options)`. Mostly for tests and special runtimes.
 *
 * @example new UA(configuration, { logger: console })
 */
export interface UAOptions {
  /** Timer functions; default the global ones (so Vitest fake timers apply). */
  readonly clock?: Clock;
  readonly logger?: UALogger;
  /** RFC 3261 T1/T2/T4 overrides (ms). */
  readonly timers?: TransactionTimerOptions;
  /** Keep-alive interval in seconds (default 0: off): a ping every 80-100% of it (RFC 5626 §4.4.1). */
  readonly keepAliveInterval?: number;
  /**
   * Seconds a keep-alive ping may go unanswered before the flow counts as dead (default 10):
   * the connection is closed and recovered (reconnect, re-register, calls recovered).
   */
  readonly keepAliveTimeout?: number;
  /**
   * What a keep-alive ping is (default `'crlf'`, RFC 5626 §4.4.1): `'options'` sends an
   * out-of-dialog OPTIONS to the registrar (`Max-Forwards: 0`, answered by the first hop), for
   * servers that ignore CRLF pings; any response, even a 4xx or 5xx, means the flow is alive.
   * Network-change probes use the same ping.
   */
  readonly keepAliveMethod?: KeepAliveMethod;
  /**
   * On `pagehide`, end every call (BYE; CANCEL for an outgoing call not yet answered; 480 for
   * an incoming one ringing), unregister and close the connection, all sent at once before the
   * page goes (default true). A page restored from the back/forward cache starts again.
   * `false` leaves calls and registration to the server's timeouts, as JsSIP does.
   */
  readonly endCallsOnUnload?: boolean;
  /**
   * Where page unloads come from (`pagehide` / `pageshow`). Default `browserPageLifecycle()`
   * (the window, when there is one); `null` watches nothing.
   */
  readonly pageLifecycle?: PageLifecycle | null;
  /**
   * Seconds a connection attempt may take before the server is given up and the next one of
   * `sockets` tried (default 5; 0: wait for the browser, minutes for a server that went silent).
   * Each attempt is reported as `connectionAttempt`.
   */
  readonly connectTimeout?: number;
  /**
   * Media recovery of every call (a call's own `iceRestart` option wins): when ICE stays
   * `disconnected` past `gracePeriod` (s, default 2) or goes `failed`, the call restarts ICE with a
   * new offer, up to `attempts` times (default 5), and ends with "Media Recovery Failed" when
   * media is not back within `deadline` (s, default 30). `false`: no automatic restart (a failed
   * ICE ends the call, as in JsSIP). UA-only (`UserAgent` has no calls).
   */
  readonly iceRestart?: IceRestartOptions | false;
  /** Longest wait in `stop()` for the un-REGISTER to be answered, in ms (default 2000). */
  readonly stopTimeout?: number;
  /** Makes each call's media handler; default WebRTC (`createWebRtcMediaHandler`). */
  readonly mediaHandlerFactory?: MediaHandlerFactory;
  /**
   * Where network changes come from (`online` / `offline`, `navigator.connection` changes): each
   * one makes the UA probe its connection or reconnect at once, and restart ICE in every call.
   * Default `browserNetwork()` (the window, when there is one); `null` watches nothing.
   */
  readonly network?: NetworkEnvironment | null;
  /**
   * Seconds the calls of a UA wait for a lost connection to come back (default 32, Timer F: as
   * long as a request would have waited for its answer). Meanwhile in-dialog requests (BYE,
   * INFO, re-INVITE, UPDATE, REFER, NOTIFY, session refreshes) are queued and sent once the UA is
   * connected (and registered again); past it, every call still waiting ends with cause
   * `Connection Error`, queued requests fail, and the UA emits `recoveryFailed`. 0: no waiting.
   */
  readonly callRecoveryTimeout?: number;
  /** Random numbers in [0, 1) for protocol delays (RFC 3261 §14.1 glare); default Math.random. */
  readonly random?: () => number;
}
