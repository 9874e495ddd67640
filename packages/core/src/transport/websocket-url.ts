import { TransportError } from './transport-error.js';
import { DEV } from '../diagnostics/dev-mode.js';

/** What a WebSocket URL tells us about the SIP side of the connection. */
export interface ParsedWebSocketUrl {
  /** `WS` for `ws:`, `WSS` for `wss:` (RFC 7118 §5.2 Via transport tokens). */
  readonly via_transport: 'WS' | 'WSS';
  /** `sip:<host>[:<port>];transport=ws`, the port only when the URL names one. */
  readonly sip_uri: string;
}

/**
 * Checks a WebSocket URL and derives its Via transport and SIP URI. IPv6 hosts keep their
 * brackets (`sip:[::1]:5066;transport=ws`). RFC 7118 §5.2 uses `transport=ws` for both ws and wss.
 *
 * @throws {TransportError} `invalid-url` (not a URL, or no host) or `unsupported-scheme`.
 * @example
 * ```ts
 * parseWebSocketUrl('wss://sip.example.com:8443/ws');
 * // { via_transport: 'WSS', sip_uri: 'sip:sip.example.com:8443;transport=ws' }
 * ```
 */
export function parseWebSocketUrl(url: string): ParsedWebSocketUrl {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    const shown = JSON.stringify(url);
    throw new TransportError(
      'invalid-url',
      DEV ? `Invalid WebSocket URL ${shown}` : `transport.url ${shown}`,
      {
        cause,
        parameter: 'url',
      },
    );
  }
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') {
    throw new TransportError(
      'unsupported-scheme',
      DEV
        ? `Invalid WebSocket URL ${JSON.stringify(url)}: scheme must be ws: or wss:, got ${parsed.protocol}`
        : `transport.url-scheme ${JSON.stringify(url)}`,
      { parameter: 'url' },
    );
  }
  if (parsed.hostname === '') {
    throw new TransportError(
      'invalid-url',
      DEV
        ? `Invalid WebSocket URL ${JSON.stringify(url)}: no host`
        : `transport.url-host ${JSON.stringify(url)}`,
      { parameter: 'url' },
    );
  }
  const port = parsed.port === '' ? '' : `:${parsed.port}`;
  return {
    via_transport: parsed.protocol === 'wss:' ? 'WSS' : 'WS',
    sip_uri: `sip:${parsed.hostname}${port};transport=ws`,
  };
}
