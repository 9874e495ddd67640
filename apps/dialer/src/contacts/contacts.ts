import type { Buddy } from '@sipkit/ui';
import type { KeyValueStorage } from '../settings/settings-storage.js';

/** The names `pnpm demo`'s intro suggests: two tabs as two of them see each other at once. */
export const DEMO_CONTACTS: readonly string[] = ['alice', 'bob', 'carol'];

/** At most this many contacts are kept (each one is two SUBSCRIBEs). */
export const MAX_CONTACTS = 20;

/** Longest contact entry kept, in characters. */
const MAX_ENTRY = 256;

/**
 * Where an account's contacts are stored.
 *
 * @example contactsKey('sip:alice@127.0.0.1') // 'sipkit-dialer:contacts:sip:alice@127.0.0.1'
 */
export function contactsKey(aor: string): string {
  return `sipkit-dialer:contacts:${aor}`;
}

/**
 * A contact as typed (`bob`, `bob@example.com`, `sip:bob@example.com`) as the buddy list shows
 * it: a name alone is a user of our own domain, as in the settings' "SIP URI" field.
 *
 * @example buddyOf('bob', 'sip:alice@127.0.0.1') // { uri: 'sip:bob@127.0.0.1', name: 'bob' }
 */
export function buddyOf(entry: string, ownAor: string): Buddy {
  const value = entry.trim();
  if (/^sips?:/i.test(value)) return { uri: value, name: value.replace(/^sips?:/i, '') };
  if (value.includes('@')) return { uri: `sip:${value}`, name: value };
  const domain = ownAor.slice(ownAor.lastIndexOf('@') + 1);
  return { uri: `sip:${value}@${domain}`, name: value };
}

/**
 * The account's contacts: as stored, else the demo's names; never the account itself.
 *
 * @example loadContacts(localStorage, 'sip:alice@127.0.0.1') // ['bob', 'carol'] on a first visit
 */
export function loadContacts(storage: KeyValueStorage | undefined, aor: string): string[] {
  let stored: unknown;
  try {
    stored = JSON.parse(storage?.getItem(contactsKey(aor)) ?? 'null');
  } catch {
    stored = null; // a damaged entry is forgotten, not a crash
  }
  const entries = Array.isArray(stored)
    ? stored.filter((e): e is string => typeof e === 'string')
    : DEMO_CONTACTS;
  return cleanContacts(entries, aor);
}

/**
 * Saves the account's contacts (ignores a storage that refuses, e.g. when full).
 *
 * @example saveContacts(localStorage, 'sip:alice@127.0.0.1', ['bob'])
 */
export function saveContacts(
  storage: KeyValueStorage | undefined,
  aor: string,
  contacts: readonly string[],
): void {
  try {
    storage?.setItem(contactsKey(aor), JSON.stringify(contacts));
  } catch {
    // The list lives on for this visit.
  }
}

/**
 * Trimmed, bounded, without duplicates (by URI) or the account itself.
 *
 * @example cleanContacts([' bob ', 'bob', 'alice'], 'sip:alice@127.0.0.1') // ['bob']
 */
export function cleanContacts(entries: readonly string[], aor: string): string[] {
  const seen = new Set([aor.toLowerCase()]);
  const kept: string[] = [];
  for (const raw of entries) {
    const entry = raw.trim().slice(0, MAX_ENTRY);
    if (entry === '' || /\s/.test(entry)) continue;
    const uri = buddyOf(entry, aor).uri.toLowerCase();
    if (seen.has(uri)) continue;
    seen.add(uri);
    kept.push(entry);
    if (kept.length === MAX_CONTACTS) break;
  }
  return kept;
}
