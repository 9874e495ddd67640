import {
  createResponse,
  parseEvent,
  SipParseError,
  type IncomingRequest,
} from '../message/index.js';
import { newTag, type ServerTransaction } from '../transaction/index.js';
import { systemClock } from '../transport/index.js';
import { ConnectionWait } from '../ua/connection-wait.js';
import { InvalidOptionError } from '../ua/invalid-option-error.js';
import { checkContentType, checkExtraHeaders } from '../ua/option-checks.js';
import { normalizeTarget } from '../ua/target.js';
import type { ExtensionParts, UserAgentExtension } from '../ua/user-agent-extension.js';
import { Notifier, type NotifierOptions } from './notifier.js';
import { Subscriber } from './subscriber.js';
import type { SubscriberOptions } from './subscriber-types.js';
import type { SubscriptionHost, SubscriptionOwner } from './subscription-host.js';

/**
 * RFC 6665 in one UA: makes subscribers and notifiers and routes to them what the UA core does
 * not take. Out-of-dialog SUBSCRIBE goes to `newSubscribe` listeners (489 Bad Event when none
 * makes a notifier for it, §4.2.1.1), NOTIFY to the subscriber it belongs to (also before the
 * 2xx and from other forks, §4.1.2.4), a NOTIFY outside any subscription to `sipEvent` listeners
 * (200; without a listener the UA answers 481). Installed by `subscriptions(ua)`.
 */
export class SubscriptionFeature implements UserAgentExtension {
  readonly allowedMethods: readonly string[] = ['SUBSCRIBE', 'NOTIFY'];
  readonly #parts: ExtensionParts;
  readonly #host: SubscriptionHost;
  readonly #owners = new Set<SubscriptionOwner>();
  /** Initial SUBSCRIBEs being offered to `newSubscribe` listeners, with their transactions. */
  readonly #offered = new Map<IncomingRequest, ServerTransaction>();

  constructor(parts: ExtensionParts) {
    this.#parts = parts;
    this.#host = {
      parts,
      clock: parts.options.clock ?? systemClock,
      connection: new ConnectionWait(parts),
      dialogContext: {
        via: parts.via,
        contact: () => parts.identity.dialogContact(),
        commonHeaders: (headers, extraHeaders) =>
          parts.factory.commonHeaders(headers, extraHeaders),
      },
      track: (owner) => this.#owners.add(owner),
      untrack: (owner) => this.#owners.delete(owner),
      respond: (transaction, request, status, options = {}) => {
        transaction.respond(
          createResponse(request, status, options.reason, {
            // RFC 3261 §8.2.6.2: our tag on a request without one; the dialog's when accepting.
            toTag: request.to.tag === undefined ? (options.toTag ?? newTag()) : undefined,
            // RFC 3261 §12.1.1 (RFC 6665 §4.2.1.1): the 2xx that creates the dialog copies the
            // SUBSCRIBE's Record-Route, or the subscriber's refreshes bypass the proxies.
            recordRoute:
              request.method === 'SUBSCRIBE' &&
              request.to.tag === undefined &&
              status >= 200 &&
              status < 300,
            headers: parts.factory.responseHeaders(options.headers),
          }),
        );
      },
    };
  }

  /** `ua.subscribe`: a subscriber to `eventName` (`package` or `package;id=x`) at `target`. */
  subscribe(
    target: string,
    eventName: string,
    accept: string,
    options: SubscriberOptions = {},
  ): Subscriber {
    checkExtraHeaders(options.extraHeaders);
    if (options.contentType !== undefined) checkContentType(options.contentType, 'contentType');
    const event = parsedEvent(eventName);
    if (
      options.expires !== undefined &&
      !(Number.isInteger(options.expires) && options.expires > 0)
    ) {
      throw new InvalidOptionError('expires', 'must be a whole number of seconds above 0');
    }
    return new Subscriber({
      host: this.#host,
      target: normalizeTarget(target, this.#parts.identity.aor.host),
      event,
      eventValue: eventName.trim(),
      accept,
      options,
    });
  }

  /**
   * `ua.notify`: the notifier for a SUBSCRIBE handed to a `newSubscribe` listener. Call it in
   * the listener (its `start()` may come later); a SUBSCRIBE no listener took gets 489.
   */
  notify(subscribe: IncomingRequest, contentType: string, options: NotifierOptions = {}): Notifier {
    checkExtraHeaders(options.extraHeaders);
    checkContentType(contentType, 'contentType');
    const transaction = this.#offered.get(subscribe);
    if (transaction === undefined) {
      throw new InvalidOptionError(
        'subscribe',
        'must be the request of a "newSubscribe" event, in its listener',
      );
    }
    this.#offered.delete(subscribe);
    const event = subscribe.parsed('event');
    if (event === undefined) throw new InvalidOptionError('subscribe', 'has no Event header');
    return new Notifier({ host: this.#host, subscribe, transaction, event, contentType, options });
  }

  receive(request: IncomingRequest, transaction: ServerTransaction): boolean {
    if (request.method !== 'SUBSCRIBE' && request.method !== 'NOTIFY') return false;
    for (const owner of this.#owners) {
      if (owner.owns(request)) {
        owner.receive(request, transaction);
        return true;
      }
    }
    if (request.to.tag !== undefined) return false; // 481 from the UA core
    if (request.method === 'SUBSCRIBE') return this.#newSubscribe(request, transaction);
    return this.#sipEvent(request, transaction);
  }

  reconnected(): void {
    for (const owner of [...this.#owners]) owner.reconnected();
  }

  async close(): Promise<void> {
    await Promise.all([...this.#owners].map((owner) => owner.close()));
  }

  discard(): void {
    for (const owner of [...this.#owners]) owner.discard();
    this.#host.connection.close();
  }

  // RFC 6665 §4.2.1.1: a package nobody here serves gets 489 Bad Event.
  #newSubscribe(request: IncomingRequest, transaction: ServerTransaction): boolean {
    const event = request.parsed('event');
    if (event === undefined) {
      this.#host.respond(transaction, request, 400, { reason: 'Missing Event' });
      return true;
    }
    if (!request.hasHeader('contact')) {
      this.#host.respond(transaction, request, 400, { reason: 'Missing Contact' });
      return true;
    }
    this.#offered.set(request, transaction);
    try {
      this.#parts.events.emit('newSubscribe', { event, request });
    } finally {
      if (this.#offered.delete(request)) this.#host.respond(transaction, request, 489);
    }
    return true;
  }

  // A NOTIFY outside any subscription: unsolicited MWI and the like (JsSIP's `sipEvent`).
  #sipEvent(request: IncomingRequest, transaction: ServerTransaction): boolean {
    if (this.#parts.events.listenerCount('sipEvent') === 0) return false;
    const event = request.parsed('event');
    if (event === undefined) {
      this.#host.respond(transaction, request, 400, { reason: 'Missing Event' });
      return true;
    }
    this.#host.respond(transaction, request, 200);
    this.#parts.events.emit('sipEvent', { event, request });
    return true;
  }
}

function parsedEvent(eventName: string) {
  try {
    return parseEvent(eventName);
  } catch (error) {
    if (error instanceof SipParseError) {
      throw new InvalidOptionError(
        'eventName',
        'must be an event package, e.g. "presence" or "dialog;id=7"',
      );
    }
    throw error;
  }
}
