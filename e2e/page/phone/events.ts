// Subscriptions on the phone page (RFC 6665), the same for both libraries: what the test drives
// (`window.__phone.events`) and what it reads back (`state.subscriptions`).

/** The body of the final NOTIFY a page's notifier sends when the subscriber unsubscribes. */
export const FINAL_BODY = 'unsubscribed';

/** One thing that happened to a subscription, at `performance.now()` time. */
export interface SubscriptionEvent {
  /** The library's event name: `accepted`, `pending`, `active`, `notify`, `terminated`, `subscribe`. */
  readonly name: string;
  readonly at: number;
  readonly isFinal?: boolean;
  readonly isUnsubscribe?: boolean;
  readonly body?: string | undefined;
  readonly contentType?: string | undefined;
  /** `terminated`: the library's termination code (JsSIP's `C` numbers, ours the same). */
  readonly code?: number;
  readonly reason?: string | undefined;
  readonly retryAfter?: number | undefined;
}

/** A subscription the page made (`subscriber`) or accepted (`notifier`). */
export interface SubscriptionRecord {
  readonly id: number;
  readonly role: 'subscriber' | 'notifier';
  readonly event: string;
  readonly events: SubscriptionEvent[];
}

/** What the page does with subscriptions, whichever library runs it. */
export interface PhoneEvents {
  /** Subscribes to `event` at `target`; the SUBSCRIBE goes at once. Returns the record's id. */
  subscribe(target: string, event: string, accept: string, expires: number): number;
  /** Ends our subscription (SUBSCRIBE with Expires: 0). */
  unsubscribe(id: number): void;
  /** Accepts SUBSCRIBEs for `event` from now on, notifying `body` as `contentType`. */
  serve(event: string, contentType: string, body: string): void;
  /** Sends a NOTIFY with a new state on an accepted subscription. */
  notify(id: number, body: string): void;
  /** Ends an accepted subscription with a final NOTIFY (`terminated;reason=...`). */
  terminate(id: number, body: string | undefined, reason: string | undefined): void;
}

/** What the page needs of a library's subscriber (JsSIP's and ours have it). */
export interface SubscriberHandle {
  terminate(): void;
}

/** What the page needs of a library's notifier (JsSIP's and ours have it). */
export interface NotifierHandle {
  notify(body: string): void;
  terminate(body?: string, reason?: string): void;
}

/** What the page answers SUBSCRIBEs for one event package with. */
export interface ServedEvent {
  readonly contentType: string;
  readonly body: string;
}

/**
 * What one library's adapter keeps per record: its own subscriber or notifier object, the event
 * packages it serves, and each notifier's current body.
 */
export class SubscriptionBook<S extends SubscriberHandle, N extends NotifierHandle> {
  readonly #records: SubscriptionRecord[];
  readonly #subscribers = new Map<number, S>();
  readonly #notifiers = new Map<number, N>();
  readonly #served = new Map<string, ServedEvent>();
  // The test changes the state through `notify`: later refreshes NOTIFY the latest body.
  readonly #bodies = new Map<number, string>();

  constructor(records: SubscriptionRecord[]) {
    this.#records = records;
  }

  addSubscriber(event: string, subscriber: S): SubscriptionRecord {
    const record = this.#add('subscriber', event);
    this.#subscribers.set(record.id, subscriber);
    return record;
  }

  /** Keeps an accepted subscription, first notifying what `event` is served with. */
  addNotifier(event: string, notifier: N, served: ServedEvent): SubscriptionRecord {
    const record = this.#add('notifier', event);
    this.#notifiers.set(record.id, notifier);
    this.#bodies.set(record.id, served.body);
    return record;
  }

  /** What SUBSCRIBEs for `event` (lower case) are answered with; undefined: not served. */
  served(event: string): ServedEvent | undefined {
    return this.#served.get(event);
  }

  /** The body the notifier of `record` sends next. */
  body(record: SubscriptionRecord): string {
    return this.#bodies.get(record.id) ?? '';
  }

  subscriber(id: number): S {
    const subscriber = this.#subscribers.get(id);
    if (subscriber === undefined) throw new Error(`no subscriber ${id}`);
    return subscriber;
  }

  notifier(id: number): N {
    const notifier = this.#notifiers.get(id);
    if (notifier === undefined) throw new Error(`no notifier ${id}`);
    return notifier;
  }

  serve(event: string, contentType: string, body: string): void {
    this.#served.set(event.toLowerCase(), { contentType, body });
  }

  notify(id: number, body: string): void {
    const notifier = this.notifier(id);
    this.#bodies.set(id, body);
    notifier.notify(body);
  }

  note(
    record: SubscriptionRecord,
    name: string,
    details: Omit<SubscriptionEvent, 'name' | 'at'> = {},
  ): void {
    record.events.push({ name, at: performance.now(), ...details });
  }

  #add(role: SubscriptionRecord['role'], event: string): SubscriptionRecord {
    const record: SubscriptionRecord = { id: this.#records.length, role, event, events: [] };
    this.#records.push(record);
    return record;
  }
}

/**
 * The commands both adapters carry out the same way over their library's objects; `subscribe`,
 * which differs (option names, event signatures), is the adapter's.
 */
export function phoneEvents<S extends SubscriberHandle, N extends NotifierHandle>(
  book: SubscriptionBook<S, N>,
  subscribe: PhoneEvents['subscribe'],
): PhoneEvents {
  return {
    subscribe,
    unsubscribe: (id) => book.subscriber(id).terminate(),
    serve: (event, contentType, body) => book.serve(event, contentType, body),
    notify: (id, body) => book.notify(id, body),
    terminate: (id, body, reason) => book.notifier(id).terminate(body, reason),
  };
}
