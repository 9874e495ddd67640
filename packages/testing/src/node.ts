/**
 * @sipkit/testing/node: what only runs in Node. Hosting the in-memory network's registrar/proxy
 * on a real `ws` server (the dev server, end-to-end tests). Kept out of the main entry so a
 * browser bundle (stories, the demo) never reaches for `ws`.
 *
 * @example
 * import { hostOnWebSocket } from '@sipkit/testing/node';
 * const host = await hostOnWebSocket(new SipProxyServer(), { port: 5062 });
 */
export {
  DEFAULT_WEBSOCKET_HOST_LIMITS,
  hostOnWebSocket,
  type WebSocketHost,
  type WebSocketHostLimits,
  type WebSocketHostOptions,
} from './server/websocket-host.js';
export { ANY_ORIGIN, isAllowedOrigin } from './server/origin-policy.js';
