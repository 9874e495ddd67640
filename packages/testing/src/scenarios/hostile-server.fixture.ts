import { parseMessage, SipParseError, type IncomingRequest } from '@sipkit/core';
import { renderFakeSdp } from '../media/fake-sdp.js';
import type { ServerConnection, SipServerEndpoint } from '../network/server-connection.js';

/** Raw response texts (sent as they are, even when no SIP parser would accept them) for a request. */
export type Answer = (request: IncomingRequest) => readonly string[];

/** How to build one response to `request`; every field can break something on purpose. */
export interface ResponseParts {
  readonly status: number;
  readonly reason?: string;
  /** The whole status line instead of `SIP/2.0 <status> <reason>`. */
  readonly statusLine?: string;
  /** Extra header lines, as they go on the wire. */
  readonly headers?: readonly string[];
  /** Header lines that replace the ones built from the request, by lower-case name; null drops. */
  readonly replace?: Readonly<Record<string, string | null>>;
  readonly body?: string;
  /** Default: `srv` on a request without a To tag. */
  readonly toTag?: string | null;
  /** Content-Length as written; default the body's UTF-8 length. */
  readonly contentLength?: string;
}

/**
 * A response to `request` as raw text, echoing its Via, From, To (with a tag), Call-ID and CSeq
 * the way RFC 3261 §8.2.6.2 says, then whatever `parts` change.
 *
 * @example
 * ```ts
 * respond(request, { status: 200, headers: ['Contact: <<<'] });
 * ```
 */
export function respond(request: IncomingRequest, parts: ResponseParts): string {
  const tag = parts.toTag === undefined ? 'srv' : parts.toTag;
  const to = request.header('to') ?? '';
  const base: Array<[string, string]> = [
    ['via', `Via: ${request.header('via') ?? ''}`],
    ['from', `From: ${request.header('from') ?? ''}`],
    ['to', `To: ${request.to.tag === undefined && tag !== null ? `${to};tag=${tag}` : to}`],
    ['call-id', `Call-ID: ${request.callId}`],
    ['cseq', `CSeq: ${request.cseq.seq} ${request.cseq.method}`],
  ];
  const lines = [parts.statusLine ?? `SIP/2.0 ${parts.status} ${parts.reason ?? 'Whatever'}`];
  for (const [name, line] of base) {
    const replaced = parts.replace?.[name];
    if (replaced === null) continue;
    lines.push(replaced ?? line);
  }
  lines.push(...(parts.headers ?? []));
  const body = parts.body ?? '';
  lines.push(`Content-Length: ${parts.contentLength ?? new TextEncoder().encode(body).length}`);
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

/** An SDP answer the fake media handler accepts. */
export const ANSWER_SDP = renderFakeSdp(42, 1, [
  { media: 'audio', direction: 'sendrecv', mid: '0' },
]);

/** What a well-behaved peer answers to each method (INVITE with an SDP answer and a Contact). */
export const saneAnswer: Answer = (request) => {
  switch (request.method) {
    case 'ACK':
      return [];
    case 'INVITE':
      return [
        respond(request, {
          status: 200,
          reason: 'OK',
          headers: [
            'Contact: <sip:bob@peer.invalid;transport=ws>',
            'Content-Type: application/sdp',
          ],
          body: ANSWER_SDP,
        }),
      ];
    case 'REFER':
      return [respond(request, { status: 202, reason: 'Accepted' })];
    case 'REGISTER':
      return [
        respond(request, {
          status: 200,
          reason: 'OK',
          headers: [`Contact: ${request.header('contact') ?? ''}`],
        }),
      ];
    default:
      return [respond(request, { status: 200, reason: 'OK' })];
  }
};

/**
 * A SIP server double that answers every request the way a test scripts it, broken on purpose
 * where the test says so: the far end of the hostile-response fuzz test (issue 19). Requests it
 * has no script for get `saneAnswer`.
 */
export class ScriptedServer implements SipServerEndpoint {
  readonly received: IncomingRequest[] = [];
  /** Decides the answer to each request; replace it to script a test. */
  answer: Answer = saneAnswer;
  #connection: ServerConnection | undefined;

  connectionOpened(connection: ServerConnection): void {
    this.#connection = connection;
  }
  connectionClosed(connection: ServerConnection): void {
    if (this.#connection === connection) this.#connection = undefined;
  }

  /** Sends raw text to the UA last connected (a request of the far end's). */
  send(message: string): boolean {
    return this.#connection?.send(message) ?? false;
  }

  messageReceived(connection: ServerConnection, message: string): void {
    let request;
    try {
      request = parseMessage(message);
    } catch (error) {
      if (error instanceof SipParseError) return;
      throw error;
    }
    if (request.kind !== 'request') return;
    this.received.push(request);
    for (const response of this.answer(request)) connection.send(response);
  }

  /** Requests received with this method (and, for INVITE, `inDialog` telling re-INVITEs apart). */
  requests(method: string, inDialog?: boolean): IncomingRequest[] {
    return this.received.filter(
      (r) =>
        r.method === method && (inDialog === undefined || (r.to.tag !== undefined) === inDialog),
    );
  }
}
