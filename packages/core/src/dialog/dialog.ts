import {
  formatUri,
  type HeaderEntry,
  type IncomingRequest,
  type IncomingResponse,
  type NameAddr,
  type OutgoingRequest,
} from '../message/index.js';
import { ownString } from '../message/own-string.js';
import type { DialogId } from './dialog-id.js';
import { preparedTarget, prepareRouteSet, type PreparedRouteSet } from './route-set.js';

/** `early` after a provisional response with a To-tag, `confirmed` after a 2xx (RFC 3261 §12). */
export type DialogState = 'early' | 'confirmed' | 'terminated';

/** What a dialog needs from the UA to build its requests: the parts only the UA knows. */
export interface DialogRequestContext {
  /** The top Via without a branch (the transaction layer adds it). */
  via(): string;
  /** Contact header value for target-refresh requests (re-INVITE, UPDATE). */
  contact(): string;
  /** User-Agent, bearer token, configured extra headers, then `extraHeaders` lines. */
  commonHeaders(headers?: readonly HeaderEntry[], extraHeaders?: readonly string[]): HeaderEntry[];
}

/** What an in-dialog request carries besides the dialog state. */
export interface DialogRequestInit {
  readonly headers?: readonly HeaderEntry[];
  readonly extraHeaders?: readonly string[];
  readonly body?: string;
  readonly contentType?: string;
}

/** Fields that make up a dialog, from either side (`Dialog.restore` takes them as they are). */
export interface DialogInit {
  readonly id: DialogId;
  readonly state: DialogState;
  /** From (UAC) / To (UAS) value as this side writes it, tag included. */
  readonly localHeader: string;
  readonly remoteHeader: string;
  readonly remoteTarget: string;
  readonly routeSet: readonly NameAddr[];
  readonly localSeq: number;
  readonly remoteSeq: number | undefined;
  readonly owner: boolean;
}

const TARGET_REFRESH = new Set(['INVITE', 'UPDATE']);

/**
 * A dialog (RFC 3261 §12): the state that makes requests inside a call reach the right peer in
 * the right order. Built from the INVITE/response that creates it; the session owns it.
 *
 * @example
 * const dialog = Dialog.fromRequest(invite, localTag, context);
 * transactions.createClientTransaction(dialog.createRequest('BYE'), user);
 */
export class Dialog {
  readonly id: DialogId;
  /** True on the side that sent the initial INVITE (owner of the Call-ID, RFC 3261 §14.1). */
  readonly isUac: boolean;
  #state: DialogState;
  readonly #localHeader: string;
  #remoteHeader: string;
  #remoteTarget: string;
  readonly #routeSet: PreparedRouteSet;
  #localSeq: number;
  #remoteSeq: number | undefined;
  readonly #context: DialogRequestContext;

  // Everything is copied out of the message that created the dialog (see ownString): a call
  // lasts hours, and must not keep that INVITE or 200 OK alive for it.
  private constructor(init: DialogInit, context: DialogRequestContext) {
    const { callId, localTag, remoteTag } = init.id;
    this.id = {
      callId: ownString(callId),
      localTag: ownString(localTag),
      remoteTag: ownString(remoteTag),
    };
    this.isUac = init.owner;
    this.#state = init.state;
    this.#localHeader = ownString(init.localHeader);
    this.#remoteHeader = ownString(init.remoteHeader);
    this.#remoteTarget = ownString(init.remoteTarget);
    this.#routeSet = prepareRouteSet(init.routeSet);
    this.#localSeq = init.localSeq;
    this.#remoteSeq = init.remoteSeq;
    this.#context = context;
  }

  /**
   * The UAC's dialog from a response with a To-tag to its INVITE (RFC 3261 §12.1.2): route set
   * from Record-Route reversed, remote target from Contact.
   */
  static fromResponse(
    invite: OutgoingRequest,
    response: IncomingResponse,
    context: DialogRequestContext,
  ): Dialog {
    const remoteTag = response.to.tag ?? '';
    const localFrom = headerOf(invite, 'from');
    return new Dialog(
      {
        id: { callId: response.callId, localTag: response.from.tag ?? '', remoteTag },
        state: response.status < 200 ? 'early' : 'confirmed',
        localHeader: localFrom,
        remoteHeader: response.header('to') ?? '',
        remoteTarget: contactOf(response) ?? formatUri(response.to.uri),
        routeSet: [...(response.parsed('record-route') ?? [])].reverse(),
        localSeq: response.cseq.seq,
        remoteSeq: undefined,
        owner: true,
      },
      context,
    );
  }

  /**
   * A dialog from its fields, e.g. one another user agent held (`resumeCall`): the far end
   * knows it by these Call-ID, tags, CSeq numbers and route set (RFC 3261 §12.2.1.1).
   */
  static restore(init: DialogInit, context: DialogRequestContext): Dialog {
    return new Dialog(init, context);
  }

