import { AuthError } from './auth-error.js';
import { REDACTED } from './redact.js';
import { DEV } from '../diagnostics/dev-mode.js';

// RFC 6750 §2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * A bearer token (JsSIP `authorization_jwt`) sent as `Authorization: Bearer <token>` on every
 * request (RFC 8898 §2.1, RFC 6750 §2.1). The token lives in a private field; `JSON.stringify`,
 * `String()` and `util.inspect` show `<redacted>`. {@link update} swaps it at runtime (a refreshed
 * JWT) without rebuilding the UA.
 *
 * @example
 * ```ts
 * const bearer = new BearerCredentials(jwt);
 * request.setHeader('Authorization', bearer.header());
 * bearer.update(refreshedJwt);
 * ```
 */
export class BearerCredentials {
  #token: string;

  /** @throws {AuthError} `invalid-value` if `token` is not an RFC 6750 b64token. */
  constructor(token: string) {
    this.#token = checkToken(token);
  }

  /** The header name the value goes in (RFC 8898 §2.1). */
  get headerName(): 'Authorization' {
    return 'Authorization';
  }

  /** The header value: `Bearer <token>`. */
  header(): string {
    return `Bearer ${this.#token}`;
  }

  /**
   * Replaces the token; the next {@link header} uses it.
   *
   * @throws {AuthError} `invalid-value` if `token` is not an RFC 6750 b64token (the old token
   * is kept).
   */
  update(token: string): void {
    this.#token = checkToken(token);
  }

  toJSON(): { token: typeof REDACTED } {
    return { token: REDACTED };
  }

  toString(): string {
    return `BearerCredentials ${JSON.stringify(this.toJSON())}`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

function checkToken(token: string): string {
  if (typeof token !== 'string' || !B64TOKEN.test(token)) {
    throw new AuthError(
      'invalid-value',
      DEV ? 'bearer token must be a non-empty RFC 6750 b64token' : 'auth.bearer-token',
    );
  }
  return token;
}
