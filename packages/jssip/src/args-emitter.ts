/** A listener of an event whose arguments are positional, as JsSIP's Subscriber/Notifier emit. */
export type ArgsListener<Args extends unknown[]> = (...args: Args) => void;

/**
 * The Node-style emitter surface JsSIP's `Subscriber` and `Notifier` have, whose events carry
 * several arguments (`notify(isFinal, request, body, contentType)`), unlike the UA's and
 * RTCSession's one-object payloads (`EventEmitter`).
 *
 * @example
 * const emitter = new ArgsEmitter<{ notify: [boolean, string] }>();
 * emitter.on('notify', (isFinal, body) => console.log(isFinal, body));
 */
export class ArgsEmitter<Events extends { [K in keyof Events]: unknown[] }> {
  readonly #listeners = new Map<keyof Events, Array<ArgsListener<never>>>();

  on<K extends keyof Events>(event: K, listener: ArgsListener<Events[K]>): this {
    this.#listeners.set(event, [
      ...(this.#listeners.get(event) ?? []),
      listener as ArgsListener<never>,
    ]);
    return this;
  }

  addListener<K extends keyof Events>(event: K, listener: ArgsListener<Events[K]>): this {
    return this.on(event, listener);
  }

  once<K extends keyof Events>(event: K, listener: ArgsListener<Events[K]>): this {
    const wrapper = (...args: Events[K]): void => {
      this.off(event, wrapper);
      listener(...args);
    };
    return this.on(event, Object.assign(wrapper, { listener }));
  }

  off<K extends keyof Events>(event: K, listener: ArgsListener<Events[K]>): this {
    const list = this.#listeners.get(event) as
      Array<ArgsListener<never> & { listener?: unknown }> | undefined;
    if (list === undefined) return this;
    for (let index = list.length - 1; index >= 0; index -= 1) {
      if (list[index] === listener || list[index]?.listener === listener) {
        list.splice(index, 1);
        break;
      }
    }
    return this;
  }

  removeListener<K extends keyof Events>(event: K, listener: ArgsListener<Events[K]>): this {
    return this.off(event, listener);
  }

  removeAllListeners(event?: keyof Events): this {
    if (event === undefined) this.#listeners.clear();
    else this.#listeners.delete(event);
    return this;
  }

  listeners<K extends keyof Events>(event: K): Array<ArgsListener<Events[K]>> {
    return [...(this.#listeners.get(event) ?? [])] as Array<ArgsListener<Events[K]>>;
  }

  listenerCount(event: keyof Events): number {
    return this.#listeners.get(event)?.length ?? 0;
  }

  emit<K extends keyof Events>(event: K, ...args: Events[K]): boolean {
    const list = this.#listeners.get(event);
    if (list === undefined || list.length === 0) return false;
    for (const listener of [...list]) (listener as ArgsListener<Events[K]>)(...args);
    return true;
  }
}
