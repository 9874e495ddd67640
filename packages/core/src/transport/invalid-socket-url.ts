import type { Socket } from './socket.js';
import type { TransportError } from './transport-error.js';

// Kept beside the sockets rather than on them so that the `Socket` contract stays JsSIP's and
// an app with its own socket class never bundles WebSocketInterface to be checked.
const invalidUrls = new WeakMap<Socket, TransportError>();

/**
 * Records that `socket` was built from a URL it cannot connect to. `WebSocketInterface` does
 * this instead of throwing from its constructor, so that a bad URL written inline in a React
 * `config` (or at module level) becomes a `ConfigurationError` for `sockets` instead of an
 * exception that blanks the page.
 *
 * @example recordInvalidSocketUrl(this, error);
 */
export function recordInvalidSocketUrl(socket: Socket, error: TransportError): void {
  invalidUrls.set(socket, error);
}

/**
 * Why `socket` cannot connect because of its URL, or undefined when its URL is fine (or it is
 * not a `WebSocketInterface`).
 *
 * @example const error = invalidSocketUrl(socket); if (error) throw error;
 */
export function invalidSocketUrl(socket: Socket): TransportError | undefined {
  return invalidUrls.get(socket);
}
