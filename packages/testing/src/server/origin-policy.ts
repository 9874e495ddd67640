/**
 * Which web pages may open a WebSocket to the dev server. A browser lets any page connect to
 * `ws://127.0.0.1:5062` and only tells the server who asked in `Origin` (RFC 6455 §10.2): the
 * server is the one that must refuse. By default only pages served from this machine (loopback
 * origins) and non-browser clients (no `Origin` at all: Node, SIPp, the e2e harness) get in.
 */

/** `'*'` in an allow list lets every origin in, the way `Access-Control-Allow-Origin: *` reads. */
export const ANY_ORIGIN = '*';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * True when a WebSocket upgrade with this `Origin` header may proceed: no Origin (not a browser),
 * an http(s) origin on a loopback host (any port), or an origin listed in `allowed` (compared
 * case-insensitively, as origins are serialized: `scheme://host[:port]`, RFC 6454 §6.2).
 * `Origin: null` (a sandboxed frame, a file: page) is refused unless `'*'` is allowed.
 *
 * @example isAllowedOrigin('http://localhost:5173', []) // true
 * @example isAllowedOrigin('https://evil.example', []) // false
 * @example isAllowedOrigin('http://192.168.1.5:5173', ['http://192.168.1.5:5173']) // true
 */
export function isAllowedOrigin(origin: string | undefined, allowed: readonly string[]): boolean {
  if (origin === undefined) return true;
  if (allowed.includes(ANY_ORIGIN)) return true;
  const normalized = origin.trim().toLowerCase();
  if (allowed.some((entry) => entry.trim().toLowerCase().replace(/\/+$/, '') === normalized)) {
    return true;
  }
  return isLoopbackOrigin(normalized);
}

function isLoopbackOrigin(origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  // A real origin has nothing after the port; anything else is not one a browser sends.
  if (`${url.protocol}//${url.host}` !== origin) return false;
  return LOOPBACK_HOSTS.has(url.hostname);
}
