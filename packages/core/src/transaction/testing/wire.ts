// Test-only helpers: a fake wire recording what the layer sends, and SIP text builders.
import { afterEach, beforeEach, expect, vi } from 'vitest';
import {
  createResponse,
  parseMessage,
  serializeResponse,
  type IncomingRequest,
  type IncomingResponse,
  type OutgoingRequest,
} from '../../message/index.js';
import { TransactionLayer } from '../transaction-layer.js';
import type { ClientTransactionUser, ServerTransactionUser } from '../transaction-user.js';

/** Records every message the layer sends; `accept = false` makes the transport refuse. */
export class FakeWire {
  readonly sent: string[] = [];
  accept = true;
  readonly send = (message: string): boolean => {
    this.sent.push(message);
    return this.accept;
  };

  /** The n-th sent message (negative counts from the end), parsed. */
  message(index: number) {
    const text = this.sent.at(index);
    if (text === undefined) throw new Error(`nothing sent at ${index}`);
    return parseMessage(text);
  }

  request(index: number): IncomingRequest {
    const message = this.message(index);
    if (message.kind !== 'request') throw new Error(`sent message ${index} is a response`);
    return message;
  }

  response(index: number): IncomingResponse {
    const message = this.message(index);
    if (message.kind !== 'response') throw new Error(`sent message ${index} is a request`);
    return message;
  }
}

/** An outgoing request as the UA core would build it: Via without branch, two Routes. */
export function outgoingRequest(method: string, cseq = 1): OutgoingRequest {
  return {
    method,
    ruri: 'sip:bob@b.example',
    headers: [
      ['Via', 'SIP/2.0/WSS a1b2c3.invalid;rport'],
      ['Max-Forwards', '70'],
      ['Route', '<sip:proxy1.example;transport=ws;lr>'],
      ['Route', '<sip:proxy2.example;lr>'],
      ['To', '<sip:bob@b.example>'],
      ['From', '"Alice" <sip:alice@a.example>;tag=fromtag1'],
      ['Call-ID', 'call-1@a.example'],
      ['CSeq', `${cseq} ${method}`],
      ['Contact', '<sip:alice@a1b2c3.invalid;transport=ws>'],
      ['Authorization', 'Digest username="alice"'],
    ],
    ...(method === 'INVITE' ? { body: 'v=0\r\n' } : {}),
  };
}

/** A response to a request the layer sent, as the far end would write it, parsed. */
export function responseTo(
  sentText: string,
  status: number,
  toTag?: string,
  reason?: string,
): IncomingResponse {
  const request = parseMessage(sentText);
  if (request.kind !== 'request') throw new Error('not a request');
  const text = serializeResponse(
    createResponse(request, status, reason, toTag === undefined ? {} : { toTag }),
  );
  const response = parseMessage(text);
  if (response.kind !== 'response') throw new Error('not a response');
  return response;
}

/** What an incoming request's first lines can vary. */
export interface IncomingInit {
  readonly method: string;
  readonly branch?: string;
  readonly sentBy?: string;
  readonly cseqMethod?: string;
  readonly toTag?: string;
}

/** An incoming request, written as text and parsed. */
export function incomingRequest(init: IncomingInit): IncomingRequest {
  const branch = init.branch ?? 'z9hG4bKserver1';
  const to = `<sip:alice@a.example>${init.toTag === undefined ? '' : `;tag=${init.toTag}`}`;
  const text =
    `${init.method} sip:alice@a1b2c3.invalid;transport=ws SIP/2.0\r\n` +
    `Via: SIP/2.0/WSS ${init.sentBy ?? 'proxy.example:443'};branch=${branch}\r\n` +
    'Via: SIP/2.0/UDP 192.0.2.9:5060;branch=z9hG4bKupstream\r\n' +
    'Max-Forwards: 69\r\n' +
    `To: ${to}\r\n` +
    'From: "Bob" <sip:bob@b.example>;tag=bobtag\r\n' +
    'Call-ID: incoming-call@b.example\r\n' +
    `CSeq: 7 ${init.cseqMethod ?? init.method}\r\n` +
    'Timestamp: 54\r\n' +
    'Contact: <sip:bob@192.0.2.9>\r\n' +
    'Content-Length: 0\r\n\r\n';
  const request = parseMessage(text);
  if (request.kind !== 'request') throw new Error('not a request');
  return request;
}

/** A client TU recording what it is told. */
export function recordingClientUser(): ClientTransactionUser & { readonly events: string[] } {
  const events: string[] = [];
  return {
    events,
    onResponse: (response) => events.push(`response ${response.status}`),
    onTimeout: () => events.push('timeout'),
    onTransportError: () => events.push('transport error'),
    onTerminated: () => events.push('terminated'),
  };
}

/** A server TU recording what it is told. */
export function recordingServerUser(): ServerTransactionUser & { readonly events: string[] } {
  const events: string[] = [];
  return {
    events,
    onTimeout: () => events.push('timeout'),
    onTransportError: () => events.push('transport error'),
    onTerminated: () => events.push('terminated'),
  };
}

/**
 * Fake timers, a fresh wire and layer before each test, and after each: the layer stopped and
 * no timer left behind (the guarantee every transaction test relies on).
 */
export function useFakeLayer(receive: (wire: FakeWire, layer: TransactionLayer) => void): void {
  let layer: TransactionLayer | undefined;
  beforeEach(() => {
    vi.useFakeTimers();
    const wire = new FakeWire();
    layer = new TransactionLayer({ send: wire.send });
    receive(wire, layer);
  });
  afterEach(() => {
    layer?.stop();
    expect(vi.getTimerCount()).toBe(0);
    vi.useRealTimers();
  });
}
