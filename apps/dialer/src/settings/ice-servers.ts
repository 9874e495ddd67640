import { ConfigurationError } from '@sipkit/core';

/**
 * Reads the ICE servers field: a JSON `RTCIceServer[]` (or a single server object), or one
 * `stun:`/`turn:` URL a line. Empty gives none, which is what loopback and most LANs need
 * (host candidates). Throws `ConfigurationError` naming `ice_servers`.
 *
 * @example parseIceServers('stun:stun.example.org') // [{ urls: 'stun:stun.example.org' }]
 */
export function parseIceServers(text: string): RTCIceServer[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) return fromJson(trimmed);
  return trimmed
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      if (!/^(stuns?|turns?):/i.test(line)) {
        throw new ConfigurationError('ice_servers', `"${line}" is not a stun: or turn: URL`);
      }
      return { urls: line };
    });
}

function fromJson(text: string): RTCIceServer[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ConfigurationError('ice_servers', 'is neither valid JSON nor one URL a line');
  }
  const list: unknown[] = Array.isArray(value) ? value : [value];
  return list.map((entry, index) => {
    if (!isIceServer(entry)) {
      throw new ConfigurationError(
        'ice_servers',
        `entry ${index + 1} needs "urls" (a string or an array of strings)`,
      );
    }
    return entry;
  });
}

function isIceServer(value: unknown): value is RTCIceServer {
  if (typeof value !== 'object' || value === null || !('urls' in value)) return false;
  const { urls } = value;
  return (
    typeof urls === 'string' ||
    (Array.isArray(urls) && urls.length > 0 && urls.every((url) => typeof url === 'string'))
  );
}
