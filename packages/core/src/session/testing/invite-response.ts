import { parseMessage, type IncomingResponse } from '../../message/index.js';

/**
 * A parsed response to INVITE with the RFC 3261 §8.1.1 minimum headers plus `headers`, for the
 * header readers' tests (the reason phrase is never read, RFC 3261 §21).
 *
 * @example
 * inviteResponse(183, 'Require: 100rel', 'RSeq: 4711');
 */
export function inviteResponse(status: number, ...headers: string[]): IncomingResponse {
  const text = [
    `SIP/2.0 ${status} Whatever`,
    'Via: SIP/2.0/WS a.invalid;branch=z9hG4bK1',
    'From: <sip:a@x>;tag=1',
    'To: <sip:b@x>;tag=2',
    'Call-ID: c',
    'CSeq: 1 INVITE',
    ...headers,
    '',
    '',
  ].join('\r\n');
  return parseMessage(text) as IncomingResponse;
}
