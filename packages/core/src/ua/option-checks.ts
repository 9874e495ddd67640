import { isToken } from '../message/chars.js';
import { headerKey, illegalTextAt, parseContentType } from '../message/index.js';
import { InvalidOptionError } from './invalid-option-error.js';
import { DEV } from '../diagnostics/dev-mode.js';

// RFC 3261 §7.3.1: field-name, optional whitespace, ':', then the value. The name must be a token,
// checked with the serializer's own `isToken` so the two cannot disagree.
const HEADER_LINE = /^([^:\s]+)[ \t]*:[ \t]*(.*)$/s;

/**
 * Headers the stack writes on every message it builds (RFC 3261 §8.1.1): an app's copy would go
 * out as a second Via, Call-ID... which peers reject or, worse, route by. Compact forms (`v`, `i`,
 * `f`, `t`, `l`) are the same headers. Everything else may be added (Route, Contact, X-...).
 */
export const STACK_HEADERS: readonly string[] = [
  'Via',
  'From',
  'To',
  'Call-ID',
  'CSeq',
  'Max-Forwards',
  'Content-Length',
];

const STACK_KEYS = new Set(STACK_HEADERS.map(headerKey));

/**
 * What is wrong with one `Name: value` line an app wants on its messages, or undefined when it
 * may go out. The serializer's rule for values (`illegalTextAt`) applies, so a line that passes
 * here cannot fail when it is sent. Shared by `extra_headers` (configuration) and every
 * `extraHeaders` option.
 *
 * @example headerLineProblem('Via: SIP/2.0/WSS x') // 'Via is written by the stack ...'
 */
export function headerLineProblem(line: unknown): string | undefined {
  const match = typeof line === 'string' ? HEADER_LINE.exec(line) : null;
  if (match === null) return DEV ? 'expected "Name: value"' : 'option.header-line';
  const name = match[1] as string;
  if (!isToken(name)) {
    return DEV
      ? 'expected "Name: value" with a token for a name (RFC 3261 §25.1)'
      : 'option.header-name';
  }
  // RFC 3261 §25.1, the serializer's rule.
  if (illegalTextAt(match[2] as string) !== -1) {
    return DEV ? 'CR, LF or a control character in the value' : 'option.control-character';
  }
  if (STACK_KEYS.has(headerKey(name))) {
    return DEV ? `${name} is written by the stack` : `option.stack-header ${name}`;
  }
  return undefined;
}

/**
 * Checks an `extraHeaders` option at the API boundary: an array of valid lines (see
 * `headerLineProblem`), or undefined. Throws `InvalidOptionError` naming the entry, before
 * anything is sent or changed.
 *
 * @example checkExtraHeaders(options.extraHeaders) // throws for ['X-A: 1\r\nVia: evil']
 */
export function checkExtraHeaders(
  value: unknown,
  parameter: string = 'extraHeaders',
): readonly string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    throw new InvalidOptionError(
      parameter,
      DEV ? 'expected an array of "Name: value"' : 'option.not-header-array',
    );
  }
  value.forEach((line: unknown, index) => {
    const problem = headerLineProblem(line);
    if (problem !== undefined) throw new InvalidOptionError(`${parameter}[${index}]`, problem);
  });
  return value as readonly string[];
}

/**
 * Checks a Content-Type given to `sendInfo` or `sendMessage`: a media type such as
 * `application/json` or `text/plain;charset=utf-8` (RFC 3261 §20.15). Throws `InvalidOptionError`.
 *
 * @example checkContentType('application/x-foo', 'contentType')
 */
export function checkContentType(value: unknown, parameter: string): string {
  try {
    if (typeof value === 'string' && illegalTextAt(value) === -1) {
      parseContentType(value);
      return value;
    }
  } catch {
    // SipParseError: not a media type; reported below like a non-string.
  }
  throw new InvalidOptionError(parameter, DEV ? 'expected a media type' : 'option.media-type');
}

/**
 * Checks a reason phrase for a rejection (`terminate({ reason_phrase })`): text on the status
 * line, so no line break or control character (the serializer's rule). Throws `InvalidOptionError`.
 */
export function checkReasonPhrase(value: unknown, parameter: string = 'reason_phrase'): void {
  if (value !== undefined && (typeof value !== 'string' || illegalTextAt(value) !== -1)) {
    throw new InvalidOptionError(
      parameter,
      DEV ? 'CR, LF or a control character' : 'option.control-character',
    );
  }
}
