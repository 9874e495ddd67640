import { SipParseError } from './sip-parse-error.js';
import { isTokenChar } from './chars.js';
import { parseUri, type SipUri } from './uri.js';
import { DEV } from '../diagnostics/dev-mode.js';

/** A parsed start line (RFC 3261 §7.1 Request-Line, §7.2 Status-Line). */
export type StartLine =
  | {
      readonly kind: 'request';
      readonly method: string;
      readonly requestUri: string;
      /** Undefined when the scheme is not sip/sips/tel (the UA answers 416). */
      readonly ruri: SipUri | undefined;
    }
  | { readonly kind: 'response'; readonly status: number; readonly reason: string };

/**
 * Parses `text[start, end)` as a start line. Exactly one SP separates the elements
 * (RFC 3261 §7.1; RFC 4475 §3.1.2.9-10), and the version must be SIP/2.0 (§3.1.2.16).
 */
export function parseStartLine(text: string, start: number, end: number): StartLine {
  if (isSipVersionAt(text, start, end)) return parseStatusLine(text, start, end);
  return parseRequestLine(text, start, end);
}

// RFC 3261 §7.1: the literal "SIP" of SIP-Version is case-insensitive.
function isSipVersionAt(text: string, pos: number, end: number): boolean {
  return (
    pos + 7 <= end &&
    (text.charCodeAt(pos) | 0x20) === 0x73 &&
    (text.charCodeAt(pos + 1) | 0x20) === 0x69 &&
    (text.charCodeAt(pos + 2) | 0x20) === 0x70 &&
    text.charCodeAt(pos + 3) === 0x2f &&
    text.charCodeAt(pos + 4) === 0x32 &&
    text.charCodeAt(pos + 5) === 0x2e &&
    text.charCodeAt(pos + 6) === 0x30
  );
}

function parseStatusLine(text: string, start: number, end: number): StartLine {
  const codeStart = start + 8;
  if (text.charCodeAt(start + 7) !== 0x20)
    fail(DEV ? 'expected SP after SIP version' : 'parse.status-line', start + 7);
  let status = 0;
  for (let i = codeStart; i < codeStart + 3; i++) {
    const c = text.charCodeAt(i);
    if (i >= end || c < 0x30 || c > 0x39) statusNot3Digits(codeStart);
    status = status * 10 + c - 0x30;
  }
  if (status < 100 || status > 699)
    fail(DEV ? 'status code out of range' : 'parse.status-range', codeStart);
  const afterCode = codeStart + 3;
  // Tolerated: a missing SP before an empty reason phrase ("SIP/2.0 200").
  if (afterCode === end) return { kind: 'response', status, reason: '' };
  if (text.charCodeAt(afterCode) !== 0x20) statusNot3Digits(codeStart);
  return { kind: 'response', status, reason: text.slice(afterCode + 1, end) };
}

function parseRequestLine(text: string, start: number, end: number): StartLine {
  let pos = start;
  while (pos < end && isTokenChar(text.charCodeAt(pos))) pos++;
  if (pos === start) fail(DEV ? 'invalid method' : 'parse.method', start);
  if (pos === end || text.charCodeAt(pos) !== 0x20) {
    fail(
      isSipVersionLike(text, start, end)
        ? DEV
          ? 'unsupported SIP version'
          : 'parse.sip-version'
        : DEV
          ? 'expected SP after method'
          : 'parse.request-line',
      pos,
    );
  }
  const method = text.slice(start, pos);
  const uriStart = pos + 1;
  const uriEnd = text.indexOf(' ', uriStart);
  if (uriEnd === -1 || uriEnd >= end)
    fail(DEV ? 'expected SP after Request-URI' : 'parse.request-line', end);
  if (uriEnd === uriStart) fail(DEV ? 'empty Request-URI' : 'parse.request-uri-empty', uriStart);
  if (uriEnd + 8 !== end || !isSipVersionAt(text, uriEnd + 1, end)) {
    fail(DEV ? 'expected SIP/2.0 at end of request line' : 'parse.sip-version', uriEnd + 1);
  }
  const requestUri = text.slice(uriStart, uriEnd);
  return { kind: 'request', method, requestUri, ruri: parseRequestUri(requestUri, uriStart) };
}

function parseRequestUri(requestUri: string, offset: number): SipUri | undefined {
  const colon = requestUri.indexOf(':');
  if (colon <= 0) fail(DEV ? 'Request-URI without scheme' : 'parse.uri-scheme-missing', offset);
  const scheme = requestUri.slice(0, colon).toLowerCase();
  if (scheme !== 'sip' && scheme !== 'sips' && scheme !== 'tel') {
    validateAbsoluteUri(requestUri, offset);
    return undefined;
  }
  let uri: SipUri;
  try {
    uri = parseUri(requestUri);
  } catch (error) {
    const at = error instanceof SipParseError && error.offset !== undefined ? error.offset : 0;
    const why = error instanceof SipParseError ? error.reason : 'malformed';
    throw new SipParseError(DEV ? `invalid Request-URI: ${why}` : `parse.request-uri ${why}`, {
      line: 1,
      offset: offset + at,
    });
  }
  // RFC 3261 §19.1.1 table: headers are not allowed in a Request-URI (RFC 4475 §3.1.2.11).
  for (const _name in uri.headers)
    fail(DEV ? 'headers are not allowed in the Request-URI' : 'parse.request-uri-headers', offset);
  return uri;
}

// RFC 3261 §25.1 absoluteURI: scheme ":" then visible characters; no '<' '>' '"' or controls.
function validateAbsoluteUri(uri: string, offset: number): void {
  for (let i = 0; i < uri.length; i++) {
    const c = uri.charCodeAt(i);
    if (c <= 0x20 || c >= 0x7f || c === 0x3c || c === 0x3e || c === 0x22) {
      fail(DEV ? 'invalid character in Request-URI' : 'parse.request-uri-char', offset + i);
    }
  }
  const scheme = uri.slice(0, uri.indexOf(':'));
  if (!/^[A-Za-z][A-Za-z0-9+.-]*$/.test(scheme))
    fail(DEV ? 'invalid Request-URI scheme' : 'parse.uri-scheme', offset);
}

function isSipVersionLike(text: string, start: number, end: number): boolean {
  return end - start >= 4 && text.slice(start, start + 4).toUpperCase() === 'SIP/';
}

function statusNot3Digits(offset: number): never {
  fail(DEV ? 'status code must be 3 digits' : 'parse.status-digits', offset);
}

function fail(reason: string, offset: number): never {
  throw new SipParseError(reason, { line: 1, offset });
}
