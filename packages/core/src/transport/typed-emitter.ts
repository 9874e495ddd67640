/** A listener for one event: receives that event's payload. */
export type Listener<Payload> = (payload: Payload) => void;

/**
 * Called when a listener throws. The emitter keeps calling the other listeners either way, so one
 * faulty listener cannot stop the others (or the state machine that emits) from running.
 */
export type ListenerErrorHandler = (error: unknown, event: string) => void;

/**
 * A tiny, dependency-free event emitter whose event names and payload types are checked by the
 * compiler. `Events` maps each event name to its payload type.
 *
 * @example
 * ```ts
 * const emitter = new TypedEmitter<{ tick: number; done: undefined }>();
 * const off = emitter.on('tick', (n) => console.log(n.toFixed(1)));
 * emitter.emit('tick', 1);
 * off();
 * ```
 */
export class TypedEmitter<Events extends { [K in keyof Events]: unknown }> {
  // Created on the first `on`, and arrays rather than Sets: an emitter per call and per UA, most
  // with a handful of listeners, costs a few dozen bytes instead of a hash table per event. An
  // array is replaced, never changed, so `emit` can run over it while listeners come and go.
  #listeners: Map<keyof Events, readonly Listener<never>[]> | undefined;
  readonly #onListenerError: ListenerErrorHandler | undefined;

  /**
   * @param onListenerError receives errors thrown by listeners. Without it, the first error is
   *   rethrown once every listener has run.
   */
  constructor(onListenerError?: ListenerErrorHandler) {
    this.#onListenerError = onListenerError;
  }

  /** Adds a listener (once: adding it again changes nothing); returns a function that removes it. */
  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
    this.#listeners ??= new Map();
    const current = this.#listeners.get(event) ?? [];
    // concat, not spread or push: those leave room for 16 more listeners in every array.
    if (!current.includes(listener)) this.#listeners.set(event, current.concat([listener]));
    return () => this.off(event, listener);
  }

  /** Adds a listener that removes itself after its first call; returns a function that removes it. */
  once<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
    const wrapper: Listener<Events[K]> = (payload) => {
      this.off(event, wrapper);
      listener(payload);
    };
    return this.on(event, wrapper);
  }

  /** Removes a listener added with `on` (not one added with `once`: use its returned function). */
  off<K extends keyof Events>(event: K, listener: Listener<Events[K]>): void {
    const current = this.#listeners?.get(event);
    const index = current?.indexOf(listener) ?? -1;
    if (current === undefined || index < 0) return;
    const rest = current.slice(0, index).concat(current.slice(index + 1));
    if (rest.length > 0) this.#listeners?.set(event, rest);
    else this.#listeners?.delete(event);
  }

  /** Number of listeners for `event`. */
  listenerCount(event: keyof Events): number {
    return this.#listeners?.get(event)?.length ?? 0;
  }

  /** Calls every listener of `event` in registration order with `payload`. */
  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    const current = this.#listeners?.get(event) as readonly Listener<Events[K]>[] | undefined;
    if (current === undefined) return;
    let firstError: { error: unknown } | undefined;
    for (const listener of current) {
      try {
        listener(payload);
      } catch (error) {
        if (this.#onListenerError !== undefined) this.#onListenerError(error, String(event));
        else firstError ??= { error };
      }
    }
    if (firstError !== undefined) throw firstError.error;
  }
}
