import { AuthError } from './auth-error.js';
import type { DigestAlgorithm } from './digest-algorithm.js';
import type { DigestHashName } from './digest-hash.js';
import { digestHex } from './digest-hash.js';
import { DEV } from '../diagnostics/dev-mode.js';

/**
 * The qop values this side can answer (RFC 7616 §3.3): `auth` covers method and URI, `auth-int`
 * also covers the message body.
 *
 * @example
 * ```ts
 * const qop: DigestQop = 'auth-int';
 * ```
 */
export type DigestQop = 'auth' | 'auth-int';

/**
 * Everything the `response` value depends on, spelled out. `ha1` is the plain
 * H(username ":" realm ":" password) even for `-sess` algorithms: the session variant is derived
 * here from it.
 *
 * @example
 * ```ts
 * const input: DigestResponseInput = {
 *   algorithm: describeDigestAlgorithm('MD5')!, ha1, nonce, method: 'REGISTER',
 *   uri: 'sip:example.com', qop: 'auth', nc: '00000001', cnonce: '0a4f113b',
 * };
 * ```
 */
export interface DigestResponseInput {
  readonly algorithm: DigestAlgorithm;
  readonly ha1: string;
  readonly nonce: string;
  readonly method: string;
  readonly uri: string;
  /** `undefined` for RFC 2069 compatibility: no qop, nc or cnonce. */
  readonly qop: DigestQop | undefined;
  /** Nonce count as 8 hex digits (RFC 7616 §3.4); required with a qop. */
  readonly nc?: string | undefined;
  /** Client nonce; required with a qop and with `-sess` algorithms. */
  readonly cnonce?: string | undefined;
  /** Message body for `auth-int`; absent means empty. */
  readonly body?: string | Uint8Array | undefined;
}

/**
 * HA1 for the non-session algorithms (RFC 7616 §3.4.2): H(username ":" realm ":" password).
 * This is a password-equivalent secret: treat it like the password.
 *
 * @example
 * ```ts
 * await computeDigestHa1('MD5', 'Mufasa', 'testrealm@host.com', 'Circle Of Life');
 * ```
 */
export function computeDigestHa1(
  hash: DigestHashName,
  username: string,
  realm: string,
  password: string,
): Promise<string> {
  return digestHex(hash, `${username}:${realm}:${password}`);
}

/**
 * The digest `response` value (RFC 7616 §3.4.1, RFC 2617 §3.2.2.1, RFC 2069 §2.1.2).
 *
 * @throws {AuthError} `invalid-challenge` if a qop or `-sess` algorithm is used without nc/cnonce.
 * @example
 * ```ts
 * const response = await computeDigestResponse(input); // lowercase hex
 * ```
 */
export async function computeDigestResponse(input: DigestResponseInput): Promise<string> {
  const { algorithm, nonce, qop, nc, cnonce } = input;
  const hash = algorithm.hash;
  let ha1 = input.ha1;
  if (algorithm.session) {
    // RFC 7616 §3.4.2: for -sess, A1 = H(user:realm:pass) ":" nonce ":" cnonce. There is no
    // cnonce without a qop, so a -sess challenge without qop cannot be answered.
    if (cnonce === undefined) {
      throw new AuthError(
        'invalid-challenge',
        DEV ? `${algorithm.name} needs a cnonce, hence a qop` : `auth.needs-qop ${algorithm.name}`,
      );
    }
    ha1 = await digestHex(hash, `${ha1}:${nonce}:${cnonce}`);
  }
  // RFC 7616 §3.4.3: A2 = method ":" uri, plus ":" H(entity-body) for auth-int.
  let a2 = `${input.method}:${input.uri}`;
  if (qop === 'auth-int') a2 += `:${await digestHex(hash, input.body ?? '')}`;
  const ha2 = await digestHex(hash, a2);
  if (qop === undefined) {
    // RFC 2069 §2.1.2 (kept by RFC 2617 §3.2.2.1 for compatibility): H(HA1 ":" nonce ":" HA2).
    return digestHex(hash, `${ha1}:${nonce}:${ha2}`);
  }
  if (nc === undefined || cnonce === undefined) {
    throw new AuthError(
      'invalid-challenge',
      DEV ? 'a qop response needs nc and cnonce' : 'auth.qop-needs-nc',
    );
  }
  // RFC 7616 §3.4.1: H(HA1 ":" nonce ":" nc ":" cnonce ":" qop ":" HA2).
  return digestHex(hash, `${ha1}:${nonce}:${nc}:${cnonce}:${qop}:${ha2}`);
}
