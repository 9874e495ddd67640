import { SipParseError } from './sip-parse-error.js';
import { parseCallId } from './basic-headers.js';
import { readHeaderParams, type Params } from './params.js';
import { ValueScanner, unquote } from './value-scanner.js';
import { isWordChar } from './chars.js';
import { DEV } from '../diagnostics/dev-mode.js';

/** Replaces (RFC 3891 §6.1): the dialog to replace. */
export interface Replaces {
  readonly callId: string;
  readonly toTag: string;
  readonly fromTag: string;
  readonly earlyOnly: boolean;
  readonly params: Params;
}

/**
 * Parses `Replaces: 98732@sip.example.com;from-tag=r33th4x0r;to-tag=ff87ff`. Both tags are
 * required (RFC 3891 §6.1).
 *
 * @example parseReplaces('a@b;to-tag=1;from-tag=2;early-only').earlyOnly // true
 */
export function parseReplaces(value: string): Replaces {
  const scanner = new ValueScanner(value);
  scanner.skipWhitespace();
  const start = scanner.pos;
  while (!scanner.done && (isWordChar(scanner.peek()) || scanner.peek() === 0x40)) scanner.pos++;
  const callId = parseCallId(value.slice(start, scanner.pos));
  const params = readHeaderParams(scanner);
  scanner.expectEnd();
  const toTag = params['to-tag'];
  const fromTag = params['from-tag'];
  if (toTag === undefined || fromTag === undefined) {
    throw new SipParseError(DEV ? 'Replaces needs to-tag and from-tag' : 'parse.replaces-tags', {
      offset: 0,
    });
  }
  return {
    callId,
    toTag: unquote(toTag),
    fromTag: unquote(fromTag),
    earlyOnly: params['early-only'] !== undefined,
    params,
  };
}
