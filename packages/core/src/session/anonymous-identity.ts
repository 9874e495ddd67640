import type { HeaderEntry } from '../message/index.js';

/**
 * The From of an anonymous request (RFC 3323 §4.1.1.3): a display name of "Anonymous" and the
 * anonymous URI, so the callee learns nothing from it.
 */
export function anonymousFrom(tag: string): string {
  return `"Anonymous" <sip:anonymous@anonymous.invalid>;tag=${tag}`;
}

/**
 * Headers asking the network to withhold the caller's identity (RFC 3323 §4.2 `Privacy: id`,
 * RFC 3325 §9.3) while the real identity travels in P-Preferred-Identity for the trusted proxy.
 */
export function anonymityHeaders(realIdentity: string): HeaderEntry[] {
  return [
    ['Privacy', 'id'],
    ['P-Preferred-Identity', realIdentity],
  ];
}
