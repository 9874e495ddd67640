import {
  formatUri,
  type HeaderEntry,
  type IncomingRequest,
  type IncomingResponse,
  type NameAddr,
  type OutgoingRequest,
} from '../message/index.js';
import { ownString } from '../message/own-string.js';
import { preparedTarget, prepareRouteSet, type PreparedRouteSet } from '../dialog/route-set.js';

/** What a subscription dialog needs from the UA to build its requests. */
export interface SubscriptionDialogContext {
  /** The top Via without a branch (the transaction layer adds it). */
  via(): string;
  /** Our Contact: SUBSCRIBE and NOTIFY are target-refresh requests (RFC 6665 §4.1.2.1, §4.2.2). */
  contact(): string;
  /** User-Agent, bearer token, configured extra headers, then `extraHeaders` lines. */
  commonHeaders(headers?: readonly HeaderEntry[], extraHeaders?: readonly string[]): HeaderEntry[];
}

interface SubscriptionDialogInit {
  readonly callId: string;
  readonly localTag: string;
  readonly remoteTag: string;
  readonly localHeader: string;
  readonly remoteHeader: string;
  readonly remoteTarget: string;
  readonly routeSet: readonly NameAddr[];
  readonly localSeq: number;
  readonly remoteSeq: number | undefined;
}

/**
 * The dialog of one subscription (RFC 6665 §4.1.2.4, §4.2.1): made by the first NOTIFY on the
 * subscriber's side and by the SUBSCRIBE on the notifier's. Unlike an INVITE dialog it has no
 * early state, every SUBSCRIBE and NOTIFY carries Contact, and either may move the remote
 * target (RFC 6665 §4.1.2.1, §4.2.2: both are target-refresh requests).
 *
 * @example
 * const dialog = SubscriptionDialog.fromNotify(notify, subscribeFromHeader, 1, context);
 * channel.send(dialog.createRequest('SUBSCRIBE', { headers: [['Expires', '0']] }));
 */
export class SubscriptionDialog {
  readonly callId: string;
  readonly localTag: string;
  readonly remoteTag: string;
  readonly #localHeader: string;
  readonly #remoteHeader: string;
  #remoteTarget: string;
  readonly #routeSet: PreparedRouteSet;
  #localSeq: number;
  #remoteSeq: number | undefined;
  readonly #context: SubscriptionDialogContext;

  private constructor(init: SubscriptionDialogInit, context: SubscriptionDialogContext) {
    this.callId = ownString(init.callId);
    this.localTag = ownString(init.localTag);
    this.remoteTag = ownString(init.remoteTag);
    this.#localHeader = ownString(init.localHeader);
    this.#remoteHeader = ownString(init.remoteHeader);
    this.#remoteTarget = ownString(init.remoteTarget);
    this.#routeSet = prepareRouteSet(init.routeSet);
    this.#localSeq = init.localSeq;
    this.#remoteSeq = init.remoteSeq;
    this.#context = context;
  }

  /**
   * The subscriber's dialog from a NOTIFY to its SUBSCRIBE (RFC 6665 §4.1.2.4): our From as
   * sent (`localHeader`, with our tag), the notifier's From as remote, Record-Route in order as
   * the route set (the NOTIFY is a request we receive, RFC 3261 §12.1.1).
   */
  static fromNotify(
    notify: IncomingRequest,
    localHeader: string,
    localSeq: number,
    context: SubscriptionDialogContext,
  ): SubscriptionDialog {
    return new SubscriptionDialog(
      {
        callId: notify.callId,
        localTag: notify.to.tag ?? '',
        remoteTag: notify.from.tag ?? '',
        localHeader,
        remoteHeader: notify.header('from') ?? '',
        remoteTarget: contactOf(notify) ?? formatUri(notify.from.uri),
        routeSet: notify.parsed('record-route') ?? [],
        localSeq,
        // Recorded by the `acceptRemote` that follows, like every later NOTIFY.
        remoteSeq: undefined,
      },
      context,
    );
  }

