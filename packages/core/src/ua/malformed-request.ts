import { salvageRequest, serializeResponse, type SipParseError } from '../message/index.js';
import type { RequestFactory } from './request-factory.js';
import { badRequestReason } from './request-policy.js';

/**
 * The 400 for a request `parseMessage` refused, ready to send, or undefined when there is none to
 * send: not a request, an ACK (never answered, RFC 3261 §17.1.1.3), or too broken to route a
 * response back (see `salvageRequest`). RFC 3261 §8.2: a UAS answers what it cannot process, so
 * the caller learns which header was bad (`Bad Request (from)`) instead of waiting for its
 * proxy's timeout. Sent statelessly: nothing is kept for a message that never was valid.
 *
 * @example const reply = malformedRequestAnswer(frame, error, factory); if (reply) transport.send(reply);
 */
export function malformedRequestAnswer(
  data: string,
  error: SipParseError,
  factory: RequestFactory,
): string | undefined {
  const request = salvageRequest(data);
  if (request === undefined || request.method === 'ACK') return undefined;
  return serializeResponse(factory.response(request, 400, { reason: badRequestReason(error) }));
}
