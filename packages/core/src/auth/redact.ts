/**
 * What secrets are replaced with in logs, `toJSON()` and `util.inspect` output.
 *
 * @example
 * ```ts
 * JSON.stringify(credentials); // '{"username":"alice","password":"<redacted>","ha1":[]}'
 * ```
 */
export const REDACTED = '<redacted>';

const AUTHORIZATION_HEADERS = new Set(['authorization', 'proxy-authorization']);

/**
 * Redacts an `Authorization` / `Proxy-Authorization` value for logging. Digest keeps its
 * parameters (username, realm, nonce… help debugging and are sent in clear anyway) except
 * `response`, which allows an offline password guess; every other scheme (Bearer, Basic, …)
 * keeps only its scheme name. Anything unparsable becomes just `<redacted>`.
 *
 * @example
 * ```ts
 * redactAuthorization('Bearer eyJhbGciOi…'); // 'Bearer <redacted>'
 * redactAuthorization('Digest username="a", response="6629fa…"'); // 'Digest username="a", response="<redacted>"'
 * ```
 */
export function redactAuthorization(value: string): string {
  const match = /^\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)(?:\s+([\s\S]*))?$/.exec(value);
  const scheme = match?.[1];
  if (scheme === undefined) return REDACTED;
  if (scheme.toLowerCase() !== 'digest') return `${scheme} ${REDACTED}`;
  const params = redactDigestParams(match?.[2] ?? '');
  return params === undefined ? `${scheme} ${REDACTED}` : `${scheme} ${params}`;
}

/**
 * Redacts one header value if the header carries credentials (`Authorization`,
 * `Proxy-Authorization`, compared case-insensitively); returns other values unchanged.
 *
 * @example
 * ```ts
 * redactHeader('Proxy-Authorization', 'Digest username="bob", response="…"');
 * redactHeader('Via', 'SIP/2.0/WSS client.invalid'); // unchanged
 * ```
 */
export function redactHeader(name: string, value: string): string {
  return AUTHORIZATION_HEADERS.has(name.trim().toLowerCase()) ? redactAuthorization(value) : value;
}

/**
 * Header entries with every credentials value redacted (see {@link redactHeader}), for
 * outgoing messages handed to the app in events: `sending` must show the request without the
 * bearer token or digest response it will carry.
 *
 * @example
 * ```ts
 * redactHeaderEntries([['Authorization', 'Bearer eyJ…']]); // [['Authorization', 'Bearer <redacted>']]
 * ```
 */
export function redactHeaderEntries(
  headers: readonly (readonly [string, string])[],
): (readonly [string, string])[] {
  return headers.map(([name, value]) => [name, redactHeader(name, value)] as const);
}

/**
 * Redacts every credentials header in a raw SIP message (the header section, up to the first
 * empty line), including folded continuation lines (RFC 3261 §7.3.1). The body is left alone.
 *
 * @example
 * ```ts
 * logger.debug(redactSipMessage(rawMessage));
 * ```
 */
export function redactSipMessage(message: string): string {
  const eol = message.includes('\r\n') ? '\r\n' : '\n';
  const lines = message.split(/\r?\n/);
  const out: string[] = [];
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line === '') break;
    const header = /^([^:\s]+)[ \t]*:(.*)$/.exec(line);
    if (header === null || !AUTHORIZATION_HEADERS.has((header[1] as string).toLowerCase())) {
      out.push(line);
      continue;
    }
    // Join folded lines so a response split across lines is redacted as a whole.
    let value = header[2] as string;
    while (i + 1 < lines.length && /^[ \t]/.test(lines[i + 1] as string)) {
      value += ` ${(lines[i + 1] as string).trim()}`;
      i++;
    }
    out.push(`${header[1] as string}: ${redactAuthorization(value.trim())}`);
  }
  // lines[i..] is the empty line and the body, kept as they are.
  return [...out, ...lines.slice(i)].join(eol);
}

/**
 * Rewrites Digest parameters with `response` replaced, scanning quoted strings properly so a
 * `response=` inside another quoted value cannot hide the real one. `undefined` if malformed.
 */
function redactDigestParams(text: string): string | undefined {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest !== '') {
    const name = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*=\s*/.exec(rest);
    if (name === null) return undefined;
    rest = rest.slice(name[0].length);
    const value = /^"(?:[^"\\]|\\[\s\S])*"|^[^\s,"]*/.exec(rest);
    if (value === null) return undefined;
    rest = rest.slice(value[0].length).trimStart();
    const paramName = name[1] as string;
    parts.push(
      paramName.toLowerCase() === 'response'
        ? `${paramName}="${REDACTED}"`
        : `${paramName}=${value[0]}`,
    );
    if (rest === '') break;
    if (!rest.startsWith(',')) return undefined;
    rest = rest.slice(1).trimStart();
  }
  return parts.join(', ');
}
