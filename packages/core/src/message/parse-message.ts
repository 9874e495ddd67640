import { SipParseError } from './sip-parse-error.js';
import { parseBoundedNumber, parseCallId, parseCSeq, type CSeq } from './basic-headers.js';
import {
  IncomingRequest,
  IncomingResponse,
  type IncomingMessage,
  type MessageParts,
  type RawHeader,
} from './incoming-message.js';
import { parseNameAddr } from './name-addr.js';
import { scanHead } from './scan-head.js';
import { utf8Boundary, utf8Length } from './utf8.js';
import { parseViaList, type Via } from './via.js';
import { DEV } from '../diagnostics/dev-mode.js';

/** Options of `parseMessage`. */
export interface ParseOptions {
  /** Largest accepted message, in UTF-16 code units of the input (= bytes for ASCII). */
  readonly maxSize?: number;
}

/** 256 KiB: far above any real SIP message, small enough that parsing stays cheap. */
export const DEFAULT_MAX_MESSAGE_SIZE = 262_144;

/**
 * Parses one SIP message (RFC 3261 §7). Start line, Via, From, To, Call-ID, CSeq and
 * Content-Length are parsed and validated now; every other header is parsed on first access.
 * Lines may end in CRLF or bare LF. Throws SipParseError, and nothing else, for bad input.
 *
 * @example
 * const msg = parseMessage(text);
 * if (msg.kind === 'request') console.log(msg.method, msg.via[0]?.branch, msg.cseq.seq);
 */
export function parseMessage(text: string, options?: ParseOptions): IncomingMessage {
  try {
    const maxSize = options?.maxSize;
    // NaN or a negative number must not silently lift the limit.
    const limit = typeof maxSize === 'number' && maxSize >= 0 ? maxSize : DEFAULT_MAX_MESSAGE_SIZE;
    return parseMessageText(text, limit);
  } catch (error) {
    if (error instanceof SipParseError) throw error;
    // Defensive: no other error type may escape for any input (a bug would surface here).
    throw new SipParseError(
      DEV ? `malformed message (${String(error)})` : `parse.bug ${String(error)}`,
    );
  }
}

function parseMessageText(text: string, maxSize: number): IncomingMessage {
  if (typeof text !== 'string')
    throw new SipParseError(DEV ? 'message is not a string' : 'parse.not-string');
  // Checked before any scanning, so an oversize input costs O(1).
  if (text.length > maxSize)
    throw new SipParseError(DEV ? `message larger than ${maxSize}` : `parse.too-large ${maxSize}`, {
      offset: maxSize,
    });
  const head = scanHead(text);
  const { startLine } = head;
  const via = parseVias(text, head.via);
  const from = parseSingle(text, head.from, 'from', parseNameAddr);
  const to = parseSingle(text, head.to, 'to', parseNameAddr);
  const callId = parseSingle(text, head.callId, 'call-id', parseCallId);
  const cseq = parseSingle(text, head.cseq, 'cseq', parseCSeq);
  const contentLength = parseContentLength(text, head.contentLength);
  const { body, end } = sliceBody(text, head.bodyStart, contentLength);
  const parts: MessageParts = {
    raw: end === text.length ? text : text.slice(0, end),
    rawHeaders: head.rawHeaders,
    body,
    callId,
    cseq,
    from,
    to,
    via,
    contentLength,
  };
  if (startLine.kind === 'response')
    return new IncomingResponse(startLine.status, startLine.reason, parts);
  checkCSeqMethod(cseq, startLine.method, head.cseq);
  return new IncomingRequest(startLine.method, startLine.requestUri, startLine.ruri, parts);
}

/** A value parser that can read a span of a larger string. */
type SpanParser<T> = (text: string, start: number, end: number) => T;

/**
 * Parses a header value in place in the message text when it is one span there (no folding):
 * scanning the flat message string is cheaper than scanning a substring of it. Errors carry the
 * header's name and line; their offset is then an index into the message.
 */
