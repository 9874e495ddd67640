/**
 * Types a WebSocket implementation must satisfy to be injected into `WebSocketInterface`. They
 * are structural and minimal, so that both the browser's `WebSocket` and the npm `ws` package's
 * `WebSocket` fit without this package depending on either's type definitions.
 */

/**
 * A handler type compared bivariantly (declared as a method), so that handlers typed for the
 * richer DOM or `ws` event objects remain assignable to these minimal ones.
 */
type Handler<Event> = { bivarianceHack(event: Event): void }['bivarianceHack'];

/** What `WebSocketInterface` reads from a close event. */
export interface WebSocketCloseEventLike {
  readonly code: number;
  readonly reason: string;
  readonly wasClean?: boolean;
}

/** What `WebSocketInterface` reads from a message event: `data` is a string or binary data. */
export interface WebSocketMessageEventLike {
  readonly data: unknown;
}

/** The part of a WebSocket instance that `WebSocketInterface` uses. */
export interface WebSocketLike {
  /** Subprotocol chosen by the server ('' when none). */
  readonly protocol: string;
  /** Set to `'arraybuffer'` so binary frames arrive synchronously decodable. */
  binaryType: string;
  onopen: Handler<unknown> | null;
  onclose: Handler<WebSocketCloseEventLike> | null;
  onmessage: Handler<WebSocketMessageEventLike> | null;
  onerror: Handler<unknown> | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/**
 * A WebSocket constructor: the browser's global `WebSocket`, or `WebSocket` from the npm `ws`
 * package in Node.
 *
 * @example
 * ```ts
 * import { WebSocket } from 'ws';
 * const socket = new WebSocketInterface('ws://127.0.0.1:5066', { WebSocket });
 * ```
 */
export type WebSocketConstructor = new (
  url: string,
  protocols?: string | string[],
) => WebSocketLike;
