import { SipParseError } from './sip-parse-error.js';
import { SipSerializeError } from './sip-serialize-error.js';
import { inClass, isHexDigit, type CharClass } from './chars.js';
import { DEV } from '../diagnostics/dev-mode.js';

/**
 * Validates `text[start, end)` against a character class plus `%HH` escapes and returns it
 * decoded. RFC 3261 §19.1.4: escaped and unescaped forms are equivalent, so callers see the
 * decoded text. Escapes that do not form UTF-8 decode byte-per-char (latin1).
 */
export function decodeEscaped(
  text: string,
  start: number,
  end: number,
  allowed: CharClass,
  what: string,
): string {
  let hasEscape = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x25) {
      const complete = i + 2 < end;
      if (!complete || !isHexDigit(text.charCodeAt(i + 1)) || !isHexDigit(text.charCodeAt(i + 2))) {
        throw new SipParseError(DEV ? `bad escape in ${what}` : `parse.escape ${what}`, {
          offset: i,
        });
      }
      hasEscape = true;
      i += 2;
    } else if (!inClass(allowed, c)) {
      throw new SipParseError(DEV ? `invalid character in ${what}` : `parse.char ${what}`, {
        offset: i,
      });
    }
  }
  const raw = text.slice(start, end);
  if (!hasEscape) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw.replace(/%([0-9a-fA-F]{2})/g, (_m, hex: string) =>
      String.fromCharCode(parseInt(hex, 16)),
    );
  }
}

/**
 * Escapes every char outside `allowed` as `%HH` of its UTF-8 bytes (RFC 3261 §19.1.2), so the
 * output can never carry CR, LF, NUL or delimiters. Lone surrogates cannot be encoded.
 */
export function encodeEscaped(value: string, allowed: CharClass, what: string): string {
  let out = '';
  let chunkStart = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (inClass(allowed, c)) continue;
    out += value.slice(chunkStart, i);
    if (c < 128) {
      out += (c < 16 ? '%0' : '%') + c.toString(16).toUpperCase();
    } else {
      const isHighSurrogate = c >= 0xd800 && c <= 0xdbff;
      const char = isHighSurrogate ? value.slice(i, i + 2) : (value[i] ?? '');
      try {
        out += encodeURIComponent(char);
      } catch {
        throw new SipSerializeError(
          what,
          DEV ? 'contains an unpaired surrogate' : 'serialize.surrogate',
        );
      }
      if (isHighSurrogate) i++;
    }
    chunkStart = i + 1;
  }
  return chunkStart === 0 ? value : out + value.slice(chunkStart);
}
