import { DEFAULT_MAX_MESSAGE_SIZE } from '@sipkit/core';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ServerConnection, SipServerEndpoint } from '../network/server-connection.js';
import { ConnectionAdmission } from './connection-admission.js';
import { describeError } from './log-lines.js';
import { isAllowedOrigin } from './origin-policy.js';

/** What the WebSocket front end bounds; every field has a documented default. */
export interface WebSocketHostLimits {
  /** Open connections in all (default 256). */
  readonly maxConnections: number;
  /** Open connections from one remote address (default 32; every local tab shares 127.0.0.1). */
  readonly maxConnectionsPerIp: number;
  /** Milliseconds a connection may stay open without sending one well-formed SIP message (default 30 000). */
  readonly idleTimeoutMs: number;
  /** Largest frame in bytes (default 256 KiB, the parser's message cap): a bigger one closes the connection with 1009. */
  readonly maxMessageBytes: number;
}

/** The limits `hostOnWebSocket` applies unless told otherwise. */
export const DEFAULT_WEBSOCKET_HOST_LIMITS: WebSocketHostLimits = {
  maxConnections: 256,
  maxConnectionsPerIp: 32,
  idleTimeoutMs: 30_000,
  maxMessageBytes: DEFAULT_MAX_MESSAGE_SIZE,
};

/** Where to listen, whom to let in. */
export interface WebSocketHostOptions {
  /** Default 127.0.0.1: this is a development server, never exposed by default. */
  readonly host?: string;
  /** Default 0: a free port, read back from `port`. */
  readonly port?: number;
  /**
   * Page origins allowed besides loopback ones (`http://192.168.1.5:5173`), or `'*'` for any.
   * Pages served from 127.0.0.1, localhost or [::1] and clients sending no Origin always get in.
   */
  readonly allowOrigins?: readonly string[];
  readonly limits?: Partial<WebSocketHostLimits>;
  /** One line per refused connection, triggered limit or dropped frame. */
  readonly log?: (line: string) => void;
}

/** A running WebSocket front end for a SIP server endpoint. */
export interface WebSocketHost {
  readonly port: number;
  /** `ws://host:port`, for `new WebSocketInterface(url)`. */
  readonly url: string;
  /** Connections open right now. */
  readonly connections: number;
  /** Closes every connection and the listening socket. */
  close(): Promise<void>;
}

/**
 * Serves a `SipServerEndpoint` (e.g. `SipProxyServer`) over real WebSockets with the `sip`
 * subprotocol (RFC 7118 §4): one SIP message per frame, each connection a `ServerConnection`.
 * The registrar/proxy is the same object the in-memory network uses. Hostile input costs one
 * frame or one connection, never the process: foreign page origins are refused at the upgrade,
 * connections are counted per address, silent ones time out and frames are capped.
 *
 * @example
 * const host = await hostOnWebSocket(new SipProxyServer(), { port: 5062 });
 * const socket = new WebSocketInterface(host.url, { WebSocket });
 */
