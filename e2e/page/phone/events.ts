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

/** What one library's adapter keeps per record: its own subscriber or notifier object. */
export class SubscriptionBook<S, N> {
  readonly #records: SubscriptionRecord[];
  readonly #subscribers = new Map<number, S>();
  readonly #notifiers = new Map<number, N>();

  constructor(records: SubscriptionRecord[]) {
    this.#records = records;
  }

  addSubscriber(event: string, subscriber: S): SubscriptionRecord {
    const record = this.#add('subscriber', event);
    this.#subscribers.set(record.id, subscriber);
    return record;
  }

  addNotifier(event: string, notifier: N): SubscriptionRecord {
    const record = this.#add('notifier', event);
    this.#notifiers.set(record.id, notifier);
    return record;
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
