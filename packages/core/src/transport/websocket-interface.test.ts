import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import type { TransportLogger } from './logger.js';
import {
  nextMessage,
  startServer,
  unusedPort,
  within,
  type TestServer,
} from './testing/ws-server.js';
import { TransportError } from './transport-error.js';
import { WebSocketInterface } from './websocket-interface.js';
import type { WebSocketConstructor } from './websocket-like.js';

// Compile-time checks: both the DOM WebSocket and the `ws` package's WebSocket can be injected.
const fromWs: WebSocketConstructor = WebSocket;
const fromDom: WebSocketConstructor = null as unknown as typeof globalThis.WebSocket;
void fromWs;
void fromDom;

const REQUEST = 'OPTIONS sip:bob@127.0.0.1 SIP/2.0\r\nCall-ID: a84b4c76e66710\r\n\r\n';

type Disconnect = { error: boolean; code: number | undefined; reason: string | undefined };

/** A WebSocketInterface whose callbacks are recorded and awaitable. */
function client(url: string, logger?: TransportLogger) {
  const socket = new WebSocketInterface(url, logger ? { WebSocket, logger } : { WebSocket });
  const received: string[] = [];
  const disconnects: Disconnect[] = [];
  let onData: (() => void) | undefined;
  let onDisconnect: (() => void) | undefined;
  let onConnect: (() => void) | undefined;
  socket.ondata = (text) => {
    received.push(text);
    onData?.();
  };
  socket.ondisconnect = (error, code, reason) => {
    disconnects.push({ error, code, reason });
    onDisconnect?.();
  };
  socket.onconnect = () => onConnect?.();
  return {
    socket,
    received,
    disconnects,
    connected: () => within(2000, new Promise<void>((r) => (onConnect = r)), 'onconnect'),
    disconnected: () => within(2000, new Promise<void>((r) => (onDisconnect = r)), 'ondisconnect'),
    data: (count: number) =>
      within(
        2000,
        new Promise<void>((resolve) => {
          onData = () => received.length >= count && resolve();
          onData();
        }),
        `${count} messages`,
      ),
  };
}

let server: TestServer | undefined;
const sockets: WebSocketInterface[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await server?.close();
  server = undefined;
});

async function connected(logger?: TransportLogger) {
  server = await startServer();
  const c = client(server.url, logger);
  sockets.push(c.socket);
  const serverSide = server.nextClient();
  const opened = c.connected();
  c.socket.connect();
  expect(c.socket.isConnecting()).toBe(true);
  await opened;
  return { ...c, peer: await serverSide, server };
}

