import { nowOf, SingleTimer } from './clock.js';
import { FailedServers } from './failed-servers.js';
import { FlowProbe } from './flow-probe.js';
import { KeepAlive } from './keep-alive.js';
import { classifyFrame, KEEP_ALIVE_PING, KEEP_ALIVE_PONG } from './keep-alive-frames.js';
import { recoveryDelay } from './recovery-delay.js';
import type { Socket } from './socket.js';
import {
  normalizeSockets,
  type SocketsConfiguration,
  type WeightedSocket,
} from './sockets-configuration.js';
import { orderByWeight } from './socket-order.js';
import {
  resolveTransportOptions,
  type ResolvedTransportOptions,
  type TransportOptions,
} from './transport-options.js';
import { TypedEmitter, type Listener } from './typed-emitter.js';
import { DEV } from '../diagnostics/dev-mode.js';

/**
 * How one connection attempt ended: the socket opened, it failed before opening (refused, a
 * failed handshake, or `connect()` threw), or nothing answered within `connect_timeout`.
 */
export type ConnectionAttemptOutcome = 'connected' | 'refused' | 'timed-out';

/** Where the transport is: trying a socket, connected through one, or neither. */
export type TransportState = 'disconnected' | 'connecting' | 'connected';

/**
 * Events of a {@link Transport} and their payloads.
 *
 * @example
 * ```ts
 * transport.on('disconnected', ({ socket, error, code }) => console.log(socket.url, error, code));
 * ```
 */
export interface TransportEvents {
  /** A connection attempt starts on `socket`; `attempt` is the recovery attempt count (0 at first). */
  connecting: { readonly socket: Socket; readonly attempt: number };
  /**
   * A connection attempt on `socket` (server `url`) ended with `outcome`, `elapsed` ms after it
   * started. Emitted before the `connected` or `disconnected` event it leads to; an attempt
   * abandoned by `disconnect()` has none.
   */
  attempt: {
    readonly socket: Socket;
    readonly url: string;
    readonly outcome: ConnectionAttemptOutcome;
    readonly elapsed: number;
  };
  /** `socket` is open; the recovery backoff has been reset. */
  connected: { readonly socket: Socket };
  /**
   * An attempt failed, a connection was lost, or `disconnect()` was called (then `error` is false).
   * `code` and `reason` are the WebSocket close code and reason when known.
   */
  disconnected: {
    readonly socket: Socket;
    readonly error: boolean;
    readonly code: number | undefined;
    readonly reason: string | undefined;
  };
  /** Every socket failed or the connection was lost: a new cycle starts in `delay` ms. */
  recovery: { readonly attempt: number; readonly delay: number };
  /** One received SIP message (never a keep-alive or a blank frame). */
  data: { readonly socket: Socket; readonly data: string };
}

/**
 * Which transport last attached itself to each socket. Sockets are objects the app may share
 * (a module-level `WebSocketInterface` reused by a new UA while the old one is still stopping):
 * a transport that lost its socket to another one must not close the connection under it.
 */
const socketOwners = new WeakMap<Socket, Transport>();

/**
 * Keeps one SIP connection up over a set of weighted sockets.
 *
 * - Cycle: sockets are tried by descending weight, random among equal weights, except that the
 *   servers that just failed (an attempt, or a connection lost) go last (`failed-servers.ts`); a
 *   failed attempt moves straight to the next socket.
 * - Connect timeout: an attempt that has not opened within `connect_timeout` is abandoned (the
 *   socket closed, its late events ignored) and reported as `timed-out`: a server whose packets
 *   are dropped never refuses, and the runtime's own TCP timeout takes minutes.
 * - Recovery: when the whole cycle failed, or an established connection is lost, the transport
 *   waits `recoveryDelay(k)` (see `recovery-delay.ts`) and starts a new cycle; `k` counts these
 *   waits and is reset to 0 by every successful connection.
 * - Keep-alive (RFC 5626 §4.4.1, optional): see {@link TransportOptions}. A missing pong closes
 *   the socket and goes through recovery. Incoming pings are answered; CRLF and blank frames are
 *   never emitted as `data`.
 * - `disconnect()` closes the connection, cancels every timer and never reconnects by itself.
 *
 * @example
 * ```ts
 * const transport = new Transport(
 *   [{ socket: new WebSocketInterface('wss://a.example.com'), weight: 10 },
 *    { socket: new WebSocketInterface('wss://b.example.com'), weight: 1 }],
 *   { connection_recovery_min_interval: 2, keep_alive_interval: 25 },
 * );
 * transport.on('data', ({ data }) => parser.feed(data));
 * transport.on('connected', () => transport.send(register));
 * transport.connect();
 * ```
 */
