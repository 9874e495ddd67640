import { SipSerializeError } from './sip-serialize-error.js';
import { illegalTextAt, isToken } from './chars.js';
import { headerKey } from './header-names.js';
import { SipParseError } from './sip-parse-error.js';
import type { Params } from './params.js';
import { formatUri, parseUri, type SipUriInit } from './uri.js';
import { utf8Length } from './utf8.js';
import { DEV } from '../diagnostics/dev-mode.js';

/** A header as `[name, value]`; order is kept exactly on the wire. */
export type HeaderEntry = readonly [name: string, value: string];

/**
 * An outgoing request as plain data. Any Content-Length given is replaced by the computed one.
 *
 * @example
 * serializeRequest({ method: 'OPTIONS', ruri: 'sip:bob@b.example', headers: [['Max-Forwards', '70']] });
 */
export interface OutgoingRequest {
  readonly method: string;
  readonly ruri: string | SipUriInit;
  readonly headers: readonly HeaderEntry[];
  readonly body?: string | undefined;
}

/** An outgoing response as plain data (see `createResponse`). */
export interface OutgoingResponse {
  readonly status: number;
  /** Defaults to the RFC 3261 §21 phrase for the status, or `''`. */
  readonly reason?: string | undefined;
  readonly headers: readonly HeaderEntry[];
  readonly body?: string | undefined;
}

/** Either kind of outgoing message; `'method' in message` tells them apart. */
export type OutgoingMessage = OutgoingRequest | OutgoingResponse;

/**
 * Serializes a request. Throws SipSerializeError when the method is not a token, the URI or a
 * header name/value contains CR, LF or an unescaped control character such as NUL (no header
 * injection; exactly what `parseMessage` refuses), or a name is not a token.
 *
 * @example serializeRequest({ method: 'BYE', ruri: 'sip:bob@192.0.2.4', headers: [['CSeq', '2 BYE']] })
 */
export function serializeRequest(request: OutgoingRequest): string {
  if (!isToken(request.method))
    throw new SipSerializeError('method', DEV ? 'must be a token' : 'serialize.token');
  const ruri = typeof request.ruri === 'string' ? request.ruri : formatUri(request.ruri);
  checkRequestUri(ruri);
  checkNoUriHeaders(request.ruri, ruri);
  return `${request.method} ${ruri} SIP/2.0\r\n${serializeHeadersAndBody(request.headers, request.body)}`;
}

/**
 * Serializes a response; status must be an integer 100-699, reason free of CR/LF/controls.
 *
 * @example serializeResponse({ status: 180, headers: [] }) // 'SIP/2.0 180 Ringing\r\nContent-Length: 0\r\n\r\n'
 */
export function serializeResponse(response: OutgoingResponse): string {
  const { status } = response;
  if (!Number.isInteger(status) || status < 100 || status > 699) {
    throw new SipSerializeError('status', DEV ? 'must be an integer 100-699' : 'serialize.status');
  }
  const reason = response.reason ?? defaultReasonPhrase(status);
  checkText(reason, 'reason phrase');
  return `SIP/2.0 ${status} ${reason}\r\n${serializeHeadersAndBody(response.headers, response.body)}`;
}

/**
 * Serializes either kind of outgoing message.
 *
 * @example serializeMessage(createResponse(request, 200, undefined, { toTag: 'x' }))
 */
export function serializeMessage(message: OutgoingMessage): string {
  return 'method' in message ? serializeRequest(message) : serializeResponse(message);
}

// RFC 3261 §20.14: Content-Length counts octets of the body, i.e. its UTF-8 bytes.
function serializeHeadersAndBody(
  headers: readonly HeaderEntry[],
  body: string | undefined,
): string {
  const content = body ?? '';
  const contentLength = String(utf8Length(content));
  let out = '';
  let wroteLength = false;
  for (const [name, value] of headers) {
    if (!isToken(name))
      throw new SipSerializeError(
        `header name '${name}'`,
        DEV ? 'must be a token' : 'serialize.token',
      );
    if (headerKey(name) === 'content-length') {
      if (!wroteLength) out += `${name}: ${contentLength}\r\n`;
      wroteLength = true;
      continue;
    }
    checkText(value, `header value of ${name}`);
    out += `${name}: ${value}\r\n`;
  }
  if (!wroteLength) out += `Content-Length: ${contentLength}\r\n`;
  return `${out}\r\n${content}`;
}

