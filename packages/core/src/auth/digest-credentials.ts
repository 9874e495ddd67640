import { AuthError } from './auth-error.js';
import type { DigestAlgorithm } from './digest-algorithm.js';
import type { DigestHashName } from './digest-hash.js';
import type { DigestResponseInput } from './digest-response.js';
import { computeDigestHa1, computeDigestResponse } from './digest-response.js';
import { REDACTED } from './redact.js';
import { DEV } from '../diagnostics/dev-mode.js';

/**
 * What a {@link DigestCredentials} is made from: a username plus a password, or a precomputed
 * HA1 with the realm it was computed for (JsSIP's `ha1` + `realm`), or both.
 *
 * HA1 = H(username ":" realm ":" password) depends on the hash, so an HA1 answers only challenges
 * for its own algorithm family and realm. `ha1Algorithm` says which; by default a 32-digit HA1 is
 * MD5 and a 64-digit one SHA-256 (pass `'SHA-512-256'` explicitly for that).
 *
 * @example
 * ```ts
 * const init: DigestCredentialsInit = { username: 'alice', ha1: '1e7a…', realm: 'example.com' };
 * ```
 */
export interface DigestCredentialsInit {
  /** `authorization_user`, or the user part of the UA's URI. */
  readonly username: string;
  readonly password?: string | undefined;
  readonly ha1?: string | undefined;
  /** Realm the `ha1` was computed for; required with `ha1`. */
  readonly realm?: string | undefined;
  readonly ha1Algorithm?: DigestHashName | undefined;
}

/**
 * The data behind one digest response, minus the secret (see {@link DigestResponseInput}).
 *
 * @example
 * ```ts
 * const request: DigestResponseRequest = { algorithm, realm: 'example.com', nonce, method: 'REGISTER',
 *   uri: 'sip:example.com', qop: 'auth', nc: '00000001', cnonce };
 * ```
 */
export interface DigestResponseRequest extends Omit<DigestResponseInput, 'ha1'> {
  readonly realm: string;
}

/**
 * The redacted form of {@link DigestCredentials} (`toJSON()`, `String()`, `util.inspect`): which
 * secrets are held, never their values.
 *
 * @example
 * ```ts
 * const summary: DigestCredentialsSummary = credentials.toJSON();
 * // { username: 'alice', password: null, ha1: [{ algorithm: 'MD5', realm: 'example.com', ha1: '<redacted>' }] }
 * ```
 */
export interface DigestCredentialsSummary {
  readonly username: string;
  readonly password: typeof REDACTED | null;
  readonly ha1: readonly {
    readonly algorithm: DigestHashName;
    readonly realm: string;
    readonly ha1: typeof REDACTED;
  }[];
}

const HEX_DIGITS: Readonly<Record<DigestHashName, number>> = {
  MD5: 32,
  'SHA-256': 64,
  'SHA-512-256': 64,
};

const key = (hash: DigestHashName, realm: string): string => `${hash}\u0000${realm}`;

/**
 * Digest credentials for one user. Secrets (password, HA1) live in private fields and never leave
 * this object: it computes responses itself. `JSON.stringify`, `String()` and `util.inspect` show
 * only the username and which secrets are held.
 *
 * HA1s computed from the password are kept per (hash, realm), so once one authentication has
 * succeeded, {@link forgetPassword} can drop the password and keep answering with the HA1
 * (JsSIP: "deletes this value from its internal memory after the first successful
 * authentication and, instead, stores the resulting ha1 and realm").
 *
 * @example
 * ```ts
 * const credentials = new DigestCredentials({ username: 'alice', password: 's3cret' });
 * // … after a 2xx to an authenticated request:
 * credentials.forgetPassword();
 * ```
 */
export class DigestCredentials {
  /** The username sent in `username=` (or hashed into it, RFC 7616 §3.4.4). */
  readonly username: string;
  #password: string | undefined;
  readonly #ha1s = new Map<string, { hash: DigestHashName; realm: string; ha1: string }>();

