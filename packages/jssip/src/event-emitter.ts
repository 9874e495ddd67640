/** A listener of a JsSIP-style event. */
export type JsSipListener<T> = (payload: T) => void;

/** The wrapper `once()` stores; `listener` is the app's own, so `off()` can find it. */
type OnceWrapper = JsSipListener<never> & { readonly listener?: JsSipListener<never> };

/**
 * The listener API JsSIP objects inherit from Node's `EventEmitter` (`on`, `once`, `off`,
 * `removeListener`, `removeAllListeners`, `emit`, `listeners`, `listenerCount`), typed by an event
 * map. JsSIP apps call these directly, so the adapter's UA, RTCSession and Message have them.
 *
 * @example
 * const emitter = new EventEmitter<{ ping: { n: number } }>();
 * emitter.on('ping', ({ n }) => console.log(n));
 * emitter.emit('ping', { n: 1 });
 */
export class EventEmitter<Events extends object> {
  readonly #listeners = new Map<keyof Events, Array<JsSipListener<never>>>();
  #changed: (() => void) | undefined;

  /** @internal Called after any listener is added or removed (to subscribe to a source lazily). */
  onListenersChanged(callback: () => void): void {
    this.#changed = callback;
  }

  on<K extends keyof Events>(event: K, listener: JsSipListener<Events[K]>): this {
    const list = this.#listeners.get(event) ?? [];
    list.push(listener as JsSipListener<never>);
    this.#listeners.set(event, list);
    this.#changed?.();
    return this;
  }

  addListener<K extends keyof Events>(event: K, listener: JsSipListener<Events[K]>): this {
    return this.on(event, listener);
  }

  once<K extends keyof Events>(event: K, listener: JsSipListener<Events[K]>): this {
    const wrapper: JsSipListener<Events[K]> = (payload) => {
      this.off(event, wrapper);
      listener(payload);
    };
    return this.on(event, Object.assign(wrapper, { listener }));
  }

  /** Removes `listener`, or the `once()` wrapper of it (the last one added, as Node does). */
  off<K extends keyof Events>(event: K, listener: JsSipListener<Events[K]>): this {
    const list = this.#listeners.get(event) as OnceWrapper[] | undefined;
    if (list !== undefined) {
      for (let index = list.length - 1; index >= 0; index -= 1) {
        const added = list[index];
        if (added === listener || added?.listener === listener) {
          list.splice(index, 1);
          break;
        }
      }
    }
    this.#changed?.();
    return this;
  }

  removeListener<K extends keyof Events>(event: K, listener: JsSipListener<Events[K]>): this {
    return this.off(event, listener);
  }

  removeAllListeners(event?: keyof Events): this {
    if (event === undefined) this.#listeners.clear();
    else this.#listeners.delete(event);
    this.#changed?.();
    return this;
  }

  listeners<K extends keyof Events>(event: K): Array<JsSipListener<Events[K]>> {
    return [...(this.#listeners.get(event) ?? [])] as Array<JsSipListener<Events[K]>>;
  }

  listenerCount(event: keyof Events): number {
    return this.#listeners.get(event)?.length ?? 0;
  }

  /** Calls the listeners in order; returns whether there were any (as Node's emitter does). */
  emit<K extends keyof Events>(event: K, payload: Events[K]): boolean {
    const list = this.#listeners.get(event);
    if (list === undefined || list.length === 0) return false;
    for (const listener of [...list]) (listener as JsSipListener<Events[K]>)(payload);
    return true;
  }
}
