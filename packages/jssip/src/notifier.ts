import {
  NotifierTermination,
  type Notifier as SipKitNotifier,
  type NotifierState,
  type NotifierTerminationCode,
} from '@sipkit/core';
import { ArgsEmitter } from './args-emitter.js';
import { viewOf, type IncomingRequestView } from './sip-messages.js';

/** JsSIP's `Notifier.C`: termination codes and numeric states. */
const NOTIFIER_C = Object.freeze({
  ...NotifierTermination,
  STATE_PENDING: 0,
  STATE_ACTIVE: 1,
  STATE_TERMINATED: 2,
  DEFAULT_EXPIRES_SEC: 900,
});

const STATES: Readonly<Record<NotifierState, number>> = { pending: 0, active: 1, terminated: 2 };

/** JsSIP's Notifier events, with its positional arguments. */
export interface NotifierEventMap {
  subscribe: [
    isUnsubscribe: boolean,
    request: IncomingRequestView,
    body: string | undefined,
    contentType: string | undefined,
  ];
  expired: [];
  terminated: [terminationCode: NotifierTerminationCode];
}

/**
 * What `ua.notify()` returns (JsSIP's `Notifier`), over SipKit's core notifier.
 *
 * @example
 * ua.on('newSubscribe', ({ request }) => {
 *   const notifier = ua.notify(request, 'text/plain');
 *   notifier.start();
 *   notifier.notify('available');
 * });
 */
export class Notifier extends ArgsEmitter<NotifierEventMap> {
  static readonly C = NOTIFIER_C;
  readonly C = NOTIFIER_C;
  readonly #notifier: SipKitNotifier;

  /** @internal */
  constructor(notifier: SipKitNotifier) {
    super();
    this.#notifier = notifier;
    notifier.on('subscribe', ({ isUnsubscribe, request, body, contentType }) =>
      this.emit('subscribe', isUnsubscribe, viewOf(request), body, contentType),
    );
    notifier.on('expired', () => this.emit('expired'));
    notifier.on('terminated', ({ code }) => this.emit('terminated', code));
  }

  /** The SipKit notifier behind this one. */
  get sipkit(): SipKitNotifier {
    return this.#notifier;
  }

  /** Numeric, as JsSIP's (`C.STATE_*`). */
  get state(): number {
    return STATES[this.#notifier.state];
  }

  get id(): string | undefined {
    return this.#notifier.id;
  }

  get data(): Record<string, unknown> {
    return this.#notifier.data;
  }

  set data(data: Record<string, unknown>) {
    this.#notifier.data = data;
  }

  start(): void {
    this.#notifier.start();
  }

  setActiveState(): void {
    this.#notifier.setActiveState();
  }

  notify(body: string | null = null): void {
    this.#notifier.notify(body ?? undefined);
  }

  terminate(
    body: string | null = null,
    reason: string | null = null,
    retryAfter: number | null = null,
  ): void {
    this.#notifier.terminate(body ?? undefined, reason ?? undefined, retryAfter ?? undefined);
  }
}
