import { SipParseError } from './sip-parse-error.js';
import { trimWhitespace } from './chars.js';
import { DEV } from '../diagnostics/dev-mode.js';

/**
 * Splits a comma-separated header value (RFC 3261 §7.3.1) at commas that are outside
 * quoted strings (honouring `\` escapes) and outside `<...>`. Items are trimmed; empty items
 * are dropped in lenient mode and rejected in strict mode, as is an unterminated quote or `<`.
 *
 * @example splitHeaderList('"a, b" <sip:x>, <sip:y;p=1,2>') // ['"a, b" <sip:x>', '<sip:y;p=1,2>']
 */
export function splitHeaderList(value: string, strict: boolean = false): string[] {
  const items: string[] = [];
  let inQuotes = false;
  let inAngle = false;
  let itemStart = 0;
  const length = value.length;
  for (let i = 0; i < length; i++) {
    const c = value.charCodeAt(i);
    if (inQuotes) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inQuotes = false;
    } else if (c === 0x22) {
      inQuotes = true;
    } else if (inAngle) {
      if (c === 0x3e) inAngle = false;
    } else if (c === 0x3c) {
      inAngle = true;
    } else if (c === 0x2c) {
      pushItem(items, value, itemStart, i, strict);
      itemStart = i + 1;
    }
  }
  if (strict && (inQuotes || inAngle)) {
    const reason = DEV
      ? inQuotes
        ? 'unterminated quoted string'
        : 'unterminated <'
      : `parse.unterminated ${inQuotes ? '"' : '<'}`;
    throw new SipParseError(reason, {
      offset: itemStart,
    });
  }
  pushItem(items, value, itemStart, length, strict);
  return items;
}

function pushItem(
  items: string[],
  value: string,
  start: number,
  end: number,
  strict: boolean,
): void {
  const item = trimWhitespace(value.slice(start, end));
  if (item.length > 0) items.push(item);
  else if (strict)
    throw new SipParseError(DEV ? 'empty list element' : 'parse.empty-list-item', {
      offset: start,
    });
}
