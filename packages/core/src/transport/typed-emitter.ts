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
  private readonly listeners = new Map<keyof Events, Set<Listener<never>>>();
  private readonly onListenerError: ListenerErrorHandler | undefined;

  /**
   * @param onListenerError receives errors thrown by listeners. Without it, the first error is
   *   rethrown once every listener has run.
   */
  constructor(onListenerError?: ListenerErrorHandler) {
    this.onListenerError = onListenerError;
  }

  /** Adds a listener; returns a function that removes it. */
  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
    let set = this.listeners.get(event);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener);
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
    const set = this.listeners.get(event);
    set?.delete(listener);
    if (set?.size === 0) this.listeners.delete(event);
  }

  /** Number of listeners for `event`. */
  listenerCount(event: keyof Events): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  /** Calls every listener of `event` in registration order with `payload`. */
  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    const set = this.listeners.get(event);
    if (set === undefined) return;
    let firstError: { error: unknown } | undefined;
    // Copy first: a listener may add or remove listeners while we iterate.
    for (const listener of [...set] as Listener<Events[K]>[]) {
      try {
        listener(payload);
      } catch (error) {
        if (this.onListenerError !== undefined) this.onListenerError(error, String(event));
        else firstError ??= { error };
      }
    }
    if (firstError !== undefined) throw firstError.error;
  }
}
