import { AuthError } from './auth-error.js';
import type {
  DigestChallenge,
  DigestChallengeInput,
  DigestChallengePreference,
} from './digest-challenge.js';
import { readDigestChallenge, selectDigestChallenges } from './digest-challenge.js';
import type { DigestCredentials } from './digest-credentials.js';
import { digestHex, toHex } from './digest-hash.js';
import { formatDigestAuthorization } from './digest-header.js';
import type { DigestQop } from './digest-response.js';
import type { DigestAttempt, DigestRetryDecision } from './digest-retry.js';
import { decideDigestRetry } from './digest-retry.js';
import { DEV } from '../diagnostics/dev-mode.js';

/**
 * The request being authorized.
 *
 * @example
 * ```ts
 * const request: DigestRequest = { method: 'INVITE', uri: 'sip:bob@example.com', body: sdp };
 * ```
 */
export interface DigestRequest {
  readonly method: string;
  /** The Request-URI, exactly as sent (RFC 3261 §22.4: the digest-uri is the Request-URI). */
  readonly uri: string;
  /** The message body; hashed only for qop `auth-int`. */
  readonly body?: string | Uint8Array | undefined;
  /**
   * Answer with qop `auth-int` (body integrity) when the server offers both `auth` and
   * `auth-int`. Off by default: `auth` is what SIP servers universally accept, and `auth-int`
   * breaks as soon as anything on the path re-encodes the body.
   */
  readonly protectBody?: boolean | undefined;
}

/**
 * Options for a {@link DigestAuthenticator}.
 *
 * @example
 * ```ts
 * new DigestAuthenticator(credentials, { prefer: 'first' });
 * ```
 */
export interface DigestAuthenticatorOptions {
  /** How {@link DigestAuthenticator.select} chooses among challenges for one realm. */
  readonly prefer?: DigestChallengePreference | undefined;
  /** Client nonce source; defaults to 128 random bits in hex. For tests and vectors. */
  readonly cnonce?: (() => string) | undefined;
}

/** RFC 3261 §22.3: one credential per realm; more realms than this in one flow is a runaway. */
const MAX_REALMS_PER_FLOW = 4;

/**
 * Digest state for one challenge flow (a registration, a dialog, an out-of-dialog request): it
 * answers challenges, counts nonce uses and decides whether a new challenge deserves a retry.
 *
 * Typical use, on a 401 (→ `Authorization`) or 407 (→ `Proxy-Authorization`):
 * ```ts
 * const authenticator = new DigestAuthenticator(credentials);
 * for (const challenge of authenticator.select(response.challenges)) {
 *   const decision = authenticator.shouldRetry(challenge);
 *   if (!decision.retry) return fail(decision.reason); // wrong password: never loops
 *   request.addHeader(authorizationHeaderName(response.status), await authenticator.authorize(challenge, request));
 * }
 * // on a 2xx: authenticator.succeeded(); credentials.forgetPassword();
 * ```
 */
export class DigestAuthenticator {
  readonly credentials: DigestCredentials;
  readonly #prefer: DigestChallengePreference;
  readonly #cnonce: () => string;
  /** Per realm: the nonce last used and how many times (RFC 7616 §3.4: nc). */
  readonly #nonceCounts = new Map<string, { nonce: string; count: number }>();
  /** Per realm: what was sent since the last success. */
  readonly #attempts = new Map<string, DigestAttempt>();

  constructor(credentials: DigestCredentials, options: DigestAuthenticatorOptions = {}) {
    this.credentials = credentials;
    this.#prefer = options.prefer ?? 'strongest';
    this.#cnonce = options.cnonce ?? randomCnonce;
  }

  /**
   * Chooses which of a response's challenges to answer: one per realm, the strongest algorithm
   * these credentials can answer (see {@link selectDigestChallenges}).
   *
   * @throws {AuthError} why not even one challenge can be answered.
   */
  select(challenges: readonly DigestChallengeInput[]): DigestChallengeInput[] {
    return selectDigestChallenges(challenges, {
      prefer: this.#prefer,
      check: (challenge) => this.credentials.check(challenge),
    });
  }

  /**
   * Whether `challenge` should be answered, given what this flow already sent for its realm
   * (see {@link decideDigestRetry} for the rule).
   *
   * @throws {AuthError} if the challenge cannot be read.
   */
  shouldRetry(challenge: DigestChallengeInput): DigestRetryDecision {
    const read = readDigestChallenge(challenge);
    const previous = this.#attempts.get(read.realm);
    if (previous === undefined && this.#attempts.size >= MAX_REALMS_PER_FLOW) {
      return { retry: false, reason: 'too-many-realms' };
    }
    return decideDigestRetry(previous, read);
  }

