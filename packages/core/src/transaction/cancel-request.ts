import type { HeaderEntry, OutgoingRequest } from '../message/index.js';
import { requestFromInvite, type SentRequest } from './sent-request.js';

/**
 * The CANCEL for a pending INVITE (RFC 3261 §9.1): Request-URI, Call-ID, To, From (tags
 * included) and the CSeq number of the INVITE, method CANCEL; a single Via equal to the INVITE's
 * top Via, so the CANCEL reaches the same server transaction (§9.2 matches on its branch); the
 * INVITE's Route headers; Max-Forwards 70. `extraHeaders` (e.g. a Reason, RFC 3326) go last.
 *
 * @example cancelRequest(describeSentRequest(invite), [['Reason', 'SIP;cause=487']])
 */
export function cancelRequest(
  invite: SentRequest,
  extraHeaders: readonly HeaderEntry[] = [],
): OutgoingRequest {
  return requestFromInvite(invite, 'CANCEL', invite.to, extraHeaders);
}
