import { SipParseError } from './sip-parse-error.js';
import { SipSerializeError } from './sip-serialize-error.js';
import { isToken, isWhitespace } from './chars.js';
import { emptyParams } from './params.js';
import { quoteString } from './name-addr.js';
import { ValueScanner } from './value-scanner.js';
import { DEV } from '../diagnostics/dev-mode.js';

/**
 * A WWW-Authenticate / Proxy-Authenticate challenge (RFC 3261 §20.44, RFC 7616, RFC 8898).
 * `scheme` is as written (compare case-insensitively); param names are lowercased; values are
 * unquoted and unescaped.
 *
 * @example parseChallenge('Digest realm="atlanta.com", nonce="84a4", qop="auth"').params.realm // 'atlanta.com'
 */
export interface AuthChallenge {
  scheme: string;
  params: Readonly<Record<string, string>>;
}

/** Authorization / Proxy-Authorization credentials: a challenge's shape, or a token68 (Bearer). */
export interface AuthCredentials extends AuthChallenge {
  /** RFC 7235 token68 form, e.g. the token of `Bearer eyJhbGci...`; params is then empty. */
  token68?: string;
}

// RFC 7235 §2.1: token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * Parses one challenge header value. Duplicate parameters are an error (RFC 7616 §3.3).
 *
 * @example parseChallenge('Bearer realm="example"').scheme // 'Bearer'
 */
export function parseChallenge(value: string): AuthChallenge {
  const { scheme, params } = parseAuthValue(value, false);
  return { scheme, params };
}

/**
 * Parses one Authorization / Proxy-Authorization value.
 *
 * @example parseCredentials('Digest username="bob", nc=00000001').params.nc // '00000001'
 */
export function parseCredentials(value: string): AuthCredentials {
  return parseAuthValue(value, true);
}

function parseAuthValue(value: string, allowToken68: boolean): AuthCredentials {
  const scanner = new ValueScanner(value);
  scanner.skipWhitespace();
  const scheme = scanner.token('auth scheme');
  const params = emptyParams();
  if (scanner.done) return { scheme, params };
  if (!isWhitespace(scanner.peek()))
    scanner.fail(DEV ? 'expected space after auth scheme' : 'parse.auth-scheme-space');
  scanner.skipWhitespace();
  const rest = value.slice(scanner.pos).trimEnd();
  if (allowToken68 && TOKEN68.test(rest) && !/=[^=]/.test(rest))
    return { scheme, params, token68: rest };
  readAuthParams(scanner, params);
  return { scheme, params };
}

// RFC 7235 §2.1 #auth-param: empty list elements are tolerated.
function readAuthParams(scanner: ValueScanner, params: Record<string, string>): void {
  for (;;) {
    scanner.skipWhitespace();
    if (scanner.done) return;
    if (scanner.peek() === 0x2c) {
      scanner.pos++;
      continue;
    }
    const nameAt = scanner.pos;
    const name = scanner.token('auth parameter name').toLowerCase();
    scanner.expect(0x3d, '=');
    const paramValue = scanner.peek() === 0x22 ? scanner.quotedString() : readBareValue(scanner);
    if (name in params)
      throw new SipParseError(
        DEV ? `duplicate auth parameter '${name}'` : `parse.auth-param-twice ${name}`,
        {
          offset: nameAt,
        },
      );
    params[name] = paramValue;
    scanner.skipWhitespace();
    if (scanner.done) return;
    scanner.expect(0x2c, ',');
  }
}

// Unquoted values are tokens by the grammar; servers also send e.g. `uri=sip:a@b` unquoted.
function readBareValue(scanner: ValueScanner): string {
  const start = scanner.pos;
  while (!scanner.done) {
    const c = scanner.peek();
    if (c === 0x2c || c === 0x22 || isWhitespace(c)) break;
    scanner.pos++;
  }
  if (scanner.pos === start)
    scanner.fail(DEV ? 'expected auth parameter value' : 'parse.auth-param-value');
  return scanner.text.slice(start, scanner.pos);
}

/** Digest parameters sent unquoted in credentials (RFC 7616 §3.4). */
export const UNQUOTED_CREDENTIAL_PARAMS: ReadonlySet<string> = new Set(['algorithm', 'qop', 'nc']);
/** Digest parameters sent unquoted in challenges (RFC 7616 §3.3). */
export const UNQUOTED_CHALLENGE_PARAMS: ReadonlySet<string> = new Set(['algorithm', 'stale']);

/**
 * Formats credentials: `Digest username="bob", realm="r", nc=00000001, qop=auth`. Values are
 * quoted and escaped unless the parameter is in `unquoted` and the value is a token.
 *
 * @example formatCredentials({ scheme: 'Bearer', params: {}, token68: 'abc' }) // 'Bearer abc'
 */
export function formatCredentials(
  credentials: AuthCredentials,
  unquoted: ReadonlySet<string> = UNQUOTED_CREDENTIAL_PARAMS,
): string {
  if (!isToken(credentials.scheme))
    throw new SipSerializeError('auth scheme', DEV ? 'must be a token' : 'serialize.token');
  if (credentials.token68 !== undefined) {
    if (!TOKEN68.test(credentials.token68))
      throw new SipSerializeError('token68', DEV ? 'invalid characters' : 'serialize.token68');
    return `${credentials.scheme} ${credentials.token68}`;
  }
  const parts: string[] = [];
  for (const name in credentials.params) {
    const value = credentials.params[name] ?? '';
    if (!isToken(name))
      throw new SipSerializeError(
        'auth parameter',
        DEV ? `invalid name '${name}'` : `serialize.param-name ${name}`,
      );
    const bare = unquoted.has(name.toLowerCase()) && isToken(value);
    parts.push(`${name}=${bare ? value : quoteString(value, `auth parameter ${name}`)}`);
  }
  return parts.length === 0 ? credentials.scheme : `${credentials.scheme} ${parts.join(', ')}`;
}

/**
 * Formats a challenge (for UAS/test use); like `formatCredentials` with challenge defaults.
 *
 * @example formatChallenge({ scheme: 'Digest', params: { realm: 'r', nonce: 'n' } }) // 'Digest realm="r", nonce="n"'
 */
export function formatChallenge(challenge: AuthChallenge): string {
  return formatCredentials(challenge, UNQUOTED_CHALLENGE_PARAMS);
}
