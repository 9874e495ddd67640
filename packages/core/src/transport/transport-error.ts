/**
 * Why the transport layer refused or failed something, as a stable machine-readable code.
 *
 * - `invalid-url`: a WebSocket URL could not be parsed (or has no host).
 * - `unsupported-scheme`: the URL is parsable but not `ws:` / `wss:` (RFC 7118 §3 only defines those).
 * - `websocket-unavailable`: `connect()` found no WebSocket constructor (no global `WebSocket` and
 *   none injected with `{ WebSocket }`), or the constructor itself threw.
 * - `invalid-sockets`: the `sockets` configuration is not one of the accepted forms.
 * - `invalid-option`: a transport option (recovery intervals, keep-alive) is out of range.
 */
export type TransportErrorCode =
  | 'invalid-url'
  | 'unsupported-scheme'
  | 'websocket-unavailable'
  | 'invalid-sockets'
  | 'invalid-option';

/**
 * Error thrown by the transport layer. The message names the offending value or option and what
 * was expected; `code` is for programs.
 *
 * @example
 * ```ts
 * try {
 *   new WebSocketInterface('http://sip.example.com');
 * } catch (error) {
 *   if (error instanceof TransportError && error.code === 'unsupported-scheme') {
 *     // tell the user to use ws: or wss:
 *   }
 * }
 * ```
 */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  /** Machine-readable reason. */
  readonly code: TransportErrorCode;

  constructor(code: TransportErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
