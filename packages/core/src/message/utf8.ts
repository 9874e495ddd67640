import { SipParseError } from './sip-parse-error.js';

// A native regex scan is far faster than a charCodeAt loop for the common all-ASCII body.
const NON_ASCII = /[\u0080-\uffff]/;

/**
 * Number of bytes `text` takes in UTF-8. Lone surrogates count as U+FFFD (3 bytes), which is
 * what a TextDecoder produced them from.
 */
export function utf8Length(text: string): number {
  if (!NON_ASCII.test(text)) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
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
    else if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
    i++;
  }
  if (bytes !== byteCount) {
    throw new SipParseError('Content-Length ends inside a UTF-8 character', { offset: i });
  }
  return i;
}

const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
