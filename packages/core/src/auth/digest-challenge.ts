import { AuthError } from './auth-error.js';
import type { DigestAlgorithm } from './digest-algorithm.js';
import { describeDigestAlgorithm } from './digest-algorithm.js';
import { isDigestHashSupported } from './digest-hash.js';
import { DEV } from '../diagnostics/dev-mode.js';

/**
 * A parsed `WWW-Authenticate` / `Proxy-Authenticate` challenge, as the message layer produces it
 * (its `AuthChallenge` has exactly this shape): `scheme` as written (compared case-insensitively),
 * parameter names lowercased, values unquoted and unescaped.
 *
 * @example
 * ```ts
 * const challenge: DigestChallengeInput = {
 *   scheme: 'Digest',
 *   params: { realm: 'example.com', nonce: 'abc123', qop: 'auth,auth-int', algorithm: 'SHA-256' },
 * };
 * ```
 */
export interface DigestChallengeInput {
  readonly scheme: string;
  readonly params: Readonly<Record<string, string>>;
}

/**
 * A Digest challenge checked and interpreted (RFC 7616 §3.3).
 *
 * @example
 * ```ts
 * const read = readDigestChallenge(challenge);
 * read.algorithm.name; // 'SHA-256'
 * read.qop; // ['auth', 'auth-int']
 * ```
 */
export interface DigestChallenge {
  readonly realm: string;
  readonly nonce: string;
  /** Echoed unchanged in the answer (RFC 7616 §3.3). */
  readonly opaque: string | undefined;
  readonly algorithm: DigestAlgorithm;
  /** The `algorithm` value exactly as the server wrote it, echoed in the answer; absent = MD5. */
  readonly algorithmToken: string | undefined;
  /** Offered qop values, lowercased; `undefined` when the server sent no qop (RFC 2069 mode). */
  readonly qop: readonly string[] | undefined;
  /** RFC 7616 §3.3: the previous nonce was stale but the credentials were fine. */
  readonly stale: boolean;
  /** RFC 7616 §3.4.4: the server wants the username hashed. */
  readonly userhash: boolean;
}

/**
 * Checks and interprets one challenge.
 *
 * @throws {AuthError} `unsupported-scheme` if it is not Digest, `invalid-challenge` without a
 * realm or nonce, `unsupported-algorithm` if the algorithm is unknown or this runtime lacks it.
 * @example
 * ```ts
 * readDigestChallenge({ scheme: 'digest', params: { realm: 'r', nonce: 'n' } }).algorithm.name; // 'MD5'
 * ```
 */
export function readDigestChallenge(input: DigestChallengeInput): DigestChallenge {
  if (input.scheme.toLowerCase() !== 'digest') {
    const scheme = describe(input.scheme);
    throw new AuthError(
      'unsupported-scheme',
      DEV ? `unsupported auth scheme ${scheme}` : `auth.scheme ${scheme}`,
    );
  }
  const { params } = input;
  const realm = params['realm'];
  const nonce = params['nonce'];
  // RFC 7616 §3.3: realm and nonce are required in a challenge.
  if (realm === undefined)
    throw new AuthError(
      'invalid-challenge',
      DEV ? 'Digest challenge has no realm' : 'auth.no-realm',
    );
  if (nonce === undefined || nonce === '') {
    throw new AuthError(
      'invalid-challenge',
      DEV ? 'Digest challenge has no nonce' : 'auth.no-nonce',
    );
  }
  const algorithmToken = params['algorithm'];
  const algorithm = describeDigestAlgorithm(algorithmToken);
  if (algorithm === undefined) {
    const token = describe(algorithmToken ?? '');
    throw new AuthError(
      'unsupported-algorithm',
      DEV ? `unsupported digest algorithm ${token}` : `auth.algorithm ${token}`,
    );
  }
  if (!isDigestHashSupported(algorithm.hash)) {
    throw new AuthError(
      'unsupported-algorithm',
      DEV
        ? `digest algorithm ${algorithm.name} needs Web Crypto (crypto.subtle), which this runtime lacks (browsers offer it only in secure contexts)`
        : `auth.no-subtle ${algorithm.name}`,
    );
  }
  const qopValue = params['qop'];
  const qop = qopValue
    ?.split(',')
    .map((token) => token.trim().toLowerCase())
    .filter((token) => token !== '');
  return {
    realm,
    nonce,
    opaque: params['opaque'],
    algorithm,
    algorithmToken,
    // An empty qop list is treated like no qop at all.
    qop: qop === undefined || qop.length === 0 ? undefined : qop,
    stale: isTrue(params['stale']),
    userhash: isTrue(params['userhash']),
  };
}

