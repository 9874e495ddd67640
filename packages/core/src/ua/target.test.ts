import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidTargetError, normalizeTarget } from './target.js';

describe('normalizeTarget', () => {
  it.each([
    ['bob', 'sip:bob@example.com'],
    ['  bob  ', 'sip:bob@example.com'],
    ['bob@other.org', 'sip:bob@other.org'],
    ['sip:bob@other.org;transport=ws', 'sip:bob@other.org;transport=ws'],
    ['SIPS:bob@other.org', 'sips:bob@other.org'],
    ['+1 (555) 010-0100', 'sip:+15550100100@example.com'],
    ['1001', 'sip:1001@example.com'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeTarget(input, 'example.com')).toBe(expected);
  });

  it('refuses what cannot become a SIP URI, with a typed error', () => {
    for (const bad of ['', '   ', 'sip:', 'bob@', 'a b@c', 'sip:bob@exa mple.com']) {
      expect(() => normalizeTarget(bad, 'example.com')).toThrow(InvalidTargetError);
    }
  });

  it('either returns a URI or throws InvalidTargetError for any input', () => {
    fc.assert(
      fc.property(fc.string(), (input) => {
        try {
          expect(normalizeTarget(input, 'example.com')).toMatch(/^sips?:/);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidTargetError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
