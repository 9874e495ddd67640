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
 * was expected; `code` is for programs, `parameter` names the argument or option at fault.
 *
 * @example
 * ```ts
 * const socket = new WebSocketInterface('http://sip.example.com'); // does not throw
 * try {
 *   socket.connect();
 * } catch (error) {
 *   if (error instanceof TransportError && error.code === 'unsupported-scheme') {
 *     // error.parameter === 'url': tell the user to use ws: or wss:
 *   }
 * }
 * ```
 */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  /** Machine-readable reason. */
  readonly code: TransportErrorCode;
  /**
   * The argument or option at fault when one is: `url` (a WebSocket URL), `sockets`, or a
   * transport option's name. Undefined for failures of the runtime (`websocket-unavailable`).
   */
  readonly parameter: string | undefined;

  constructor(
    code: TransportErrorCode,
    message: string,
    options?: { cause?: unknown; parameter?: string },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.parameter = options?.parameter;
  }
}
