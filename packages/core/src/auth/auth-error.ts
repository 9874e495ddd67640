/**
 * Why an authentication step failed, as a stable machine-readable code.
 *
 * - `unsupported-scheme`: the challenge is not `Digest` (e.g. `Basic`, which SIP forbids, RFC 3261 §22.1).
 * - `unsupported-algorithm`: the challenge's `algorithm` is unknown or this runtime cannot compute it.
 * - `unsupported-qop`: the challenge offers only qop values other than `auth` / `auth-int`.
 * - `invalid-challenge`: a required parameter (`realm`, `nonce`) is missing or malformed.
 * - `invalid-value`: a value we would put in a header contains characters that cannot be sent.
 * - `missing-credentials`: no password and no usable HA1 for the challenge's realm.
 * - `ha1-mismatch`: only a precomputed HA1 is held, and it was made for another algorithm or realm.
 * - `crypto-unavailable`: the runtime lacks `crypto.getRandomValues` (needed for the cnonce).
 */
export type AuthErrorCode =
  | 'unsupported-scheme'
  | 'unsupported-algorithm'
  | 'unsupported-qop'
  | 'invalid-challenge'
  | 'invalid-value'
  | 'missing-credentials'
  | 'ha1-mismatch'
  | 'crypto-unavailable';

/**
 * Error thrown by the auth layer. Messages name parameters and algorithms but never contain a
 * password, an HA1, a digest response or a bearer token: they are safe to log.
 *
 * @example
 * ```ts
 * try {
 *   await authenticator.authorize(challenge, request);
 * } catch (error) {
 *   if (error instanceof AuthError && error.code === 'unsupported-algorithm') {
 *     // give up on this server
 *   }
 * }
 * ```
 */
export class AuthError extends Error {
  /** Machine-readable reason. */
  readonly code: AuthErrorCode;

  constructor(code: AuthErrorCode, message: string) {
    super(message);
    this.name = 'AuthError';
    this.code = code;
  }
}
