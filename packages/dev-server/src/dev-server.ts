import { SipProxyServer } from '@sipkit/testing';
import { hostOnWebSocket, type WebSocketHost } from '@sipkit/testing/node';
import type { DevServerOptions } from './dev-server-options.js';

/** A running dev server. */
export interface DevServer {
  readonly url: string;
  readonly proxy: SipProxyServer;
  close(): Promise<void>;
}

/**
 * Starts the registrar/proxy of `@sipkit/testing` on a real WebSocket: the same code the unit
 * tests run on the in-memory network, so what works in tests works here.
 *
 * @example
 * const server = await startDevServer({ ...DEFAULT_DEV_SERVER_OPTIONS, users: { alice: 'secret' } });
 * console.log(server.url); // ws://127.0.0.1:5062
 */
export async function startDevServer(
  options: DevServerOptions,
  log: (line: string) => void = () => undefined,
): Promise<DevServer> {
  const authenticated = Object.keys(options.users).length > 0;
  const proxy = new SipProxyServer({
    host: options.host,
    ...(authenticated ? { users: options.users } : {}),
    ...(options.verbose ? { log } : {}),
  });
  const host: WebSocketHost = await hostOnWebSocket(proxy, {
    host: options.host,
    port: options.port,
  });
  return { url: host.url, proxy, close: () => host.close() };
}