  /**
   * The subscriber's dialog from the 2xx to its SUBSCRIBE when it comes before any NOTIFY
   * (RFC 3261 §12.1.2: Record-Route reversed).
   */
  static fromResponse(
    response: IncomingResponse,
    localHeader: string,
    context: SubscriptionDialogContext,
  ): SubscriptionDialog {
    return new SubscriptionDialog(
      {
        callId: response.callId,
        localTag: response.from.tag ?? '',
        remoteTag: response.to.tag ?? '',
        localHeader,
        remoteHeader: response.header('to') ?? '',
        remoteTarget: contactOf(response) ?? formatUri(response.to.uri),
        routeSet: [...(response.parsed('record-route') ?? [])].reverse(),
        localSeq: response.cseq.seq,
        remoteSeq: undefined,
      },
      context,
    );
  }

  /** The notifier's dialog from the SUBSCRIBE it accepts with `localTag` (RFC 6665 §4.2.1). */
  static fromSubscribe(
    subscribe: IncomingRequest,
    localTag: string,
    context: SubscriptionDialogContext,
  ): SubscriptionDialog {
    return new SubscriptionDialog(
      {
        callId: subscribe.callId,
        localTag,
        remoteTag: subscribe.from.tag ?? '',
        localHeader: `${subscribe.header('to') ?? ''};tag=${localTag}`,
        remoteHeader: subscribe.header('from') ?? '',
        remoteTarget: contactOf(subscribe) ?? formatUri(subscribe.from.uri),
        routeSet: subscribe.parsed('record-route') ?? [],
        localSeq: 0,
        remoteSeq: subscribe.cseq.seq,
      },
      context,
    );
  }

  /** True when `request` belongs to this dialog (RFC 3261 §12.2.2: Call-ID and both tags). */
  matches(request: IncomingRequest): boolean {
    return (
      request.callId === this.callId &&
      request.to.tag === this.localTag &&
      request.from.tag === this.remoteTag
    );
  }

  /** The CSeq number of the last request we sent in this dialog. */
  get localSeq(): number {
    return this.#localSeq;
  }

  /** Our CSeq moved on outside `createRequest` (an authenticated retry, RFC 3261 §22.2). */
  advanceLocalSeq(seq: number): void {
    if (seq > this.#localSeq) this.#localSeq = seq;
  }

  /**
   * Records a request from the far end: false when its CSeq is not higher than the last one
   * (RFC 3261 §12.2.2, answer 500). A SUBSCRIBE or NOTIFY with Contact moves the remote target.
   */
  acceptRemote(request: IncomingRequest): boolean {
    const seq = request.cseq.seq;
    if (this.#remoteSeq !== undefined && seq <= this.#remoteSeq) return false;
    this.#remoteSeq = seq;
    const target = contactOf(request);
    if (target !== undefined) this.#remoteTarget = ownString(target);
    return true;
  }

  /** The next request in this dialog (RFC 3261 §12.2.1.1), Contact included. */
  createRequest(
    method: string,
    init: {
      readonly headers?: readonly HeaderEntry[];
      readonly extraHeaders?: readonly string[];
      readonly body?: string;
      readonly contentType?: string;
    } = {},
  ): OutgoingRequest {
    this.#localSeq += 1;
    const target = preparedTarget(this.#routeSet, this.#remoteTarget);
    const headers: HeaderEntry[] = [
      ['Via', this.#context.via()],
      ['Max-Forwards', '70'],
      ...target.routes,
      ['To', this.#remoteHeader],
      ['From', this.#localHeader],
      ['Call-ID', this.callId],
      ['CSeq', `${this.#localSeq} ${method}`],
      ['Contact', this.#context.contact()],
      ...this.#context.commonHeaders(init.headers, init.extraHeaders),
    ];
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
