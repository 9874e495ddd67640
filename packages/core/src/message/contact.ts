import { SipParseError } from './sip-parse-error.js';
import { parseBoundedNumber } from './basic-headers.js';
import { readNameAddr, type NameAddr } from './name-addr.js';
import { splitHeaderList } from './split-list.js';
import { ValueScanner, unquote } from './value-scanner.js';
import { DEV } from '../diagnostics/dev-mode.js';

/**
 * One Contact value (RFC 3261 §20.10) with the parameters a UA acts on decoded:
 * `expires`, `q` (RFC 3261), `+sip.instance` and `reg-id` (RFC 5626), `pub-gruu` and
 * `temp-gruu` (RFC 5627, unquoted).
 */
export interface Contact extends NameAddr {
  readonly expires: number | undefined;
  readonly q: number | undefined;
  /** `+sip.instance` unquoted, e.g. `<urn:uuid:...>`. */
  readonly instance: string | undefined;
  readonly regId: number | undefined;
  readonly pubGruu: string | undefined;
  readonly tempGruu: string | undefined;
}

/** A Contact header: either `*` (RFC 3261 §10.2.2, REGISTER only) or a list of contacts. */
export interface ContactList {
  readonly wildcard: boolean;
  readonly contacts: readonly Contact[];
}

/**
 * Parses a Contact header value (`*` or a comma list). Throws SipParseError if malformed.
 *
 * @example parseContactList('<sip:a@b>;expires=60, <sip:c@d>;q=0.5').contacts[1]?.q // 0.5
 */
export function parseContactList(value: string): ContactList {
  const trimmed = value.trim();
  if (trimmed === '*') return { wildcard: true, contacts: [] };
  return { wildcard: false, contacts: splitHeaderList(value, true).map(parseContact) };
}

/**
 * Parses a single Contact value (no commas at top level).
 *
 * @example parseContact('<sip:a@b>;expires=60').expires // 60
 */
export function parseContact(value: string): Contact {
  const scanner = new ValueScanner(value);
  const nameAddr = readNameAddr(scanner, false);
  scanner.expectEnd();
  const { displayName, uri, params, tag } = nameAddr;
  return {
    displayName,
    uri,
    params,
    tag,
    expires: optionalInteger(params['expires'], 'expires', 2 ** 32 - 1),
    q: optionalQValue(params['q']),
    instance: optionalUnquoted(params['+sip.instance']),
    regId: optionalInteger(params['reg-id'], 'reg-id', 2 ** 31 - 1),
    pubGruu: optionalUnquoted(params['pub-gruu']),
    tempGruu: optionalUnquoted(params['temp-gruu']),
  };
}

function optionalInteger(value: string | undefined, what: string, max: number): number | undefined {
  return value === undefined ? undefined : parseBoundedNumber(value, what, max);
}

// RFC 3261 §25.1: qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
function optionalQValue(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(value)) {
    throw new SipParseError(DEV ? `invalid q value '${value}'` : `parse.q ${value}`, { offset: 0 });
  }
  return Number(value);
}

const optionalUnquoted = (value: string | undefined): string | undefined =>
  value === undefined ? undefined : unquote(value);