  /**
   * The UAS's dialog from the INVITE it answers with `localTag` (RFC 3261 §12.1.1): route set from
   * Record-Route in order, remote target from Contact, remote CSeq from the request.
   */
  static fromRequest(
    request: IncomingRequest,
    localTag: string,
    context: DialogRequestContext,
  ): Dialog {
    return new Dialog(
      {
        id: { callId: request.callId, localTag, remoteTag: request.from.tag ?? '' },
        state: 'early',
        localHeader: `${request.header('to') ?? ''};tag=${localTag}`,
        remoteHeader: request.header('from') ?? '',
        remoteTarget: contactOf(request) ?? formatUri(request.from.uri),
        routeSet: request.parsed('record-route') ?? [],
        localSeq: 0,
        remoteSeq: request.cseq.seq,
        owner: false,
      },
      context,
    );
  }

  get state(): DialogState {
    return this.#state;
  }

  get remoteTarget(): string {
    return this.#remoteTarget;
  }

  /** The CSeq number of the last request this side sent (0 before any, on the UAS). */
  get localSeq(): number {
    return this.#localSeq;
  }

  /** The CSeq number of the far end's last request (undefined before any, on the UAC). */
  get remoteSeq(): number | undefined {
    return this.#remoteSeq;
  }

  /** An early dialog becomes confirmed with the 2xx (RFC 3261 §12.1). */
  confirm(): void {
    if (this.#state === 'early') this.#state = 'confirmed';
  }

  terminate(): void {
    this.#state = 'terminated';
  }

  /**
   * Builds the next request in this dialog (RFC 3261 §12.2.1.1): To/From with tags, Call-ID,
   * the next CSeq (ACK and CANCEL are not for here), Request-URI and Route from the route set.
   * Target-refresh requests carry our Contact.
   */
  createRequest(method: string, init: DialogRequestInit = {}): OutgoingRequest {
    this.#localSeq += 1;
    return this.#build(method, this.#localSeq, init);
  }

  /** The ACK for a 2xx to the INVITE numbered `cseq` (RFC 3261 §13.2.2.4): same CSeq number. */
  createAck(cseq: number, init: DialogRequestInit = {}): OutgoingRequest {
    return this.#build('ACK', cseq, init);
  }

  /** Our CSeq moved on outside `createRequest` (an authenticated retry, RFC 3261 §22.2). */
  advanceLocalSeq(seq: number): void {
    if (seq > this.#localSeq) this.#localSeq = seq;
  }

  /**
   * Checks and records the CSeq of a request from the far end (RFC 3261 §12.2.2): false when it
   * is lower than the last one (answer 500); ACK and CANCEL reuse their INVITE's number.
   */
  acceptRemoteSeq(request: IncomingRequest): boolean {
    if (request.method === 'ACK' || request.method === 'CANCEL') return true;
    const seq = request.cseq.seq;
    if (this.#remoteSeq !== undefined && seq <= this.#remoteSeq) return false;
    this.#remoteSeq = seq;
    return true;
  }

  /** A target-refresh request or its 2xx names a new remote target (RFC 3261 §12.2). */
  refreshTarget(message: IncomingRequest | IncomingResponse): void {
    const method = message.kind === 'request' ? message.method : message.cseq.method;
    if (!TARGET_REFRESH.has(method)) return;
    const target = contactOf(message);
    if (target !== undefined) this.#remoteTarget = ownString(target);
  }

  /** Keeps the remote party's header value current (the To of a 2xx may differ from the 1xx). */
  updateRemoteHeader(value: string | undefined): void {
    if (value !== undefined && this.isUac) this.#remoteHeader = ownString(value);
  }

  #build(method: string, seq: number, init: DialogRequestInit): OutgoingRequest {
    const target = preparedTarget(this.#routeSet, this.#remoteTarget);
    const headers: HeaderEntry[] = [
      ['Via', this.#context.via()],
      ['Max-Forwards', '70'],
      ...target.routes,
      ['To', this.#remoteHeader],
      ['From', this.#localHeader],
      ['Call-ID', this.id.callId],
      ['CSeq', `${seq} ${method}`],
    ];
    if (TARGET_REFRESH.has(method)) headers.push(['Contact', this.#context.contact()]);
    headers.push(...this.#context.commonHeaders(init.headers, init.extraHeaders));
    if (init.body !== undefined && init.contentType !== undefined) {
      headers.push(['Content-Type', init.contentType]);
    }
    return {
      method,
      ruri: target.ruri,
      headers,
      ...(init.body === undefined ? {} : { body: init.body }),
    };
  }
}

function contactOf(message: IncomingRequest | IncomingResponse): string | undefined {
  const contact = message.parsed('contact')?.contacts[0];
  return contact === undefined ? undefined : formatUri(contact.uri);
}

function headerOf(request: OutgoingRequest, name: string): string {
  return request.headers.find(([key]) => key.toLowerCase() === name)?.[1] ?? '';
}
