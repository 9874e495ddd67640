import { SipParseError } from './sip-parse-error.js';
import { isTokenChar, isWhitespace } from './chars.js';
import { parseBoundedNumber, parseCallId, parseCSeq, type CSeq } from './basic-headers.js';
import { headerKey } from './header-names.js';
import {
  IncomingRequest,
  IncomingResponse,
  type IncomingMessage,
  type MessageParts,
  type RawHeader,
} from './incoming-message.js';
import { parseNameAddr } from './name-addr.js';
import { parseStartLine, type StartLine } from './start-line.js';
import { withLocation } from './typed-headers.js';
import { utf8Boundary, utf8Length } from './utf8.js';
import { parseViaList, type Via } from './via.js';

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
    return parseMessageText(text, options?.maxSize ?? DEFAULT_MAX_MESSAGE_SIZE);
  } catch (error) {
    if (error instanceof SipParseError) throw error;
    // Defensive: no other error type may escape for any input (a bug would surface here).
    throw new SipParseError(`malformed message (${String(error)})`);
  }
}

interface Head {
  readonly startLine: StartLine;
  readonly rawHeaders: RawHeader[];
  readonly index: Map<string, RawHeader[]>;
  readonly bodyStart: number;
}

function parseMessageText(text: string, maxSize: number): IncomingMessage {
  if (typeof text !== 'string') throw new SipParseError('message is not a string');
  if (text.length > maxSize) {
    throw new SipParseError(`message larger than ${maxSize}`, { offset: maxSize });
  }
  const head = scanHead(text);
  const { startLine, index } = head;
  const via = parseVias(index);
  const from = parseSingle(index, 'from', parseNameAddr);
  const to = parseSingle(index, 'to', parseNameAddr);
  const callId = parseSingle(index, 'call-id', parseCallId);
  const cseq = parseSingle(index, 'cseq', parseCSeq);
  const contentLength = parseContentLength(index);
  const { body, end } = sliceBody(text, head.bodyStart, contentLength);
  const parts: MessageParts = {
    raw: end === text.length ? text : text.slice(0, end),
    rawHeaders: head.rawHeaders,
    index,
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
  checkCSeqMethod(cseq, startLine.method, index);
  return new IncomingRequest(startLine.method, startLine.requestUri, startLine.ruri, parts);
}

/**
 * Splits the head into the start line and header lines in one pass, undoing line folding
 * (RFC 3261 §7.3.1) and indexing headers by canonical name. Leading CRLFs are skipped (§7.5).
 */
function scanHead(text: string): Head {
  let pos = 0;
  while (text.charCodeAt(pos) === 0x0d || text.charCodeAt(pos) === 0x0a) pos++;
  const messageStart = pos;
  let nextCr = text.indexOf('\r', pos);
  let line = 0;
  let startLine: StartLine | undefined;
  const rawHeaders: RawHeader[] = [];
  const index = new Map<string, RawHeader[]>();
  let pending: MutableRawHeader | undefined;
  for (;;) {
    const lf = text.indexOf('\n', pos);
    if (lf === -1)
      throw new SipParseError('message head not terminated by an empty line', {
        line: line + 1,
        offset: pos,
      });
    line++;
    const lineEnd = lf > pos && text.charCodeAt(lf - 1) === 0x0d ? lf - 1 : lf;
    if (nextCr !== -1 && nextCr < lineEnd) {
      throw new SipParseError('CR not followed by LF', { line, offset: nextCr });
    }
    if (nextCr !== -1 && nextCr <= lf) nextCr = text.indexOf('\r', lf + 1);
    if (startLine === undefined) {
      if (lineEnd === pos) throw new SipParseError('empty start line', { line, offset: pos });
      startLine = parseStartLine(text, messageStart, lineEnd);
    } else if (lineEnd === pos) {
      if (pending !== undefined) addHeader(rawHeaders, index, pending);
      return { startLine, rawHeaders, index, bodyStart: lf + 1 };
    } else if (isWhitespace(text.charCodeAt(pos))) {
      if (pending === undefined)
        throw new SipParseError('continuation line without a header', { line, offset: pos });
      const more = trimmedSlice(text, pos, lineEnd);
      if (more.length > 0)
        pending.value = pending.value.length === 0 ? more : `${pending.value} ${more}`;
    } else {
      if (pending !== undefined) addHeader(rawHeaders, index, pending);
      pending = readHeaderLine(text, pos, lineEnd, line);
    }
    pos = lf + 1;
  }
}

// RFC 3261 §7.3.1: field-name, optional whitespace, ':', LWS, value.
function readHeaderLine(text: string, start: number, end: number, line: number): MutableRawHeader {
  let pos = start;
  while (pos < end && isTokenChar(text.charCodeAt(pos))) pos++;
  const nameEnd = pos;
  if (nameEnd === start) throw new SipParseError('invalid header name', { line, offset: start });
  while (pos < end && isWhitespace(text.charCodeAt(pos))) pos++;
  if (pos === end || text.charCodeAt(pos) !== 0x3a) {
    throw new SipParseError('expected : after header name', { line, offset: pos });
  }
  const name = text.slice(start, nameEnd);
  return { name, key: headerKey(name), value: trimmedSlice(text, pos + 1, end), line };
}

type MutableRawHeader = { -readonly [K in keyof RawHeader]: RawHeader[K] };

function addHeader(rawHeaders: RawHeader[], index: Map<string, RawHeader[]>, raw: RawHeader): void {
  rawHeaders.push(raw);
  const existing = index.get(raw.key);
  if (existing === undefined) index.set(raw.key, [raw]);
  else existing.push(raw);
}

function trimmedSlice(text: string, start: number, end: number): string {
  while (start < end && isWhitespace(text.charCodeAt(start))) start++;
  while (end > start && isWhitespace(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

function parseVias(index: Map<string, RawHeader[]>): Via[] {
  const lines = index.get('via');
  if (lines === undefined) throw new SipParseError('missing Via', { header: 'via' });
  if (lines.length === 1 && lines[0] !== undefined) {
    const only = lines[0];
    return withLocation('via', only.line, () => parseViaList(only.value));
  }
  const vias: Via[] = [];
  for (const header of lines)
    vias.push(...withLocation('via', header.line, () => parseViaList(header.value)));
  return vias;
}

// RFC 4475 §3.3.8: a second From, To, Call-ID or CSeq makes the message unusable.
function parseSingle<T>(
  index: Map<string, RawHeader[]>,
  key: string,
  parse: (value: string) => T,
): T {
  const lines = index.get(key);
  const first = lines?.[0];
  if (lines === undefined || first === undefined)
    throw new SipParseError(`missing ${key}`, { header: key });
  const second = lines[1];
  if (second !== undefined)
    throw new SipParseError(`more than one ${key}`, { header: key, line: second.line });
  return withLocation(key, first.line, () => parse(first.value));
}

function parseContentLength(index: Map<string, RawHeader[]>): number | undefined {
  const lines = index.get('content-length');
  if (lines === undefined) return undefined;
  let length: number | undefined;
  for (const header of lines) {
    const value = withLocation('content-length', header.line, () =>
      parseBoundedNumber(header.value, 'Content-Length', 2 ** 31 - 1),
    );
    // RFC 4475 §3.3.9: conflicting Content-Length values cannot frame the body.
    if (length !== undefined && value !== length) {
      throw new SipParseError('conflicting Content-Length values', {
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
  const bytes = utf8Length(rest);
  if (bytes === contentLength) return { body: rest, end: text.length };
  if (contentLength > bytes) {
    throw new SipParseError('Content-Length larger than the body', {
      header: 'content-length',
      offset: bodyStart,
    });
  }
  const boundary = utf8Boundary(rest, contentLength);
  return { body: rest.slice(0, boundary), end: bodyStart + boundary };
}

// RFC 3261 §8.1.1.5: the CSeq method MUST match the request method (RFC 4475 §3.1.2.17-18).
function checkCSeqMethod(cseq: CSeq, method: string, index: Map<string, RawHeader[]>): void {
  if (cseq.method !== method) {
    throw new SipParseError(`CSeq method '${cseq.method}' does not match '${method}'`, {
      header: 'cseq',
      ...lineOf(index, 'cseq'),
    });
  }
}

function lineOf(index: Map<string, RawHeader[]>, key: string): { line?: number } {
  const line = index.get(key)?.[0]?.line;
  return line === undefined ? {} : { line };
}
