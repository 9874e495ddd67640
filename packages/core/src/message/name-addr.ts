import { SipParseError } from './sip-parse-error.js';
import { SipSerializeError } from './sip-serialize-error.js';
import { illegalTextAt, isGenValueChar, isToken, isTokenChar, isWhitespace } from './chars.js';
import { findParam, paramsFromList, readHeaderParamList, type Params } from './params.js';
import { formatUri, parseUri, type SipUri, type SipUriInit } from './uri.js';
import { ValueScanner, readQuotedString } from './value-scanner.js';
import { DEV } from '../diagnostics/dev-mode.js';

/**
 * A `name-addr` or `addr-spec` with header parameters (From, To, Contact, Route, Refer-To...;
 * RFC 3261 §20.10, §20.20). `displayName` is unquoted and unescaped; `params` keep values as
 * written; `tag` is `params.tag` for convenience.
 *
 * @example parseNameAddr('"Bob \\"B\\"" <sip:bob@b.example>;tag=x').displayName // 'Bob "B"'
 */
export interface NameAddr {
  readonly displayName: string | undefined;
  readonly uri: SipUri;
  readonly params: Params;
  readonly tag: string | undefined;
}

/** What `formatNameAddr` accepts. `uri` may be a preformatted URI string. */
export interface NameAddrInit {
  readonly displayName?: string | undefined;
  readonly uri: SipUriInit | string;
  readonly params?: Params | undefined;
  /** Written as `;tag=...` after `params` (ignored if `params` already has a tag). */
  readonly tag?: string | undefined;
}

/**
 * Parses one From/To/Contact-style value. Throws SipParseError if malformed, if there is text
 * after the parameters, or if the URI scheme is not sip/sips/tel.
 *
 * @example parseNameAddr('sip:alice@a.example;tag=1').tag // '1'
 */
export function parseNameAddr(
  value: string,
  start: number = 0,
  end: number = value.length,
): NameAddr {
  const scanner = new ValueScanner(value, start, end);
  const nameAddr = readNameAddr(scanner, false);
  scanner.expectEnd();
  return nameAddr;
}

/**
 * Reads a name-addr/addr-spec and its parameters at the scanner. With `requireBrackets`
 * (Route, Record-Route: RFC 3261 §20.34) the bare addr-spec form is refused.
 */
export function readNameAddr(scanner: ValueScanner, requireBrackets: boolean): NameAddr {
  scanner.skipWhitespace();
  const displayName = readDisplayName(scanner);
  let uri: SipUri;
  if (scanner.peek() === 0x3c) {
    uri = readBracketedUri(scanner);
  } else if (displayName !== undefined || requireBrackets) {
    scanner.fail(DEV ? 'expected <' : 'parse.expected <');
  } else {
    uri = readAddrSpec(scanner);
  }
  return new ParsedNameAddr(displayName, uri, readHeaderParamList(scanner));
}

// Parameters are validated eagerly but the record is built on first access (hot path).
class ParsedNameAddr implements NameAddr {
  readonly tag: string | undefined;
  #paramList: string[] | undefined;
  #params: Params | undefined;

  constructor(
    readonly displayName: string | undefined,
    readonly uri: SipUri,
    paramList: string[] | undefined,
  ) {
    this.#paramList = paramList;
    this.tag = findParam(paramList, 'tag');
  }

