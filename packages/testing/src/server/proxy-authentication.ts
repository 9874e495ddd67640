import type { IncomingRequest, SipUri } from '@sipkit/core';
import type { DigestVerifier } from './digest-verifier.js';

/** What the proxy does with a request that had to prove its From. */
export type ProxyAuthVerdict =
  | { readonly kind: 'pass' }
  | { readonly kind: 'challenge'; readonly headers: ReadonlyArray<[string, string]> }
  | { readonly kind: 'forbidden' };

/**
 * Like a Kamailio front end: with users configured, every initial request whose From claims a
 * local identity (any user of a domain served here, configured or not, or a tel: number) must
 * carry Proxy-Authorization for that very user (RFC 3261 §22.3): a caller-ID reaches a callee
 * only once proven. In-dialog requests and REGISTER (the registrar's own 401) are not challenged
 * here; the proxy keeps in-dialog requests on their dialog's route instead.
 *
 * @example if (mustProveFrom(request, (uri) => uri.host === 'sip.test')) await checkProxyAuthorization(verifier, request)
 */
export function mustProveFrom(
  request: IncomingRequest,
  isLocal: (uri: SipUri) => boolean,
): boolean {
  if (request.method === 'REGISTER' || request.to.tag !== undefined) return false;
  const from = request.from.uri;
  return from.scheme === 'tel' || isLocal(from);
}

/**
 * Checks a request's Proxy-Authorization: a fresh challenge when missing, wrong or stale (407,
 * RFC 3261 §22.3), forbidden when the credentials are someone else's than the From user.
 *
 * @example const verdict = await checkProxyAuthorization(verifier, invite)
 */
export async function checkProxyAuthorization(
  verifier: DigestVerifier,
  request: IncomingRequest,
): Promise<ProxyAuthVerdict> {
  const verdict = await verifier.verify(
    request.parsed('proxy-authorization') ?? [],
    request.method,
    request.body,
  );
  if (!verdict.ok) {
    const headers = verifier
      .challenges(verdict.stale)
      .map((c): [string, string] => ['Proxy-Authenticate', c]);
    return { kind: 'challenge', headers };
  }
  return verdict.user === request.from.uri.user ? { kind: 'pass' } : { kind: 'forbidden' };
}