export class Transport {
  /** The normalised `sockets` configuration, in configuration order. */
  readonly sockets: readonly WeightedSocket[];
  readonly #options: ResolvedTransportOptions;
  readonly #events: TypedEmitter<TransportEvents>;
  readonly #recoveryTimer: SingleTimer;
  readonly #connectTimer: SingleTimer;
  /** The answer a `probe()` waits for: any frame from the server before it gives up. */
  readonly #probe: FlowProbe;
  readonly #failed = new FailedServers();
  #attemptStartedAt = 0;
  readonly #keepAlive: KeepAlive | null;
  #stateValue: TransportState = 'disconnected';
  #running = false;
  #current: Socket | null = null;
  #cycle: Socket[] = [];
  #cycleIndex = 0;
  #recoveryAttempt = 0;
  /** Bumped whenever the current attempt is abandoned, so its late callbacks are ignored. */
  #attemptToken = 0;
  /** Counts keep-alive pings, so a late answer to an older one is not taken for the latest. */
  #pings = 0;

  /** @throws {TransportError} `invalid-sockets` or `invalid-option`. */
  constructor(sockets: SocketsConfiguration, options: TransportOptions = {}) {
    this.sockets = normalizeSockets(sockets);
    this.#options = resolveTransportOptions(options);
    const { logger, clock, random } = this.#options;
    this.#events = new TypedEmitter<TransportEvents>((error, event) =>
      logger.error(
        DEV ? `transport: a "${event}" listener threw` : `transport.listener-threw ${event}`,
        error,
      ),
    );
    this.#recoveryTimer = new SingleTimer(clock);
    this.#connectTimer = new SingleTimer(clock);
    this.#probe = new FlowProbe(clock);
    this.#keepAlive =
      this.#options.keepAliveInterval > 0
        ? new KeepAlive({
            interval: this.#options.keepAliveInterval,
            timeout: this.#options.keepAliveTimeout,
            clock,
            random,
            send: (frame) => {
              const id = ++this.#pings;
              return this.#ping(frame, () => {
                if (id === this.#pings) this.#keepAlive?.pongReceived();
              });
            },
            answer: this.#options.keepAlivePing === undefined ? 'pong' : 'answer to the ping',
            onFailure: (reason) => this.#flowFailed(reason),
          })
        : null;
  }

  /** Current state; see {@link TransportState}. */
  get state(): TransportState {
    return this.#stateValue;
  }

  /** The socket in use (connected or being tried), else the first one a cycle would try. */
  get socket(): Socket {
    return this.#current ?? topSocket(this.sockets);
  }

  /** Via transport of {@link socket} (`WS` / `WSS`). */
  get via_transport(): string {
    return this.socket.via_transport;
  }

  /** URL of {@link socket}. */
  get url(): string {
    return this.socket.url;
  }

  /** SIP URI of {@link socket}. */
  get sip_uri(): string {
    return this.socket.sip_uri;
  }

  /** True while waiting before the next connection cycle. */
  get recovering(): boolean {
    return this.#recoveryTimer.pending;
  }

  isConnected(): boolean {
    return this.#stateValue === 'connected';
  }

  isConnecting(): boolean {
    return this.#stateValue === 'connecting';
  }

  /** Adds a listener; returns a function that removes it. */
  on<K extends keyof TransportEvents>(
    event: K,
    listener: Listener<TransportEvents[K]>,
  ): () => void {
    return this.#events.on(event, listener);
  }

  /** Adds a one-shot listener; returns a function that removes it. */
  once<K extends keyof TransportEvents>(
    event: K,
    listener: Listener<TransportEvents[K]>,
  ): () => void {
    return this.#events.once(event, listener);
  }

  /** Removes a listener added with `on`. */
  off<K extends keyof TransportEvents>(event: K, listener: Listener<TransportEvents[K]>): void {
    this.#events.off(event, listener);
  }

  /**
   * Starts connecting (and keeps the connection up until `disconnect()`). While waiting to
   * recover, skips the wait and starts a new cycle now; otherwise a no-op when already started.
   */
  connect(): void {
    if (this.#running && !this.#recoveryTimer.pending) return;
    this.#recoveryTimer.cancel();
    // A fresh start (not a skipped wait) begins with the shortest backoff again.
    if (!this.#running) this.#recoveryAttempt = 0;
    this.#running = true;
    this.#startCycle();
  }

  /**
   * Closes the connection or attempt, cancels pending recovery and keep-alive timers, and emits
   * `disconnected` (error false) unless already disconnected. Nothing reconnects afterwards.
   */
  disconnect(): void {
    if (!this.#running) return;
    this.#running = false;
    this.#recoveryTimer.cancel();
    this.#connectTimer.cancel();
    this.#probe.cancel();
    this.#keepAlive?.stop();
    const socket = this.#current;
    const wasDisconnected = this.#stateValue === 'disconnected';
    this.#abandonAttempt();
    this.#stateValue = 'disconnected';
    if (socket === null || wasDisconnected) return;
    if (socketOwners.get(socket) === this) socket.disconnect();
    this.#options.logger.debug(
      DEV ? `transport: ${socket.url} closed on request` : `transport.closed ${socket.url}`,
    );
    this.#events.emit('disconnected', { socket, error: false, code: undefined, reason: undefined });
  }

  /**
   * Drops whatever the transport is doing and starts a new cycle now, without the recovery wait:
   * the open connection is closed (`disconnected` with `error: true` and `reason`), an attempt
   * in progress is abandoned, a recovery wait is cut short. For a flow found dead (a REGISTER or
   * probe nobody answered) or a network that changed under it (an `online` event). With
   * `blameServer` the server goes to the back of the next cycles (`failed-servers.ts`); a network
   * change is not the server's fault. A no-op once `disconnect()` was called.
   *
   * @example
   * window.addEventListener('online', () => transport.reconnect('network back online', false));
   */
  reconnect(reason: string, blameServer: boolean): void {
    if (!this.#running) return;
    this.#probe.cancel();
    const socket = this.#current;
    if (this.#stateValue === 'connected' && socket !== null) {
      this.#options.logger.warn(
        DEV
          ? `transport: ${socket.url}: ${reason}; reconnecting now`
          : `transport.reconnect ${socket.url}: ${reason}`,
      );
      this.#abandonAttempt();
      if (socketOwners.get(socket) === this) socket.disconnect();
      return this.#handleDisconnect(socket, true, undefined, reason, 'refused', {
        blame: blameServer,
        wait: false,
      });
    }
    if (this.#stateValue === 'connecting' && socket !== null) {
      // An attempt started on the network that just went away may hang until its timeout.
      this.#options.logger.debug(
        DEV
          ? `transport: ${reason}; attempt on ${socket.url} abandoned`
          : `transport.attempt-abandoned ${socket.url}: ${reason}`,
      );
      this.#abandonAttempt();
      this.#connectTimer.cancel();
      if (socketOwners.get(socket) === this) socket.disconnect();
      this.#stateValue = 'disconnected';
    }
    this.#recoveryTimer.cancel();
    this.#startCycle();
  }

  /**
   * Asks the open connection for a sign of life: sends a CRLF ping (RFC 5626 §4.4.1; the OPTIONS
   * ping when configured) and, when
   * nothing at all (pong or message) arrives within `timeout` ms, reconnects at once as
   * {@link reconnect} does (server not blamed). For a network change or a call whose media
   * stalled: an interface that went away takes its connection with it silently, and the
   * keep-alive or a 30 s ICE consent timeout would notice only much later. Resolves true when the
   * flow answered, false when it did not (or there was no open connection): a reconnection is
   * then under way. One probe at a time: a probe asked for while one runs joins it.
   *
   * @example
   * navigator.connection.addEventListener('change', () => transport.probe(2000, 'network changed'));
   */
  probe(timeout: number, reason: string): Promise<boolean> {
    if (this.#stateValue !== 'connected') return Promise.resolve(false);
    if (this.#probe.pending) return this.#probe.start(timeout, noop);
    const alive = this.#probe.start(timeout, () =>
      this.reconnect(`${reason}: no answer to a probe within ${timeout} ms`, false),
    );
    // Any frame back answers the probe (`#handleData`), the answer to an OPTIONS ping included.
    if (!this.#ping(KEEP_ALIVE_PING, () => this.#probe.answered())) {
      this.reconnect(`${reason}: the probe could not be sent`, false);
    }
    return alive;
  }

  /** Alias of {@link disconnect}, for symmetry with the UA's `start()` / `stop()`. */
  stop(): void {
    this.disconnect();
  }

  /** Sends one SIP message on the connected socket; false when not connected or not sent. */
  send(message: string): boolean {
    if (this.#stateValue !== 'connected' || this.#current === null) {
      this.#options.logger.debug(
        DEV ? 'transport: send() while not connected, message not sent' : 'transport.not-sent',
      );
      return false;
    }
    return this.#current.send(message);
  }

  /**
   * One ping on the open connection: the CRLF `frame` (answered by the pong, `#handleData`), or
   * the configured `keep_alive_ping` (an OPTIONS, for servers that ignore CRLF).
   */
  #ping(frame: string, answered: () => void): boolean {
    const custom = this.#options.keepAlivePing;
    if (custom === undefined) return this.#current?.send(frame) ?? false;
    return this.#stateValue === 'connected' && custom(answered);
  }

  #startCycle(): void {
    const byWeight = orderByWeight(this.sockets, this.#options.random).map((entry) => entry.socket);
    this.#cycle = this.#failed.order(byWeight, nowOf(this.#options.clock));
    this.#cycleIndex = 0;
    this.#attempt();
  }

  #attempt(): void {
    const socket = this.#cycle[this.#cycleIndex];
    if (socket === undefined) return this.#scheduleRecovery();
    const token = ++this.#attemptToken;
    const live = (): boolean => token === this.#attemptToken;
    this.#current = socket;
    socketOwners.set(socket, this);
    socket.onconnect = () => {
      if (live()) this.#handleConnect(socket);
    };
    socket.ondisconnect = (error, code, reason) => {
      if (live()) this.#handleDisconnect(socket, error, code, reason);
    };
    socket.ondata = (data) => {
      if (live()) this.#handleData(socket, data);
    };
    this.#stateValue = 'connecting';
    this.#options.logger.debug(`transport: connecting to ${socket.url}`);
    this.#events.emit('connecting', { socket, attempt: this.#recoveryAttempt });
    if (!live()) return; // a listener called disconnect()
    this.#attemptStartedAt = nowOf(this.#options.clock);
    const timeout = this.#options.connectTimeout;
    if (timeout > 0) {
      this.#connectTimer.schedule(timeout * 1000, () => {
        if (!live() || this.#stateValue !== 'connecting') return;
        this.#options.logger.warn(
          DEV
            ? `transport: ${socket.url} did not answer within ${timeout} s`
            : `transport.connect-timeout ${socket.url} ${timeout} s`,
        );
        this.#abandonAttempt();
        if (socketOwners.get(socket) === this) socket.disconnect();
        this.#handleDisconnect(
          socket,
          true,
          undefined,
          `no answer within ${timeout} s`,
          'timed-out',
        );
      });
    }
    this.#connectSocket(socket, live);
  }

  #connectSocket(socket: Socket, live: () => boolean): void {
    try {
      socket.connect();
    } catch (error) {
      this.#options.logger.error(
        DEV ? `transport: ${socket.url} connect() threw` : `transport.connect-threw ${socket.url}`,
        error,
      );
      if (live()) this.#handleDisconnect(socket, true, undefined, errorMessage(error));
      return;
    }
    // A socket that was already open does not call onconnect again.
    if (live() && this.#stateValue === 'connecting' && socket.isConnected()) {
      this.#handleConnect(socket);
    }
  }

  #handleConnect(socket: Socket): void {
    if (this.#stateValue === 'connected') return;
    this.#connectTimer.cancel();
    this.#stateValue = 'connected';
    this.#recoveryAttempt = 0;
    this.#failed.clear(socket);
    const token = this.#attemptToken;
    this.#emitAttempt(socket, 'connected');
    if (token !== this.#attemptToken) return; // a listener called disconnect()
    this.#options.logger.debug(`transport: connected to ${socket.url}`);
    this.#keepAlive?.start();
    this.#events.emit('connected', { socket });
  }

  #handleDisconnect(
    socket: Socket,
    error: boolean,
    code: number | undefined,
    reason: string | undefined,
    outcome: ConnectionAttemptOutcome = 'refused',
    how: { readonly blame: boolean; readonly wait: boolean } = { blame: true, wait: true },
  ): void {
    const wasConnected = this.#stateValue === 'connected';
    this.#abandonAttempt();
    this.#connectTimer.cancel();
    this.#probe.cancel();
    this.#keepAlive?.stop();
    this.#stateValue = 'disconnected';
    // A clean close is a server going away on purpose; anything else counts against it.
    if (error && how.blame) this.#failed.record(socket, nowOf(this.#options.clock));
    if (!wasConnected) this.#emitAttempt(socket, outcome);
    this.#options.logger.debug(
      DEV
        ? `transport: ${socket.url} disconnected (code ${String(code)})`
        : `transport.disconnected ${socket.url} ${String(code)}`,
    );
    this.#events.emit('disconnected', { socket, error, code, reason });
    if (!this.#running) return; // a listener called disconnect()
    if (wasConnected) return how.wait ? this.#scheduleRecovery() : this.#startCycle();
    // Failover: the next socket of this cycle is tried at once; recovery waits only between cycles.
    this.#cycleIndex += 1;
    if (this.#cycleIndex < this.#cycle.length) this.#attempt();
    else this.#scheduleRecovery();
  }

  #handleData(socket: Socket, data: string): void {
    // Any frame answers a probe: the flow carries traffic both ways.
    this.#probe.answered();
    // RFC 5626 §4.4.1: answer pings, consume pongs; neither is a SIP message.
    switch (classifyFrame(data)) {
      case 'ping':
        this.#options.logger.debug(
          DEV
            ? `transport: keep-alive ping from ${socket.url}, sending pong`
            : `transport.ping ${socket.url}`,
        );
        socket.send(KEEP_ALIVE_PONG);
        return;
      case 'pong':
        if (this.#keepAlive?.pongReceived() !== true) {
          this.#options.logger.debug(
            DEV
              ? `transport: unsolicited pong from ${socket.url} ignored`
              : `transport.unsolicited-pong ${socket.url}`,
          );
        }
        return;
      case 'blank':
        this.#options.logger.debug(
          DEV
            ? `transport: blank frame from ${socket.url} dropped`
            : `transport.blank-frame ${socket.url}`,
        );
        return;
      case 'message':
        this.#events.emit('data', { socket, data });
    }
  }

  /** RFC 5626 §4.4.1: no pong means the flow failed: close it ourselves and recover. */
  #flowFailed(reason: string): void {
    const socket = this.#current;
    if (socket === null || this.#stateValue !== 'connected') return;
    this.#options.logger.warn(
      DEV
        ? `transport: ${socket.url}: ${reason}; reconnecting`
        : `transport.flow-failed ${socket.url}: ${reason}`,
    );
    this.#abandonAttempt();
    if (socketOwners.get(socket) === this) socket.disconnect();
    this.#handleDisconnect(socket, true, undefined, reason);
  }

  #emitAttempt(socket: Socket, outcome: ConnectionAttemptOutcome): void {
    const elapsed = nowOf(this.#options.clock) - this.#attemptStartedAt;
    this.#events.emit('attempt', { socket, url: socket.url, outcome, elapsed });
  }

  #scheduleRecovery(): void {
    const attempt = this.#recoveryAttempt;
    const delay = recoveryDelay(attempt, this.#options.recovery, this.#options.random);
    this.#recoveryAttempt += 1;
    // Scheduled before emitting so that a listener calling disconnect() cancels it.
    this.#recoveryTimer.schedule(delay, () => this.#startCycle());
    const ms = Math.round(delay);
    this.#options.logger.debug(
      DEV
        ? `transport: recovery attempt ${attempt} in ${ms} ms`
        : `transport.recovery ${attempt} ${ms} ms`,
    );
    this.#events.emit('recovery', { attempt, delay });
  }

  /** Ignores whatever the current socket reports from now on (e.g. the close we asked for). */
  #abandonAttempt(): void {
    this.#attemptToken += 1;
  }
}

function noop(): void {}

function topSocket(sockets: readonly WeightedSocket[]): Socket {
  const best = sockets.reduce((a, b) => (b.weight > a.weight ? b : a));
  return best.socket;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
