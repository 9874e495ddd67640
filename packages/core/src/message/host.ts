import { SipSerializeError } from './sip-serialize-error.js';
import { isDigit, isHexDigit, isHostnameChar } from './chars.js';
import { DEV } from '../diagnostics/dev-mode.js';

/**
 * Index just past a host (RFC 3261 §25.1 `host = hostname / IPv4address / IPv6reference`)
 * starting at `start`, or -1 when there is none. IPv6 references keep their brackets.
 */
export function scanHost(text: string, start: number, end: number): number {
  if (text.charCodeAt(start) === 0x5b) {
    const close = text.indexOf(']', start);
    if (close === -1 || close >= end) return -1;
    return isIPv6Address(text, start + 1, close) ? close + 1 : -1;
  }
  let pos = start;
  while (pos < end && isHostnameChar(text.charCodeAt(pos))) pos++;
  return pos === start ? -1 : pos;
}

/**
 * True when `text[start, end)` is an IPv6address: 8 groups, or fewer with exactly one `::`,
 * optionally ending in a dotted IPv4 address. RFC 5118 §4.10: `2001:db8:::192.0.2.1` (three
 * colons, allowed by an ABNF bug in RFC 3261) is rejected.
 */
export function isIPv6Address(text: string, start: number, end: number): boolean {
  let pos = start;
  let groups = 0;
  let compressed = false;
  if (text.charCodeAt(pos) === 0x3a) {
    if (text.charCodeAt(pos + 1) !== 0x3a) return false;
    compressed = true;
    pos += 2;
    if (pos === end) return true;
  }
  while (pos < end) {
    const groupStart = pos;
    while (pos < end && isHexDigit(text.charCodeAt(pos))) pos++;
    if (pos < end && text.charCodeAt(pos) === 0x2e) {
      if (!isIPv4Address(text, groupStart, end)) return false;
      groups += 2;
      break;
    }
    const length = pos - groupStart;
    if (length === 0 || length > 4) return false;
    groups++;
    if (pos === end) break;
    if (text.charCodeAt(pos) !== 0x3a) return false;
    pos++;
    if (text.charCodeAt(pos) === 0x3a && pos < end) {
      if (compressed) return false;
      compressed = true;
      pos++;
      if (pos === end) break;
    } else if (pos === end) {
      return false;
    }
  }
  return compressed ? groups < 8 : groups === 8;
}

/** True when `text[start, end)` is a dotted-quad IPv4 address with octets 0-255. */
export function isIPv4Address(text: string, start: number, end: number): boolean {
  let pos = start;
  for (let octet = 0; octet < 4; octet++) {
    if (octet > 0) {
      if (text.charCodeAt(pos) !== 0x2e) return false;
      pos++;
    }
    const digitsStart = pos;
    let value = 0;
    while (pos < end && isDigit(text.charCodeAt(pos)) && pos - digitsStart < 3) {
      value = value * 10 + text.charCodeAt(pos) - 0x30;
      pos++;
    }
    if (pos === digitsStart || value > 255) return false;
  }
  return pos === end;
}

/** True when the whole string is a valid host (as `scanHost` accepts). */
export function isValidHost(host: string): boolean {
  return host.length > 0 && scanHost(host, 0, host.length) === host.length;
}

/**
 * `host` as a URI or Via writes it: an IPv6 address given without brackets gets them; anything
 * else must be a valid host. Throws SipSerializeError naming `field` otherwise.
 */
export function formatHost(host: string, field: string): string {
  if (host.includes(':') && !host.startsWith('[') && isIPv6Address(host, 0, host.length)) {
    return `[${host}]`;
  }
  if (!isValidHost(host))
    throw new SipSerializeError(field, DEV ? `invalid host '${host}'` : `serialize.host ${host}`);
  return host;
}

/** `:port` for a URI or Via; throws SipSerializeError naming `field` unless 0-65535. */
export function formatPort(port: number, field: string): string {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new SipSerializeError(field, DEV ? 'must be an integer 0-65535' : 'serialize.port');
  }
  return `:${port}`;
}