// RFC 3261 §19.1.1: URI headers are not allowed in a Request-URI (parseMessage refuses them).
function checkNoUriHeaders(given: string | SipUriInit, formatted: string): void {
  let headers: Params | undefined;
  if (typeof given !== 'string') headers = given.headers;
  else if (/^sips?:/i.test(formatted)) {
    try {
      headers = parseUri(formatted).headers;
    } catch (error) {
      if (!(error instanceof SipParseError)) throw error;
      throw new SipSerializeError(
        'Request-URI',
        DEV ? `invalid (${error.reason})` : `serialize.uri ${error.reason}`,
      );
    }
  }
  for (const _name in headers)
    throw new SipSerializeError(
      'Request-URI',
      DEV ? 'must not contain URI headers' : 'serialize.uri-headers',
    );
}

// The parser refuses the same characters (scan-head.ts): one definition, `illegalTextAt`.
function checkText(value: string, field: string): void {
  if (typeof value !== 'string')
    throw new SipSerializeError(field, DEV ? 'must be a string' : 'serialize.not-string');
  if (illegalTextAt(value) !== -1)
    throw new SipSerializeError(
      field,
      DEV ? 'contains CR, LF or a control character' : 'serialize.control',
    );
}

function checkRequestUri(ruri: string): void {
  if (ruri.length === 0)
    throw new SipSerializeError('Request-URI', DEV ? 'is empty' : 'serialize.empty');
  for (let i = 0; i < ruri.length; i++) {
    const c = ruri.charCodeAt(i);
    if (c <= 0x20 || c === 0x7f)
      throw new SipSerializeError(
        'Request-URI',
        DEV ? 'contains whitespace or control characters' : 'serialize.uri-char',
      );
  }
}

// RFC 3261 §21 reason phrases for the codes a UA sends or commonly receives.
const REASON_PHRASES: ReadonlyMap<number, string> = new Map([
  [100, 'Trying'],
  [180, 'Ringing'],
  [181, 'Call Is Being Forwarded'],
  [182, 'Queued'],
  [183, 'Session Progress'],
  [200, 'OK'],
  [202, 'Accepted'],
  [204, 'No Notification'],
  [300, 'Multiple Choices'],
  [301, 'Moved Permanently'],
  [302, 'Moved Temporarily'],
  [305, 'Use Proxy'],
  [380, 'Alternative Service'],
  [400, 'Bad Request'],
  [401, 'Unauthorized'],
  [402, 'Payment Required'],
  [403, 'Forbidden'],
  [404, 'Not Found'],
  [405, 'Method Not Allowed'],
  [406, 'Not Acceptable'],
  [407, 'Proxy Authentication Required'],
  [408, 'Request Timeout'],
  [410, 'Gone'],
  [413, 'Request Entity Too Large'],
  [414, 'Request-URI Too Long'],
  [415, 'Unsupported Media Type'],
  [416, 'Unsupported URI Scheme'],
  [420, 'Bad Extension'],
  [421, 'Extension Required'],
  [422, 'Session Interval Too Small'],
  [423, 'Interval Too Brief'],
  [480, 'Temporarily Unavailable'],
  [481, 'Call/Transaction Does Not Exist'],
  [482, 'Loop Detected'],
  [483, 'Too Many Hops'],
  [484, 'Address Incomplete'],
  [485, 'Ambiguous'],
  [486, 'Busy Here'],
  [487, 'Request Terminated'],
  [488, 'Not Acceptable Here'],
  [489, 'Bad Event'],
  [491, 'Request Pending'],
  [493, 'Undecipherable'],
  [500, 'Server Internal Error'],
  [501, 'Not Implemented'],
  [502, 'Bad Gateway'],
  [503, 'Service Unavailable'],
  [504, 'Server Time-out'],
  [505, 'Version Not Supported'],
  [513, 'Message Too Large'],
  [600, 'Busy Everywhere'],
  [603, 'Decline'],
  [604, 'Does Not Exist Anywhere'],
  [606, 'Not Acceptable'],
]);

/**
 * The standard reason phrase for a status code, or `''` when there is none.
 *
 * @example defaultReasonPhrase(486) // 'Busy Here'
 */
export function defaultReasonPhrase(status: number): string {
  return REASON_PHRASES.get(status) ?? '';
}
