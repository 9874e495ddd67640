import type { UAConfiguration } from '../ua/configuration.js';
import { DEV } from '../diagnostics/dev-mode.js';
import { ConfigurationError } from '../ua/configuration-error.js';
import { normalizeSocketsParameter } from '../ua/sockets-parameter.js';

/** What identifies a phone for sharing it across tabs: who it is and where it connects. */
export type TabGroupIdentity = Pick<UAConfiguration, 'uri' | 'sockets'>;

// FNV-1a (32-bit) with a chosen offset basis; two bases give 64 bits, plenty for the handful of
// phones one origin runs, in a few lines and without Web Crypto's asynchronous digest.
function fnv1a(text: string, basis: number): string {
  let hash = basis;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36).padStart(7, '0');
}

/**
 * The group of tabs that share one phone: a short stable hash of the configuration's identity,
 * its `uri` and its socket URLs (in any order). Only those: the password, HA1 and JWT never go
 * into it (the group names a channel and a lock every script of the origin can see), and two
 * tabs with the same configuration always land in the same group.
 *
 * @example
 * const group = tabGroupOf({ uri: 'sip:alice@example.com', sockets: new WebSocketInterface(url) });
 * new TabCoordinator({ group });
 */
export function tabGroupOf(configuration: TabGroupIdentity): string {
  const { uri } = configuration;
  if (typeof uri !== 'string' || uri.trim() === '') {
    throw new ConfigurationError(
      'uri',
      DEV ? 'a SIP URI such as "sip:alice@example.com"' : 'config.not-sip-uri',
    );
  }
  const urls = normalizeSocketsParameter(configuration.sockets).map((entry) => entry.socket.url);
  const identity = [uri.trim(), ...[...new Set(urls)].sort()].join('\n');
  return fnv1a(identity, 0x811c9dc5) + fnv1a(identity, 0x050c5d1f);
}
