import { invalidSocketUrl } from './invalid-socket-url.js';
import { socketProblem, type Socket } from './socket.js';
import { TransportError } from './transport-error.js';
import { DEV } from '../diagnostics/dev-mode.js';

/**
 * A socket with a priority (JsSIP's third `sockets` form). Higher weights are tried first;
 * `weight` defaults to 0.
 *
 * @example
 * ```ts
 * const primary: WeightedSocketInput = { socket: new WebSocketInterface('wss://a.example.com'), weight: 10 };
 * ```
 */
export interface WeightedSocketInput {
  socket: Socket;
  weight?: number;
}

/**
 * Every accepted form of the `sockets` configuration: one socket, an array of sockets, or an array
 * mixing sockets and `{ socket, weight }` entries.
 *
 * @example
 * ```ts
 * const sockets: SocketsConfiguration = [
 *   { socket: new WebSocketInterface('wss://a.example.com'), weight: 10 },
 *   new WebSocketInterface('wss://b.example.com'), // weight 0
 * ];
 * ```
 */
export type SocketsConfiguration = Socket | ReadonlyArray<Socket | WeightedSocketInput>;

/** One normalised `sockets` entry: the socket and its weight (a finite number). */
export interface WeightedSocket {
  readonly socket: Socket;
  readonly weight: number;
}

/**
 * Validates a `sockets` configuration in any accepted form and returns it as a frozen list of
 * `{ socket, weight }` in configuration order. The input is `unknown` so that configuration
 * layers can pass user input straight in.
 *
 * Rules: at least one socket; each entry a {@link Socket} or `{ socket, weight? }`; `weight` a
 * finite number (default 0); no socket object twice (a socket has one set of callbacks, so one
 * owner); no `WebSocketInterface` built from a URL it cannot connect to (its constructor does not
 * throw, so the mistake surfaces here, as a configuration error).
 *
 * @throws {TransportError} `invalid-sockets`, the message naming the entry at fault, e.g.
 *   `sockets[1].weight must be a finite number`.
 * @example
 * ```ts
 * normalizeSockets(socket); // [{ socket, weight: 0 }]
 * normalizeSockets([{ socket: a, weight: 5 }, b]); // [{ socket: a, weight: 5 }, { socket: b, weight: 0 }]
 * ```
 */
export function normalizeSockets(input: unknown): readonly WeightedSocket[] {
  if (!Array.isArray(input)) {
    if (socketProblem(input) !== null) {
      const problem = socketProblem(input) ?? '';
      invalid(
        DEV
          ? `sockets must be a socket, an array of sockets or of { socket, weight } entries (${problem})`
          : `transport.sockets-not-socket ${problem}`,
      );
    }
    rejectInvalidUrl(input as Socket, 'sockets');
    return Object.freeze([Object.freeze({ socket: input as Socket, weight: 0 })]);
  }
  if (input.length === 0) {
    invalid(DEV ? 'sockets must contain at least one socket' : 'transport.sockets-empty');
  }
  const entries = input.map((entry: unknown, index) => normalizeEntry(entry, `sockets[${index}]`));
  rejectDuplicates(entries);
  return Object.freeze(entries);
}

function normalizeEntry(entry: unknown, path: string): WeightedSocket {
  if (socketProblem(entry) === null) {
    rejectInvalidUrl(entry as Socket, path);
    return Object.freeze({ socket: entry as Socket, weight: 0 });
  }
  if (typeof entry !== 'object' || entry === null || !('socket' in entry)) {
    const problem = socketProblem(entry);
    return invalid(
      DEV
        ? `${path} must be a socket or a { socket, weight } entry (${problem})`
        : `transport.sockets-not-socket ${path}: ${problem}`,
    );
  }
  const { socket, weight = 0 } = entry as { socket: unknown; weight?: unknown };
  const problem = socketProblem(socket);
  if (problem !== null) {
    invalid(
      DEV
        ? `${path}.socket is not a socket: ${problem}`
        : `transport.sockets-not-socket ${path}.socket: ${problem}`,
    );
  }
  rejectInvalidUrl(socket as Socket, `${path}.socket`);
  if (typeof weight !== 'number' || !Number.isFinite(weight)) {
    invalid(DEV ? `${path}.weight must be a finite number` : `transport.sockets-weight ${path}`);
  }
  return Object.freeze({ socket: socket as Socket, weight: weight as number });
}

function rejectDuplicates(entries: readonly WeightedSocket[]): void {
  const seen = new Map<Socket, number>();
  entries.forEach(({ socket }, index) => {
    const first = seen.get(socket);
    if (first !== undefined) {
      invalid(
        DEV
          ? `sockets[${index}] is the same socket object as sockets[${first}]`
          : `transport.sockets-duplicate ${index} ${first}`,
      );
    }
    seen.set(socket, index);
  });
}

function rejectInvalidUrl(socket: Socket, path: string): void {
  const error = invalidSocketUrl(socket);
  if (error !== undefined)
    invalid(
      DEV
        ? `${path}: ${error.message} (a WebSocket URL looks like wss://sip.example.com:8443)`
        : `transport.sockets-url ${path}: ${error.message}`,
      error,
    );
}

function invalid(message: string, cause?: TransportError): never {
  throw new TransportError('invalid-sockets', message, {
    parameter: 'sockets',
    ...(cause === undefined ? {} : { cause }),
  });
}
