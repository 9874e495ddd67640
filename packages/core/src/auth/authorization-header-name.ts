/**
 * Where credentials go for a challenge status (RFC 3261 §22.2, §22.3): a 401 (from a UAS or
 * registrar, `WWW-Authenticate`) is answered in `Authorization`, a 407 (from a proxy,
 * `Proxy-Authenticate`) in `Proxy-Authorization`.
 *
 * @example
 * ```ts
 * authorizationHeaderName(407); // 'Proxy-Authorization'
 * ```
 */
export function authorizationHeaderName(
  status: 401 | 407,
): 'Authorization' | 'Proxy-Authorization' {
  return status === 407 ? 'Proxy-Authorization' : 'Authorization';
}

/**
 * The header carrying the challenges of a 401 or 407 (RFC 3261 §20.44, §20.27).
 *
 * @example
 * ```ts
 * challengeHeaderName(401); // 'WWW-Authenticate'
 * ```
 */
export function challengeHeaderName(status: 401 | 407): 'WWW-Authenticate' | 'Proxy-Authenticate' {
  return status === 407 ? 'Proxy-Authenticate' : 'WWW-Authenticate';
}
