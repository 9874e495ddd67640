import { SipProxyServer, type MessageWaitingCounts } from '@sipkit/testing';
import { hostOnWebSocket, type WebSocketHost } from '@sipkit/testing/node';
import { DEFAULT_DEV_SERVER_LIMITS, type DevServerOptions } from './dev-server-options.js';

/** A running dev server. */
export interface DevServer {
  readonly url: string;
  readonly proxy: SipProxyServer;
  /**
   * Sets a user's voicemail counts (or clears them with `undefined`) and NOTIFYs that user's
   * `message-summary` subscribers at once. Throws `MessageWaitingError` for counts that are not
   * whole numbers.
   *
   * @example server.setMessageWaiting('alice', { new: 3, old: 5 })
   */
  setMessageWaiting(user: string, counts: MessageWaitingCounts | undefined): void;
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
    // The dev server is the demo's presence server too (RFC 3856, RFC 4235, RFC 3842).
    presence: { minExpires: 60, messageWaiting: options.messageWaiting ?? {} },
  });
  const host: WebSocketHost = await hostOnWebSocket(proxy, {
    host: options.host,
    port: options.port,
    allowOrigins: options.allowOrigins ?? [],
    limits,
    log,
  });
  return {
    url: host.url,
    proxy,
    setMessageWaiting: (user, counts) => proxy.presence?.setMessageWaiting(user, counts),
    close: async () => {
      proxy.close();
      await host.close();
    },
  };
}
