import { DEV } from '../diagnostics/dev-mode.js';
/**
 * The contract between the transport manager and one connection to one server, with the same
 * shape as JsSIP's socket interface so that JsSIP users can plug in their own socket.
 *
 * Rules an implementation must follow:
 * - `connect()` starts connecting and returns at once; success is reported with `onconnect()`,
 *   failure with `ondisconnect(true, ...)`. It may also throw synchronously (the manager treats
 *   that as a failed attempt).
 * - `ondisconnect` reports every close that `disconnect()` did not ask for; after `disconnect()`
 *   the socket need not (and `WebSocketInterface` does not) call `ondisconnect`.
 * - `ondata` receives one whole SIP message per call as text (RFC 7118 §5: one message per
 *   WebSocket message), including CRLF keep-alives, which the manager filters out.
 * - `send()` returns false, without throwing, when the message could not be handed to the wire.
 *
 * The callbacks are plain assignable properties: the manager that owns the socket sets them.
 *
 * @example
 * ```ts
 * const socket: Socket = new WebSocketInterface('wss://sip.example.com');
 * socket.ondata = (text) => console.log('received', text);
 * socket.onconnect = () => socket.send('OPTIONS sip:sip.example.com SIP/2.0\r\n...');
 * socket.connect();
 * ```
 */
export interface Socket {
  /** Via transport token for messages sent over this socket, e.g. `WS` or `WSS` (RFC 7118 §5.2). */
  readonly via_transport: string;
  /** The URL this socket connects to, e.g. `wss://sip.example.com:8443/ws`. */
  readonly url: string;
  /** SIP URI of the server end, e.g. `sip:sip.example.com:8443;transport=ws` (for Route headers). */
  readonly sip_uri: string;
  /** Starts connecting; no-op when already connected or connecting. */
  connect(): void;
  /** Closes the connection (or the attempt) on purpose. */
  disconnect(): void;
  /** Sends one SIP message; false when the socket is not open or the send failed. */
  send(message: string): boolean;
  /** True once open, until closed. */
  isConnected(): boolean;
  /** True between `connect()` and open/failure. */
  isConnecting(): boolean;
  /** Called once the connection is open. */
  onconnect: () => void;
  /**
   * Called when the connection closes without `disconnect()` having been called, or when a
   * connection attempt fails. `error` is true for abnormal closes; `code` and `reason` are the
   * WebSocket close code and reason when known.
   */
  ondisconnect: (error: boolean, code?: number, reason?: string) => void;
  /** Called with each received message (one WebSocket message each), as text. */
  ondata: (data: string) => void;
}

const STRING_MEMBERS = ['via_transport', 'url', 'sip_uri'] as const;
const FUNCTION_MEMBERS = ['connect', 'disconnect', 'send', 'isConnected', 'isConnecting'] as const;

/**
 * Says what keeps `value` from being a {@link Socket}, or null when it is one. The callback
 * properties are not checked: whoever manages the socket assigns them.
 *
 * @example
 * ```ts
 * socketProblem({ url: 'wss://x' }); // 'via_transport must be a string'
 * ```
 */
export function socketProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) {
    const got = value === null ? 'null' : typeof value;
    return DEV ? `expected a socket object, got ${got}` : `transport.not-object ${got}`;
  }
  const record = value as Record<string, unknown>;
  for (const name of STRING_MEMBERS) {
    if (typeof record[name] !== 'string') {
      return DEV ? `${name} must be a string` : `transport.member-not-string ${name}`;
    }
  }
  for (const name of FUNCTION_MEMBERS) {
    if (typeof record[name] !== 'function') {
      return DEV ? `${name}() must be a function` : `transport.member-not-function ${name}`;
    }
  }
  return null;
}

/**
 * True when `value` has the members of a {@link Socket} (see {@link socketProblem}).
 *
 * @example
 * ```ts
 * if (isSocket(candidate)) candidate.connect();
 * ```
 */
export function isSocket(value: unknown): value is Socket {
  return socketProblem(value) === null;
}
