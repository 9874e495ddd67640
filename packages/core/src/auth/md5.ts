/**
 * MD5 (RFC 1321), written from the RFC's description because Web Crypto does not offer it and the
 * core has no runtime dependencies. MD5 is broken for collision resistance; it is here only because
 * SIP digest authentication (RFC 2617, RFC 8760 §2.1) still defaults to it.
 */

import { padMessage } from './hash-padding.js';

// RFC 1321 §3.4: T[i] = floor(2^32 * abs(sin(i))), i = 1..64. Written out rather than computed,
// because Math.sin is only "implementation-approximated" by ECMAScript.
const T = new Int32Array([
  0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
  0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
  0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
  0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
  0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
  0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
  0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
  0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
]);

// RFC 1321 §3.4: per-round left-rotation amounts, four per round.
const S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];

/**
 * MD5 digest of `bytes` (RFC 1321). Synchronous; wrap with {@link digestHex} for the async API.
 *
 * @example
 * ```ts
 * md5(new TextEncoder().encode('abc')); // Uint8Array of 16 bytes: 90 01 50 98 ...
 * ```
 */
export function md5(bytes: Uint8Array): Uint8Array {
  // RFC 1321 §3.1-3.2: append 0x80, pad with zeros to 56 mod 64, then the bit length as 64-bit LE.
  const view = padMessage(bytes, 64, true);
  const paddedLength = view.byteLength;

  // RFC 1321 §3.3: initial buffer A, B, C, D.
  let a0 = 0x67452301;
  let b0 = 0xefcdab89 | 0;
  let c0 = 0x98badcfe | 0;
  let d0 = 0x10325476;
  const x = new Int32Array(16);

  for (let offset = 0; offset < paddedLength; offset += 64) {
    for (let i = 0; i < 16; i++) x[i] = view.getInt32(offset + i * 4, true);
    let a = a0;
    let b = b0;
    let c = c0;
    let d = d0;
    // RFC 1321 §3.4: 64 operations in four rounds of sixteen, each with its own auxiliary
    // function F, G, H, I and its own order of message words.
    for (let i = 0; i < 64; i++) {
      const round = i >>> 4;
      let f: number;
      let k: number;
      if (round === 0) {
        f = (b & c) | (~b & d);
        k = i;
      } else if (round === 1) {
        f = (b & d) | (c & ~d);
        k = (5 * i + 1) & 15;
      } else if (round === 2) {
        f = b ^ c ^ d;
        k = (3 * i + 5) & 15;
      } else {
        f = c ^ (b | ~d);
        k = (7 * i) & 15;
      }
      const sum = (a + f + (T[i] as number) + (x[k] as number)) | 0;
      const shift = S[(round << 2) | (i & 3)] as number;
      const rotated = (sum << shift) | (sum >>> (32 - shift));
      a = d;
      d = c;
      c = b;
      b = (b + rotated) | 0;
    }
    a0 = (a0 + a) | 0;
    b0 = (b0 + b) | 0;
    c0 = (c0 + c) | 0;
    d0 = (d0 + d) | 0;
  }

  // RFC 1321 §3.5: output A, B, C, D, each low-order byte first.
  const out = new Uint8Array(16);
  const outView = new DataView(out.buffer);
  outView.setInt32(0, a0, true);
  outView.setInt32(4, b0, true);
  outView.setInt32(8, c0, true);
  outView.setInt32(12, d0, true);
  return out;
}