export function hostOnWebSocket(
  endpoint: SipServerEndpoint,
  options: WebSocketHostOptions = {},
): Promise<WebSocketHost> {
  const limits = { ...DEFAULT_WEBSOCKET_HOST_LIMITS, ...options.limits };
  const log = options.log ?? (() => undefined);
  const admission = new ConnectionAdmission(limits);
  const http = httpFront(limits, log);
  const server = new WebSocketServer({
    server: http,
    maxPayload: limits.maxMessageBytes,
    // RFC 7118 §4: only the `sip` subprotocol is spoken here.
    handleProtocols: (protocols) => (protocols.has('sip') ? 'sip' : false),
    // The callback form lets the refusal carry a status; it answers at once, so counting stays exact.
    verifyClient: ({ req }, done) => {
      const address = remoteAddressOf(req);
      const header = req.headers.origin;
      if (!isAllowedOrigin(header, options.allowOrigins ?? [])) {
        log(
          `! refused a connection from ${address}: Origin ${header} not allowed (--allow-origin)`,
        );
        return done(false, 403, 'Origin not allowed');
      }
      const admitted = admission.admit(address);
      if (!admitted.ok) {
        log(`! refused a connection from ${address}: ${admitted.reason} was reached`);
        return done(false, 503, 'Too many connections');
      }
      if (admitted.evicted !== undefined) {
        const { id, limit } = admitted.evicted;
        log(`! ${id} closed: it never spoke SIP and ${limit}; a new connection needs its place`);
      }
      done(true);
    },
  });
  const guarded = (run: () => void, what: string): void => {
    try {
      run();
    } catch (error) {
      log(`! ${what}: ${describeError(error)}`);
    }
  };
  let nextId = 0;
  server.on('connection', (socket, request) => {
    const address = remoteAddressOf(request);
    const id = `ws${++nextId}`;
    admission.opened(id, address, () => socket.terminate());
    const idle = setTimeout(() => {
      log(`! ${id} closed: no SIP message within ${limits.idleTimeoutMs} ms (idle timeout)`);
      socket.terminate();
    }, limits.idleTimeoutMs);
    const connection = serverConnection(socket, id, address, request.socket.remotePort, () => {
      clearTimeout(idle);
      admission.spoke(id);
    });
    socket.on('message', (data, isBinary) => {
      const text = isBinary
        ? new TextDecoder('utf-8', { fatal: false }).decode(toBytes(data))
        : String(data);
      // RFC 5626 §4.4.1: a CRLF CRLF ping gets a CRLF pong and is not a SIP message.
      if (text === '\r\n\r\n') return void socket.send('\r\n');
      if (text.trim() === '') return;
      // One bad frame costs that frame, never the process (and never the other connections).
      guarded(() => endpoint.messageReceived(connection, text), `${id} frame dropped`);
    });
    socket.on('close', () => {
      clearTimeout(idle);
      admission.closed(id);
      guarded(() => endpoint.connectionClosed(connection), `${id} close not handled`);
    });
    socket.on('error', (error) => {
      // ws closes with 1009 past maxPayload (RFC 6455 §7.4.1) and reports it here.
      log(`! ${id} closed: ${describeError(error)}`);
      socket.terminate();
    });
    guarded(() => endpoint.connectionOpened(connection), `${id} open not handled`);
  });
  return new Promise((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      http.off('error', reject);
      // Past listening, a server error is logged, never left to end the process.
      http.on('error', (error) => log(`! server error: ${describeError(error)}`));
      const address = http.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      resolve({
        port,
        url: `ws://${options.host ?? '127.0.0.1'}:${port}`,
        get connections() {
          return admission.total;
        },
        close: () => closeServer(server, http),
      });
    });
  });
}

function serverConnection(
  socket: WebSocket,
  id: string,
  remoteAddress: string,
  remotePort: number | undefined,
  messageAccepted: () => void,
): ServerConnection {
  return {
    id,
    remoteAddress,
    remotePort: remotePort ?? 0,
    send: (message) => {
      if (socket.readyState !== socket.OPEN) return false;
      socket.send(message);
      return true;
    },
    close: () => socket.close(1000, 'closed by server'),
    messageAccepted,
  };
}

function remoteAddressOf(request: IncomingMessage): string {
  return request.socket.remoteAddress ?? 'unknown';
}

function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

/**
 * The HTTP server under the WebSocket one, bounded too: a TCP socket that never completes its
 * upgrade is closed after the idle timeout, and past the connection limits (plus room for
 * upgrades in flight) Node refuses new sockets outright, so raw sockets cannot exhaust the
 * process's file descriptors either. Plain HTTP gets 426 (RFC 7231 §6.5.15).
 */
function httpFront(limits: WebSocketHostLimits, log: (line: string) => void): Server {
  const http = createServer(
    {
      headersTimeout: limits.idleTimeoutMs,
      requestTimeout: limits.idleTimeoutMs,
      connectionsCheckingInterval: Math.min(limits.idleTimeoutMs, 1000),
    },
    (_request, response) => {
      response.writeHead(426, { 'Content-Type': 'text/plain', Upgrade: 'websocket' });
      response.end('A SIP over WebSocket server (RFC 7118): connect with the "sip" subprotocol.\n');
    },
  );
  http.maxConnections = limits.maxConnections + limits.maxConnectionsPerIp;
  http.on('drop', (socket) =>
    log(
      `! refused a TCP connection from ${socket?.remoteAddress ?? 'unknown'}: ${http.maxConnections} sockets open (maxConnections + maxConnectionsPerIp)`,
    ),
  );
  return http;
}

function closeServer(server: WebSocketServer, http: Server): Promise<void> {
  for (const client of server.clients) client.terminate();
  http.closeAllConnections();
  return new Promise((resolve) => server.close(() => http.close(() => resolve())));
}
