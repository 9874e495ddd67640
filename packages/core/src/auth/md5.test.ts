import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { md5 } from './md5.js';

const runs = Number(process.env['SIPKIT_FUZZ_RUNS'] ?? 300);
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const nodeMd5 = (bytes: Uint8Array): string => createHash('md5').update(bytes).digest('hex');

describe('md5', () => {
  // RFC 1321 appendix A.5, "test suite".
  it.each([
    ['', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['a', '0cc175b9c0f1b6a831c399e269772661'],
    ['abc', '900150983cd24fb0d6963f7d28e17f72'],
    ['message digest', 'f96b697d7cb7938d525a2f31aaf161d0'],
    ['abcdefghijklmnopqrstuvwxyz', 'c3fcd3d76192e4007dfb496cca67e13b'],
    [
      'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
      'd174ab98d277d9f5a5611c2c9f419d9f',
    ],
    [
      '12345678901234567890123456789012345678901234567890123456789012345678901234567890',
      '57edf4a22be3c955ac49da2e2107b67a',
    ],
  ])('matches the RFC 1321 test suite for %j', (input, expected) => {
    expect(hex(md5(utf8(input)))).toBe(expected);
  });

  it('hashes the UTF-8 bytes of multi-byte text', () => {
    for (const text of ['é', 'Jäsøn Doe', '漢字', '😀', 'Ωmega:realm:pässwörd']) {
      expect(hex(md5(utf8(text)))).toBe(nodeMd5(utf8(text)));
    }
  });

  // Padding boundaries (RFC 1321 §3.1): 55 bytes fit one block with the length, 56 need a second,
  // 64 fill a block exactly, and so on for the second block.
  it.each([0, 1, 54, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000])(
    'pads correctly at %i bytes',
    (length) => {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 31 + 7) & 0xff);
      expect(hex(md5(bytes))).toBe(nodeMd5(bytes));
    },
  );

  it('property: agrees with node:crypto on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        expect(hex(md5(bytes))).toBe(nodeMd5(bytes));
      }),
      { numRuns: runs },
    );
  });

  it('property: agrees with node:crypto on random Unicode text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        expect(hex(md5(utf8(text)))).toBe(nodeMd5(utf8(text)));
      }),
      { numRuns: runs },
    );
  });
});
