import { readNameAddr, type NameAddr } from './name-addr.js';
import { splitHeaderList } from './split-list.js';
import { ValueScanner } from './value-scanner.js';

/**
 * Parses a Route, Record-Route, Path or Service-Route value: a comma list of name-addrs that
 * must use `<>` (RFC 3261 §20.30, §20.34). Throws SipParseError if malformed.
 *
 * @example parseRouteList('<sip:p1.example;lr>, <sip:p2.example;lr>')[1]?.uri.host // 'p2.example'
 */
export function parseRouteList(value: string): NameAddr[] {
  return splitHeaderList(value, true).map((item) => {
    const scanner = new ValueScanner(item);
    const route = readNameAddr(scanner, true);
    scanner.expectEnd();
    return route;
  });
}
