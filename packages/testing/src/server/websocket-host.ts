import { WebSocketServer, type WebSocket } from 'ws';
import type { ServerConnection, SipServerEndpoint } from '../network/server-connection.js';

/** Where to listen. */
export interface WebSocketHostOptions {
  /** Default 127.0.0.1: this is a development server, never exposed by default. */
  readonly host?: string;
  /** Default 0: a free port, read back from `port`. */
  readonly port?: number;
}

/** A running WebSocket front end for a SIP server endpoint. */
export interface WebSocketHost {
  readonly port: number;
  /** `ws://host:port`, for `new WebSocketInterface(url)`. */
  readonly url: string;
  /** Closes every connection and the listening socket. */
  close(): Promise<void>;
}

/**
 * Serves a `SipServerEndpoint` (e.g. `SipProxyServer`) over real WebSockets with the `sip`
 * subprotocol (RFC 7118 §4): one SIP message per frame, each connection a `ServerConnection`.
 * The registrar/proxy is the same object the in-memory network uses.
 *
 * @example
 * const host = await hostOnWebSocket(new SipProxyServer(), { port: 5062 });
 * const socket = new WebSocketInterface(host.url, { WebSocket });
 */
export function hostOnWebSocket(
  endpoint: SipServerEndpoint,
  options: WebSocketHostOptions = {},
): Promise<WebSocketHost> {
  const server = new WebSocketServer({
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    // RFC 7118 §4: only the `sip` subprotocol is spoken here.
    handleProtocols: (protocols) => (protocols.has('sip') ? 'sip' : false),
  });
  let nextId = 0;
  server.on('connection', (socket, request) => {
    const connection = serverConnection(
      socket,
      `ws${++nextId}`,
      request.socket.remoteAddress,
      request.socket.remotePort,
    );
    endpoint.connectionOpened(connection);
    socket.on('message', (data, isBinary) => {
      const text = isBinary
        ? new TextDecoder('utf-8', { fatal: false }).decode(toBytes(data))
        : String(data);
      // RFC 5626 §4.4.1: a CRLF CRLF ping gets a CRLF pong and is not a SIP message.
      if (text === '\r\n\r\n') return void socket.send('\r\n');
      if (text.trim() === '') return;
      endpoint.messageReceived(connection, text);
    });
    socket.on('close', () => endpoint.connectionClosed(connection));
    socket.on('error', () => socket.terminate());
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.once('listening', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      resolve({
        port,
        url: `ws://${options.host ?? '127.0.0.1'}:${port}`,
        close: () => closeServer(server),
      });
    });
  });
}

function serverConnection(
  socket: WebSocket,
  id: string,
  remoteAddress: string | undefined,
  remotePort: number | undefined,
): ServerConnection {
  return {
    id,
    remoteAddress: remoteAddress ?? 'unknown',
    remotePort: remotePort ?? 0,
    send: (message) => {
      if (socket.readyState !== socket.OPEN) return false;
      socket.send(message);
      return true;
    },
    close: () => socket.close(1000, 'closed by server'),
  };
}

function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

function closeServer(server: WebSocketServer): Promise<void> {
  for (const client of server.clients) client.terminate();
  return new Promise((resolve) => server.close(() => resolve()));
}
