import { decodeFrame } from './frame-decoder.js';
import { recordInvalidSocketUrl } from './invalid-socket-url.js';
import { silentLogger, type TransportLogger } from './logger.js';
import type { Socket } from './socket.js';
import { TransportError } from './transport-error.js';
import type {
  WebSocketCloseEventLike,
  WebSocketConstructor,
  WebSocketLike,
  WebSocketMessageEventLike,
} from './websocket-like.js';
import { parseWebSocketUrl } from './websocket-url.js';
import { DEV } from '../diagnostics/dev-mode.js';

/** RFC 7118 §4: the WebSocket subprotocol a SIP client asks for in its handshake. */
export const SIP_SUBPROTOCOL = 'sip';

/** Options of {@link WebSocketInterface}. */
export interface WebSocketInterfaceOptions {
  /**
   * The WebSocket constructor to use. Default: the global `WebSocket` at `connect()` time (every
   * browser; Node 22+). In Node 20 pass the npm `ws` package's `WebSocket`.
   */
  WebSocket?: WebSocketConstructor | undefined;
  /** Where to report dropped frames and socket errors. Default: silent. */
  logger?: TransportLogger | undefined;
}

type SocketState = 'closed' | 'connecting' | 'open';

const noop = (): void => undefined;

/**
 * A {@link Socket} over a WebSocket with the `sip` subprotocol (RFC 7118). One instance is one
 * server URL; it can connect, close and connect again any number of times.
 *
 * - URL: `ws:` or `wss:` only, checked at construction but never thrown there: a socket built
 *   from a bad URL makes the configuration that holds it invalid (`ConfigurationError` for
 *   `sockets` from `new UA()`, shown by `<SipProvider>`), and its `connect()` throws the
 *   {@link TransportError} (`parameter: 'url'`). Unlike JsSIP's constructor, which throws, so that
 *   a typo written inline in a React `config` cannot blank the page.
 * - `via_transport` is `WS` or `WSS`; `sip_uri` is `sip:<host>[:<port>];transport=ws`.
 * - Every received WebSocket message, text or binary (decoded as UTF-8), is passed to `ondata` as
 *   one string; a frame that cannot be decoded is dropped and logged, the connection stays up.
 * - `send()` sends one text frame per message and returns false when not open.
 * - `disconnect()` closes with code 1000 and does not call `ondisconnect`.
 *
 * @example
 * ```ts
 * // Browser:
 * const socket = new WebSocketInterface('wss://sip.example.com:8443');
 * // Node 20:
 * import { WebSocket } from 'ws';
 * const nodeSocket = new WebSocketInterface('ws://127.0.0.1:5066', { WebSocket });
 * ```
 */
export class WebSocketInterface implements Socket {
  readonly url: string;
  readonly via_transport: 'WS' | 'WSS';
  readonly sip_uri: string;
  onconnect: () => void = noop;
  ondisconnect: (error: boolean, code?: number, reason?: string) => void = noop;
  ondata: (data: string) => void = noop;

  readonly #injectedConstructor: WebSocketConstructor | undefined;
  readonly #logger: TransportLogger;
  readonly #urlError: TransportError | undefined;
  #ws: WebSocketLike | null = null;
  #state: SocketState = 'closed';

  /** Never throws; see the class comment for where a bad URL is reported. */
  constructor(url: string, options: WebSocketInterfaceOptions = {}) {
    this.url = url;
    this.#injectedConstructor = options.WebSocket;
    this.#logger = options.logger ?? silentLogger;
    let parsed;
    try {
      parsed = parseWebSocketUrl(url);
    } catch (error) {
      if (!(error instanceof TransportError)) throw error;
      this.#urlError = error;
      recordInvalidSocketUrl(this, error);
    }
    this.via_transport = parsed?.via_transport ?? 'WS';
    this.sip_uri = parsed?.sip_uri ?? '';
  }

  /**
   * Opens the WebSocket; no-op if already open or connecting.
   *
   * @throws {TransportError} `invalid-url` / `unsupported-scheme` (`parameter: 'url'`) when the
   *   socket was built from a bad URL; `websocket-unavailable` when there is no WebSocket
   *   constructor (or it threw, e.g. on a port the browser blocks).
   */
  connect(): void {
    if (this.#urlError !== undefined) throw this.#urlError;
    if (this.#state !== 'closed') {
      this.#logger.debug(
        DEV
          ? `${this.url}: connect() ignored, already ${this.#state}`
          : `transport.connect-while ${this.#state} ${this.url}`,
      );
      return;
    }
    const ws = this.#createWebSocket();
    // Blob frames (the browser default) can only be read asynchronously; ArrayBuffers can be
    // decoded on arrival, which keeps messages in order.
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => this.#handleOpen(ws);
    ws.onclose = (event) => this.#handleClose(ws, event);
    ws.onmessage = (event) => this.#handleMessage(ws, event);
    ws.onerror = () => this.#logger.debug(`${this.url}: WebSocket error event`);
    this.#ws = ws;
    this.#state = 'connecting';
  }

