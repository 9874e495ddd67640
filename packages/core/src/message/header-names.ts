// Header field names: RFC 3261 §7.3.1 (case-insensitive) and §7.3.3 / IANA compact forms.

const COMPACT_FORMS = new Map<string, string>([
  ['a', 'accept-contact'],
  ['b', 'referred-by'],
  ['c', 'content-type'],
  ['d', 'request-disposition'],
  ['e', 'content-encoding'],
  ['f', 'from'],
  ['i', 'call-id'],
  ['j', 'reject-contact'],
  ['k', 'supported'],
  ['l', 'content-length'],
  ['m', 'contact'],
  ['o', 'event'],
  ['r', 'refer-to'],
  ['s', 'subject'],
  ['t', 'to'],
  ['u', 'allow-events'],
  ['v', 'via'],
  ['x', 'session-expires'],
  ['y', 'identity'],
]);

// Spellings seen on almost every message, mapped without allocating a lowercased copy.
const FAST_KEYS = new Map<string, string>();
for (const name of [
  'Via',
  'From',
  'To',
  'Call-ID',
  'Call-Id',
  'CSeq',
  'Contact',
  'Content-Length',
  'Content-Type',
  'Max-Forwards',
  'Route',
  'Record-Route',
  'Allow',
  'Supported',
  'Require',
  'User-Agent',
  'Server',
  'Expires',
  'Authorization',
  'WWW-Authenticate',
  'Proxy-Authenticate',
  'Proxy-Authorization',
  'Session-Expires',
  'Min-SE',
  'Event',
  'Subscription-State',
  'Allow-Events',
  'Reason',
  'Refer-To',
  'Referred-By',
  'Replaces',
  'Accept',
  'Date',
  'Subject',
  'Organization',
  'Content-Disposition',
]) {
  FAST_KEYS.set(name, name.toLowerCase());
  FAST_KEYS.set(name.toLowerCase(), name.toLowerCase());
}
for (const [letter, key] of COMPACT_FORMS) {
  FAST_KEYS.set(letter, key);
  FAST_KEYS.set(letter.toUpperCase(), key);
}

// Known keys grouped by length, for matching a name in the message text without slicing it.
const KEYS_BY_LENGTH: string[][] = [];
for (const key of new Set([...FAST_KEYS.values(), ...COMPACT_FORMS.keys()])) {
  (KEYS_BY_LENGTH[key.length] ??= []).push(key);
}

/**
 * The canonical key of the header name `text[start, end)`, comparing in place against known
 * names (ASCII case-insensitively) so the common case allocates nothing.
 */
export function headerKeyAt(text: string, start: number, end: number): string {
  const candidates = KEYS_BY_LENGTH[end - start];
  if (candidates !== undefined) {
    for (const candidate of candidates) {
      let i = 0;
      while (
        i < candidate.length &&
        (text.charCodeAt(start + i) | 0x20) === candidate.charCodeAt(i)
      )
        i++;
      if (i === candidate.length) return COMPACT_FORMS.get(candidate) ?? candidate;
    }
  }
  return headerKey(text.slice(start, end));
}

/**
 * The canonical key of a header name: lowercased, compact forms expanded (`i` -> `call-id`).
 *
 * @example headerKey('v') // 'via'
 */
export function headerKey(name: string): string {
  const fast = FAST_KEYS.get(name);
  if (fast !== undefined) return fast;
  const lower = name.toLowerCase();
  return (lower.length === 1 ? COMPACT_FORMS.get(lower) : undefined) ?? lower;
}

/**
 * Headers whose grammar is a comma-separated list (RFC 3261 §7.3.1 allows combining those
 * into one line, so `headers()` splits them). Anything not listed, including unknown extension
 * headers, is returned unsplit: a comma in e.g. a Date, a challenge or free text is not a
 * separator, and splitting a header whose grammar we do not know could corrupt it.
 */
const LIST_HEADERS = new Set([
  'accept',
  'accept-contact',
  'accept-encoding',
  'accept-language',
  'alert-info',
  'allow',
  'allow-events',
  'call-info',
  'contact',
  'content-encoding',
  'content-language',
  'error-info',
  'history-info',
  'in-reply-to',
  'p-asserted-identity',
  'p-associated-uri',
  'p-preferred-identity',
  'path',
  'proxy-require',
  'reason',
  'record-route',
  'recv-info',
  'reject-contact',
  'request-disposition',
  'require',
  'route',
  'security-client',
  'security-server',
  'security-verify',
  'service-route',
  'supported',
  'unsupported',
  'via',
  'warning',
]);

/**
 * True when values of this header (canonical key) are comma lists that may be split.
 *
 * @example isListHeader('contact') // true; isListHeader('www-authenticate') // false
 */
export function isListHeader(key: string): boolean {
  return LIST_HEADERS.has(key);
}
