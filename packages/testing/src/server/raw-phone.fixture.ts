import {
  createResponse,
  parseMessage,
  serializeMessage,
  type HeaderEntry,
  type IncomingMessage,
  type IncomingRequest,
  type IncomingResponse,
  type OutgoingRequest,
} from '@sipkit/core';
import type { SipNetwork } from '../network/sip-network.js';
import type { VirtualSocket } from '../network/virtual-socket.js';

let counter = 0;

/**
 * A scripted SIP endpoint that speaks raw messages, for testing the server before (and apart
 * from) the UA: it sends what a test tells it to and records everything it receives.
 */
export class RawPhone {
  readonly socket: VirtualSocket;
  readonly received: IncomingMessage[] = [];
  readonly host: string;
  readonly user: string;
  #cseq = 0;

  constructor(network: SipNetwork, user: string) {
    this.user = user;
    this.socket = network.createSocket(`${user}-${++counter}`);
    this.host = `${user}${counter}.invalid`;
    this.socket.ondata = (text) => this.received.push(parseMessage(text));
  }

  get contact(): string {
    return `<sip:${this.user}@${this.host};transport=ws>`;
  }

  requests(method?: string): IncomingRequest[] {
    return this.received.filter(
      (m): m is IncomingRequest =>
        m.kind === 'request' && (method === undefined || m.method === method),
    );
  }

  responses(status?: number): IncomingResponse[] {
    return this.received.filter(
      (m): m is IncomingResponse =>
        m.kind === 'response' && (status === undefined || m.status === status),
    );
  }

  /** Sends a request with the mandatory headers filled in; returns its Call-ID and branch. */
  send(
    method: string,
    ruri: string,
    extra: HeaderEntry[] = [],
    options: { callId?: string; to?: string; cseq?: number; branch?: string; body?: string } = {},
  ) {
    const branch = options.branch ?? `z9hG4bK${this.user}${++counter}`;
    const callId = options.callId ?? `call-${this.user}-${++counter}`;
    const cseq = options.cseq ?? ++this.#cseq;
    const defaults: HeaderEntry[] = [
      ['Via', `SIP/2.0/WS ${this.host};branch=${branch}`],
      ['Max-Forwards', '70'],
      ['From', `<sip:${this.user}@sip.test>;tag=${this.user}tag`],
      ['To', options.to ?? `<${ruri}>`],
      ['Call-ID', callId],
      ['CSeq', `${cseq} ${method}`],
      ['Contact', this.contact],
    ];
    // A header given in `extra` replaces the default of the same name.
    const overridden = new Set(extra.map(([name]) => name.toLowerCase()));
    const request: OutgoingRequest = {
      method,
      ruri,
      headers: [...defaults.filter(([name]) => !overridden.has(name.toLowerCase())), ...extra],
      ...(options.body === undefined ? {} : { body: options.body }),
    };
    this.socket.send(serializeMessage(request));
    return { callId, branch, cseq };
  }

  /** Answers a received request. */
  reply(
    request: IncomingRequest,
    status: number,
    toTag = `${this.user}-totag`,
    headers: HeaderEntry[] = [],
  ): void {
    const response = createResponse(request, status, undefined, {
      toTag,
      recordRoute: status > 100 && status < 300,
      headers: status < 300 ? [['Contact', this.contact], ...headers] : headers,
    });
    this.socket.send(serializeMessage(response));
  }
}

/** Lets every queued delivery on the in-memory network happen. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  for (let i = 0; i < 20; i++) await Promise.resolve();
}
