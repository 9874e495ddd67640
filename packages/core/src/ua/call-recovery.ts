import type { Session } from '../session/session.js';
import { nowOf, SingleTimer, type Clock } from '../transport/clock.js';
import type { Socket, TypedEmitter } from '../transport/index.js';
import type { NetworkChange } from './network-watch.js';
import type { UAEvents } from './ua-events.js';
import type { UALogger } from './ua-options.js';

/** Default `UAOptions.callRecoveryTimeout` (s): Timer F, as long as a request waits for its answer. */
export const DEFAULT_CALL_RECOVERY_TIMEOUT = 32;

/**
 * How long a probe of the connection may go unanswered when a call's media broke (ms), shorter
 * than after a network change (2 s): the media already says something is wrong, and every
 * second of the probe is a second of silence in the call. The edge proxy answers a CRLF ping
 * itself (one round trip: a few ms on a LAN, 100-300 ms on mobile data, rarely over 600 ms on a
 * usable link); a flow that keeps quiet 1 s is treated as dead. Wrongly so costs one reconnection
 * and REGISTER, and the call goes on (its target refresh then moves it to the new flow).
 */
export const MEDIA_PROBE_TIMEOUT_MS = 1000;

/** What `CallRecovery` needs from the UA and its calls. */
export interface CallRecoveryParts {
  readonly events: TypedEmitter<UAEvents>;
  readonly sessions: () => readonly Session[];
  /** True when the UA registers: after a reconnection the REGISTER goes first. */
  readonly registers: boolean;
  readonly clock: Clock;
  readonly logger: UALogger;
  /** Seconds to wait for the connection (`UAOptions.callRecoveryTimeout`). */
  readonly timeout: number;
  /** Probes the open connection, replacing it when it does not answer (`Transport.probe`). */
  readonly probe: (reason: string, timeout: number) => Promise<boolean>;
}

/**
 * Where the connection is for the calls: `up`, `down` (lost, waiting for a new connection), or
 * `registering` (connected again, waiting for the REGISTER's answer before anything else).
 */
type SignallingState = 'up' | 'down' | 'registering';

/**
 * The calls' signalling recovery across a lost connection (issue 20): a WebSocket client is
 * reachable only over the connection its Contact was last sent on (RFC 7118 §5, RFC 5626 §5.3).
 *
 * - Lost while calls are up: each established call reports `connection` `reconnecting`; the UA
 *   emits `reconnecting`. In-dialog requests wait (`signallingReady`) instead of failing.
 * - Connected again (same server or another): the REGISTER first (when the UA registers), then
 *   the queued requests go and each call that was up refreshes its remote target over the new
 *   connection (`TargetRefresh`); the UA emits `recovered` when all are done.
 * - Not back within `timeout`: the calls still waiting end with `Connection Error`, queued
 *   requests fail, the UA emits `recoveryFailed`.
 *
 * - A call's media breaks (its audio stalls, ICE goes `disconnected` or `failed`): the
 *   connection is probed at once (`probe`), with a shorter timeout than after a network change. An interface that went away takes the
 *   WebSocket with it silently, and browsers do not always say so (Chromium fires no event when
 *   an interface is deleted); the probe finds the flow dead within the probe timeout and the
 *   recovery above runs. The transport keeps one probe in flight, however many calls ask.
 *
 * A call whose connection never dropped never re-INVITEs.
 *
 * @example
 * const recovery = new CallRecovery({ events, sessions: () => registry.all(), registers: true,
 *   clock: systemClock, logger: console, timeout: 32,
 *   probe: (why, ms) => transport.probe(ms, why) });
 * const context = { ...sessionContext, signallingReady: () => recovery.ready() };
 */
export class CallRecovery {
  readonly #parts: CallRecoveryParts;
  readonly #deadline: SingleTimer;
  #state: SignallingState = 'up';
  #lostAt = 0;
  /** The deadline passed during this outage: requests fail at once until connected again. */
  #expired = false;
  #waiters: Array<(ok: boolean) => void> = [];
  /** The connection the calls are recovering onto. */
  #socket: Socket | undefined;

