import type { IncomingResponse, OutgoingRequest } from '../message/index.js';
import { requestFromInvite, type SentRequest } from './sent-request.js';

/**
 * The ACK an INVITE client transaction sends for a 300-699 response (RFC 3261 §17.1.1.3):
 * Request-URI, Call-ID and From of the INVITE; To of the response (with its tag); CSeq with the
 * INVITE's number and method ACK; one Via, the INVITE's top one (same branch: the ACK is part of
 * the INVITE transaction); the INVITE's Route headers. Max-Forwards 70 (§8.1.1.6), no body.
 * An ACK for a 2xx is the UAC core's (§13.2.2.4), never built here.
 *
 * @example serializeRequest(non2xxAck(describeSentRequest(invite), response486))
 */
export function non2xxAck(invite: SentRequest, response: IncomingResponse): OutgoingRequest {
  return requestFromInvite(invite, 'ACK', response.header('to') ?? invite.to);
}
