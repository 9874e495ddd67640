import type { Identity } from '@sipkit/core';
import { truncateText } from './truncate-text.js';

/** The most characters of a party's name that components show. */
export const MAX_SHOWN_NAME = 128;
/** The most characters of a party's address that components show. */
export const MAX_SHOWN_ADDRESS = 256;
/** The most characters of the full text put in a `title` (a tooltip is rendered too). */
export const MAX_TITLE = 1024;

/**
 * The name to show for a party: its display name, else the user part of its URI, else the URI;
 * at most {@link MAX_SHOWN_NAME} characters, a cut shown with `…` (the far end picks it, and may
 * pick 200 KB).
 *
 * @example partyName({ displayName: undefined, uri: 'sip:bob@example.com' }) // 'bob'
 */
export function partyName(identity: Identity): string {
  return truncateText(fullName(identity), MAX_SHOWN_NAME);
}

/**
 * The party's address without the scheme, as people read it; at most {@link MAX_SHOWN_ADDRESS}
 * characters, a cut shown with `…`.
 *
 * @example partyAddress({ displayName: 'Bob', uri: 'sip:bob@example.com' }) // 'bob@example.com'
 */
export function partyAddress(identity: Identity): string {
  return truncateText(fullAddress(identity), MAX_SHOWN_ADDRESS);
}

/**
 * The `title` for a party whose name or address was cut: the full name and address, itself at
 * most {@link MAX_TITLE} characters; undefined when nothing was cut.
 *
 * @example <bdi title={partyTitle(identity)}>{partyName(identity)}</bdi>
 */
export function partyTitle(identity: Identity): string | undefined {
  const name = fullName(identity);
  const address = fullAddress(identity);
  if (name.length <= MAX_SHOWN_NAME && address.length <= MAX_SHOWN_ADDRESS) return undefined;
  return truncateText(name === address ? name : `${name} <${address}>`, MAX_TITLE);
}

function fullName(identity: Identity): string {
  // Cut before any other work, so a huge name costs no more than a long one.
  const name = identity.displayName?.slice(0, MAX_TITLE + 1).trim();
  if (name !== undefined && name !== '') return name;
  const user = /^sips?:([^@;?]+)@/i.exec(identity.uri.slice(0, MAX_TITLE + 8))?.[1];
  return user === undefined ? fullAddress(identity) : decodeUser(user);
}

function fullAddress(identity: Identity): string {
  return identity.uri.slice(0, MAX_TITLE + 8).replace(/^sips?:/i, '');
}

// User parts may be escaped (RFC 3261 §19.1.2): show `+49 30` rather than `+49%2030`.
function decodeUser(user: string): string {
  try {
    return decodeURIComponent(user);
  } catch {
    return user;
  }
}
