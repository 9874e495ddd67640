import { SipParseError } from './sip-parse-error.js';
import { isGenValueChar, isTokenChar, isWhitespace, toLowerCaseFast } from './chars.js';
import { DEV } from '../diagnostics/dev-mode.js';

/**
 * A cursor over one header value (already unfolded: LWS is SP/HTAB only). Typed header parsers
 * use it so that every failure becomes a SipParseError carrying the offset in the value.
 */
export class ValueScanner {
  pos: number;
  readonly end: number;

  constructor(
    readonly text: string,
    start: number = 0,
    end: number = text.length,
  ) {
    this.pos = start;
    this.end = end;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** Char code at the cursor, or -1 at the end. */
  peek(): number {
    return this.pos < this.end ? this.text.charCodeAt(this.pos) : -1;
  }

  skipWhitespace(): this {
    while (this.pos < this.end && isWhitespace(this.text.charCodeAt(this.pos))) this.pos++;
    return this;
  }

  /** Consumes `code` (after optional whitespace) if present. RFC 3261 §25.1 SWS around separators. */
  accept(code: number): boolean {
    this.skipWhitespace();
    if (this.peek() !== code) return false;
    this.pos++;
    this.skipWhitespace();
    return true;
  }

  expect(code: number, what: string): void {
    if (!this.accept(code)) this.#expected(what);
  }

  /** Reads a non-empty token (RFC 3261 §25.1) or fails. */
  token(what: string): string {
    const start = this.pos;
    while (this.pos < this.end && isTokenChar(this.text.charCodeAt(this.pos))) this.pos++;
    if (this.pos === start) this.#expected(what);
    return this.text.slice(start, this.pos);
  }

  /**
   * Reads a non-empty token, lowercased. String#toLowerCase is a runtime call, so it is only
   * made when the token actually has an uppercase letter (parameter names rarely do).
   */
  lowercaseToken(what: string): string {
    return toLowerCaseFast(this.token(what));
  }

  /** Reads a run of 1+ ASCII digits as a number, failing above `max`. */
  number(what: string, max: number): number {
    const start = this.pos;
    let value = 0;
    while (this.pos < this.end) {
      const c = this.text.charCodeAt(this.pos);
      if (c < 0x30 || c > 0x39) break;
      value = value * 10 + (c - 0x30);
      // Leading zeros are legal (RFC 3261 uses 1*DIGIT), so only the value is bounded.
      if (value > max) this.fail(DEV ? `${what} too large` : `parse.too-large ${what}`);
      this.pos++;
    }
    if (this.pos === start) this.#expected(what);
    return value;
  }

  /** Reads a quoted-string (RFC 3261 §25.1) starting at `"` and returns its unescaped content. */
  quotedString(): string {
    const { end, value } = readQuotedString(this.text, this.pos, this.end);
    this.pos = end;
    return value;
  }

  /** Reads a gen-value: quoted-string (returned with its quotes, as written) or token/host. */
  genValue(): string {
    const start = this.pos;
    if (this.peek() === 0x22) {
      this.pos = readQuotedString(this.text, this.pos, this.end).end;
      return this.text.slice(start, this.pos);
    }
    while (this.pos < this.end && isGenValueChar(this.text.charCodeAt(this.pos))) this.pos++;
    if (this.pos === start) this.#expected('parameter value');
    return this.text.slice(start, this.pos);
  }

  expectEnd(): void {
    this.skipWhitespace();
    if (this.pos < this.end) {
      const c = this.text[this.pos] ?? '';
      this.fail(DEV ? `unexpected character '${c}'` : `parse.unexpected ${c}`);
    }
  }

  #expected(what: string): never {
    this.fail(DEV ? `expected ${what}` : `parse.expected ${what}`);
  }

  fail(reason: string, at: number = this.pos): never {
    throw new SipParseError(reason, { offset: at });
  }
}

/**
 * Reads a quoted-string whose opening quote is at `start`. RFC 3261 §25.1: quoted-pair
 * `\` escapes any char except CR/LF; the result is the unescaped text.
 */
export function readQuotedString(
  text: string,
  start: number,
  end: number = text.length,
): { end: number; value: string } {
  let pos = start + 1;
  let value = '';
  let chunkStart = pos;
  while (pos < end) {
    const c = text.charCodeAt(pos);
    if (c === 0x22) {
      value += text.slice(chunkStart, pos);
      return { end: pos + 1, value };
    }
    if (c === 0x5c) {
      const next = text.charCodeAt(pos + 1);
      if (pos + 1 >= end || next === 0x0d || next === 0x0a) break;
      value += text.slice(chunkStart, pos) + text[pos + 1];
      pos += 2;
      chunkStart = pos;
      continue;
    }
    if (c === 0x0d || c === 0x0a) break;
    pos++;
  }
  throw new SipParseError(DEV ? 'unterminated quoted string' : 'parse.unterminated "', {
    offset: start,
  });
}

/**
 * Unquotes a parameter value kept as written: `"a \"b\""` becomes `a "b"`; a token is returned
 * unchanged. Throws SipParseError on a malformed quoted string.
 *
 * @example unquote('"<urn:uuid:1>"') // '<urn:uuid:1>'
 */
export function unquote(value: string): string {
  if (value.length === 0 || value.charCodeAt(0) !== 0x22) return value;
  const result = readQuotedString(value, 0);
  if (result.end !== value.length) {
    throw new SipParseError(DEV ? 'text after quoted string' : 'parse.after-quoted', {
      offset: result.end,
    });
  }
  return result.value;
}