/**
 * How to choose among several challenges for the same realm:
 * - `strongest` (default): the strongest algorithm this side can answer (SHA-512-256 > SHA-256 >
 *   MD5), ties going to the one listed first. This never lets an MD5 challenge listed first (by a
 *   misconfigured server or an attacker adding a header) downgrade a server that also offers SHA-2.
 * - `first`: the first one this side can answer. RFC 8760 has servers list their challenges
 *   most preferred first and the UAC use the topmost one it supports "unless a local policy
 *   dictates otherwise"; `strongest` is such a local policy, and agrees with `first` whenever the
 *   server lists strongest first, as RFC 8760 servers do.
 *
 * @example
 * ```ts
 * const policy: DigestChallengePreference = 'first';
 * ```
 */
export type DigestChallengePreference = 'strongest' | 'first';

/**
 * Options for {@link selectDigestChallenges}.
 *
 * @example
 * ```ts
 * selectDigestChallenges(challenges, { prefer: 'first', check: (c) => credentials.check(c) });
 * ```
 */
export interface SelectDigestChallengesOptions {
  readonly prefer?: DigestChallengePreference | undefined;
  /** Extra filter; throw an {@link AuthError} to skip a challenge this side cannot answer. */
  readonly check?: ((challenge: DigestChallenge) => void) | undefined;
}

/**
 * Picks the challenges to answer from one 401/407: one per realm (RFC 3261 §22.3: a response
 * aggregated by a forking proxy can challenge for several realms, each needing its own
 * credentials), in the order realms first appear. Non-Digest and unanswerable challenges are
 * skipped; if nothing is left, the first reason is thrown.
 *
 * @throws {AuthError} the first reason a challenge was skipped when none can be answered.
 * @example
 * ```ts
 * const [chosen] = selectDigestChallenges([md5Challenge, sha256Challenge]); // sha256Challenge
 * ```
 */
export function selectDigestChallenges(
  challenges: readonly DigestChallengeInput[],
  options: SelectDigestChallengesOptions = {},
): DigestChallengeInput[] {
  const prefer = options.prefer ?? 'strongest';
  const best = new Map<string, { input: DigestChallengeInput; strength: number }>();
  let firstError: unknown;
  for (const input of challenges) {
    let read: DigestChallenge;
    try {
      read = readDigestChallenge(input);
      options.check?.(read);
    } catch (error) {
      firstError ??= error;
      continue;
    }
    const current = best.get(read.realm);
    const strength = read.algorithm.strength;
    if (current === undefined || (prefer === 'strongest' && strength > current.strength)) {
      best.set(read.realm, { input, strength });
    }
  }
  if (best.size === 0) {
    throw (
      firstError ??
      new AuthError(
        'invalid-challenge',
        DEV ? 'no Digest challenge to answer' : 'auth.no-challenge',
      )
    );
  }
  return [...best.values()].map((entry) => entry.input);
}

function isTrue(value: string | undefined): boolean {
  // RFC 7616 §3.3: stale and userhash are case-insensitive "true" / "false".
  return value?.trim().toLowerCase() === 'true';
}

/** A server-sent token for an error message: quoted, shortened, control characters escaped. */
function describe(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}
