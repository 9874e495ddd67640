import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** Test-only SIP-over-WebSocket server on 127.0.0.1. */
export interface TestServer {
  readonly port: number;
  readonly url: string;
  readonly wss: WebSocketServer;
  /** Client connections currently open, newest last. */
  readonly clients: WebSocket[];
  /** Resolves with the next client connection. */
  nextClient(): Promise<WebSocket>;
  /** Terminates every client and stops listening. */
  close(): Promise<void>;
}

/** Starts a `ws` server on 127.0.0.1 (port 0 = random) that accepts the `sip` subprotocol. */
export async function startServer(port = 0): Promise<TestServer> {
  const wss = new WebSocketServer({
    host: '127.0.0.1',
    port,
    handleProtocols: (protocols) => (protocols.has('sip') ? 'sip' : false),
  });
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve);
    wss.once('error', reject);
  });
  const actualPort = (wss.address() as AddressInfo).port;
  const clients: WebSocket[] = [];
  const waiting: ((ws: WebSocket) => void)[] = [];
  wss.on('connection', (ws) => {
    clients.push(ws);
    ws.on('close', () => clients.splice(clients.indexOf(ws), 1));
    waiting.shift()?.(ws);
  });
  return {
    port: actualPort,
    url: `ws://127.0.0.1:${actualPort}`,
    wss,
    clients,
    nextClient: () => new Promise((resolve) => waiting.push(resolve)),
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of [...clients]) client.terminate();
        wss.close(() => resolve());
      }),
  };
}

/** A 127.0.0.1 port with nothing listening on it (bound, read, released). */
export async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Resolves with the next message `ws` receives, as text. */
export function nextMessage(ws: WebSocket): Promise<string> {
  return new Promise((resolve) => {
    ws.once('message', (data: Buffer | ArrayBuffer | Buffer[]) => resolve(toText(data)));
  });
}

function toText(data: Buffer | ArrayBuffer | Buffer[]): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}

/** Rejects after `ms` unless `promise` settles first. */
export function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
