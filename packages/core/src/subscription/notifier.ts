import type { EventHeader, HeaderEntry, IncomingRequest } from '../message/index.js';
import { newTag, type ServerTransaction } from '../transaction/index.js';
import { nowOf } from '../transport/clock.js';
import { TypedEmitter, type Listener } from '../transport/index.js';
import type { RequestOutcome } from '../ua/request-outcome.js';
import { SubscriptionDialog } from './subscription-dialog.js';
import type { SubscriptionHost, SubscriptionOwner } from './subscription-host.js';
import { NotifierTermination, type NotifierTerminationCode } from './termination-codes.js';

/** Where a notifier is (JsSIP's `Notifier.C.STATE_*`, by name). */
export type NotifierState = 'pending' | 'active' | 'terminated';

/** Options of `notify()`: JsSIP's `NotifierOptions`, plus `minExpires`. */
export interface NotifierOptions {
  /** `Name: value` lines added to every NOTIFY. */
  readonly extraHeaders?: readonly string[];
  /** `Allow-Events` to send (RFC 6665 §8.2.2). */
  readonly allowEvents?: string;
  /** Start `pending` (authorization awaited, RFC 6665 §4.2.1.3) instead of `active`. */
  readonly pending?: boolean;
  /** Duration granted when the SUBSCRIBE has no Expires (RFC 6665 §4.2.1.1); default 900 s. */
  readonly defaultExpires?: number;
  /**
   * Shortest duration accepted: a SUBSCRIBE asking less (not 0) gets 423 with Min-Expires
   * (RFC 6665 §4.2.1.1). Default none.
   */
  readonly minExpires?: number;
}

/** What a notifier reports. */
export interface NotifierEvents {
  /**
   * A SUBSCRIBE of this subscription was accepted (the initial one on `start()`, then refreshes);
   * `isUnsubscribe` when it asked for Expires: 0.
   */
  subscribe: {
    readonly isUnsubscribe: boolean;
    readonly request: IncomingRequest;
    readonly body: string | undefined;
    readonly contentType: string | undefined;
  };
  /** The subscription ran out; a final NOTIFY (`reason=timeout`) follows unless sent here. */
  expired: undefined;
  /** The subscription is over and why. */
  terminated: { readonly code: NotifierTerminationCode };
}

/** What a notifier is made from. */
export interface NotifierInit {
  readonly host: SubscriptionHost;
  readonly subscribe: IncomingRequest;
  readonly transaction: ServerTransaction;
  readonly event: EventHeader;
  readonly contentType: string;
  readonly options: NotifierOptions;
}

const DEFAULT_NOTIFIER_EXPIRES = 900;

/**
 * The notifier role of RFC 6665 (§4.2), with JsSIP 3.13's `Notifier` methods and events: made
 * in a `newSubscribe` listener, `start()` accepts the SUBSCRIBE (200 with Expires and Contact),
 * then `notify(body)` sends the state (the first NOTIFY should follow at once, §4.2.1.2),
 * `setActiveState()` moves `pending` to `active`, refreshes and unsubscribes are answered, and the
 * subscription ends with a final NOTIFY on `terminate()`, on expiry (`reason=timeout`) or on
 * `ua.stop()` (`reason=noresource`).
 *
 * @example
 * ua.on('newSubscribe', ({ event, request }) => {
 *   if (event.type !== 'x-status') return; // unhandled: answered 489
 *   const notifier = subscriptions(ua).notify(request, 'text/plain');
 *   notifier.start();
 *   notifier.notify('available');
 * });
 */
export class Notifier implements SubscriptionOwner {
  readonly #init: NotifierInit;
  readonly #events: TypedEmitter<NotifierEvents>;
  #state: NotifierState;
  readonly #localTag = newTag();
  #dialog: SubscriptionDialog | undefined;
  #expiresAt = 0;
  #timer: unknown;
  #started = false;
  /** Free for the app, as JsSIP's `notifier.data`. */
  data: Record<string, unknown> = {};

