import { describe, expect, it } from 'vitest';
import { dialKind, normalizeDialString } from './normalize-dial-string.js';

describe('normalizeDialString', () => {
  it.each([
    [' +1 (555) 010-9999 ', '+15550109999'],
    ['+49 30 1234-567', '+49301234567'],
    ['030/123.45.67', '0301234567'],
    ['\u202A+44\u00A020\u20137946\u20090000\u202C', '+442079460000'],
    ['*21#', '*21#'],
    ['  sip:bob@example.com \n', 'sip:bob@example.com'],
    ['bob @ example.com', 'bob@example.com'],
    ['tel:+1-555-010-9999', 'tel:+1-555-010-9999'],
    [' bob ', 'bob'],
    ['Alice Smith', 'Alice Smith'],
    ['\u200B', ''],
  ])('%j -> %j', (input, output) => {
    expect(normalizeDialString(input)).toBe(output);
  });

  it('leaves a plus sign inside a number alone (it is not a phone number then)', () => {
    expect(normalizeDialString('12+34')).toBe('12+34');
  });
});

describe('dialKind', () => {
  it('tells phone numbers, URIs and user names apart', () => {
    expect(dialKind('')).toBe('empty');
    expect(dialKind('+1 555 010')).toBe('phone');
    expect(dialKind('sip:bob@example.com')).toBe('uri');
    expect(dialKind('bob@example.com')).toBe('uri');
    expect(dialKind('bob')).toBe('user');
  });
});
