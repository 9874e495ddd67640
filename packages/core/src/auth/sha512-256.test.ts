import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha512_256 } from './sha512-256.js';

const runs = Number(process.env['SIPKIT_FUZZ_RUNS'] ?? 100);
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const nodeSha = (bytes: Uint8Array): string => createHash('sha512-256').update(bytes).digest('hex');

describe('sha512_256', () => {
  // FIPS 180-4 examples (NIST CSRC "SHA512_256.pdf"): one-block and two-block messages.
  it('matches the NIST examples', () => {
    expect(hex(sha512_256(utf8('abc')))).toBe(
      '53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23',
    );
    expect(
      hex(
        sha512_256(
          utf8(
            'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
          ),
        ),
      ),
    ).toBe('3928e184fb8690f840da3988121d31be65cb9d3ef83ee6146feac861e19b563a');
  });

  it.each([0, 1, 111, 112, 113, 127, 128, 129, 239, 240, 256, 1500])(
    'pads correctly at %i bytes',
    (length) => {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 17 + 3) & 0xff);
      expect(hex(sha512_256(bytes))).toBe(nodeSha(bytes));
    },
  );

  it('property: agrees with node:crypto on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(hex(sha512_256(bytes))).toBe(nodeSha(bytes));
      }),
      { numRuns: runs },
    );
  });
});