  /** Closes the WebSocket (code 1000) or aborts the attempt; `ondisconnect` is not called. */
  disconnect(): void {
    const ws = this.#ws;
    this.#ws = null;
    this.#state = 'closed';
    if (ws === null) return;
    // No-op handlers rather than null: the `ws` package emits an 'error' event when an attempt is
    // aborted, and an EventEmitter 'error' without a listener would throw.
    ws.onopen = noop;
    ws.onclose = noop;
    ws.onmessage = noop;
    ws.onerror = noop;
    try {
      ws.close(1000);
    } catch (error) {
      this.#logger.warn(`${this.url}: close() threw`, error);
    }
  }

  /** Sends `message` as one text frame (RFC 7118 §5.1); false when not open or if sending threw. */
  send(message: string): boolean {
    if (this.#state !== 'open' || this.#ws === null) {
      this.#logger.debug(
        DEV
          ? `${this.url}: send() while ${this.#state}, message not sent`
          : `transport.send-while ${this.#state} ${this.url}`,
      );
      return false;
    }
    try {
      this.#ws.send(message);
      return true;
    } catch (error) {
      this.#logger.warn(`${this.url}: send() threw`, error);
      return false;
    }
  }

  isConnected(): boolean {
    return this.#state === 'open';
  }

  isConnecting(): boolean {
    return this.#state === 'connecting';
  }

  #createWebSocket(): WebSocketLike {
    const Constructor = this.#injectedConstructor ?? globalWebSocket();
    if (Constructor === undefined) {
      throw new TransportError(
        'websocket-unavailable',
        DEV
          ? `${this.url}: no WebSocket constructor: this runtime has no global WebSocket; ` +
              `pass one with new WebSocketInterface(url, { WebSocket }) (e.g. from the "ws" package)`
          : `transport.no-websocket ${this.url}`,
      );
    }
    try {
      return new Constructor(this.url, SIP_SUBPROTOCOL);
    } catch (cause) {
      throw new TransportError(
        'websocket-unavailable',
        DEV
          ? `${this.url}: the WebSocket constructor threw: ${String(cause)}`
          : `transport.websocket-threw ${this.url} ${String(cause)}`,
        { cause },
      );
    }
  }

  #handleOpen(ws: WebSocketLike): void {
    if (ws !== this.#ws) return;
    // RFC 7118 §4: the server confirms the subprotocol. RFC 6455 clients already fail the
    // handshake when it picks another one (and `ws` and browsers when it picks none); a WebSocket
    // implementation that lets it through anyway gets a warning rather than a refusal.
    if (ws.protocol !== SIP_SUBPROTOCOL) {
      this.#logger.warn(
        DEV
          ? `${this.url}: server did not confirm the "sip" subprotocol`
          : `transport.no-sip-subprotocol ${this.url}`,
      );
    }
    this.#state = 'open';
    this.#logger.debug(`${this.url}: connected`);
    this.onconnect();
  }

  #handleClose(ws: WebSocketLike, event: WebSocketCloseEventLike): void {
    if (ws !== this.#ws) return;
    const wasOpen = this.#state === 'open';
    this.#ws = null;
    this.#state = 'closed';
    // A failed attempt is always an error; an open connection is one unless closed cleanly
    // (RFC 6455 §7.1.5; without `wasClean`, only code 1000 counts as clean).
    const error = !wasOpen || !(event.wasClean ?? event.code === 1000);
    this.#logger.debug(`${this.url}: closed (code ${event.code}, error ${String(error)})`);
    this.ondisconnect(error, event.code, event.reason);
  }

  #handleMessage(ws: WebSocketLike, event: WebSocketMessageEventLike): void {
    if (ws !== this.#ws) return;
    const frame = decodeFrame(event.data);
    if (!frame.ok) {
      this.#logger.warn(`${this.url}: frame dropped: ${frame.reason}`);
      return;
    }
    this.ondata(frame.text);
  }
}

function globalWebSocket(): WebSocketConstructor | undefined {
  const candidate: unknown = (globalThis as { WebSocket?: unknown }).WebSocket;
  return typeof candidate === 'function' ? (candidate as WebSocketConstructor) : undefined;
}
