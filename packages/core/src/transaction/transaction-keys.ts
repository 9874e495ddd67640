import type { IncomingRequest } from '../message/index.js';
import { hasBranchCookie } from './identifiers.js';

/**
 * The key of a client transaction (RFC 3261 §17.1.3): the top Via branch plus the CSeq method,
 * so the CANCEL sharing an INVITE's branch is a transaction of its own. The branch is compared
 * byte for byte: this layer made it, and responses copy it unchanged.
 *
 * @example clientKey('z9hG4bK74bf9', 'INVITE')
 */
export function clientKey(branch: string, method: string): string {
  return `${branch}\n${method}`;
}

/**
 * The key of the server transaction `request` belongs to (RFC 3261 §17.2.3): top Via branch,
 * sent-by (host case-insensitive, port as written) and method, ACK counting as INVITE.
 * `method` overrides the last part (CANCEL matching, §9.2, looks for the INVITE). Undefined
 * when the branch lacks the `z9hG4bK` cookie: the RFC 2543 matching rules are not implemented,
 * so such requests never match a transaction (harmless over WebSocket, which has no
 * retransmissions to catch).
 *
 * @example serverKey(ackRequest) === serverKey(inviteRequest) // true for a non-2xx ACK
 */
export function serverKey(request: IncomingRequest, method?: string): string | undefined {
  const via = request.via[0];
  if (via === undefined || !hasBranchCookie(via.branch)) return undefined;
  const keyMethod = method ?? (request.method === 'ACK' ? 'INVITE' : request.method);
  return `${via.branch}\n${via.host.toLowerCase()}:${via.port ?? ''}\n${keyMethod}`;
}
