import {
  computeDigestHa1,
  computeDigestResponse,
  describeDigestAlgorithm,
  formatChallenge,
  type AuthCredentials,
} from '@sipkit/core';

/** Server-side digest settings: who may register, and in which realm. */
export interface DigestVerifierOptions {
  /** user -> password. */
  readonly users: Readonly<Record<string, string>>;
  readonly realm: string;
  /** Offered algorithms, strongest first in the challenge list (default `['MD5']`). */
  readonly algorithms?: ReadonlyArray<'MD5' | 'SHA-256'>;
  /** qop offered in challenges (default `auth`); `auth-int` makes clients hash the body too. */
  readonly qop?: 'auth' | 'auth-int';
  /** Seconds a nonce stays fresh; an older one earns `stale=true` (default 300). */
  readonly nonceLifetime?: number;
}

/** The verdict on a request's credentials. */
export type DigestVerdict =
  { readonly ok: true; readonly user: string } | { readonly ok: false; readonly stale: boolean };

interface IssuedNonce {
  readonly issuedAt: number;
  lastNc: number;
}

/**
 * Verifies digest credentials the way a registrar does (RFC 2617 §3.2.2, RFC 7616 §3.4):
 * only nonces this server issued, a nonce count that only goes up, and `stale=true` for a
 * correct answer to an expired nonce, so clients retry without asking the user again.
 */
export class DigestVerifier {
  readonly #options: DigestVerifierOptions;
  readonly #now: () => number;
  readonly #nonces = new Map<string, IssuedNonce>();

  constructor(options: DigestVerifierOptions, now: () => number) {
    this.#options = options;
    this.#now = now;
  }

  get realm(): string {
    return this.#options.realm;
  }

  /** WWW-Authenticate values for a fresh challenge. */
  challenges(stale = false): string[] {
    const nonce = this.#issueNonce();
    return (this.#options.algorithms ?? ['MD5']).map((algorithm) =>
      formatChallenge({
        scheme: 'Digest',
        params: {
          realm: this.#options.realm,
          nonce,
          qop: this.#options.qop ?? 'auth',
          algorithm,
          ...(stale ? { stale: 'true' } : {}),
        },
      }),
    );
  }

  /** Checks credentials for a request; `body` matters only for qop `auth-int` (RFC 7616 §3.4.3). */
  async verify(
    credentials: readonly AuthCredentials[],
    method: string,
    body = '',
  ): Promise<DigestVerdict> {
    const mine = credentials.find(
      (c) => c.scheme.toLowerCase() === 'digest' && c.params['realm'] === this.#options.realm,
    );
    if (mine === undefined) return { ok: false, stale: false };
    const p = mine.params;
    const user = p['username'] ?? '';
    const password = this.#options.users[user];
    const algorithm = describeDigestAlgorithm(p['algorithm']);
    const nonce = this.#nonces.get(p['nonce'] ?? '');
    if (password === undefined || algorithm === undefined || nonce === undefined) {
      return { ok: false, stale: false };
    }
    const nc = parseInt(p['nc'] ?? '0', 16);
    if (p['qop'] !== undefined && !(nc > nonce.lastNc)) return { ok: false, stale: false };
    const expected = await computeDigestResponse({
      algorithm,
      ha1: await computeDigestHa1(algorithm.hash, user, this.#options.realm, password),
      nonce: p['nonce'] ?? '',
      method,
      uri: p['uri'] ?? '',
      qop: p['qop'] === 'auth' || p['qop'] === 'auth-int' ? p['qop'] : undefined,
      nc: p['nc'],
      cnonce: p['cnonce'],
      body,
    });
    // A client may not pick a weaker qop than the one offered.
    if ((this.#options.qop ?? 'auth') === 'auth-int' && p['qop'] !== 'auth-int')
      return { ok: false, stale: false };
    if (expected !== p['response']) return { ok: false, stale: false };
    nonce.lastNc = nc;
    const ageSeconds = (this.#now() - nonce.issuedAt) / 1000;
    if (ageSeconds > (this.#options.nonceLifetime ?? 300)) return { ok: false, stale: true };
    return { ok: true, user };
  }

  #issueNonce(): string {
    const bytes = new Uint8Array(16);
    globalThis.crypto.getRandomValues(bytes);
    const nonce = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    this.#nonces.set(nonce, { issuedAt: this.#now(), lastNc: 0 });
    this.#forgetOldNonces();
    return nonce;
  }

  // Bounded memory: a soak test issues a nonce per REGISTER.
  #forgetOldNonces(): void {
    const limit = 10_000;
    for (const key of this.#nonces.keys()) {
      if (this.#nonces.size <= limit) break;
      this.#nonces.delete(key);
    }
  }
}