  constructor(init: DigestCredentialsInit) {
    this.username = init.username;
    this.#password = init.password;
    if (init.ha1 !== undefined) {
      if (init.realm === undefined) {
        throw new AuthError(
          'invalid-value',
          DEV ? 'ha1 needs realm: an HA1 is only valid for one realm' : 'auth.ha1-realm',
        );
      }
      const hash = init.ha1Algorithm ?? (init.ha1.length === 32 ? 'MD5' : 'SHA-256');
      if (!new RegExp(`^[0-9a-fA-F]{${HEX_DIGITS[hash]}}$`).test(init.ha1)) {
        throw new AuthError(
          'invalid-value',
          DEV
            ? `ha1 for ${hash} must be ${HEX_DIGITS[hash]} hexadecimal digits`
            : `auth.ha1-format ${hash}`,
        );
      }
      this.#ha1s.set(key(hash, init.realm), {
        hash,
        realm: init.realm,
        ha1: init.ha1.toLowerCase(),
      });
    }
    if (this.#password === undefined && this.#ha1s.size === 0) {
      throw new AuthError(
        'missing-credentials',
        DEV ? 'digest credentials need a password or an ha1' : 'auth.no-secret',
      );
    }
  }

  /** Whether the plain password is still held. */
  get hasPassword(): boolean {
    return this.#password !== undefined;
  }

  /**
   * Throws unless these credentials can answer a challenge with `algorithm` in `realm`.
   *
   * @throws {AuthError} `ha1-mismatch` when only HA1s for other algorithms or realms are held.
   * @example
   * ```ts
   * credentials.check({ algorithm: describeDigestAlgorithm('SHA-256')!, realm: 'example.com' });
   * ```
   */
  check(challenge: { readonly algorithm: DigestAlgorithm; readonly realm: string }): void {
    const { hash } = challenge.algorithm;
    if (this.#password !== undefined || this.#ha1s.has(key(hash, challenge.realm))) return;
    // RFC 7616 §3.4.2: HA1 = H(username:realm:password) with the challenge's own hash, so an
    // HA1 made with one hash or realm cannot answer a challenge for another.
    throw new AuthError(
      'ha1-mismatch',
      DEV
        ? `cannot answer a ${challenge.algorithm.name} challenge for realm ${JSON.stringify(challenge.realm)}: ` +
            `no password, and the stored HA1 is for ${describeHeld(this.#ha1s.values())}`
        : `auth.ha1-mismatch ${challenge.algorithm.name} ${JSON.stringify(challenge.realm)}`,
    );
  }

  /**
   * Computes the digest `response` for `request`, using a stored HA1 for the request's hash and
   * realm, or computing (and keeping) one from the password.
   *
   * @throws {AuthError} `ha1-mismatch` (see {@link check}).
   * @example
   * ```ts
   * const response = await credentials.respond(request);
   * ```
   */
  async respond(request: DigestResponseRequest): Promise<string> {
    this.check(request);
    const { hash } = request.algorithm;
    const stored = this.#ha1s.get(key(hash, request.realm));
    let ha1: string;
    if (stored !== undefined) {
      ha1 = stored.ha1;
    } else {
      // check() guarantees the password is there when no HA1 is stored.
      ha1 = await computeDigestHa1(hash, this.username, request.realm, this.#password ?? '');
      this.#ha1s.set(key(hash, request.realm), { hash, realm: request.realm, ha1 });
    }
    return computeDigestResponse({ ...request, ha1 });
  }

  /**
   * Drops the plain password, keeping the HA1s already computed from it. Call after a successful
   * authentication. Returns `false` (and keeps the password) when no HA1 has been computed yet,
   * since nothing could authenticate afterwards.
   *
   * @example
   * ```ts
   * if (response.status < 300) credentials.forgetPassword();
   * ```
   */
  forgetPassword(): boolean {
    if (this.#ha1s.size === 0) return false;
    this.#password = undefined;
    return true;
  }

  /** Redacted summary: username, and the algorithm and realm of each HA1 held. */
  toJSON(): DigestCredentialsSummary {
    return {
      username: this.username,
      password: this.#password === undefined ? null : REDACTED,
      ha1: [...this.#ha1s.values()].map((entry) => ({
        algorithm: entry.hash,
        realm: entry.realm,
        ha1: REDACTED,
      })),
    };
  }

  toString(): string {
    return `DigestCredentials ${JSON.stringify(this.toJSON())}`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

// Only the development text lists the HA1s held (hash and realm, never the HA1 itself).
function describeHeld(ha1s: Iterable<{ hash: DigestHashName; realm: string }>): string {
  return [...ha1s]
    .map((entry) => `${entry.hash} in realm ${JSON.stringify(entry.realm)}`)
    .join(', ');
}
