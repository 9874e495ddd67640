import type { Identity } from '@sipkit/core';

/**
 * The name to show for a party: its display name, else the user part of its URI, else the URI.
 *
 * @example partyName({ displayName: undefined, uri: 'sip:bob@example.com' }) // 'bob'
 */
export function partyName(identity: Identity): string {
  const name = identity.displayName?.trim();
  if (name !== undefined && name !== '') return name;
  const user = /^sips?:([^@;?]+)@/i.exec(identity.uri)?.[1];
  return user === undefined ? partyAddress(identity) : decodeUser(user);
}

/**
 * The party's address without the scheme, as people read it.
 *
 * @example partyAddress({ displayName: 'Bob', uri: 'sip:bob@example.com' }) // 'bob@example.com'
 */
export function partyAddress(identity: Identity): string {
  return identity.uri.replace(/^sips?:/i, '');
}

// User parts may be escaped (RFC 3261 §19.1.2): show `+49 30` rather than `+49%2030`.
function decodeUser(user: string): string {
  try {
    return decodeURIComponent(user);
  } catch {
    return user;
  }
}