  /**
   * Builds the `Authorization` / `Proxy-Authorization` value answering `challenge` for
   * `request`. Calling it again with the same challenge (a nonce reused for the next request)
   * increments nc; a new nonce restarts it at 00000001.
   *
   * @throws {AuthError} if the challenge is unusable or the credentials cannot answer it.
   */
  async authorize(challenge: DigestChallengeInput, request: DigestRequest): Promise<string> {
    const read = readDigestChallenge(challenge);
    this.credentials.check(read);
    const qop = chooseQop(read, request);
    const needsCnonce = qop !== undefined || read.algorithm.session;
    if (read.algorithm.session && qop === undefined) {
      throw new AuthError(
        'invalid-challenge',
        DEV
          ? `${read.algorithm.name} challenge without qop`
          : `auth.needs-qop ${read.algorithm.name}`,
      );
    }
    // Count synchronously, before any await, so concurrent calls never share an nc.
    const count = this.#nextCount(read);
    const nc = count.toString(16).padStart(8, '0');
    const cnonce = needsCnonce ? this.#cnonce() : undefined;
    const response = await this.credentials.respond({
      algorithm: read.algorithm,
      realm: read.realm,
      nonce: read.nonce,
      method: request.method,
      uri: request.uri,
      qop,
      nc,
      cnonce,
      body: request.body,
    });
    const username = read.userhash
      ? // RFC 7616 §3.4.4: username = H(unq(username) ":" unq(realm)).
        await digestHex(read.algorithm.hash, `${this.credentials.username}:${read.realm}`)
      : this.credentials.username;
    const value = formatDigestAuthorization({
      username,
      realm: read.realm,
      nonce: read.nonce,
      uri: request.uri,
      response,
      algorithm: read.algorithmToken,
      cnonce,
      opaque: read.opaque,
      qop,
      nc: qop === undefined ? undefined : nc,
      userhash: read.userhash,
    });
    const previous = this.#attempts.get(read.realm);
    this.#attempts.set(read.realm, {
      realm: read.realm,
      nonce: read.nonce,
      nc: count,
      // Only a stale challenge answered within this flow counts; a preemptive reuse of an old
      // stale challenge after a success does not.
      answeredStale: read.stale && previous !== undefined,
    });
    return value;
  }

  /** Call when an authorized request succeeded: the next challenge starts a fresh judgement. */
  succeeded(): void {
    this.#attempts.clear();
  }

  /** Forget everything: nonce counts and attempts (e.g. when the UA re-registers from scratch). */
  reset(): void {
    this.#attempts.clear();
    this.#nonceCounts.clear();
  }

  #nextCount(challenge: DigestChallenge): number {
    const current = this.#nonceCounts.get(challenge.realm);
    const count = current?.nonce === challenge.nonce ? current.count + 1 : 1;
    this.#nonceCounts.set(challenge.realm, { nonce: challenge.nonce, count });
    return count;
  }
}

/**
 * RFC 7616 §3.3: qop lists what the server accepts. `auth` is chosen when offered, unless the
 * caller asked to protect the body and `auth-int` is offered too; `auth-int` alone is honoured.
 */
function chooseQop(challenge: DigestChallenge, request: DigestRequest): DigestQop | undefined {
  const offered = challenge.qop;
  if (offered === undefined) return undefined;
  const auth = offered.includes('auth');
  const authInt = offered.includes('auth-int');
  if (authInt && (!auth || request.protectBody === true)) return 'auth-int';
  if (auth) return 'auth';
  const qop = JSON.stringify(offered.join(',').slice(0, 40));
  throw new AuthError(
    'unsupported-qop',
    DEV ? `unsupported qop ${qop}: only auth and auth-int are supported` : `auth.qop ${qop}`,
  );
}

/** RFC 7616 §3.4: the cnonce should be unpredictable; 128 random bits. */
function randomCnonce(): string {
  const crypto = (globalThis as { crypto?: { getRandomValues?: Crypto['getRandomValues'] } })
    .crypto;
  if (typeof crypto?.getRandomValues !== 'function') {
    throw new AuthError(
      'crypto-unavailable',
      DEV ? 'crypto.getRandomValues is needed for the cnonce' : 'auth.no-random',
    );
  }
  return toHex(crypto.getRandomValues(new Uint8Array(16)));
}
