import { SipParseError } from './sip-parse-error.js';
import { SipSerializeError } from './sip-serialize-error.js';
import {
  HEADER_NV_CHARS,
  PARAM_CHARS,
  PASSWORD_CHARS,
  USER_CHARS,
  isDigit,
  isHeaderNvChar,
  isParamChar,
  toLowerCaseFast,
} from './chars.js';
import { NO_PARAMS, emptyParams, type Params } from './params.js';
import { formatHost, formatPort, scanHost } from './host.js';
import { decodeEscaped, encodeEscaped } from './uri-escapes.js';
import { DEV } from '../diagnostics/dev-mode.js';

/** URI schemes the message layer understands (RFC 3261 §19.1, RFC 3966). */
export type UriScheme = 'sip' | 'sips' | 'tel';

/**
 * A parsed SIP, SIPS or tel URI. User, password, parameters and headers are %-decoded
 * (RFC 3261 §19.1.4); `formatUri` re-escapes them. For `tel:` the number is in `user` and
 * `host` is `''`. IPv6 hosts keep their brackets (`[2001:db8::1]`).
 *
 * @example parseUri('sip:alice@[::1]:5070;transport=ws').port // 5070
 */
export interface SipUri {
  readonly scheme: UriScheme;
  readonly user: string | undefined;
  readonly password: string | undefined;
  readonly host: string;
  readonly port: number | undefined;
  /** uri-parameters, names lowercased, flags (`;lr`) as `''`. */
  readonly params: Params;
  /** URI headers (`?subject=x&priority=urgent`), names as written. */
  readonly headers: Params;
}

/** What `formatUri` accepts: a SipUri, or a literal with only the parts you need. */
export interface SipUriInit {
  readonly scheme: UriScheme;
  readonly user?: string | undefined;
  readonly password?: string | undefined;
  readonly host: string;
  readonly port?: number | undefined;
  readonly params?: Params | undefined;
  readonly headers?: Params | undefined;
}

// RFC 3966 §3: digits, hex digits, visual separators, and + * # for global/local numbers.
const isTelChar = (c: number): boolean =>
  isDigit(c) ||
  (c >= 0x41 && c <= 0x46) ||
  (c >= 0x61 && c <= 0x66) ||
  c === 0x2b ||
  c === 0x2d ||
  c === 0x2e ||
  c === 0x28 ||
  c === 0x29 ||
  c === 0x2a ||
  c === 0x23 ||
  c === 0x70 ||
  c === 0x77;

/**
 * Parses a `sip:`, `sips:` or `tel:` URI (scheme case-insensitive). Throws SipParseError for any
 * other scheme or malformed URI; the offset in the error is an index into `text`.
 *
 * @example parseUri('sip:%61lice@example.com;lr').user // 'alice'
 */
export function parseUri(text: string, start: number = 0, end: number = text.length): SipUri {
  const colon = text.indexOf(':', start);
  if (colon === -1 || colon >= end)
    throw new SipParseError(DEV ? 'URI without scheme' : 'parse.uri-scheme-missing', {
      offset: start,
    });
  const scheme = text.slice(start, colon).toLowerCase();
  if (scheme === 'sip' || scheme === 'sips') return parseSipUri(text, scheme, colon + 1, end);
  if (scheme === 'tel') return parseTelUri(text, colon + 1, end);
  throw new SipParseError(
    DEV ? `unsupported URI scheme '${scheme}'` : `parse.uri-scheme ${scheme}`,
    {
      offset: start,
    },
  );
}

function parseSipUri(text: string, scheme: UriScheme, start: number, end: number): SipUri {
  let pos = start;
  let user: string | undefined;
  let password: string | undefined;
  // No unescaped '@' may appear after the userinfo (§25.1), so the first one ends it.
  const at = text.indexOf('@', start);
  if (at !== -1 && at < end) {
    const passwordColon = text.indexOf(':', start);
    const userEnd = passwordColon !== -1 && passwordColon < at ? passwordColon : at;
    if (userEnd === start)
      throw new SipParseError(DEV ? 'empty user in URI' : 'parse.uri-user-empty', {
        offset: start,
      });
    user = decodeEscaped(text, start, userEnd, USER_CHARS, 'URI user');
    if (userEnd < at)
      password = decodeEscaped(text, userEnd + 1, at, PASSWORD_CHARS, 'URI password');
    pos = at + 1;
  }
  const hostEnd = scanHost(text, pos, end);
  if (hostEnd === -1)
    throw new SipParseError(DEV ? 'invalid host in URI' : 'parse.uri-host', { offset: pos });
  const host = text.slice(pos, hostEnd);
  pos = hostEnd;
  let port: number | undefined;
  if (pos < end && text.charCodeAt(pos) === 0x3a) {
    const portResult = readPort(text, pos + 1, end);
    port = portResult.port;
    pos = portResult.end;
  }
  let params = NO_PARAMS;
  if (pos < end && text.charCodeAt(pos) === 0x3b) {
    const record = emptyParams();
    pos = readUriParams(text, pos, end, record);
    params = record;
  }
  let headers = NO_PARAMS;
  if (pos < end && text.charCodeAt(pos) === 0x3f) {
    const record = emptyParams();
    pos = readUriHeaders(text, pos + 1, end, record);
    headers = record;
  }
  if (pos !== end)
    throw new SipParseError(DEV ? 'unexpected character in URI' : 'parse.uri-char', {
      offset: pos,
    });
  return { scheme, user, password, host, port, params, headers };
}

