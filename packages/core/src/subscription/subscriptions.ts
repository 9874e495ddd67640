import type { IncomingRequest } from '../message/index.js';
import type { UserAgent } from '../ua/user-agent.js';
import type { Notifier, NotifierOptions } from './notifier.js';
import type { Subscriber } from './subscriber.js';
import type { SubscriberOptions } from './subscriber-types.js';
import { SubscriptionFeature } from './subscription-feature.js';

/**
 * RFC 6665 subscriptions of one UA, JsSIP-shaped: `subscribe` is JsSIP's `ua.subscribe`,
 * `notify` its `ua.notify`; incoming SUBSCRIBEs arrive as the UA's `newSubscribe` event and
 * NOTIFYs outside any subscription as `sipEvent`.
 */
export interface Subscriptions {
  /**
   * A subscriber to `eventName` (`presence`, `dialog`, `message-summary`, `x-custom;id=1`...) at
   * `target` (a SIP URI or a user of our domain), accepting `accept` bodies. Nothing is sent
   * until `subscriber.subscribe()`. Throws `InvalidTargetError` / `InvalidOptionError`.
   */
  subscribe(
    target: string,
    eventName: string,
    accept: string,
    options?: SubscriberOptions,
  ): Subscriber;
  /**
   * The notifier for the SUBSCRIBE of a `newSubscribe` event; call it inside that listener
   * (a SUBSCRIBE no listener takes is answered 489 Bad Event), then `start()` and `notify()`.
   */
  notify(subscribe: IncomingRequest, contentType: string, options?: NotifierOptions): Notifier;
}

const installed = new WeakMap<UserAgent, SubscriptionFeature>();

/**
 * Turns subscriptions on for `ua` (once; later calls return the same object): from now on its
 * `Allow` lists SUBSCRIBE and NOTIFY, it routes them, and `ua.stop()` unsubscribes. Importing
 * this is what brings subscription code into a bundle; a UA that never calls it has none.
 *
 * @example
 * const ua = new UA(configuration);
 * const events = subscriptions(ua);
 * ua.on('sipEvent', ({ event, request }) => { if (event.type === 'message-summary') showMwi(request.body); });
 * const lamp = events.subscribe('sip:200@pbx.example.com', 'dialog', 'application/dialog-info+xml');
 * lamp.on('notify', ({ body }) => render(parseDialogInfo(body ?? '')));
 * lamp.subscribe();
 * ua.start();
 */
export function subscriptions(ua: UserAgent): Subscriptions {
  let feature = installed.get(ua);
  if (feature === undefined) {
    feature = ua.extend((parts) => new SubscriptionFeature(parts));
    installed.set(ua, feature);
  }
  return feature;
}
