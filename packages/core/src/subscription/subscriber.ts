import type {
  EventHeader,
  HeaderEntry,
  IncomingRequest,
  IncomingResponse,
} from '../message/index.js';
import { newCallId, newTag, type ServerTransaction } from '../transaction/index.js';
import { TypedEmitter, type Listener } from '../transport/index.js';
import type { ConnectionWaitOutcome } from '../ua/connection-wait.js';
import type { RequestOutcome } from '../ua/request-outcome.js';
import { refreshDelay } from './refresh-timing.js';
import {
  DEFAULT_SUBSCRIBE_EXPIRES,
  type SubscriberEvents,
  type SubscriberInit,
  type SubscriberState,
} from './subscriber-types.js';
import { SubscriptionDialog } from './subscription-dialog.js';
import type { SubscriptionOwner } from './subscription-host.js';
import { afterTermination } from './termination-policy.js';
import { SubscriberTermination, type SubscriberTerminationCode } from './termination-codes.js';

/** How long an unsubscribe waits for its final NOTIFY (64*T1, RFC 3261 §17.1.2.2). */
const FINAL_NOTIFY_WAIT = 32_000;

/**
 * The subscriber role of RFC 6665 (§4.1), with JsSIP 3.13's `Subscriber` methods and events:
 * sends SUBSCRIBE, takes the NOTIFYs (also one before the 2xx, §4.1.2.4), refreshes before
 * expiry, answers 423 with a longer interval, follows `Subscription-State` (`deactivated` and
 * `timeout` resubscribe, `probation` retries after `retry-after`, `rejected`/`noresource` stop),
 * refreshes after the connection comes back and unsubscribes on `terminate()` or `ua.stop()`.
 *
 * @example
 * const subscriber = subscriptions(ua).subscribe('bob', 'presence', 'application/pidf+xml');
 * subscriber.on('notify', ({ body }) => console.log(parsePresence(body ?? '')));
 * subscriber.subscribe();
 */
export class Subscriber implements SubscriptionOwner {
  readonly #init: SubscriberInit;
  readonly #events: TypedEmitter<SubscriberEvents>;
  #state: SubscriberState = 'init';
  #expires: number;
  #callId = '';
  #fromTag = '';
  #fromHeader = '';
  #dialog: SubscriptionDialog | undefined;
  #timer: unknown;
  #unsubscribing = false;
  /** The flow the next outcome must belong to: outcomes of abandoned flows are ignored. */
  #flow = 0;
  #awaitingConnection = false;
  /** The initial SUBSCRIBE waits for the UA's first connection (nothing sent yet). */
  #queued = false;
  #body: string | undefined;
  #closed: (() => void) | undefined;
  /** Free for the app, as JsSIP's `subscriber.data`. */
  data: Record<string, unknown> = {};

