import { SipParseError } from './sip-parse-error.js';
import { illegalTextAt, isTokenChar, isWhitespace } from './chars.js';
import { headerKeyAt } from './header-names.js';
import type { RawHeader } from './incoming-message.js';
import { HeaderLine } from './header-line.js';
import { parseStartLine, type StartLine } from './start-line.js';
import { DEV } from '../diagnostics/dev-mode.js';

/** The head of a message split into lines, with the essential headers picked out. */
export interface Head {
  startLine: StartLine;
  readonly rawHeaders: RawHeader[];
  bodyStart: number;
  // Lines of the headers parseMessage validates eagerly, gathered during the scan itself so
  // the hot path never needs a name index (that is built lazily by the message).
  via: RawHeader[] | undefined;
  from: RawHeader[] | undefined;
  to: RawHeader[] | undefined;
  callId: RawHeader[] | undefined;
  cseq: RawHeader[] | undefined;
  contentLength: RawHeader[] | undefined;
}

/**
 * Splits the head into the start line and header lines in one pass, undoing line folding
 * (RFC 3261 §7.3.1). Leading CRLFs are skipped (§7.5). Lines end in CRLF or bare LF; a CR
 * anywhere else in the head is an error.
 */
export function scanHead(text: string): Head {
  let pos = 0;
  while (text.charCodeAt(pos) === 0x0d || text.charCodeAt(pos) === 0x0a) pos++;
  let nextCr = text.indexOf('\r', pos);
  let line = 0;
  let pending: HeaderLine | undefined;
  const head: Head = {
    startLine: undefined as unknown as StartLine,
    rawHeaders: [],
    bodyStart: 0,
    via: undefined,
    from: undefined,
    to: undefined,
    callId: undefined,
    cseq: undefined,
    contentLength: undefined,
  };
  for (;;) {
    const lf = text.indexOf('\n', pos);
    if (lf === -1) {
      throw new SipParseError(
        DEV ? 'message head not terminated by an empty line' : 'parse.head-end',
        {
          line: line + 1,
          offset: pos,
        },
      );
    }
    line++;
    const lineEnd = lf > pos && text.charCodeAt(lf - 1) === 0x0d ? lf - 1 : lf;
    if (nextCr !== -1 && nextCr < lineEnd)
      throw new SipParseError(DEV ? 'CR not followed by LF' : 'parse.bare-cr', {
        line,
        offset: nextCr,
      });
    if (nextCr !== -1 && nextCr <= lf) nextCr = text.indexOf('\r', lf + 1);
    if (line === 1) {
      if (lineEnd === pos)
        throw new SipParseError(DEV ? 'empty start line' : 'parse.start-line-empty', {
          line,
          offset: pos,
        });
      checkText(text, pos, lineEnd, line, undefined);
      head.startLine = parseStartLine(text, pos, lineEnd);
    } else if (lineEnd === pos) {
      if (pending !== undefined) addHeader(head, pending);
      head.bodyStart = lf + 1;
      return head;
    } else if (isWhitespace(text.charCodeAt(pos))) {
      if (pending === undefined)
        throw new SipParseError(DEV ? 'continuation line without a header' : 'parse.fold-first', {
          line,
          offset: pos,
        });
      checkText(text, pos, lineEnd, line, pending.key);
      pending.fold(trimmedSlice(text, pos, lineEnd));
    } else {
      if (pending !== undefined) addHeader(head, pending);
      pending = readHeaderLine(text, pos, lineEnd, line);
      checkText(text, pending.valueStart, pending.valueEnd, line, pending.key);
    }
    pos = lf + 1;
  }
}

// RFC 3261 §7.3.1: field-name, optional whitespace, ':', LWS, value.
function readHeaderLine(text: string, start: number, end: number, line: number): HeaderLine {
  let pos = start;
  while (pos < end && isTokenChar(text.charCodeAt(pos))) pos++;
  const nameEnd = pos;
  if (nameEnd === start)
    throw new SipParseError(DEV ? 'invalid header name' : 'parse.header-name', {
      line,
      offset: start,
    });
  while (pos < end && isWhitespace(text.charCodeAt(pos))) pos++;
  if (pos === end || text.charCodeAt(pos) !== 0x3a) {
    throw new SipParseError(DEV ? 'expected : after header name' : 'parse.header-colon', {
      line,
      offset: pos,
    });
  }
  let valueStart = pos + 1;
  let valueEnd = end;
  while (valueStart < valueEnd && isWhitespace(text.charCodeAt(valueStart))) valueStart++;
  while (valueEnd > valueStart && isWhitespace(text.charCodeAt(valueEnd - 1))) valueEnd--;
  const key = headerKeyAt(text, start, nameEnd);
  return new HeaderLine(text, start, nameEnd, key, valueStart, valueEnd, line);
}

// The serializer refuses the same characters (serialize.ts), so a message that parses can be
// answered and forwarded: a bare NUL in a display name must fail here, not at the reply.
function checkText(
  text: string,
  start: number,
  end: number,
  line: number,
  header: string | undefined,
): void {
  const at = illegalTextAt(text, start, end);
  if (at === -1) return;
  throw new SipParseError(DEV ? 'control character' : 'parse.control', {
    line,
    offset: at,
    ...(header === undefined ? {} : { header }),
  });
}

function addHeader(head: Head, raw: RawHeader): void {
  head.rawHeaders.push(raw);
  switch (raw.key) {
    case 'via':
      (head.via ??= []).push(raw);
      break;
    case 'from':
      (head.from ??= []).push(raw);
      break;
    case 'to':
      (head.to ??= []).push(raw);
      break;
    case 'call-id':
      (head.callId ??= []).push(raw);
      break;
    case 'cseq':
      (head.cseq ??= []).push(raw);
      break;
    case 'content-length':
      (head.contentLength ??= []).push(raw);
      break;
  }
}

function trimmedSlice(text: string, start: number, end: number): string {
  while (start < end && isWhitespace(text.charCodeAt(start))) start++;
  while (end > start && isWhitespace(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}
