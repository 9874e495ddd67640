import { SipParseError } from './sip-parse-error.js';
import { isWhitespace, isWordChar } from './chars.js';
import { ValueScanner } from './value-scanner.js';
import { DEV } from '../diagnostics/dev-mode.js';

/** The CSeq header (RFC 3261 §20.16). */
export interface CSeq {
  /** Sequence number, below 2**31 (RFC 3261 §8.1.1.5). */
  readonly seq: number;
  readonly method: string;
}

const MAX_CSEQ = 2 ** 31 - 1;
// RFC 3261 §25.1: delta-seconds = 1*DIGIT; values past 2**32-1 are not meaningful.
const MAX_DELTA_SECONDS = 2 ** 32 - 1;

/**
 * Parses `CSeq: 0009 INVITE` into `{ seq: 9, method: 'INVITE' }`.
 *
 * @example parseCSeq('314159 INVITE').seq // 314159
 */
export function parseCSeq(value: string, start: number = 0, end: number = value.length): CSeq {
  const scanner = new ValueScanner(value, start, end);
  scanner.skipWhitespace();
  const seq = scanner.number('CSeq number', MAX_CSEQ);
  const beforeSpace = scanner.pos;
  scanner.skipWhitespace();
  if (scanner.pos === beforeSpace)
    scanner.fail(DEV ? 'expected space after CSeq number' : 'parse.cseq-space');
  const method = scanner.token('CSeq method');
  scanner.expectEnd();
  return { seq, method };
}

/**
 * Validates a Call-ID (RFC 3261 §20.8: `word [ "@" word ]`) and returns it trimmed.
 *
 * @example parseCallId(' a84b4c76e66710@pc33.example ') // 'a84b4c76e66710@pc33.example'
 */
export function parseCallId(value: string, start: number = 0, end: number = value.length): string {
  while (start < end && isWhitespace(value.charCodeAt(start))) start++;
  while (end > start && isWhitespace(value.charCodeAt(end - 1))) end--;
  if (start === end)
    throw new SipParseError(DEV ? 'empty Call-ID' : 'parse.call-id-empty', { offset: start });
  let seenAt = false;
  for (let i = start; i < end; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x40 && !seenAt && i > start && i < end - 1) {
      seenAt = true;
    } else if (!isWordChar(c)) {
      throw new SipParseError(DEV ? 'invalid character in Call-ID' : 'parse.call-id-char', {
        offset: i,
      });
    }
  }
  return start === 0 && end === value.length ? value : value.slice(start, end);
}

/**
 * Parses a non-negative decimal header (Content-Length, Max-Forwards...) bounded by `max`; also
 * numeric header parameters (`expires`, `cause`...), whose values never start with whitespace.
 */
export function parseBoundedNumber(
  value: string,
  what: string,
  max: number,
  start: number = 0,
  end: number = value.length,
): number {
  const scanner = new ValueScanner(value, start, end);
  scanner.skipWhitespace();
  const result = scanner.number(what, max);
  scanner.expectEnd();
  return result;
}

/** Max-Forwards (RFC 3261 §20.22): 0-255. @example parseMaxForwards('70') // 70 */
export const parseMaxForwards = (value: string): number =>
  parseBoundedNumber(value, 'Max-Forwards', 255);

/** Expires / Min-Expires delta-seconds (RFC 3261 §20.19). @example parseDeltaSeconds('3600') // 3600 */
export const parseDeltaSeconds = (value: string): number =>
  parseBoundedNumber(value, 'delta-seconds', MAX_DELTA_SECONDS);

/**
 * Parses a comma list of tokens (Supported, Require, Allow...). An empty value is an empty list
 * (RFC 3261 §20.37 allows `Supported:` with nothing).
 *
 * @example parseTokenList('100rel, timer ,replaces') // ['100rel', 'timer', 'replaces']
 */
export function parseTokenList(value: string): string[] {
  const tokens: string[] = [];
  const scanner = new ValueScanner(value);
  scanner.skipWhitespace();
  if (scanner.done) return tokens;
  for (;;) {
    tokens.push(scanner.token('token'));
    scanner.skipWhitespace();
    if (scanner.done) return tokens;
    scanner.expect(0x2c, ',');
  }
}
