/**
 * SHA-512/256 (FIPS 180-4 §6.7), needed for the `SHA-512-256` digest algorithm (RFC 7616 §3.2,
 * RFC 8760 §2.1). Web Crypto offers SHA-512 but not SHA-512/256, which is SHA-512 started from
 * different initial values and truncated to 256 bits, so it cannot be derived from
 * `subtle.digest('SHA-512')`. This small BigInt implementation is plenty for digest inputs
 * (a few hundred bytes; an `auth-int` body of a few kilobytes).
 */

import { padMessage } from './hash-padding.js';

const MASK64 = (1n << 64n) - 1n;

// FIPS 180-4 §5.3.6.2: initial hash value for SHA-512/256.
const IV = [
  0x22312194fc2bf72cn,
  0x9f555fa3c84c64c2n,
  0x2393b86b6f53b151n,
  0x963877195940eabdn,
  0x96283ee2a88effe3n,
  0xbe5e1e2553863992n,
  0x2b0199fc2c85b8aan,
  0x0eb72ddc81c52ca2n,
];

let roundConstants: readonly bigint[] | undefined;

/**
 * FIPS 180-4 §4.2.3: K[t] is the first 64 bits of the fractional part of the cube root of the
 * t-th prime. Computed exactly with integer arithmetic (floor(cbrt(p * 2^192)) mod 2^64) rather
 * than transcribed, so there is no table of 80 constants to mistype; tests check the result against
 * known digests.
 */
function constants(): readonly bigint[] {
  if (roundConstants !== undefined) return roundConstants;
  const primes: number[] = [];
  for (let n = 2; primes.length < 80; n++) {
    if (primes.every((p) => n % p !== 0)) primes.push(n);
  }
  roundConstants = primes.map((p) => integerCubeRoot(BigInt(p) << 192n) & MASK64);
  return roundConstants;
}

/** floor(cbrt(n)) for n > 0, by Newton's iteration from above. */
function integerCubeRoot(n: bigint): bigint {
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 3));
  for (;;) {
    const next = (2n * x + n / (x * x)) / 3n;
    if (next >= x) return x;
    x = next;
  }
}

function rotr(x: bigint, n: bigint): bigint {
  return ((x >> n) | (x << (64n - n))) & MASK64;
}

/**
 * SHA-512/256 digest of `bytes` (FIPS 180-4 §6.7): 32 bytes.
 *
 * @example
 * ```ts
 * sha512_256(new TextEncoder().encode('abc')); // 53 04 8e 26 ...
 * ```
 */
export function sha512_256(bytes: Uint8Array): Uint8Array {
  const k = constants();
  // FIPS 180-4 §5.1.2: append 0x80, zeros to 112 mod 128, then the bit length as 128-bit BE.
  const view = padMessage(bytes, 128, false);
  const paddedLength = view.byteLength;

  const h = IV.slice();
  const w: bigint[] = new Array<bigint>(80).fill(0n);
  for (let offset = 0; offset < paddedLength; offset += 128) {
    // FIPS 180-4 §6.4.2 step 1: message schedule.
    for (let t = 0; t < 16; t++) w[t] = view.getBigUint64(offset + t * 8, false);
    for (let t = 16; t < 80; t++) {
      const w15 = w[t - 15] as bigint;
      const w2 = w[t - 2] as bigint;
      const s0 = rotr(w15, 1n) ^ rotr(w15, 8n) ^ (w15 >> 7n);
      const s1 = rotr(w2, 19n) ^ rotr(w2, 61n) ^ (w2 >> 6n);
      w[t] = (s1 + (w[t - 7] as bigint) + s0 + (w[t - 16] as bigint)) & MASK64;
    }
    let [a, b, c, d, e, f, g, hh] = h as [
      bigint,
      bigint,
      bigint,
      bigint,
      bigint,
      bigint,
      bigint,
      bigint,
    ];
    // FIPS 180-4 §6.4.2 step 3: eighty rounds.
    for (let t = 0; t < 80; t++) {
      const sum1 = rotr(e, 14n) ^ rotr(e, 18n) ^ rotr(e, 41n);
      const choose = (e & f) ^ (~e & MASK64 & g);
      const t1 = (hh + sum1 + choose + (k[t] as bigint) + (w[t] as bigint)) & MASK64;
      const sum0 = rotr(a, 28n) ^ rotr(a, 34n) ^ rotr(a, 39n);
      const majority = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (sum0 + majority) & MASK64;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) & MASK64;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) & MASK64;
    }
    const round = [a, b, c, d, e, f, g, hh];
    for (let i = 0; i < 8; i++) h[i] = ((h[i] as bigint) + (round[i] as bigint)) & MASK64;
  }

  // FIPS 180-4 §6.7: the leftmost 256 bits, i.e. the first four words.
  const out = new Uint8Array(32);
  const outView = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) outView.setBigUint64(i * 8, h[i] as bigint, false);
  return out;
}