  /** @internal Made by `subscriptions(ua).subscribe()`. */
  constructor(init: SubscriberInit) {
    this.#init = init;
    this.#expires = init.options.expires ?? DEFAULT_SUBSCRIBE_EXPIRES;
    const logger = init.host.parts.logger;
    this.#events = new TypedEmitter((error, event) =>
      logger.error(`subscriber: a "${event}" listener threw`, error),
    );
  }

  /** @internal A further subscription from a forked SUBSCRIBE's NOTIFY (RFC 6665 §4.1.2.4). */
  static forked(parent: Subscriber): Subscriber {
    const child = new Subscriber(parent.#init);
    child.#callId = parent.#callId;
    child.#fromTag = parent.#fromTag;
    child.#fromHeader = parent.#fromHeader;
    child.#initialSeq = parent.#seq();
    child.#state = 'notify_wait';
    child.#isFork = true;
    parent.#forks.add(child);
    child.on('terminated', () => parent.#forks.delete(child));
    child.#init.host.track(child);
    return child;
  }

  get state(): SubscriberState {
    return this.#state;
  }

  /** The dialog id (`callId`, `localTag`, `remoteTag`) once a NOTIFY or 2xx made one. */
  get id(): string | undefined {
    const dialog = this.#dialog;
    return dialog === undefined
      ? undefined
      : `${dialog.callId}${dialog.localTag}${dialog.remoteTag}`;
  }

  /** The event package and id this subscriber asked for. */
  get event(): EventHeader {
    return this.#init.event;
  }

  /**
   * Sends the SUBSCRIBE: the initial one the first time, a refresh in the dialog afterwards
   * (RFC 6665 §4.1.2.2). `body` goes with it (`contentType` of the options).
   */
  subscribe(body?: string): void {
    if (this.#state === 'terminated') throw new Error('cannot subscribe: the subscription ended');
    this.#body = body;
    if (this.#dialog === undefined) this.#sendInitial();
    else this.#sendRefresh();
  }

  /**
   * Unsubscribes (RFC 6665 §4.1.2.3: SUBSCRIBE with Expires: 0); `terminated` follows the final
   * NOTIFY, or 32 s without one. Before the first `subscribe()` it just ends.
   */
  terminate(body?: string): void {
    if (this.#state === 'terminated' || this.#unsubscribing) return;
    // Nothing went out yet: there is nothing to unsubscribe from.
    if (this.#state === 'init' || this.#queued) {
      return this.#end(SubscriberTermination.UNSUBSCRIBE_TIMEOUT);
    }
    this.#unsubscribing = true;
    this.#body = body;
    this.#clearTimer();
    this.#timer = this.#init.host.clock.setTimeout(
      () => this.#end(SubscriberTermination.UNSUBSCRIBE_TIMEOUT),
      FINAL_NOTIFY_WAIT,
    );
    // Without a dialog yet, the unsubscribe goes once the 2xx or first NOTIFY makes one.
    if (this.#dialog !== undefined) this.#sendUnsubscribe();
  }

  on<K extends keyof SubscriberEvents>(
    event: K,
    listener: Listener<SubscriberEvents[K]>,
  ): () => void {
    return this.#events.on(event, listener);
  }

  once<K extends keyof SubscriberEvents>(
    event: K,
    listener: Listener<SubscriberEvents[K]>,
  ): () => void {
    return this.#events.once(event, listener);
  }

  off<K extends keyof SubscriberEvents>(event: K, listener: Listener<SubscriberEvents[K]>): void {
    this.#events.off(event, listener);
  }

  /** @internal */
  owns(request: IncomingRequest): boolean {
    if (request.method !== 'NOTIFY' || this.#state === 'terminated') return false;
    if (request.callId !== this.#callId || request.to.tag !== this.#fromTag) return false;
    // A fork owns only its own dialog; the first subscriber takes every other new one.
    const dialog = this.#dialog;
    if (dialog === undefined || dialog.remoteTag === request.from.tag) return true;
    return !this.#isFork && ![...this.#forks].some((fork) => fork.owns(request));
  }

  /** @internal A NOTIFY of this subscription (RFC 6665 §4.1.3). */
  receive(request: IncomingRequest, transaction: ServerTransaction): void {
    const host = this.#init.host;
    const event = request.parsed('event');
    if (
      event === undefined ||
      event.type !== this.#init.event.type ||
      event.id !== this.#init.event.id
    ) {
      return host.respond(transaction, request, 489);
    }
    const state = request.parsed('subscription-state');
    if (state === undefined) {
      return host.respond(transaction, request, 400, { reason: 'Missing Subscription-State' });
    }
    if (this.#dialog !== undefined && this.#dialog.remoteTag !== request.from.tag) {
      return this.#receiveFork(request, transaction, state.state);
    }
    const created = this.#dialog === undefined;
    this.#dialog ??= SubscriptionDialog.fromNotify(
      request,
      this.#fromHeader,
      this.#seq(),
      host.dialogContext,
    );
    if (!this.#dialog.acceptRemote(request)) return host.respond(transaction, request, 500);
    host.respond(transaction, request, 200);
    const body = request.body === '' ? undefined : request.body;
    const contentType = request.header('content-type');
    if (state.state === 'terminated') {
      this.#events.emit('notify', { isFinal: true, request, body, contentType });
      return this.#afterFinalNotify(afterTermination(state), state.reason, state.retryAfter);
    }
    const previous = this.#state;
    if (state.state === 'pending' || state.state === 'active') this.#state = state.state;
    // §4.1.3: `expires` in the NOTIFY may shorten the subscription; refresh in time for it.
    if (state.expires !== undefined && !this.#unsubscribing) this.#scheduleRefresh(state.expires);
    if (previous !== 'pending' && this.#state === 'pending')
      this.#events.emit('pending', undefined);
    if (previous !== 'active' && this.#state === 'active') this.#events.emit('active', undefined);
    this.#events.emit('notify', { isFinal: false, request, body, contentType });
    if (created && this.#unsubscribing) this.#sendUnsubscribe();
  }

  /** @internal The connection came back: refresh now, so the notifier learns our new flow. */
  reconnected(): void {
    if (this.#state === 'terminated' || this.#state === 'init') return;
    if (this.#dialog !== undefined) return this.#sendRefresh();
    if (this.#awaitingConnection) this.#sendInitial();
  }

  /** @internal `ua.stop()`: unsubscribe; resolves once it is answered (or the end came). */
  close(): Promise<void> {
    if (this.#state === 'terminated') return Promise.resolve();
    return new Promise((resolve) => {
      this.#closed = resolve;
      this.terminate();
    });
  }

  /** @internal */
  discard(): void {
    if (this.#queued) return this.#notConnected('stopped');
    this.#end(SubscriberTermination.UNSUBSCRIBE_TIMEOUT);
  }

  #seq(): number {
    return this.#dialog?.localSeq ?? this.#initialSeq;
  }

  #initialSeq = 1;
  #isFork = false;
  readonly #forks = new Set<Subscriber>();
  #unsubscribeSent = false;

  #headers(expires: number): HeaderEntry[] {
    const { eventValue, accept, options } = this.#init;
    const headers: HeaderEntry[] = [
      ['Event', eventValue],
      ['Expires', String(expires)],
      ['Accept', accept],
    ];
    if (options.allowEvents !== undefined) headers.push(['Allow-Events', options.allowEvents]);
    return headers;
  }

  #sendInitial(): void {
    const { host, target, options } = this.#init;
    const { factory, identity } = host.parts;
    this.#clearTimer();
    const ready = host.connection.ready();
    if (ready !== true) return this.#awaitConnection(ready);
    host.untrack(this);
    this.#dialog = undefined;
    this.#awaitingConnection = false;
    this.#callId = newCallId();
    this.#fromTag = newTag();
    this.#fromHeader = identity.fromHeader(this.#fromTag);
    this.#initialSeq = 1;
    this.#state = 'notify_wait';
    host.track(this);
    const request = factory.outOfDialog({
      method: 'SUBSCRIBE',
      ruri: target,
      callId: this.#callId,
      cseq: 1,
      fromTag: this.#fromTag,
      contact: identity.dialogContact(),
      headers: this.#headers(this.#expires),
      ...(options.extraHeaders === undefined ? {} : { extraHeaders: options.extraHeaders }),
      ...this.#bodyInit(),
    });
    const flow = ++this.#flow;
    void host.parts.channel.send(request).then((outcome) => {
      if (flow === this.#flow) this.#initialAnswered(outcome);
    });
  }

  // Subscribed before the UA's first connection (e.g. before `ua.start()`): the SUBSCRIBE goes
  // once connected, as a request made while connecting should, or the subscription ends with
  // SUBSCRIBE_TRANSPORT_ERROR and a reason saying why.
  #awaitConnection(wait: Promise<ConnectionWaitOutcome>): void {
    this.#state = 'notify_wait';
    this.#queued = true;
    const flow = ++this.#flow;
    void wait.then((outcome) => {
      if (flow !== this.#flow) return;
      if (outcome !== 'connected') return this.#notConnected(outcome);
      this.#queued = false;
      this.#sendInitial();
    });
  }

  #notConnected(outcome: 'stopped' | 'timed-out'): void {
    const seconds = this.#init.host.connection.bound / 1000;
    this.#end(
      SubscriberTermination.SUBSCRIBE_TRANSPORT_ERROR,
      outcome === 'stopped'
        ? 'the UA stopped before it connected'
        : `the UA did not connect within ${seconds} s`,
    );
  }

  #sendRefresh(): void {
    const dialog = this.#dialog;
    if (dialog === undefined) return;
    const { host, options } = this.#init;
    this.#awaitingConnection = false;
    const request = dialog.createRequest('SUBSCRIBE', {
      headers: this.#headers(this.#unsubscribing ? 0 : this.#expires),
      ...(options.extraHeaders === undefined ? {} : { extraHeaders: options.extraHeaders }),
      ...this.#bodyInit(),
    });
    const flow = ++this.#flow;
    void host.parts.channel.send(request).then((outcome) => {
      dialog.advanceLocalSeq(outcome.cseq);
      if (flow === this.#flow) this.#refreshAnswered(outcome);
    });
  }

  #sendUnsubscribe(): void {
    if (this.#unsubscribeSent) return;
    this.#unsubscribeSent = true;
    this.#sendRefresh();
  }

  #bodyInit(): { body?: string; contentType?: string } {
    const body = this.#body;
    if (body === undefined) return {};
    return { body, contentType: this.#init.options.contentType ?? 'text/plain' };
  }

  #initialAnswered(outcome: RequestOutcome): void {
    if (this.#state === 'terminated') return;
    this.#initialSeq = outcome.cseq;
    if (outcome.kind !== 'response') return this.#unreachable(outcome.kind);
    const { response } = outcome;
    if (response.status === 423) return this.#retryLonger(response, () => this.#sendInitial());
    if (response.status >= 300) return this.#failed(response);
    this.#events.emit('accepted', { response });
    if (this.#dialog === undefined && response.to.tag !== undefined) {
      this.#dialog = SubscriptionDialog.fromResponse(
        response,
        this.#fromHeader,
        this.#init.host.dialogContext,
      );
    }
    if (this.#unsubscribing) return this.#sendUnsubscribe();
    this.#scheduleRefresh(response.parsed('expires') ?? this.#expires);
  }

  #refreshAnswered(outcome: RequestOutcome): void {
    if (this.#state === 'terminated') return;
    if (outcome.kind !== 'response') return this.#unreachable(outcome.kind);
    const { response } = outcome;
    if (response.status === 423) return this.#retryLonger(response, () => this.#sendRefresh());
    // RFC 6665 §4.1.2.2: 481 means the notifier no longer has it; start a new one.
    if (response.status === 481 && !this.#unsubscribing) return this.#sendInitial();
    if (this.#unsubscribing) {
      // `ua.stop()` goes on once the unsubscribe is answered; the final NOTIFY may still come.
      this.#closed?.();
      if (response.status >= 300)
        this.#end(SubscriberTermination.SUBSCRIBE_NON_OK_RESPONSE, response.reason);
      return;
    }
    if (response.status >= 300) return this.#failed(response);
    this.#scheduleRefresh(response.parsed('expires') ?? this.#expires);
  }

  // RFC 6665 §4.1.2.1 / RFC 3261 §10.2.8: 423 names the shortest interval the notifier takes.
  #retryLonger(response: IncomingResponse, retry: () => void): void {
    const minimum = response.parsed('min-expires');
    if (minimum === undefined || minimum <= this.#expires) return this.#failed(response);
    this.#expires = minimum;
    retry();
  }

  #failed(response: IncomingResponse): void {
    const code =
      response.status === 401 || response.status === 407
        ? SubscriberTermination.SUBSCRIBE_AUTHENTICATION_FAILED
        : SubscriberTermination.SUBSCRIBE_NON_OK_RESPONSE;
    // RFC 3261 §20.33: Retry-After is delta-seconds, maybe with a comment after it.
    const retryAfter = /^\s*(\d{1,9})/.exec(response.header('retry-after') ?? '')?.[1];
    this.#end(code, response.reason, retryAfter === undefined ? undefined : Number(retryAfter));
  }

  // No answer: when the connection is down and the UA will reconnect, try again then.
  #unreachable(kind: 'timeout' | 'transport-error'): void {
    const { parts } = this.#init.host;
    if (!this.#unsubscribing && parts.started() && !parts.isConnected()) {
      this.#awaitingConnection = true;
      return;
    }
    this.#end(
      kind === 'timeout'
        ? SubscriberTermination.SUBSCRIBE_RESPONSE_TIMEOUT
        : SubscriberTermination.SUBSCRIBE_TRANSPORT_ERROR,
    );
  }

  #afterFinalNotify(
    next: ReturnType<typeof afterTermination>,
    reason: string | undefined,
    retryAfter: number | undefined,
  ): void {
    if (this.#unsubscribing || next.action === 'stop') {
      return this.#end(SubscriberTermination.FINAL_NOTIFY_RECEIVED, reason, retryAfter);
    }
    // RFC 6665 §4.1.3: a new subscription (new dialog), now or after `retry-after`.
    this.#clearTimer();
    this.#dialog = undefined;
    this.#state = 'notify_wait';
    this.#flow++;
    this.#timer = this.#init.host.clock.setTimeout(() => this.#sendInitial(), next.delay * 1000);
  }

  #scheduleRefresh(expires: number): void {
    this.#clearTimer();
    if (expires <= 0) return;
    this.#timer = this.#init.host.clock.setTimeout(
      () => this.#sendRefresh(),
      refreshDelay(expires),
    );
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) this.#init.host.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #receiveFork(request: IncomingRequest, transaction: ServerTransaction, state: string): void {
    const host = this.#init.host;
    if (state === 'terminated') return host.respond(transaction, request, 200);
    const fork = Subscriber.forked(this);
    // The app gets the fork before its first NOTIFY, so it sees that one too.
    const wanted = this.#events.listenerCount('forked') > 0;
    if (wanted) this.#events.emit('forked', { subscriber: fork });
    fork.receive(request, transaction);
    if (!wanted) fork.terminate();
  }

  #end(code: SubscriberTerminationCode, reason?: string, retryAfter?: number): void {
    if (this.#state === 'terminated') return;
    this.#state = 'terminated';
    this.#queued = false;
    this.#clearTimer();
    this.#flow++;
    this.#init.host.untrack(this);
    this.#events.emit('terminated', { code, reason, retryAfter });
    this.#closed?.();
  }
}