describe('WebSocketInterface construction', () => {
  it('derives Via transport and SIP URI from the URL', () => {
    const socket = new WebSocketInterface('wss://sip.example.com:8443/ws');
    expect(socket.url).toBe('wss://sip.example.com:8443/ws');
    expect(socket.via_transport).toBe('WSS');
    expect(socket.sip_uri).toBe('sip:sip.example.com:8443;transport=ws');
    expect(new WebSocketInterface('ws://10.0.0.1').via_transport).toBe('WS');
  });

  it('never throws for a bad URL; connect() throws a TransportError naming the url', () => {
    // A throwing constructor blanked React pages when the socket was built inline in `config`.
    const http = new WebSocketInterface('http://sip.example.com');
    const garbage = new WebSocketInterface('garbage');
    expect(() => http.connect()).toThrow(TransportError);
    expect(() => http.connect()).toThrow(/ws: or wss:/);
    const errors = [http, garbage].map((socket) => {
      try {
        socket.connect();
      } catch (error) {
        return error as TransportError;
      }
      return undefined;
    });
    expect(errors.map((error) => [error?.code, error?.parameter])).toEqual([
      ['unsupported-scheme', 'url'],
      ['invalid-url', 'url'],
    ]);
    expect(http.isConnecting()).toBe(false);
  });

  it('without any WebSocket constructor, connect() throws a typed error, not a TypeError', () => {
    vi.stubGlobal('WebSocket', undefined);
    try {
      const socket = new WebSocketInterface('ws://127.0.0.1:1');
      let caught: unknown;
      try {
        socket.connect();
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(TransportError);
      expect((caught as TransportError).code).toBe('websocket-unavailable');
      expect((caught as TransportError).message).toContain('{ WebSocket }');
      expect(socket.isConnecting()).toBe(false);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('uses the global WebSocket when none is injected', () => {
    const created: string[] = [];
    class Recording extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols);
        created.push(`${url} ${String(protocols)}`);
      }
    }
    vi.stubGlobal('WebSocket', Recording);
    try {
      const socket = new WebSocketInterface('ws://127.0.0.1:1');
      socket.onconnect = () => undefined;
      socket.connect();
      socket.disconnect();
      expect(created).toEqual(['ws://127.0.0.1:1 sip']);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('reports a throwing constructor as websocket-unavailable', () => {
    const Throwing = function () {
      throw new SyntaxError('blocked port');
    } as unknown as WebSocketConstructor;
    const socket = new WebSocketInterface('ws://127.0.0.1:1', { WebSocket: Throwing });
    expect(() => socket.connect()).toThrow(/the WebSocket constructor threw: SyntaxError/);
  });
});

describe('WebSocketInterface over a real ws server (127.0.0.1)', () => {
  it('negotiates the sip subprotocol (RFC 7118 §4)', async () => {
    const { socket, peer } = await connected();
    expect(peer.protocol).toBe('sip');
    expect(socket.isConnected()).toBe(true);
    expect(socket.isConnecting()).toBe(false);
  });

  it('sends one text frame per message', async () => {
    const { socket, peer } = await connected();
    const message = nextMessage(peer);
    expect(socket.send(REQUEST)).toBe(true);
    expect(await message).toBe(REQUEST);
  });

  it('receives text and binary frames as text, one message per frame', async () => {
    const c = await connected();
    c.peer.send(REQUEST);
    c.peer.send(Buffer.from('SIP/2.0 200 OK\r\nSubject: Zoë\r\n\r\n', 'utf8'));
    c.peer.send(new Uint8Array(new TextEncoder().encode('MESSAGE sip:a@b SIP/2.0\r\n\r\n')));
    await c.data(3);
    expect(c.received).toEqual([
      REQUEST,
      'SIP/2.0 200 OK\r\nSubject: Zoë\r\n\r\n',
      'MESSAGE sip:a@b SIP/2.0\r\n\r\n',
    ]);
  });

  it('drops a binary frame that is not UTF-8, logs why, and keeps the connection', async () => {
    const logger: TransportLogger = { debug: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const c = await connected(logger);
    c.peer.send(Buffer.from([0x49, 0x4e, 0xff, 0xfe]));
    c.peer.send(REQUEST);
    await c.data(1);
    expect(c.received).toEqual([REQUEST]);
    expect(logger.warn).toHaveBeenCalledWith(
      `${c.server.url}: frame dropped: binary frame is not valid UTF-8`,
    );
    expect(c.socket.isConnected()).toBe(true);
  });

  it('send() returns false before connect and after disconnect', async () => {
    server = await startServer();
    const socket = new WebSocketInterface(server.url, { WebSocket });
    expect(socket.send(REQUEST)).toBe(false);
    socket.connect();
    expect(socket.send(REQUEST)).toBe(false); // still connecting
    socket.disconnect();
    expect(socket.send(REQUEST)).toBe(false);
  });

  it('reports a clean server close as ondisconnect(false, 1000)', async () => {
    const c = await connected();
    const closed = c.disconnected();
    c.peer.close(1000, 'bye');
    await closed;
    expect(c.disconnects).toEqual([{ error: false, code: 1000, reason: 'bye' }]);
    expect(c.socket.isConnected()).toBe(false);
  });

  it('reports a dropped connection as an error (1006)', async () => {
    const c = await connected();
    const closed = c.disconnected();
    c.peer.terminate();
    await closed;
    expect(c.disconnects).toEqual([{ error: true, code: 1006, reason: '' }]);
  });

  it('reports a refused connection as an error', async () => {
    const c = client(`ws://127.0.0.1:${await unusedPort()}`);
    const closed = c.disconnected();
    c.socket.connect();
    await closed;
    expect(c.disconnects).toHaveLength(1);
    expect(c.disconnects[0]?.error).toBe(true);
    expect(c.socket.isConnecting()).toBe(false);
  });

  it('disconnect() closes with 1000 and does not call ondisconnect', async () => {
    const c = await connected();
    const peerClosed = new Promise<number>((resolve) => c.peer.once('close', resolve));
    c.socket.disconnect();
    expect(c.socket.isConnected()).toBe(false);
    expect(await within(2000, peerClosed, 'server-side close')).toBe(1000);
    expect(c.disconnects).toEqual([]);
  });

  it('disconnect() while connecting aborts quietly, and connect() works again', async () => {
    server = await startServer();
    const c = client(server.url);
    sockets.push(c.socket);
    c.socket.connect();
    c.socket.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(c.disconnects).toEqual([]);
    const opened = c.connected();
    c.socket.connect();
    await opened;
    expect(c.socket.isConnected()).toBe(true);
  });
});