function parseTelUri(text: string, start: number, end: number): SipUri {
  let pos = start;
  while (pos < end && isTelChar(text.charCodeAt(pos))) pos++;
  if (pos === start)
    throw new SipParseError(DEV ? 'empty tel number' : 'parse.tel-empty', { offset: start });
  const user = text.slice(start, pos);
  const params = emptyParams();
  pos = readUriParams(text, pos, end, params);
  if (pos !== end)
    throw new SipParseError(DEV ? 'unexpected character in tel URI' : 'parse.uri-char', {
      offset: pos,
    });
  return {
    scheme: 'tel',
    user,
    password: undefined,
    host: '',
    port: undefined,
    params,
    headers: emptyParams(),
  };
}

function readPort(text: string, start: number, end: number): { port: number; end: number } {
  let pos = start;
  let port = 0;
  while (pos < end && isDigit(text.charCodeAt(pos))) {
    port = port * 10 + text.charCodeAt(pos) - 0x30;
    if (port > 65535)
      throw new SipParseError(DEV ? 'port out of range' : 'parse.port', { offset: start });
    pos++;
  }
  if (pos === start) throw new SipParseError(DEV ? 'empty port' : 'parse.port', { offset: start });
  return { port, end: pos };
}

function readUriParams(
  text: string,
  pos: number,
  end: number,
  into: Record<string, string>,
): number {
  while (pos < end && text.charCodeAt(pos) === 0x3b) {
    const nameStart = pos + 1;
    let nameEnd = nameStart;
    while (nameEnd < end && isParamOrEscape(text.charCodeAt(nameEnd))) nameEnd++;
    if (nameEnd === nameStart)
      throw new SipParseError(DEV ? 'empty URI parameter name' : 'parse.uri-param-name', {
        offset: pos,
      });
    const name = toLowerCaseFast(
      decodeEscaped(text, nameStart, nameEnd, PARAM_CHARS, 'URI parameter'),
    );
    pos = nameEnd;
    let value = '';
    if (pos < end && text.charCodeAt(pos) === 0x3d) {
      const valueStart = pos + 1;
      pos = valueStart;
      while (pos < end && isParamOrEscape(text.charCodeAt(pos))) pos++;
      if (pos === valueStart)
        throw new SipParseError(DEV ? 'empty URI parameter value' : 'parse.uri-param-value', {
          offset: pos,
        });
      value = decodeEscaped(text, valueStart, pos, PARAM_CHARS, 'URI parameter');
    }
    if (!(name in into)) into[name] = value;
  }
  return pos;
}

function readUriHeaders(
  text: string,
  pos: number,
  end: number,
  into: Record<string, string>,
): number {
  for (;;) {
    const nameStart = pos;
    while (pos < end && isHeaderNvOrEscape(text.charCodeAt(pos))) pos++;
    if (pos === nameStart)
      throw new SipParseError(DEV ? 'empty URI header name' : 'parse.uri-header-name', {
        offset: pos,
      });
    const name = decodeEscaped(text, nameStart, pos, HEADER_NV_CHARS, 'URI header');
    if (pos >= end || text.charCodeAt(pos) !== 0x3d) {
      throw new SipParseError(DEV ? 'URI header without =' : 'parse.uri-header-value', {
        offset: pos,
      });
    }
    const valueStart = ++pos;
    while (pos < end && isHeaderNvOrEscape(text.charCodeAt(pos))) pos++;
    if (!(name in into))
      into[name] = decodeEscaped(text, valueStart, pos, HEADER_NV_CHARS, 'URI header');
    if (pos >= end || text.charCodeAt(pos) !== 0x26) return pos;
    pos++;
  }
}

const isParamOrEscape = (c: number): boolean => c === 0x25 || isParamChar(c);
const isHeaderNvOrEscape = (c: number): boolean => c === 0x25 || isHeaderNvChar(c);

/**
 * Formats a URI, %-escaping user, password, parameters and headers as needed (RFC 3261
 * §19.1.2); an IPv6 host given without brackets gets them. Throws SipSerializeError for an
 * invalid host or port.
 *
 * @example formatUri({ scheme: 'sip', user: 'a b', host: 'example.com' }) // 'sip:a%20b@example.com'
 */
export function formatUri(uri: SipUriInit): string {
  let out = `${uri.scheme}:`;
  if (uri.scheme === 'tel') {
    const number = uri.user ?? '';
    for (let i = 0; i < number.length; i++) {
      if (!isTelChar(number.charCodeAt(i)))
        throw new SipSerializeError('tel URI', DEV ? 'invalid number' : 'serialize.tel');
    }
    if (number.length === 0)
      throw new SipSerializeError('tel URI', DEV ? 'empty number' : 'serialize.tel');
    return out + number + formatUriParams(uri.params);
  }
  if (uri.user !== undefined && uri.user !== '') {
    out += encodeEscaped(uri.user, USER_CHARS, 'URI user');
    if (uri.password !== undefined)
      out += `:${encodeEscaped(uri.password, PASSWORD_CHARS, 'URI password')}`;
    out += '@';
  }
  out += formatHost(uri.host, 'URI host');
  if (uri.port !== undefined) out += formatPort(uri.port, 'URI port');
  out += formatUriParams(uri.params);
  if (uri.headers !== undefined) {
    let separator = '?';
    for (const name in uri.headers) {
      const value = uri.headers[name] ?? '';
      out += `${separator}${encodeEscaped(name, HEADER_NV_CHARS, 'URI header')}=${encodeEscaped(value, HEADER_NV_CHARS, 'URI header')}`;
      separator = '&';
    }
  }
  return out;
}

function formatUriParams(params: Params | undefined): string {
  if (params === undefined) return '';
  let out = '';
  for (const name in params) {
    const value = params[name] ?? '';
    out += `;${encodeEscaped(name, PARAM_CHARS, 'URI parameter')}`;
    if (value !== '') out += `=${encodeEscaped(value, PARAM_CHARS, 'URI parameter')}`;
  }
  return out;
}
