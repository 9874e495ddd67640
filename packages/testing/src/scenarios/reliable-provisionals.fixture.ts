import {
  parseMessage,
  SipParseError,
  type IncomingResponse,
  type Session,
  type UA,
} from '@sipkit/core';
import { renderFakeSdp } from '../media/fake-sdp.js';
import type { ServerConnection } from '../network/server-connection.js';
import { flush } from './fake-timers.fixture.js';
import { respond, ScriptedServer } from './hostile-server.fixture.js';

/** An SDP offer the fake media handler answers (one audio section). */
export const OFFER_SDP = renderFakeSdp(77, 1, [
  { media: 'audio', direction: 'sendrecv', mid: '0' },
]);

/** The far end of a RFC 3262 scenario: a `ScriptedServer` that also keeps the UA's responses. */
export class PeerServer extends ScriptedServer {
  readonly responses: IncomingResponse[] = [];

  override messageReceived(connection: ServerConnection, message: string): void {
    try {
      const parsed = parseMessage(message);
      if (parsed.kind === 'response') return void this.responses.push(parsed);
    } catch (error) {
      if (!(error instanceof SipParseError)) throw error;
    }
    super.messageReceived(connection, message);
  }

  /** The UA's responses with this status, in order. */
  status(status: number): IncomingResponse[] {
    return this.responses.filter((r) => r.status === status);
  }
}

/** What the scripted caller puts in its INVITE. */
export interface CallerInvite {
  readonly callId: string;
  /** `Require` / `Supported` lines, e.g. `['Require: 100rel']`. */
  readonly headers?: readonly string[];
  /** The offer; empty for an INVITE without one (the offer then comes from the callee). */
  readonly sdp?: string;
}

const CALLER = {
  from: '"Bob" <sip:bob@sip.test>;tag=bobtag',
  to: '<sip:alice@sip.test>',
  contact: '<sip:bob@bob.invalid;transport=ws>',
};

/** A request of the scripted caller to alice, as raw text. */
export function callerRequest(
  method: string,
  invite: CallerInvite,
  init: {
    readonly cseq: number;
    readonly toTag?: string;
    readonly headers?: readonly string[];
    readonly body?: string;
    readonly branch?: string;
  },
): string {
  const body = init.body ?? '';
  const lines = [
    `${method} sip:alice@sip.test SIP/2.0`,
    `Via: SIP/2.0/WS bob.invalid;branch=z9hG4bK${init.branch ?? `${method.toLowerCase()}${init.cseq}`}`,
    'Max-Forwards: 70',
    `From: ${CALLER.from}`,
    `To: ${CALLER.to}${init.toTag === undefined ? '' : `;tag=${init.toTag}`}`,
    `Call-ID: ${invite.callId}`,
    `CSeq: ${init.cseq} ${method}`,
    `Contact: ${CALLER.contact}`,
    ...(init.headers ?? []),
    ...(body === '' ? [] : ['Content-Type: application/sdp']),
    `Content-Length: ${new TextEncoder().encode(body).length}`,
  ];
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

/** The scripted caller's INVITE. */
export function callerInvite(invite: CallerInvite): string {
  return callerRequest('INVITE', invite, {
    cseq: 1,
    headers: invite.headers ?? [],
    body: invite.sdp ?? OFFER_SDP,
  });
}

/** A reliable provisional response of the scripted callee (RFC 3262 §3). */
export function reliableProvisional(
  request: Parameters<typeof respond>[0],
  init: {
    readonly status: number;
    readonly rseq: number;
    readonly toTag: string;
    readonly sdp?: string;
  },
): string {
  return respond(request, {
    status: init.status,
    reason: init.status === 183 ? 'Session Progress' : 'Ringing',
    toTag: init.toTag,
    headers: [
      `Contact: <sip:bob@${init.toTag}.invalid;transport=ws>`,
      'Require: 100rel',
      `RSeq: ${init.rseq}`,
      ...(init.sdp === undefined ? [] : ['Content-Type: application/sdp']),
    ],
    ...(init.sdp === undefined ? {} : { body: init.sdp }),
  });
}

/** Ends the scenario's call and lets the BYE go, then stops the UA (not awaited: nothing waits on it). */
export async function hangUpAndStop(session: Session, ua: UA): Promise<void> {
  session.terminate();
  await flush();
  void ua.stop();
}
