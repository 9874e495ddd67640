import type { EventHeader, IncomingRequest, IncomingResponse } from '../message/index.js';
import type { SubscriptionHost } from './subscription-host.js';
import type { SubscriberTerminationCode } from './termination-codes.js';
import type { Subscriber } from './subscriber.js';

/** Where a subscriber is (JsSIP's `Subscriber.C.STATE_*`, by name). */
export type SubscriberState = 'init' | 'notify_wait' | 'pending' | 'active' | 'terminated';

/** Options of `subscribe()`: JsSIP's `SubscriberOptions`. */
export interface SubscriberOptions {
  /** Requested duration in seconds (RFC 6665 §4.1.2.1); default 900. */
  readonly expires?: number;
  /** Content-Type of the bodies given to `subscribe(body)` / `terminate(body)`. */
  readonly contentType?: string;
  /** `Allow-Events` to send (RFC 6665 §8.2.2). */
  readonly allowEvents?: string;
  /** `Name: value` lines added to every SUBSCRIBE. */
  readonly extraHeaders?: readonly string[];
}

/** What a subscriber reports; payloads are objects (the JsSIP adapter spreads them). */
export interface SubscriberEvents {
  /** The first NOTIFY said `pending` (RFC 6665 §4.1.3): authorization is waiting. */
  pending: undefined;
  /** The SUBSCRIBE was accepted with a 2xx. */
  accepted: { readonly response: IncomingResponse };
  /** A NOTIFY said `active`. */
  active: undefined;
  /** A NOTIFY arrived (already answered 200); `isFinal` when it ended the subscription. */
  notify: {
    readonly isFinal: boolean;
    readonly request: IncomingRequest;
    readonly body: string | undefined;
    readonly contentType: string | undefined;
  };
  /**
   * The subscription is over: why, the notifier's reason and `retry-after` when it gave them.
   * A subscription made before the UA's first connection waits for it; when the UA stops first
   * or does not connect within Timer F (32 s) of trying, it ends `SUBSCRIBE_TRANSPORT_ERROR`
   * with `reason` saying which (nothing was sent).
   */
  terminated: {
    readonly code: SubscriberTerminationCode;
    /** The notifier's `Subscription-State` reason or the response's reason phrase, or ours. */
    readonly reason: string | undefined;
    readonly retryAfter: number | undefined;
  };
  /**
   * A forked SUBSCRIBE reached another notifier (RFC 6665 §4.1.2.4): its NOTIFYs form another
   * subscription, handed over as its own subscriber. Without a listener it is ended at once.
   */
  forked: { readonly subscriber: Subscriber };
}

/** What a subscriber is made from. */
export interface SubscriberInit {
  readonly host: SubscriptionHost;
  /** Request-URI (already normalized) and the To header value. */
  readonly target: string;
  readonly event: EventHeader;
  /** The Event header value as sent, `id` included. */
  readonly eventValue: string;
  readonly accept: string;
  readonly options: SubscriberOptions;
}

/** JsSIP's default subscription length (seconds). */
export const DEFAULT_SUBSCRIBE_EXPIRES = 900;
