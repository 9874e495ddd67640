import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../testing/memory-storage.js';
import {
  buddyOf,
  cleanContacts,
  contactsKey,
  loadContacts,
  MAX_CONTACTS,
  saveContacts,
} from './contacts.js';
import { presenceOfChoice } from './own-presence.js';

const ALICE = 'sip:alice@127.0.0.1';

describe('contacts', () => {
  it('starts from the demo names without the account itself, then keeps what was saved', () => {
    const storage = memoryStorage();
    expect(loadContacts(storage, ALICE)).toEqual(['bob', 'carol']);
    saveContacts(storage, ALICE, ['dave', 'sip:erin@example.com']);
    expect(loadContacts(storage, ALICE)).toEqual(['dave', 'sip:erin@example.com']);
    storage.setItem(contactsKey(ALICE), '{not json');
    expect(loadContacts(storage, ALICE)).toEqual(['bob', 'carol']);
    expect(loadContacts(undefined, ALICE)).toEqual(['bob', 'carol']);
  });

  it('makes a bare name a user of our domain, as the settings do', () => {
    expect(buddyOf('bob', ALICE)).toEqual({ uri: 'sip:bob@127.0.0.1', name: 'bob' });
    expect(buddyOf('bob@example.com', ALICE).uri).toBe('sip:bob@example.com');
    expect(buddyOf('sip:bob@example.com', ALICE)).toEqual({
      uri: 'sip:bob@example.com',
      name: 'bob@example.com',
    });
  });

  it('drops blanks, spaces, duplicates by URI and ourselves, and bounds the list', () => {
    expect(cleanContacts([' bob ', 'bob@127.0.0.1', 'alice', '', 'a b'], ALICE)).toEqual(['bob']);
    const many = Array.from({ length: 50 }, (_, i) => `user${i}`);
    expect(cleanContacts(many, ALICE)).toHaveLength(MAX_CONTACTS);
  });

  it('publishes nothing for automatic, PIDF/RPID states for the others', () => {
    expect(presenceOfChoice('automatic')).toBeUndefined();
    expect(presenceOfChoice('away')).toEqual({ open: true, activities: ['away'] });
    expect(presenceOfChoice('offline')).toEqual({ open: false });
  });
});
