import { describe, expect, it } from 'vitest';
import { SipParseError } from './sip-parse-error.js';
import { utf8Boundary, utf8Length } from './utf8.js';

describe('utf8Length', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['é', 2],
    ['好', 3],
    ['😀', 4],
    ['\ud800', 3],
    ['a\udc00b', 5],
  ])('measures %j as %i bytes', (text, bytes) => {
    expect(utf8Length(text)).toBe(bytes);
  });

  it('agrees with TextEncoder on long mixed text, across chunk boundaries and surrogate pairs', () => {
    const text = ('ab😀é好' + 'x'.repeat(16_377)).repeat(5);
    expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
  });
});

describe('utf8Boundary', () => {
  it('finds the string index after a byte count', () => {
    expect(utf8Boundary('aé好😀z', 1)).toBe(1);
    expect(utf8Boundary('aé好😀z', 3)).toBe(2);
    expect(utf8Boundary('aé好😀z', 6)).toBe(3);
    expect(utf8Boundary('aé好😀z', 10)).toBe(5);
  });

  it('refuses a boundary inside a character', () => {
    expect(() => utf8Boundary('é', 1)).toThrow(SipParseError);
    expect(() => utf8Boundary('😀', 2)).toThrow(SipParseError);
  });
});