  /** @internal Made by `subscriptions(ua).notify()`. */
  constructor(init: NotifierInit) {
    this.#init = init;
    this.#state = init.options.pending === true ? 'pending' : 'active';
    const logger = init.host.parts.logger;
    this.#events = new TypedEmitter((error, event) =>
      logger.error(`notifier: a "${event}" listener threw`, error),
    );
  }

  get state(): NotifierState {
    return this.#state;
  }

  /** The dialog id once `start()` made it. */
  get id(): string | undefined {
    const dialog = this.#dialog;
    return dialog === undefined
      ? undefined
      : `${dialog.callId}${dialog.localTag}${dialog.remoteTag}`;
  }

  /** The event package and id subscribed to. */
  get event(): EventHeader {
    return this.#init.event;
  }

  /** Accepts the SUBSCRIBE given to `notify()`; call `notify(body)` right after. */
  start(): void {
    if (this.#state === 'terminated') throw new Error('cannot start: the subscription ended');
    if (this.#started) return;
    this.#started = true;
    const { host, subscribe, transaction } = this.#init;
    this.#dialog = SubscriptionDialog.fromSubscribe(subscribe, this.#localTag, host.dialogContext);
    host.track(this);
    this.#accept(subscribe, transaction);
  }

  /** `pending` becomes `active` (RFC 6665 §4.2.1.3); the next NOTIFY says so. */
  setActiveState(): void {
    if (this.#state === 'terminated') throw new Error('cannot activate: the subscription ended');
    this.#state = 'active';
  }

  /**
   * Sends a NOTIFY with the current state and `body` (RFC 6665 §4.2.2): `Subscription-State`
   * with the time left. Once the time is up, the NOTIFY is the final one (`reason=timeout`).
   */
  notify(body?: string): void {
    if (this.#state === 'terminated') return;
    const left = Math.floor((this.#expiresAt - nowOf(this.#init.host.clock)) / 1000);
    if (left <= 0) return this.terminate(body, 'timeout');
    this.#send(`${this.#state};expires=${left}`, body);
  }

  /**
   * Ends the subscription with a final NOTIFY (`Subscription-State: terminated`, RFC 6665
   * §4.2.2), with `reason` (e.g. `rejected`, `noresource`, `deactivated`, `probation`) and
   * `retryAfter` seconds when given.
   */
  terminate(body?: string, reason?: string, retryAfter?: number): void {
    if (this.#state === 'terminated') return;
    let state = 'terminated';
    if (reason !== undefined) state += `;reason=${reason}`;
    if (retryAfter !== undefined) state += `;retry-after=${Math.max(0, Math.floor(retryAfter))}`;
    this.#send(state, body);
    this.#end(
      reason === 'timeout'
        ? NotifierTermination.SUBSCRIPTION_EXPIRED
        : NotifierTermination.FINAL_NOTIFY_SENT,
    );
  }

  on<K extends keyof NotifierEvents>(event: K, listener: Listener<NotifierEvents[K]>): () => void {
    return this.#events.on(event, listener);
  }

  once<K extends keyof NotifierEvents>(
    event: K,
    listener: Listener<NotifierEvents[K]>,
  ): () => void {
    return this.#events.once(event, listener);
  }

  off<K extends keyof NotifierEvents>(event: K, listener: Listener<NotifierEvents[K]>): void {
    this.#events.off(event, listener);
  }

  /** @internal */
  owns(request: IncomingRequest): boolean {
    return request.method === 'SUBSCRIBE' && this.#dialog?.matches(request) === true;
  }

  /** @internal A refresh or unsubscribe in our dialog (RFC 6665 §4.2.1.2, §4.2.1.4). */
  receive(request: IncomingRequest, transaction: ServerTransaction): void {
    const { host } = this.#init;
    const event = request.parsed('event');
    if (
      event === undefined ||
      event.type !== this.#init.event.type ||
      event.id !== this.#init.event.id
    ) {
      return host.respond(transaction, request, 489);
    }
    if (this.#dialog?.acceptRemote(request) !== true)
      return host.respond(transaction, request, 500);
    this.#accept(request, transaction);
  }

  /** @internal Nothing to refresh on this side: the subscriber refreshes. */
  reconnected(): void {}

  /** @internal `ua.stop()`: the final NOTIFY says the resource is gone. */
  close(): Promise<void> {
    if (this.#state !== 'terminated' && this.#started) this.terminate(undefined, 'noresource');
    return Promise.resolve();
  }

  /** @internal */
  discard(): void {
    this.#end(NotifierTermination.NOTIFY_TRANSPORT_ERROR);
  }

  #accept(request: IncomingRequest, transaction: ServerTransaction): void {
    const { host, options } = this.#init;
    const expires = request.parsed('expires') ?? options.defaultExpires ?? DEFAULT_NOTIFIER_EXPIRES;
    const minimum = options.minExpires ?? 0;
    if (expires > 0 && expires < minimum) {
      host.respond(transaction, request, 423, {
        headers: [['Min-Expires', String(minimum)]],
        toTag: this.#localTag,
      });
      if (!this.#everAccepted) this.#end(NotifierTermination.SUBSCRIPTION_EXPIRED);
      return;
    }
    this.#everAccepted = true;
    // RFC 6665 §4.2.1.1: 200, with the Expires granted and our Contact (the dialog's target).
    host.respond(transaction, request, 200, {
      headers: [
        ['Expires', String(expires)],
        ['Contact', host.dialogContext.contact()],
      ],
      toTag: this.#localTag,
    });
    this.#setExpiry(expires);
    const body = request.body === '' ? undefined : request.body;
    const isUnsubscribe = expires === 0;
    this.#events.emit('subscribe', {
      isUnsubscribe,
      request,
      body,
      contentType: request.header('content-type'),
    });
    // §4.2.1.4 (and the fetch of §4.4.3): an unsubscribe gets its final NOTIFY at once.
    if (isUnsubscribe && this.#state !== 'terminated') {
      this.#send('terminated;reason=timeout', undefined);
      this.#end(NotifierTermination.UNSUBSCRIBE_RECEIVED);
    }
  }

  #everAccepted = false;

  #setExpiry(expires: number): void {
    const { clock } = this.#init.host;
    this.#expiresAt = nowOf(clock) + expires * 1000;
    if (this.#timer !== undefined) clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    if (expires <= 0) return;
    this.#timer = clock.setTimeout(() => {
      this.#timer = undefined;
      if (this.#state === 'terminated') return;
      this.#events.emit('expired', undefined);
      this.terminate(undefined, 'timeout');
    }, expires * 1000);
  }

  #send(subscriptionState: string, body: string | undefined): void {
    const dialog = this.#dialog;
    if (dialog === undefined) throw new Error('cannot notify before start()');
    const { host, options, contentType } = this.#init;
    const headers: HeaderEntry[] = [
      ['Event', eventValue(this.#init.event)],
      ['Subscription-State', subscriptionState],
    ];
    if (options.allowEvents !== undefined) headers.push(['Allow-Events', options.allowEvents]);
    const request = dialog.createRequest('NOTIFY', {
      headers,
      ...(options.extraHeaders === undefined ? {} : { extraHeaders: options.extraHeaders }),
      ...(body === undefined ? {} : { body, contentType }),
    });
    void host.parts.channel.send(request).then((outcome) => {
      dialog.advanceLocalSeq(outcome.cseq);
      this.#notifyAnswered(outcome);
    });
  }

  // RFC 6665 §4.2.2: a NOTIFY refused (481 and any other failure) or unanswered ends it.
  #notifyAnswered(outcome: RequestOutcome): void {
    if (outcome.kind === 'timeout') return this.#end(NotifierTermination.NOTIFY_RESPONSE_TIMEOUT);
    if (outcome.kind === 'transport-error') {
      return this.#end(NotifierTermination.NOTIFY_TRANSPORT_ERROR);
    }
    const status = outcome.response.status;
    if (status < 300) return;
    this.#end(
      status === 401 || status === 407
        ? NotifierTermination.NOTIFY_AUTHENTICATION_FAILED
        : NotifierTermination.NOTIFY_NON_OK_RESPONSE,
    );
  }

  #end(code: NotifierTerminationCode): void {
    if (this.#state === 'terminated') return;
    this.#state = 'terminated';
    const { host } = this.#init;
    if (this.#timer !== undefined) host.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    host.untrack(this);
    this.#events.emit('terminated', { code });
  }
}

/** The Event header value for this subscription (RFC 6665 §8.2.1): package and id. */
function eventValue(event: EventHeader): string {
  return event.id === undefined ? event.type : `${event.type};id=${event.id}`;
}
