import { describe, expect, it } from 'vitest';
import { headerKey, headerKeyAt, isListHeader } from './header-names.js';

describe('header names', () => {
  it.each([
    ['i', 'call-id'],
    ['I', 'call-id'],
    ['m', 'contact'],
    ['l', 'content-length'],
    ['c', 'content-type'],
    ['f', 'from'],
    ['t', 'to'],
    ['v', 'via'],
    ['s', 'subject'],
    ['k', 'supported'],
    ['o', 'event'],
    ['u', 'allow-events'],
    ['e', 'content-encoding'],
    ['x', 'session-expires'],
    ['r', 'refer-to'],
    ['b', 'referred-by'],
    ['CALL-ID', 'call-id'],
    ['WWW-Authenticate', 'www-authenticate'],
    ['X-Custom-Header', 'x-custom-header'],
  ])('canonicalizes %j to %j', (name, key) => {
    expect(headerKey(name)).toBe(key);
    expect(headerKeyAt(`  ${name}: value`, 2, 2 + name.length)).toBe(key);
  });

  it('does not confuse names of the same length', () => {
    expect(headerKeyAt('Contact', 0, 7)).toBe('contact');
    expect(headerKeyAt('Expires', 0, 7)).toBe('expires');
    expect(headerKeyAt('Contakt', 0, 7)).toBe('contakt');
  });

  it('knows which headers are comma lists', () => {
    expect(
      ['via', 'contact', 'route', 'record-route', 'supported', 'allow', 'reason'].every(
        isListHeader,
      ),
    ).toBe(true);
    expect(
      ['www-authenticate', 'authorization', 'date', 'from', 'x-unknown'].some(isListHeader),
    ).toBe(false);
  });
});
