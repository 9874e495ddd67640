import {
  formatUri,
  type IncomingRequest,
  type IncomingResponse,
  type OutgoingRequest,
} from '@sipkit/core';
import { NameAddrHeader } from './name-addr-header.js';
import { URI, headerize } from './uri.js';

/**
 * What JsSIP's incoming requests and responses show apps: `from`/`to` as `NameAddrHeader`s,
 * `call_id`, `cseq`, tags, `body`, the raw `data`, and header lookup. A view over SipKit's parsed
 * message: nothing is parsed twice, and From/To become objects only when read.
 */
abstract class IncomingMessageView {
  readonly #message: IncomingRequest | IncomingResponse;
  #from: NameAddrHeader | undefined;
  #to: NameAddrHeader | undefined;

  constructor(message: IncomingRequest | IncomingResponse) {
    this.#message = message;
  }

  /** The SipKit message behind this view (for code that moves on to SipKit's API). */
  get sipkit(): IncomingRequest | IncomingResponse {
    return this.#message;
  }
  /** The message as received. */
  get data(): string {
    return this.#message.raw;
  }
  get body(): string | undefined {
    return this.#message.body === '' ? undefined : this.#message.body;
  }
  get call_id(): string {
    return this.#message.callId;
  }
  get cseq(): number {
    return this.#message.cseq.seq;
  }
  get from(): NameAddrHeader {
    this.#from ??= NameAddrHeader.fromSipKit(this.#message.from);
    return this.#from;
  }
  get to(): NameAddrHeader {
    this.#to ??= NameAddrHeader.fromSipKit(this.#message.to);
    return this.#to;
  }
  get from_tag(): string | undefined {
    return this.#message.from.tag;
  }
  get to_tag(): string | undefined {
    return this.#message.to.tag;
  }
  get via_branch(): string | undefined {
    return this.#message.via[0]?.branch;
  }
  /** The first value of a header (names case-insensitive, compact forms too), or undefined. */
  getHeader(name: string): string | undefined {
    return this.#message.header(name);
  }
  /** Every value of a header. */
  getHeaders(name: string): string[] {
    return this.#message.headers(name);
  }
  hasHeader(name: string): boolean {
    return this.#message.hasHeader(name);
  }
  toString(): string {
    return this.#message.raw;
  }
}

/**
 * An incoming request as JsSIP shows it (`e.request` of `newRTCSession`, `newMessage`, `newDTMF`...).
 *
 * @example ua.on('newRTCSession', ({ request }) => console.log(request.getHeader('X-Account')));
 */
export class IncomingRequestView extends IncomingMessageView {
  readonly method: string;
  #ruri: URI | undefined;
  readonly #request: IncomingRequest;

  constructor(request: IncomingRequest) {
    super(request);
    this.#request = request;
    this.method = request.method;
  }
  get ruri(): URI | undefined {
    if (this.#ruri === undefined) {
      try {
        this.#ruri = URI.fromSipKit(this.#request.ruri);
      } catch {
        return undefined;
      }
    }
    return this.#ruri;
  }
}

/**
 * An incoming response as JsSIP shows it (`e.response` of `progress`, `accepted`, `registered`...).
 *
 * @example session.on('progress', ({ response }) => console.log(response.status_code));
 */
export class IncomingResponseView extends IncomingMessageView {
  readonly status_code: number;
  readonly reason_phrase: string;
  readonly method: string;

  constructor(response: IncomingResponse) {
    super(response);
    this.status_code = response.status;
    this.reason_phrase = response.reason;
    this.method = response.cseq.method;
  }
}

/** A JsSIP view of either kind of message, or undefined. */
export function viewOf(message: IncomingRequest): IncomingRequestView;
export function viewOf(message: IncomingResponse): IncomingResponseView;
export function viewOf(message: IncomingRequest | undefined): IncomingRequestView | undefined;
export function viewOf(message: IncomingResponse | undefined): IncomingResponseView | undefined;
export function viewOf(
  message: IncomingRequest | IncomingResponse | undefined,
): IncomingRequestView | IncomingResponseView | undefined;
export function viewOf(
  message: IncomingRequest | IncomingResponse | undefined,
): IncomingRequestView | IncomingResponseView | undefined {
  if (message === undefined) return undefined;
  return message.kind === 'request'
    ? new IncomingRequestView(message)
    : new IncomingResponseView(message);
}

/**
 * A request we send, as JsSIP's `sending`/`connecting` events show it: method, Request-URI, body
 * and header lookup. Read-only: SipKit builds requests once, as plain data.
 *
 * @example session.on('sending', ({ request }) => console.log(request.method, request.ruri.toString()));
 */
export class OutgoingRequestView {
  readonly #request: OutgoingRequest;
  readonly method: string;

  constructor(request: OutgoingRequest) {
    this.#request = request;
    this.method = request.method;
  }
  get ruri(): URI | undefined {
    const { ruri } = this.#request;
    return URI.parse(typeof ruri === 'string' ? ruri : formatUri(ruri));
  }
  get body(): string | undefined {
    return this.#request.body === undefined || this.#request.body === ''
      ? undefined
      : this.#request.body;
  }
  /** `Name: value` lines of every header. */
  get extraHeaders(): string[] {
    return this.#request.headers.map(([name, value]) => `${headerize(name)}: ${value}`);
  }
  getHeader(name: string): string | undefined {
    const key = name.toLowerCase();
    return this.#request.headers.find(([header]) => header.toLowerCase() === key)?.[1];
  }
  getHeaders(name: string): string[] {
    const key = name.toLowerCase();
    return this.#request.headers
      .filter(([header]) => header.toLowerCase() === key)
      .map(([, value]) => value);
  }
  hasHeader(name: string): boolean {
    return this.getHeader(name) !== undefined;
  }
}
