import { AuthError } from './auth-error.js';
import { DEV } from '../diagnostics/dev-mode.js';

/**
 * The parameters of a Digest `Authorization` / `Proxy-Authorization` value. Optional ones are
 * left out when `undefined`.
 *
 * @example
 * ```ts
 * formatDigestAuthorization({ username: 'bob', realm: 'biloxi.com', nonce: 'n', uri: 'sip:bob@biloxi.com',
 *   response: '6629fae49393a05397450978507c4ef1' });
 * ```
 */
export interface DigestAuthorizationFields {
  readonly username: string;
  readonly realm: string;
  readonly nonce: string;
  readonly uri: string;
  readonly response: string;
  readonly algorithm?: string | undefined;
  readonly cnonce?: string | undefined;
  readonly opaque?: string | undefined;
  readonly qop?: string | undefined;
  readonly nc?: string | undefined;
  readonly userhash?: boolean | undefined;
}

/**
 * Serializes a Digest credentials value. RFC 7616 §3.4: username, realm, nonce, uri, response,
 * cnonce and opaque are quoted strings; algorithm, qop and nc are tokens and "for historical
 * reasons, a sender MUST NOT generate the quoted string syntax" for them. Inside quotes, `"` and
 * `\` are escaped as quoted-pairs (RFC 3261 §25.1).
 *
 * @throws {AuthError} `invalid-value` if a value holds a control character (CR/LF would inject
 * headers) or a token holds characters a token cannot. The message names the parameter only.
 * @example
 * ```ts
 * formatDigestAuthorization(fields); // 'Digest username="bob", realm="biloxi.com", …'
 * ```
 */
export function formatDigestAuthorization(fields: DigestAuthorizationFields): string {
  const parts = [
    `username=${quote('username', fields.username)}`,
    `realm=${quote('realm', fields.realm)}`,
    `nonce=${quote('nonce', fields.nonce)}`,
    `uri=${quote('uri', fields.uri)}`,
    `response=${quote('response', fields.response)}`,
  ];
  if (fields.algorithm !== undefined)
    parts.push(`algorithm=${token('algorithm', fields.algorithm)}`);
  if (fields.cnonce !== undefined) parts.push(`cnonce=${quote('cnonce', fields.cnonce)}`);
  if (fields.opaque !== undefined) parts.push(`opaque=${quote('opaque', fields.opaque)}`);
  if (fields.qop !== undefined) parts.push(`qop=${token('qop', fields.qop)}`);
  if (fields.nc !== undefined) parts.push(`nc=${token('nc', fields.nc)}`);
  // RFC 7616 §3.4.4: userhash=true tells the server the username field is hashed.
  if (fields.userhash === true) parts.push('userhash=true');
  return `Digest ${parts.join(', ')}`;
}

function quote(name: string, value: string): string {
  // Control characters (other than HTAB) cannot appear in a quoted-string (RFC 3261 §25.1
  // qdtext); CR or LF would end the header line and let a server-chosen value inject headers.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(value)) {
    throw new AuthError(
      'invalid-value',
      DEV ? `${name} contains a control character` : `auth.control ${name}`,
    );
  }
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

function token(name: string, value: string): string {
  // RFC 3261 §25.1 token characters.
  if (!/^[!%'*+.`~0-9A-Za-z_-]+$/.test(value)) {
    throw new AuthError(
      'invalid-value',
      DEV ? `${name} is not a valid token` : `auth.token ${name}`,
    );
  }
  return value;
}
