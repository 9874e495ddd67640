// Character classes of RFC 3261 §25.1, as lookup tables indexed by char code (ASCII only).

function table(chars: string, ranges: boolean = true): Uint8Array {
  const t = new Uint8Array(128);
  if (ranges) {
    for (let c = 0x30; c <= 0x39; c++) t[c] = 1;
    for (let c = 0x41; c <= 0x5a; c++) t[c] = 1;
    for (let c = 0x61; c <= 0x7a; c++) t[c] = 1;
  }
  for (let i = 0; i < chars.length; i++) t[chars.charCodeAt(i)] = 1;
  return t;
}

// RFC 3261 §25.1: token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
const TOKEN = table("-.!%*_+`'~");
// RFC 3261 §25.1: word adds ( ) < > : \ " / [ ] ? { } to token characters (used by Call-ID).
const WORD = table('-.!%*_+`\'~()<>:\\"/[]?{}');
// unreserved = alphanum / mark; mark = - _ . ! ~ * ' ( ). The classes below include it.
// RFC 3261 §25.1 user-unreserved, on top of unreserved.
const USER = table("-_.!~*'()&=+$,;?/");
const PASSWORD = table("-_.!~*'()&=+$,");
// param-unreserved = [ ] / : & + $, on top of unreserved.
const PARAM = table("-_.!~*'()[]/:&+$");
// hnv-unreserved = [ ] / ? : + $, on top of unreserved.
const HEADER_NV = table("-_.!~*'()[]/?:+$");
// Hostnames: alphanum, '-', '.', and '_' which real deployments use in DNS names despite §25.1.
const HOSTNAME = table('-._');
// Characters a gen-value may hold when unquoted: token plus host (IPv6 ':' '[' ']').
const GEN_VALUE = table("-.!%*_+`'~:[]");

const at = (t: Uint8Array, c: number): boolean => c < 128 && t[c] === 1;

/** A character class as a 128-entry lookup table (passing a table keeps hot loops inlined). */
export type CharClass = Uint8Array;
export const USER_CHARS: CharClass = USER;
export const PASSWORD_CHARS: CharClass = PASSWORD;
export const PARAM_CHARS: CharClass = PARAM;
export const HEADER_NV_CHARS: CharClass = HEADER_NV;

/** True when `c` is in `charClass`. */
export const inClass = (charClass: CharClass, c: number): boolean => at(charClass, c);

/** `text` lowercased, without the runtime call when it has nothing to lowercase. */
export function toLowerCaseFast(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a) || c >= 0x80) return text.toLowerCase();
  }
  return text;
}

export const isTokenChar = (c: number): boolean => at(TOKEN, c);
export const isWordChar = (c: number): boolean => at(WORD, c);
export const isParamChar = (c: number): boolean => at(PARAM, c);
export const isHeaderNvChar = (c: number): boolean => at(HEADER_NV, c);
export const isHostnameChar = (c: number): boolean => at(HOSTNAME, c);
export const isGenValueChar = (c: number): boolean => at(GEN_VALUE, c);
export const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
export const isHexDigit = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
/** SP or HTAB: the whitespace of LWS once line folding has been undone. */
export const isWhitespace = (c: number): boolean => c === 0x20 || c === 0x09;

/** True when every character of `text` is a token character and there is at least one. */
export function isToken(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) if (!isTokenChar(text.charCodeAt(i))) return false;
  return true;
}

/** `text` without leading and trailing SP/HTAB. */
export function trimWhitespace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isWhitespace(text.charCodeAt(start))) start++;
  while (end > start && isWhitespace(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/**
 * Where `text[start, end)` stops being legal SIP text: the index of the first character that no
 * header value, reason phrase or start line may carry, or -1 when there is none. The parser and
 * the serializer both ask this, so what one accepts the other writes.
 *
 * RFC 3261 §25.1: header values are TEXT-UTF8char (%x21-7E, non-ASCII) and LWS (SP, HTAB), plus
 * quoted-pair (`\` then %x00-09 / %x0B-0C / %x0E-7F) inside quoted strings and comments. So a
 * control character (%x00-08, %x0A-1F, %x7F) is legal only escaped by a backslash (RFC 4475
 * §3.1.1.2 escapes BEL, NUL and DEL that way), and CR or LF never. Escapes are honoured wherever
 * they appear, not only between quotes: simpler, and still never lets a bare control through.
 *
 * @example illegalTextAt('"a\\\0b"') // -1 (an escaped NUL)
 * @example illegalTextAt('"a\0b"') // 2
 */
export function illegalTextAt(text: string, start: number = 0, end: number = text.length): number {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) {
      const next = text.charCodeAt(i + 1);
      if (i + 1 < end && next !== 0x0d && next !== 0x0a) i++;
    } else if ((c < 0x20 && c !== 0x09) || c === 0x7f) {
      return i;
    }
  }
  return -1;
}
