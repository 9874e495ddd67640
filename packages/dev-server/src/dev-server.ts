import { SipProxyServer } from '@sipkit/testing';
import { hostOnWebSocket, type WebSocketHost } from '@sipkit/testing/node';
import { DEFAULT_DEV_SERVER_LIMITS, type DevServerOptions } from './dev-server-options.js';

/** A running dev server. */
export interface DevServer {
  readonly url: string;
  readonly proxy: SipProxyServer;
  close(): Promise<void>;
}

/**
 * Starts the registrar/proxy of `@sipkit/testing` on a real WebSocket: the same code the unit
 * tests run on the in-memory network, so what works in tests works here. Only pages served from
 * this machine (and clients sending no Origin) may connect unless `allowOrigins` says otherwise;
 * every count is bounded (`DEFAULT_DEV_SERVER_LIMITS`). `log` gets one line per SIP message when
 * `verbose`, and one line per refusal or triggered limit always.
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
  const limits = { ...DEFAULT_DEV_SERVER_LIMITS, ...options.limits };
  const proxy = new SipProxyServer({
    host: options.host,
    ...(authenticated ? { users: options.users } : {}),
    log: options.verbose ? log : () => undefined,
    warn: log,
    limits,
  });
  const host: WebSocketHost = await hostOnWebSocket(proxy, {
    host: options.host,
    port: options.port,
    allowOrigins: options.allowOrigins ?? [],
    limits,
    log,
  });
  return { url: host.url, proxy, close: () => host.close() };
}
