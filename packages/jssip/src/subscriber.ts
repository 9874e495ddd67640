import {
  SubscriberTermination,
  type Subscriber as SipKitSubscriber,
  type SubscriberState,
  type SubscriberTerminationCode,
} from '@sipkit/core';
import { ArgsEmitter } from './args-emitter.js';
import { viewOf, type IncomingRequestView } from './sip-messages.js';

/** JsSIP's `Subscriber.C`: termination codes and numeric states. */
const SUBSCRIBER_C = Object.freeze({
  ...SubscriberTermination,
  STATE_PENDING: 0,
  STATE_ACTIVE: 1,
  STATE_TERMINATED: 2,
  STATE_INIT: 3,
  STATE_WAITING_NOTIFY: 4,
  DEFAULT_EXPIRES_SEC: 900,
});

const STATES: Readonly<Record<SubscriberState, number>> = {
  pending: 0,
  active: 1,
  terminated: 2,
  init: 3,
  notify_wait: 4,
};

/** JsSIP's Subscriber events, with its positional arguments. */
export interface SubscriberEventMap {
  pending: [];
  accepted: [];
  active: [];
  notify: [
    isFinal: boolean,
    request: IncomingRequestView,
    body: string | undefined,
    contentType: string | undefined,
  ];
  terminated: [
    terminationCode: SubscriberTerminationCode,
    reason: string | undefined,
    retryAfter: number | undefined,
  ];
}

/**
 * What `ua.subscribe()` returns (JsSIP's `Subscriber`), over SipKit's core subscriber.
 *
 * @example
 * const subscriber = ua.subscribe('bob', 'presence', 'application/pidf+xml');
 * subscriber.on('notify', (isFinal, request, body) => console.log(body));
 * subscriber.subscribe();
 */
export class Subscriber extends ArgsEmitter<SubscriberEventMap> {
  static readonly C = SUBSCRIBER_C;
  readonly C = SUBSCRIBER_C;
  readonly #subscriber: SipKitSubscriber;

  /** @internal */
  constructor(subscriber: SipKitSubscriber) {
    super();
    this.#subscriber = subscriber;
    subscriber.on('pending', () => this.emit('pending'));
    subscriber.on('accepted', () => this.emit('accepted'));
    subscriber.on('active', () => this.emit('active'));
    subscriber.on('notify', ({ isFinal, request, body, contentType }) =>
      this.emit('notify', isFinal, viewOf(request), body, contentType),
    );
    subscriber.on('terminated', ({ code, reason, retryAfter }) =>
      this.emit('terminated', code, reason, retryAfter),
    );
  }

  /** The SipKit subscriber behind this one. */
  get sipkit(): SipKitSubscriber {
    return this.#subscriber;
  }

  /** Numeric, as JsSIP's (`C.STATE_*`). */
  get state(): number {
    return STATES[this.#subscriber.state];
  }

  get id(): string | undefined {
    return this.#subscriber.id;
  }

  get data(): Record<string, unknown> {
    return this.#subscriber.data;
  }

  set data(data: Record<string, unknown>) {
    this.#subscriber.data = data;
  }

  subscribe(body: string | null = null): void {
    this.#subscriber.subscribe(body ?? undefined);
  }

  terminate(body: string | null = null): void {
    this.#subscriber.terminate(body ?? undefined);
  }
}