  get params(): Params {
    return (this.#params ??= paramsFromList(this.#paramList));
  }

  toJSON(): object {
    const { displayName, uri, params, tag } = this;
    return { displayName, uri, params, tag };
  }
}

// RFC 3261 §25.1: display-name = *(token LWS) / quoted-string, followed by LAQUOT.
function readDisplayName(scanner: ValueScanner): string | undefined {
  if (scanner.peek() === 0x22) {
    const name = scanner.quotedString();
    scanner.skipWhitespace();
    if (scanner.peek() !== 0x3c)
      scanner.fail(DEV ? 'expected < after display name' : 'parse.expected <');
    return name;
  }
  const { text } = scanner;
  const start = scanner.pos;
  let pos = start;
  let tokensEnd = start;
  for (;;) {
    const tokenStart = pos;
    while (pos < scanner.end && isTokenChar(text.charCodeAt(pos))) pos++;
    if (pos === tokenStart) break;
    tokensEnd = pos;
    while (pos < scanner.end && isWhitespace(text.charCodeAt(pos))) pos++;
  }
  if (tokensEnd === start || text.charCodeAt(pos) !== 0x3c) return undefined;
  scanner.pos = pos;
  return text.slice(start, tokensEnd);
}

function readBracketedUri(scanner: ValueScanner): SipUri {
  const open = scanner.pos;
  const close = scanner.text.indexOf('>', open);
  if (close === -1 || close >= scanner.end)
    scanner.fail(DEV ? 'unterminated <' : 'parse.unterminated <', open);
  const uri = parseUriAt(scanner.text, open + 1, close);
  scanner.pos = close + 1;
  return uri;
}

// RFC 3261 §20: an addr-spec outside <> ends at ';' (header params) and may not carry '?', ','.
function readAddrSpec(scanner: ValueScanner): SipUri {
  const { text } = scanner;
  const start = scanner.pos;
  let pos = start;
  while (pos < scanner.end) {
    const c = text.charCodeAt(pos);
    if (c === 0x3b || c === 0x2c || isWhitespace(c)) break;
    if (c === 0x3f)
      scanner.fail(DEV ? 'URI with headers must be enclosed in <>' : 'parse.uri-needs-angle', pos);
    pos++;
  }
  if (pos === start) scanner.fail(DEV ? 'expected URI' : 'parse.expected URI');
  const uri = parseUriAt(text, start, pos);
  scanner.pos = pos;
  return uri;
}

function parseUriAt(text: string, start: number, end: number): SipUri {
  try {
    return parseUri(text, start, end);
  } catch (error) {
    if (error instanceof SipParseError) throw error;
    throw new SipParseError(DEV ? 'invalid URI' : 'parse.uri', { offset: start });
  }
}

/**
 * Formats `"Display" <uri>;params;tag=x`. The display name is always quoted and escaped;
 * CR and LF are refused (they cannot be escaped, RFC 3261 §25.1 quoted-pair).
 *
 * @example formatNameAddr({ displayName: 'A "B"', uri: 'sip:a@b', tag: '1' }) // '"A \\"B\\"" <sip:a@b>;tag=1'
 */
export function formatNameAddr(nameAddr: NameAddrInit): string {
  let out = '';
  if (nameAddr.displayName !== undefined && nameAddr.displayName !== '') {
    out += `${quoteString(nameAddr.displayName, 'display name')} `;
  }
  out += `<${formatUriValue(nameAddr.uri)}>`;
  out += formatHeaderParams(nameAddr.params);
  if (nameAddr.tag !== undefined && nameAddr.params?.['tag'] === undefined) {
    out += formatHeaderParams({ tag: nameAddr.tag });
  }
  return out;
}

/**
 * Quotes and escapes a string as an RFC 3261 quoted-string: `"`, `\\` and control characters
 * other than HTAB become quoted-pairs (§25.1), so a display name that was parsed (unescaped) can
 * always be written again; CR and LF cannot be escaped and are refused.
 *
 * @example quoteString('say "hi"', 'display name') // '"say \\"hi\\""'
 */
export function quoteString(value: string, field: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x0d || c === 0x0a)
      throw new SipSerializeError(field, DEV ? 'contains CR or LF' : 'serialize.control');
    if (c === 0x22 || c === 0x5c || (c < 0x20 && c !== 0x09) || c === 0x7f) out += '\\';
    out += value[i];
  }
  return `${out}"`;
}

/**
 * Formats header parameters, refusing names that are not tokens and values that are neither a
 * token/host nor a well-formed quoted-string (so nothing can break out of the header).
 *
 * @example formatHeaderParams({ tag: 'a1', lr: '' }) // ';tag=a1;lr'
 */
export function formatHeaderParams(params: Params | undefined): string {
  if (params === undefined) return '';
  let out = '';
  for (const name in params) {
    const value = params[name] ?? '';
    if (!isToken(name))
      throw new SipSerializeError(
        'header parameter',
        DEV ? `invalid name '${name}'` : `serialize.param-name ${name}`,
      );
    if (value === '') {
      out += `;${name}`;
      continue;
    }
    if (!isSafeGenValue(value))
      throw new SipSerializeError(
        `header parameter ${name}`,
        DEV ? 'invalid value' : 'serialize.param-value',
      );
    out += `;${name}=${value}`;
  }
  return out;
}

function isSafeGenValue(value: string): boolean {
  if (value.charCodeAt(0) === 0x22) {
    if (illegalTextAt(value) !== -1) return false;
    try {
      return readQuotedString(value, 0).end === value.length;
    } catch {
      return false;
    }
  }
  for (let i = 0; i < value.length; i++) if (!isGenValueChar(value.charCodeAt(i))) return false;
  return true;
}

function formatUriValue(uri: SipUriInit | string): string {
  if (typeof uri !== 'string') return formatUri(uri);
  for (let i = 0; i < uri.length; i++) {
    const c = uri.charCodeAt(i);
    if (c <= 0x20 || c === 0x3c || c === 0x3e || c === 0x22 || c === 0x7f) {
      throw new SipSerializeError(
        'URI',
        DEV ? 'contains whitespace, control characters, quotes or <>' : 'serialize.uri-char',
      );
    }
  }
  if (uri.length === 0) throw new SipSerializeError('URI', DEV ? 'is empty' : 'serialize.empty');
  return uri;
}
