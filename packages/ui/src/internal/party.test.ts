import { describe, expect, it } from 'vitest';
import {
  MAX_SHOWN_ADDRESS,
  MAX_SHOWN_NAME,
  MAX_TITLE,
  partyAddress,
  partyName,
  partyTitle,
} from './party.js';
import { truncateText } from './truncate-text.js';

const HUGE = 'x'.repeat(200 * 1024);

describe('truncateText', () => {
  it('keeps short text and cuts long text with an ellipsis, within the bound', () => {
    expect(truncateText('Bob', 10)).toBe('Bob');
    expect(truncateText('Alexandra Longname', 10)).toBe('Alexandra…');
    expect(truncateText(HUGE, 64)).toHaveLength(64);
  });

  it('never splits a surrogate pair', () => {
    expect(truncateText('ab😀cd', 4)).toBe('ab…');
    expect(truncateText('abc😀de', 6)).toBe('abc😀…');
  });
});

describe('party text', () => {
  it('shows ordinary parties whole, with no title', () => {
    const bob = { displayName: 'Bob Martin', uri: 'sip:bob@example.com' };
    expect(partyName(bob)).toBe('Bob Martin');
    expect(partyAddress(bob)).toBe('bob@example.com');
    expect(partyTitle(bob)).toBeUndefined();
  });

  it('bounds a 200 KB display name and URI, the full text in a bounded title', () => {
    const mallory = { displayName: HUGE, uri: `sip:${HUGE}@example.com` };
    expect(partyName(mallory)).toHaveLength(MAX_SHOWN_NAME);
    expect(partyName(mallory).endsWith('…')).toBe(true);
    expect(partyAddress(mallory)).toHaveLength(MAX_SHOWN_ADDRESS);
    const title = partyTitle(mallory) ?? '';
    expect(title).toHaveLength(MAX_TITLE);
    expect(title.endsWith('…')).toBe(true);
    // Without a display name, the huge user part is the name, bounded the same way.
    expect(partyName({ displayName: undefined, uri: mallory.uri })).toHaveLength(MAX_SHOWN_NAME);
  });
});
