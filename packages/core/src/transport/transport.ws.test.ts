import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  nextMessage,
  startServer,
  unusedPort,
  within,
  type TestServer,
} from './testing/ws-server.js';
import { Transport, type TransportEvents } from './transport.js';
import type { TransportOptions } from './transport-options.js';
import { WebSocketInterface } from './websocket-interface.js';

// End-to-end over real sockets on 127.0.0.1, with recovery intervals of tens of milliseconds
// (the options accept fractional seconds) so the whole file runs in about a second.
const FAST: TransportOptions = {
  connection_recovery_min_interval: 0.02,
  connection_recovery_max_interval: 0.1,
};

const servers: TestServer[] = [];
const transports: Transport[] = [];

afterEach(async () => {
  for (const transport of transports.splice(0)) transport.stop();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function server(port = 0): Promise<TestServer> {
  const started = await startServer(port);
  servers.push(started);
  return started;
}

function transportFor(
  entries: { url: string; weight: number }[],
  options: TransportOptions = {},
): Transport {
  const transport = new Transport(
    entries.map(({ url, weight }) => ({
      socket: new WebSocketInterface(url, { WebSocket }),
      weight,
    })),
    { ...FAST, ...options },
  );
  transports.push(transport);
  return transport;
}

function next<K extends keyof TransportEvents>(
  transport: Transport,
  event: K,
  ms = 2000,
): Promise<TransportEvents[K]> {
  return within(ms, new Promise((resolve) => transport.once(event, resolve)), `"${event}" event`);
}

describe('Transport over real WebSockets', () => {
  it('connects, sends and receives through the sip subprotocol', async () => {
    const srv = await server();
    const transport = transportFor([{ url: srv.url, weight: 0 }]);
    const peer = srv.nextClient();
    const connected = next(transport, 'connected');
    transport.connect();
    await connected;
    const serverSide = await peer;
    expect(serverSide.protocol).toBe('sip');

    const request = nextMessage(serverSide);
    expect(transport.send('REGISTER sip:127.0.0.1 SIP/2.0\r\n\r\n')).toBe(true);
    expect(await request).toBe('REGISTER sip:127.0.0.1 SIP/2.0\r\n\r\n');

    const data = next(transport, 'data');
    serverSide.send(Buffer.from('SIP/2.0 200 OK\r\n\r\n'));
    expect((await data).data).toBe('SIP/2.0 200 OK\r\n\r\n');
  });

  it('reconnects within the recovery interval after the server closes and restarts', async () => {
    const first = await server();
    const transport = transportFor([{ url: first.url, weight: 0 }]);
    const connected = next(transport, 'connected');
    transport.connect();
    await connected;

    const delays: number[] = [];
    transport.on('recovery', ({ delay }) => delays.push(delay));
    const lost = next(transport, 'disconnected');
    await first.close();
    expect((await lost).error).toBe(true);

    // Let a few cycles fail against the closed port, then bring the server back.
    await new Promise((resolve) => setTimeout(resolve, 150));
    const restartedAt = Date.now();
    const reconnected = next(transport, 'connected');
    await server(first.port);
    await reconnected;
    // At most one max interval (100 ms) passes before the next attempt; the rest is slack for CI.
    expect(Date.now() - restartedAt).toBeLessThan(100 + 500);
    expect(delays.length).toBeGreaterThanOrEqual(2);
    expect(delays.every((d) => d >= 20 && d <= 100)).toBe(true);
  });

  it('fails over to the lower weight when the higher one refuses', async () => {
    const deadUrl = `ws://127.0.0.1:${await unusedPort()}`;
    const backup = await server();
    const transport = transportFor([
      { url: backup.url, weight: 1 },
      { url: deadUrl, weight: 10 },
    ]);
    const tried: string[] = [];
    transport.on('connecting', ({ socket }) => tried.push(socket.url));
    const refused = next(transport, 'disconnected');
    const connected = next(transport, 'connected');
    transport.connect();
    expect((await refused).socket.url).toBe(deadUrl);
    expect((await connected).socket.url).toBe(backup.url);
    expect(tried).toEqual([deadUrl, backup.url]);
  });

  it('returns to the higher weight on a later cycle once it is back', async () => {
    const preferredPort = await unusedPort();
    const preferredUrl = `ws://127.0.0.1:${preferredPort}`;
    const backup = await server();
    const transport = transportFor([
      { url: preferredUrl, weight: 10 },
      { url: backup.url, weight: 1 },
    ]);
    const firstConnection = next(transport, 'connected');
    transport.connect();
    expect((await firstConnection).socket.url).toBe(backup.url);

    await server(preferredPort);
    const secondConnection = next(transport, 'connected');
    await backup.close(); // the backup goes away: a new cycle starts from the top
    expect((await secondConnection).socket.url).toBe(preferredUrl);
  });

  it('treats a missing pong as a failed flow and recovers (server swallows pings)', async () => {
    const srv = await server();
    const pings: string[] = [];
    srv.wss.on('connection', (ws) => ws.on('message', (data: Buffer) => pings.push(String(data))));
    const transport = transportFor([{ url: srv.url, weight: 0 }], {
      keep_alive_interval: 0.03,
      keep_alive_timeout: 0.05,
    });
    const connected = next(transport, 'connected');
    transport.connect();
    await connected;

    const failed = next(transport, 'disconnected');
    const reconnected = new Promise<void>((resolve) => transport.on('connected', () => resolve()));
    const failure = await failed;
    expect(failure.error).toBe(true);
    expect(failure.reason).toMatch(/no keep-alive pong/);
    await within(2000, reconnected, 'reconnection after keep-alive failure');
    expect(pings[0]).toBe('\r\n\r\n');
  });

  it('stays up when the server answers pings, without passing pongs up', async () => {
    const srv = await server();
    let pings = 0;
    srv.wss.on('connection', (ws) =>
      ws.on('message', (data: Buffer) => {
        if (String(data) === '\r\n\r\n') {
          pings += 1;
          ws.send('\r\n');
        }
      }),
    );
    const transport = transportFor([{ url: srv.url, weight: 0 }], {
      keep_alive_interval: 0.02,
      keep_alive_timeout: 0.1,
    });
    const events: string[] = [];
    transport.on('data', () => events.push('data'));
    transport.on('disconnected', () => events.push('disconnected'));
    const connected = next(transport, 'connected');
    transport.connect();
    await connected;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(pings).toBeGreaterThanOrEqual(3);
    expect(events).toEqual([]);
    expect(transport.isConnected()).toBe(true);
  });

  it('answers a server ping with a pong and does not deliver it upward', async () => {
    const srv = await server();
    const transport = transportFor([{ url: srv.url, weight: 0 }]);
    const received: string[] = [];
    transport.on('data', ({ data }) => received.push(data));
    const peer = srv.nextClient();
    const connected = next(transport, 'connected');
    transport.connect();
    await connected;
    const serverSide = await peer;

    const pong = nextMessage(serverSide);
    serverSide.send('\r\n\r\n');
    expect(await within(2000, pong, 'pong')).toBe('\r\n');

    const data = next(transport, 'data');
    serverSide.send('  \r\n'); // blank: dropped
    serverSide.send('NOTIFY sip:alice@127.0.0.1 SIP/2.0\r\n\r\n');
    await data;
    expect(received).toEqual(['NOTIFY sip:alice@127.0.0.1 SIP/2.0\r\n\r\n']);
  });

  it('stop() closes the connection and nothing reconnects', async () => {
    const srv = await server();
    const transport = transportFor([{ url: srv.url, weight: 0 }]);
    const peer = srv.nextClient();
    const connected = next(transport, 'connected');
    transport.connect();
    await connected;
    const serverSide = await peer;
    const closedCode = new Promise<number>((resolve) => serverSide.once('close', resolve));
    let reconnects = 0;
    transport.on('connecting', () => (reconnects += 1));
    transport.stop();
    expect(await within(2000, closedCode, 'server-side close')).toBe(1000);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(reconnects).toBe(0);
    expect(srv.clients).toHaveLength(0);
    expect(transport.state).toBe('disconnected');
  });
});
