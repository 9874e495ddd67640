import {
  serializeMessage,
  type HeaderEntry,
  type OutgoingMessage,
  type OutgoingResponse,
} from '@sipkit/core';

// RFC 3261 §8.2.6: what a response must echo for the client to match it to its transaction.
const ESSENTIAL = new Set(['via', 'from', 'to', 'call-id', 'cseq', 'v', 'f', 't', 'i']);

/**
 * Serializes a message, or says it cannot be: undefined instead of a throw. A received request
 * can hold a value the parser accepted and the serializer refuses (a NUL in a quoted display
 * name): the proxy may not let that throw out of its reply path.
 *
 * @example trySerialize(createResponse(request, 200)) ?? trySerialize(minimalBadRequest(...))
 */
export function trySerialize(message: OutgoingMessage): string | undefined {
  try {
    return serializeMessage(message);
  } catch {
    return undefined;
  }
}

/**
 * The smallest 400 that can go back for a response that could not be serialized: only the
 * headers a client matches a response by (its Via branch and CSeq, RFC 3261 §17.1.3), with the
 * characters the serializer refuses (NUL, CR, LF) taken out, so the client's transaction ends
 * instead of waiting for Timer F.
 *
 * @example trySerialize(minimalBadRequest(createResponse(request, 404)))
 */
export function minimalBadRequest(response: OutgoingResponse): OutgoingResponse {
  const headers = response.headers
    .filter(([name]) => ESSENTIAL.has(name.toLowerCase()))
    .map(([name, value]): HeaderEntry => [name, value.replace(/[\0\r\n]/g, '')])
    .filter((header) => trySerialize({ status: 400, headers: [header] }) !== undefined);
  return { status: 400, reason: 'Bad Request', headers };
}
