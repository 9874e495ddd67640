import { subscriptions, type Subscriber, type UA } from '@sipkit/core';
import type { SipClient } from '../client/sip-client.js';
import type { SipState } from '../store/sip-state.js';
import {
  emptySubscriptionsState,
  watchState,
  type SubscriptionsState,
  type WatchState,
} from './subscription-state.js';
import type { WatchKind, WatchSlice, WatchValue } from './watch-kinds.js';

/** One watched resource: who holds it and the subscription serving it on the current UA. */
interface Entry {
  readonly kind: WatchKind<WatchSlice>;
  /** The key in its slice, as the hook asked for it. */
  readonly key: string;
  /** The target to subscribe to, given the UA (our own AOR when the hook gave none). */
  readonly target: (ua: UA) => string;
  refs: number;
  ua: UA | undefined;
  /** Removes the listeners of the current subscription (not the subscription itself). */
  detach: () => void;
  subscriber: Subscriber | undefined;
}

const registries = new WeakMap<SipClient, WatchRegistry>();

/** The registry of `client`, made on first use so a provider that watches nothing has none. */
export function watchRegistryOf(client: SipClient): WatchRegistry {
  let registry = registries.get(client);
  if (registry === undefined) {
    registry = new WatchRegistry(client);
    registries.set(client, registry);
  }
  return registry;
}

/**
 * One SUBSCRIBE per watched resource however many components show it: a reference count per
 * (event package, target), the subscription made on the provider's running UA (again on the
 * next one when the provider replaces it) and ended when the last holder lets go. The release
 * waits a microtask, so StrictMode's unmount-and-mount of the same effect keeps the
 * subscription instead of sending an unsubscribe and a second SUBSCRIBE.
 */
export class WatchRegistry {
  readonly #client: SipClient;
  readonly #entries = new Map<string, Entry>();
  #unsubscribeUa: (() => void) | undefined;

  constructor(client: SipClient) {
    this.#client = client;
  }

  /** How many distinct resources are watched (for tests and devtools). */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * Holds `key` of `kind` (subscribing to `target` when nobody held it). Returns the release,
   * which is safe to call twice.
   */
  acquire<S extends WatchSlice>(
    kind: WatchKind<S>,
    key: string,
    target: (ua: UA) => string,
  ): () => void {
    const id = `${kind.slice}\n${key}`;
    let entry = this.#entries.get(id);
    if (entry === undefined) {
      entry = {
        kind,
        key,
        target,
        refs: 0,
        ua: undefined,
        detach: () => {},
        subscriber: undefined,
      };
      this.#entries.set(id, entry);
      this.#unsubscribeUa ??= this.#client.subscribeUa(() => this.#uaChanged());
      this.#start(entry);
    }
    entry.refs += 1;
    const held = entry;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      held.refs -= 1;
      if (held.refs === 0) queueMicrotask(() => this.#dropIfUnheld(id, held));
    };
  }

  #dropIfUnheld(id: string, entry: Entry): void {
    if (entry.refs > 0 || this.#entries.get(id) !== entry) return;
    this.#entries.delete(id);
    this.#stop(entry);
    this.#update(entry.kind.slice, (slice) => {
      const rest = { ...slice };
      delete rest[entry.key];
      return rest;
    });
    if (this.#entries.size === 0) {
      this.#unsubscribeUa?.();
      this.#unsubscribeUa = undefined;
    }
  }

  #uaChanged(): void {
    for (const entry of this.#entries.values()) {
      if (entry.ua === this.#client.ua) continue;
      // The old UA is stopping: its stop unsubscribes (RFC 6665 §4.1.2.3); only forget it here.
      entry.detach();
      entry.subscriber = undefined;
      this.#start(entry);
    }
  }

  #start(entry: Entry): void {
    const ua = this.#client.ua;
    entry.ua = ua;
    entry.detach = () => {};
    if (ua === undefined) return this.#set(entry, () => watchState('idle'));
    this.#set(entry, () => watchState('subscribing'));
    // The provider hands over its UA before starting it: the core holds the SUBSCRIBE until
    // the first connection.
    this.#subscribe(entry, ua);
  }

  #subscribe(entry: Entry, ua: UA): void {
    const { kind } = entry;
    const read = kind.reader();
    let subscriber: Subscriber;
    try {
      subscriber = subscriptions(ua).subscribe(entry.target(ua), kind.event, kind.accept);
    } catch (error) {
      return this.#set(entry, () => ({ ...watchState('terminated'), error: messageOf(error) }));
    }
    entry.subscriber = subscriber;
    const status = (next: 'pending' | 'active') => () =>
      this.#set(entry, (state) => ({ ...state, status: next }));
    const offs = [
      subscriber.on('pending', status('pending')),
      subscriber.on('active', status('active')),
      subscriber.on('notify', ({ body }) => {
        if (body === undefined || body === '') return; // RFC 6665 §4.2.2: state may come later
        try {
          const value = read(body);
          this.#set(entry, (state) => ({ ...state, value, error: undefined }));
        } catch (error) {
          this.#set(entry, (state) => ({ ...state, error: messageOf(error) }));
        }
      }),
      subscriber.on('terminated', ({ code, reason }) =>
        this.#set(entry, (state) => ({
          ...state,
          status: 'terminated',
          terminationCode: code,
          reason,
        })),
      ),
    ];
    // NOTIFYs outside any subscription (RFC 3842 §3: many PBXs send MWI unsolicited).
    if (kind.slice === 'messageSummary') {
      offs.push(
        ua.on('sipEvent', ({ event, request }) => {
          if (event.type !== kind.event || request.body === '') return;
          try {
            const value = read(request.body);
            this.#set(entry, (state) => ({ ...state, value, error: undefined }));
          } catch (error) {
            this.#set(entry, (state) => ({ ...state, error: messageOf(error) }));
          }
        }),
      );
    }
    entry.detach = () => offs.forEach((off) => off());
    subscriber.subscribe();
  }

  #stop(entry: Entry): void {
    entry.detach();
    entry.subscriber?.terminate();
    entry.subscriber = undefined;
  }

  #set(entry: Entry, next: (state: WatchState<unknown>) => WatchState<unknown>): void {
    this.#update(entry.kind.slice, (slice) => {
      const current = slice[entry.key] ?? watchState('idle');
      return { ...slice, [entry.key]: next(current) };
    });
  }

  #update<S extends WatchSlice>(
    slice: S,
    next: (
      slice: Readonly<Record<string, WatchState<WatchValue<S>>>>,
    ) => Record<string, WatchState<unknown>>,
  ): void {
    this.#client.store.setState((state: SipState) => {
      const all = state.subscriptions ?? emptySubscriptionsState();
      return {
        subscriptions: { ...all, [slice]: next(all[slice] as never) } as SubscriptionsState,
      };
    });
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
