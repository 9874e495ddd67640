import type { DigestHashName } from './digest-hash.js';
import { isDigestHashSupported } from './digest-hash.js';

/**
 * A digest algorithm from the IANA "HTTP Digest Hash Algorithms" registry (RFC 7616 §6.1), as
 * usable in SIP (RFC 8760 §2.1), in its canonical spelling.
 *
 * @example
 * ```ts
 * const algorithm: DigestAlgorithmName = 'SHA-256-sess';
 * ```
 */
export type DigestAlgorithmName =
  'MD5' | 'MD5-sess' | 'SHA-256' | 'SHA-256-sess' | 'SHA-512-256' | 'SHA-512-256-sess';

/**
 * What an algorithm name means: which hash it uses, whether it is a session variant
 * (RFC 7616 §3.4.2: A1 then also covers the nonce and cnonce), and how strong it is relative to
 * the others (higher is stronger; used to choose among several challenges).
 *
 * @example
 * ```ts
 * describeDigestAlgorithm('sha-256-SESS'); // { name: 'SHA-256-sess', hash: 'SHA-256', session: true, strength: 2 }
 * ```
 */
export interface DigestAlgorithm {
  readonly name: DigestAlgorithmName;
  readonly hash: DigestHashName;
  readonly session: boolean;
  readonly strength: number;
}

const STRENGTH: Readonly<Record<DigestHashName, number>> = {
  MD5: 1,
  'SHA-256': 2,
  'SHA-512-256': 3,
};

const BY_LOWERCASE_NAME: ReadonlyMap<string, DigestAlgorithm> = new Map(
  (['MD5', 'SHA-256', 'SHA-512-256'] as const).flatMap((hash) =>
    [false, true].map((session): [string, DigestAlgorithm] => {
      const name = (session ? `${hash}-sess` : hash) as DigestAlgorithmName;
      return [name.toLowerCase(), { name, hash, session, strength: STRENGTH[hash] }];
    }),
  ),
);

/**
 * Looks up an `algorithm` parameter value. Matching is case-insensitive (RFC 7616 §3.3 tokens are
 * compared case-insensitively in practice; servers send `md5` as often as `MD5`). A missing value
 * means MD5 (RFC 7616 §3.3: "If this is not present, it is assumed to be MD5"). Returns
 * `undefined` for an unknown algorithm.
 *
 * @example
 * ```ts
 * describeDigestAlgorithm(undefined)?.name; // 'MD5'
 * describeDigestAlgorithm('SHA-1'); // undefined
 * ```
 */
export function describeDigestAlgorithm(value: string | undefined): DigestAlgorithm | undefined {
  return BY_LOWERCASE_NAME.get((value ?? 'MD5').trim().toLowerCase());
}

/**
 * Whether this runtime can answer challenges with `algorithm` (any case; unknown names are
 * unsupported). See {@link isDigestHashSupported}.
 *
 * @example
 * ```ts
 * isDigestAlgorithmSupported('SHA-512-256-sess'); // true: SHA-512/256 is built in
 * isDigestAlgorithmSupported('SHA-1'); // false
 * ```
 */
export function isDigestAlgorithmSupported(algorithm: string): boolean {
  const described = describeDigestAlgorithm(algorithm);
  return described !== undefined && isDigestHashSupported(described.hash);
}
