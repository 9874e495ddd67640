import { SipParseError } from './sip-parse-error.js';
import {
  parseCallId,
  parseCSeq,
  parseDeltaSeconds,
  parseMaxForwards,
  parseTokenList,
  parseBoundedNumber,
  type CSeq,
} from './basic-headers.js';
import {
  parseChallenge,
  parseCredentials,
  type AuthChallenge,
  type AuthCredentials,
} from './auth-header.js';
import { parseContactList, type ContactList, type Contact } from './contact.js';
import { parseContentType, type ContentType } from './content-type.js';
import {
  parseEvent,
  parseSubscriptionState,
  type EventHeader,
  type SubscriptionState,
} from './event.js';
import { parseNameAddr, type NameAddr } from './name-addr.js';
import { parseReasonList, type ReasonValue } from './reason.js';
import { parseReplaces, type Replaces } from './replaces.js';
import { parseRouteList } from './route.js';
import {
  parseMinSe,
  parseSessionExpires,
  type MinSe,
  type SessionExpires,
} from './session-timer.js';
import { parseViaList, type Via } from './via.js';
import { DEV } from '../diagnostics/dev-mode.js';

/**
 * Typed header values by canonical (lowercase) header name, as returned by
 * `IncomingMessage.parsed(name)`. List headers give arrays gathered across all header lines.
 */
export interface TypedHeaderMap {
  via: readonly Via[];
  from: NameAddr;
  to: NameAddr;
  'call-id': string;
  cseq: CSeq;
  'content-length': number;
  'max-forwards': number;
  expires: number;
  'min-expires': number;
  contact: ContactList;
  route: readonly NameAddr[];
  'record-route': readonly NameAddr[];
  path: readonly NameAddr[];
  'service-route': readonly NameAddr[];
  'www-authenticate': readonly AuthChallenge[];
  'proxy-authenticate': readonly AuthChallenge[];
  authorization: readonly AuthCredentials[];
  'proxy-authorization': readonly AuthCredentials[];
  'session-expires': SessionExpires;
  'min-se': MinSe;
  supported: readonly string[];
  require: readonly string[];
  'proxy-require': readonly string[];
  unsupported: readonly string[];
  allow: readonly string[];
  'allow-events': readonly string[];
  'content-type': ContentType;
  event: EventHeader;
  'subscription-state': SubscriptionState;
  reason: readonly ReasonValue[];
  'refer-to': NameAddr;
  'referred-by': NameAddr;
  replaces: Replaces;
}

/** Header names `parsed()` understands. */
export type TypedHeaderName = keyof TypedHeaderMap;

interface HeaderParser {
  /** One value per message (a second line is an error), or a list gathered over lines. */
  readonly multiple: boolean;
  readonly parse: (value: string) => unknown;
}

const single = (parse: (value: string) => unknown): HeaderParser => ({ multiple: false, parse });
const list = (parse: (value: string) => readonly unknown[]): HeaderParser => ({
  multiple: true,
  parse,
});
const oneEach = (parse: (value: string) => unknown): HeaderParser => ({
  multiple: true,
  parse: (value) => [parse(value)],
});

const PARSERS: { readonly [K in TypedHeaderName]: HeaderParser } = {
  via: list(parseViaList),
  from: single(parseNameAddr),
  to: single(parseNameAddr),
  'call-id': single(parseCallId),
  cseq: single(parseCSeq),
  'content-length': single((value) => parseBoundedNumber(value, 'Content-Length', 2 ** 31 - 1)),
  'max-forwards': single(parseMaxForwards),
  expires: single(parseDeltaSeconds),
  'min-expires': single(parseDeltaSeconds),
  contact: single(parseContactList),
  route: list(parseRouteList),
  'record-route': list(parseRouteList),
  path: list(parseRouteList),
  'service-route': list(parseRouteList),
  'www-authenticate': oneEach(parseChallenge),
  'proxy-authenticate': oneEach(parseChallenge),
  authorization: oneEach(parseCredentials),
  'proxy-authorization': oneEach(parseCredentials),
  'session-expires': single(parseSessionExpires),
  'min-se': single(parseMinSe),
  supported: list(parseTokenList),
  require: list(parseTokenList),
  'proxy-require': list(parseTokenList),
  unsupported: list(parseTokenList),
  allow: list(parseTokenList),
  'allow-events': list(parseTokenList),
  'content-type': single(parseContentType),
  event: single(parseEvent),
  'subscription-state': single(parseSubscriptionState),
  reason: list(parseReasonList),
  'refer-to': single(parseNameAddr),
  'referred-by': single(parseNameAddr),
  replaces: single(parseReplaces),
};

/**
 * True when `key` is a header name `parsed()` has a typed parser for.
 *
 * @example isTypedHeaderName('contact') // true
 */
export function isTypedHeaderName(key: string): key is TypedHeaderName {
  return Object.prototype.hasOwnProperty.call(PARSERS, key);
}

/**
 * Parses the header lines of one header into its typed value. Errors carry the header name and
 * the line of the offending header.
 */
export function parseTypedHeader<K extends TypedHeaderName>(
  key: K,
  lines: readonly { readonly value: string; readonly line: number }[],
): TypedHeaderMap[K] {
  const parser: HeaderParser = PARSERS[key];
  if (key === 'contact') return mergeContacts(lines) as TypedHeaderMap[K];
  if (!parser.multiple) {
    const second = lines[1];
    if (second !== undefined) {
      throw new SipParseError(DEV ? 'header must appear once' : 'parse.header-twice', {
        header: key,
        line: second.line,
      });
    }
    const first = lines[0];
    if (first === undefined)
      throw new SipParseError(DEV ? 'header missing' : 'parse.header-missing', { header: key });
    return withLocation(key, first.line, () => parser.parse(first.value)) as TypedHeaderMap[K];
  }
  const values: unknown[] = [];
  for (const header of lines) {
    values.push(...(withLocation(key, header.line, () => parser.parse(header.value)) as unknown[]));
  }
  return values as unknown as TypedHeaderMap[K];
}

// Contact may repeat over lines, but `*` must stand alone (RFC 3261 §10.3 step 6).
function mergeContacts(
  lines: readonly { readonly value: string; readonly line: number }[],
): ContactList {
  const contacts: Contact[] = [];
  let wildcard = false;
  for (const header of lines) {
    const parsed = withLocation('contact', header.line, () => parseContactList(header.value));
    if (parsed.wildcard) wildcard = true;
    contacts.push(...parsed.contacts);
  }
  if (wildcard && (contacts.length > 0 || lines.length > 1)) {
    throw new SipParseError(DEV ? 'Contact * must be the only contact' : 'parse.contact-star', {
      header: 'contact',
    });
  }
  return { wildcard, contacts };
}

/** Runs a value parser, re-throwing its SipParseError with the header name and message line. */
export function withLocation<T>(header: string, line: number, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof SipParseError) {
      throw new SipParseError(error.reason, { header, line, ...offsetOf(error) });
    }
    throw new SipParseError(DEV ? 'malformed value' : 'parse.bug', { header, line });
  }
}

function offsetOf(error: SipParseError): { offset?: number } {
  return error.offset === undefined ? {} : { offset: error.offset };
}