function parseHeader<T>(text: string, header: RawHeader, parse: SpanParser<T>): T {
  try {
    return header.valueStart >= 0
      ? parse(text, header.valueStart, header.valueEnd)
      : parse(header.value, 0, header.value.length);
  } catch (error) {
    if (!(error instanceof SipParseError)) throw error;
    throw new SipParseError(error.reason, {
      header: header.key,
      line: header.line,
      ...(error.offset === undefined ? {} : { offset: error.offset }),
    });
  }
}

function missing(key: string): SipParseError {
  return new SipParseError(DEV ? `missing ${key}` : 'parse.header-missing', { header: key });
}

function parseVias(text: string, lines: readonly RawHeader[] | undefined): Via[] {
  if (lines === undefined) throw missing('via');
  const first = lines[0] as RawHeader;
  if (lines.length === 1) return parseHeader(text, first, parseViaList);
  const vias: Via[] = [];
  for (const header of lines) vias.push(...parseHeader(text, header, parseViaList));
  return vias;
}

// RFC 4475 §3.3.8: a second From, To, Call-ID or CSeq makes the message unusable.
function parseSingle<T>(
  text: string,
  lines: readonly RawHeader[] | undefined,
  key: string,
  parse: SpanParser<T>,
): T {
  const first = lines?.[0];
  if (lines === undefined || first === undefined) {
    throw missing(key);
  }
  const second = lines[1];
  if (second !== undefined) {
    throw new SipParseError(DEV ? `more than one ${key}` : 'parse.header-twice', {
      header: key,
      line: second.line,
    });
  }
  return parseHeader(text, first, parse);
}

const parseLength: SpanParser<number> = (text, start, end) =>
  parseBoundedNumber(text, 'Content-Length', 2 ** 31 - 1, start, end);

function parseContentLength(
  text: string,
  lines: readonly RawHeader[] | undefined,
): number | undefined {
  if (lines === undefined) return undefined;
  let length: number | undefined;
  for (const header of lines) {
    const value = parseHeader(text, header, parseLength);
    // RFC 4475 §3.3.9: conflicting Content-Length values cannot frame the body.
    if (length !== undefined && value !== length) {
      throw new SipParseError(DEV ? 'conflicting Content-Length values' : 'parse.length-conflict', {
        header: 'content-length',
        line: header.line,
      });
    }
    length = value;
  }
  return length;
}

/**
 * RFC 3261 §18.3: a Content-Length larger than the body is an error, a smaller one truncates
 * it. Without Content-Length the body runs to the end (RFC 7118 §5, one message per frame).
 */
function sliceBody(
  text: string,
  bodyStart: number,
  contentLength: number | undefined,
): { body: string; end: number } {
  const rest = text.length === bodyStart ? '' : text.slice(bodyStart);
  if (contentLength === undefined) return { body: rest, end: text.length };
  // A body of n code units takes at least n bytes: too short a text needs no measuring.
  if (contentLength > 3 * rest.length) throw contentLengthTooLarge(bodyStart);
  const bytes = utf8Length(rest);
  if (bytes === contentLength) return { body: rest, end: text.length };
  if (contentLength > bytes) throw contentLengthTooLarge(bodyStart);
  const boundary = utf8Boundary(rest, contentLength);
  return { body: rest.slice(0, boundary), end: bodyStart + boundary };
}

function contentLengthTooLarge(bodyStart: number): SipParseError {
  return new SipParseError(DEV ? 'Content-Length larger than the body' : 'parse.length-over-body', {
    header: 'content-length',
    offset: bodyStart,
  });
}

// RFC 3261 §8.1.1.5: the CSeq method MUST match the request method (RFC 4475 §3.1.2.17-18).
function checkCSeqMethod(
  cseq: CSeq,
  method: string,
  lines: readonly RawHeader[] | undefined,
): void {
  if (cseq.method === method) return;
  const line = lines?.[0]?.line;
  const reason = DEV
    ? `CSeq method '${cseq.method}' does not match '${method}'`
    : `parse.cseq-method ${cseq.method} ${method}`;
  throw new SipParseError(reason, {
    header: 'cseq',
    ...(line === undefined ? {} : { line }),
  });
}
