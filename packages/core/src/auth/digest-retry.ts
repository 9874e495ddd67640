/**
 * What was last sent for one realm in the current flow: enough to judge the server's next
 * challenge.
 *
 * @example
 * ```ts
 * const previous: DigestAttempt = { realm: 'example.com', nonce: 'abc', nc: 1, answeredStale: false };
 * ```
 */
export interface DigestAttempt {
  readonly realm: string;
  readonly nonce: string;
  /** Nonce count used (1 for a fresh nonce, more when a nonce was reused). */
  readonly nc: number;
  /** Whether this attempt answered a `stale=true` challenge. */
  readonly answeredStale: boolean;
}

/**
 * Whether to answer a new challenge, and why.
 *
 * Retry reasons: `challenged` (nothing was sent for this realm yet), `stale` (the nonce expired,
 * the credentials were fine, RFC 7616 §3.3; not a failure), `nonce-expired` (a reused nonce was
 * refused without `stale`; one fresh try).
 * Give-up reasons: `rejected` (the credentials were refused: wrong password or user),
 * `stale-again` (a stale retry was itself called stale), `too-many-realms`.
 *
 * @example
 * ```ts
 * const decision = authenticator.shouldRetry(challenge);
 * if (!decision.retry) emit('registrationFailed', decision.reason);
 * ```
 */
export type DigestRetryDecision =
  | { readonly retry: true; readonly reason: 'challenged' | 'stale' | 'nonce-expired' }
  | { readonly retry: false; readonly reason: 'rejected' | 'stale-again' | 'too-many-realms' };

/**
 * The retry rule for one realm, as a pure function. It never loops: each realm gets at most three
 * answers per flow (first, after a refused reused nonce, after stale), usually one.
 *
 * 1. Nothing sent for this realm yet → retry (`challenged`).
 * 2. `stale=true` with a new nonce → retry once (`stale`); stale again → give up (`stale-again`).
 * 3. No `stale`: the server refused credentials computed on its nonce. If that nonce was fresh
 *    (nc 1), the password or user is wrong → give up (`rejected`), even when the server sends a
 *    new nonce, because many servers mint a new nonce on every 401 and "retry on new nonce"
 *    would loop forever. Only if we had reused an older nonce (nc > 1), which the server may have
 *    dropped without saying `stale`, is one retry with the new nonce allowed (`nonce-expired`).
 *
 * @example
 * ```ts
 * decideDigestRetry(undefined, { realm: 'r', nonce: 'n1', stale: false }); // { retry: true, reason: 'challenged' }
 * decideDigestRetry({ realm: 'r', nonce: 'n1', nc: 1, answeredStale: false }, { realm: 'r', nonce: 'n2', stale: false });
 * // { retry: false, reason: 'rejected' }
 * ```
 */
export function decideDigestRetry(
  previous: DigestAttempt | undefined,
  challenge: { readonly realm: string; readonly nonce: string; readonly stale: boolean },
): DigestRetryDecision {
  if (previous === undefined || previous.realm !== challenge.realm) {
    return { retry: true, reason: 'challenged' };
  }
  if (challenge.stale) {
    // Stale with the very nonce we just used, or stale twice running, is a server that will
    // never accept us; a second stale retry could go on forever.
    if (previous.answeredStale || challenge.nonce === previous.nonce) {
      return { retry: false, reason: 'stale-again' };
    }
    return { retry: true, reason: 'stale' };
  }
  if (previous.nc > 1 && challenge.nonce !== previous.nonce) {
    return { retry: true, reason: 'nonce-expired' };
  }
  return { retry: false, reason: 'rejected' };
}
