import type { Socket, SocketsConfiguration, UAConfiguration } from '@sipkit/core';

/**
 * True when two UA configurations would make the same UA, compared by value: an inline config
 * object rebuilt on every render is "the same" as long as its values are. Sockets compare by
 * what they connect to (transport, URL, weight), so `new WebSocketInterface(url)` in render does
 * not reconnect either; arrays compare element by element.
 *
 * @example
 * sameConfiguration({ uri: 'sip:a@x', sockets: ws('wss://x') }, { uri: 'sip:a@x', sockets: ws('wss://x') }) // true
 */
export function sameConfiguration(a: UAConfiguration, b: UAConfiguration): boolean {
  if (a === b) return true;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof UAConfiguration>;
  for (const key of keys) {
    if (key === 'sockets') {
      if (!sameSockets(a.sockets, b.sockets)) return false;
    } else if (!sameValue(a[key], b[key])) {
      return false;
    }
  }
  return true;
}

/** One socket entry as compared: where it goes, not which object it is. */
function socketKeys(sockets: SocketsConfiguration): string[] {
  const entries: readonly unknown[] = Array.isArray(sockets) ? sockets : [sockets];
  return entries.map((entry) => {
    const weighted = isWeighted(entry) ? entry : { socket: entry as Socket, weight: 0 };
    const { socket } = weighted;
    return `${socket.via_transport} ${socket.url} ${weighted.weight ?? 0}`;
  });
}

function isWeighted(entry: unknown): entry is { socket: Socket; weight?: number } {
  return typeof entry === 'object' && entry !== null && 'socket' in entry;
}

function sameSockets(a: SocketsConfiguration, b: SocketsConfiguration): boolean {
  if (a === b) return true;
  const left = socketKeys(a);
  const right = socketKeys(b);
  return left.length === right.length && left.every((key, i) => key === right[i]);
}

// Configuration values are strings, numbers, booleans, null or string arrays (extra_headers).
function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => Object.is(item, b[i]));
  }
  return Object.is(a, b);
}