  constructor(parts: CallRecoveryParts) {
    this.#parts = parts;
    this.#deadline = new SingleTimer(parts.clock);
    // For as long as the UA lives (the calls feature is never detached from it).
    const { events } = parts;
    events.on('disconnected', ({ reason }) => this.#lost(reason ?? 'connection lost'));
    events.on('connected', ({ socket }) => this.#connected(socket));
    events.on('registered', () => this.#registeredOrNot());
    events.on('registrationFailed', () => this.#registeredOrNot());
  }

  /** See `SessionContext.signallingReady`. */
  ready(): true | Promise<boolean> {
    if (this.#state === 'up') return true;
    if (this.#expired) return Promise.resolve(false);
    this.#armDeadline();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** The network changed: every established call restarts ICE (its offer waits for signalling). */
  networkChanged(change: NetworkChange): void {
    if (change === 'offline') return; // nothing can be negotiated until the network is back
    for (const session of this.#parts.sessions()) {
      if (session.status === 'confirmed') void restartIce(session);
    }
  }

  /**
   * A call's media broke (its audio stalled, ICE went `disconnected` or `failed`): the same
   * network trouble may have killed the WebSocket without a word, so the connection is probed
   * (`MEDIA_PROBE_TIMEOUT_MS`); a dead flow is replaced: reconnect, REGISTER, target refresh.
   * True when the flow answered (the trouble is on the media path, or the far end moved); false
   * when it is down or was found dead (the reconnection is under way).
   */
  probe(reason: string): Promise<boolean> {
    if (this.#state !== 'up') return Promise.resolve(false);
    return this.#parts.probe(reason, MEDIA_PROBE_TIMEOUT_MS);
  }

  /**
   * A call resumed from another user agent's state (`resumeCall`): the far end still knows only
   * the old UA's flow, so the call refreshes its target with a re-INVITE over ours, as after a
   * reconnection: at once when `flow` is `up` (connected, and registered when the UA registers),
   * else once it is. Requests of the call wait for that meanwhile, up to the recovery timeout.
   */
  adopt(session: Session, flow: 'up' | 'registering' | 'down'): void {
    session.signallingRecovery.connectionLost('resumed from another user agent', true);
    if (this.#state !== 'up') return; // the outage's end refreshes it with the others
    if (flow === 'up') return void session.signallingRecovery.refresh();
    this.#state = flow;
    this.#lostAt = nowOf(this.#parts.clock);
    this.#expired = false;
    this.#armDeadline();
  }

  /** The UA stops (its calls were just ended): queued requests fail, no timer stays. */
  close(): void {
    this.#deadline.cancel();
    this.#release(false);
    this.#state = 'up';
    this.#expired = false;
  }

  #lost(reason: string): void {
    // Attempts that fail while recovering are the same outage, reported once.
    const first = this.#state === 'up';
    if (first) {
      this.#lostAt = nowOf(this.#parts.clock);
      this.#expired = false;
    }
    this.#state = 'down';
    let calls = 0;
    for (const session of this.#parts.sessions()) {
      if (!session.isEstablished()) continue;
      const recovery = session.signallingRecovery;
      if (!recovery.lost) recovery.connectionLost(reason);
      calls += 1;
    }
    if (calls === 0 && this.#waiters.length === 0) return;
    this.#armDeadline();
    if (first) this.#parts.events.emit('reconnecting', { reason, calls });
  }

  #connected(socket: Socket): void {
    if (this.#state === 'up') return;
    this.#socket = socket;
    if (this.#parts.registers) this.#state = 'registering';
    else this.#resume();
  }

  // RFC 5626 §4.2.1 order: the flow is registered again before the dialogs are moved onto it.
  #registeredOrNot(): void {
    if (this.#state === 'registering') this.#resume();
  }

  #resume(): void {
    this.#state = 'up';
    this.#expired = false;
    this.#deadline.cancel();
    this.#release(true);
    const lostAt = this.#lostAt;
    const socket = this.#socket;
    const waiting = this.#parts.sessions().filter((s) => s.signallingRecovery.lost);
    if (waiting.length === 0) return;
    void Promise.all(waiting.map((session) => session.signallingRecovery.refresh())).then(
      (outcomes) => {
        const calls = outcomes.filter((outcome) => outcome === 'refreshed').length;
        const elapsed = nowOf(this.#parts.clock) - lostAt;
        this.#parts.logger.debug(`ua: signalling recovered in ${elapsed} ms, ${calls} calls`);
        // Calls resumed while the UA was connected but not yet registered saw no reconnection.
        if (socket !== undefined) this.#parts.events.emit('recovered', { socket, calls, elapsed });
      },
    );
  }

  /** Starts the outage's deadline once something waits on it (calls or requests). */
  #armDeadline(): void {
    if (this.#deadline.pending || this.#expired) return;
    const remaining = this.#lostAt + this.#parts.timeout * 1000 - nowOf(this.#parts.clock);
    this.#deadline.schedule(Math.max(0, remaining), () => this.#expire());
  }

  #expire(): void {
    this.#expired = true;
    const reason = `connection not back within ${this.#parts.timeout} s`;
    let calls = 0;
    for (const session of this.#parts.sessions()) {
      if (session.isEnded() || !session.signallingRecovery.lost) continue;
      calls += 1;
      session.signallingRecovery.fail(reason);
    }
    const requests = this.#waiters.length;
    this.#release(false);
    this.#parts.logger.warn(`ua: ${reason}: ${calls} calls ended, ${requests} requests failed`);
    this.#parts.events.emit('recoveryFailed', { reason, calls, requests });
  }

  #release(ok: boolean): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const resolve of waiters) resolve(ok);
  }
}

/**
 * The one place a call's media recovery is asked for on a network change: an ICE restart
 * (RFC 8445 §9) in a new offer, by the session's media recovery (`session.restartIce()`).
 */
function restartIce(session: Session): Promise<boolean> {
  return session.restartIce();
}
