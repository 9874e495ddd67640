import type { TabLock, TabLockCallback, TabLockOptions, TabLocks } from '@sipkit/core';

interface LockRequest {
  readonly owner: string;
  readonly name: string;
  readonly callback: TabLockCallback<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (reason: unknown) => void;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: () => void;
}

interface HeldLock {
  readonly request: LockRequest;
}

function domException(message: string, name: string): Error {
  return new DOMException(message, name);
}

/**
 * One browser's Web Locks, shared by every fake tab: exclusive locks granted in request order,
 * held until the callback's promise settles or the holding tab closes. Internal to
 * `createFakeTabEnvironment`; each tab sees it through `locksFor(tab)`.
 */
export class FakeLockManager {
  readonly #held = new Map<string, HeldLock>();
  readonly #queues = new Map<string, LockRequest[]>();
  readonly #closedTabs = new Set<string>();

  /** The tab holding `name`, if any. */
  holderOf(name: string): string | undefined {
    return this.#held.get(name)?.request.owner;
  }

  /** Tabs waiting for `name`, in the order they will get it. */
  waitingFor(name: string): readonly string[] {
    return (this.#queues.get(name) ?? []).map((request) => request.owner);
  }

  /** The lock manager one tab sees. */
  locksFor(tab: string): TabLocks {
    const request = <T>(
      name: string,
      optionsOrCallback: TabLockOptions | TabLockCallback<T>,
      maybeCallback?: TabLockCallback<T>,
    ): Promise<Awaited<T>> => {
      const options = typeof optionsOrCallback === 'function' ? {} : optionsOrCallback;
      const callback = typeof optionsOrCallback === 'function' ? optionsOrCallback : maybeCallback;
      if (callback === undefined) {
        return Promise.reject(new TypeError('locks.request: a callback is required'));
      }
      return this.#request(tab, name, options, callback as TabLockCallback<unknown>) as Promise<
        Awaited<T>
      >;
    };
    return { request } as TabLocks;
  }

  /** The tab is gone: its locks are released and its waiting requests dropped. */
  closeTab(tab: string): void {
    this.#closedTabs.add(tab);
    for (const [name, queue] of this.#queues) {
      const kept = queue.filter((request) => request.owner !== tab);
      for (const request of queue) {
        if (request.owner !== tab) continue;
        this.#forget(request);
        // A closed tab's code never runs again in a browser; settling its request anyway lets a
        // test stop that tab's coordinator without waiting forever.
        request.reject(domException('The tab was closed', 'AbortError'));
      }
      this.#queues.set(name, kept);
    }
    for (const [name, held] of [...this.#held]) {
      if (held.request.owner === tab) this.#release(name, held);
    }
  }

  #request(
    owner: string,
    name: string,
    options: TabLockOptions,
    callback: TabLockCallback<unknown>,
  ): Promise<unknown> {
    if (this.#closedTabs.has(owner)) {
      return Promise.reject(domException('The tab is closed', 'InvalidStateError'));
    }
    // The Web Locks spec refuses this pair: a request that never waits cannot be aborted.
    if (options.ifAvailable === true && options.signal !== undefined) {
      return Promise.reject(
        domException('signal and ifAvailable cannot be used together', 'NotSupportedError'),
      );
    }
    if (options.signal?.aborted === true) {
      return Promise.reject(abortReason(options.signal));
    }
    return new Promise((resolve, reject) => {
      const signal = options.signal;
      const request: LockRequest = {
        owner,
        name,
        callback,
        resolve,
        reject,
        signal,
        onAbort: () => this.#abort(request),
      };
      const queue = this.#queues.get(name) ?? [];
      const grantable = !this.#held.has(name) && queue.length === 0;
      if (options.ifAvailable === true && !grantable) {
        // Not granted: the callback runs with null, as a task (never synchronously).
        queueMicrotask(() => this.#run(request, null));
        return;
      }
      signal?.addEventListener('abort', request.onAbort, { once: true });
      this.#queues.set(name, queue.concat([request]));
      this.#grantNext(name);
    });
  }

  #abort(request: LockRequest): void {
    const queue = this.#queues.get(request.name) ?? [];
    if (!queue.includes(request)) return; // granted already: aborting changes nothing
    this.#queues.set(
      request.name,
      queue.filter((other) => other !== request),
    );
    request.reject(abortReason(request.signal));
  }

  #forget(request: LockRequest): void {
    request.signal?.removeEventListener('abort', request.onAbort);
  }

  #grantNext(name: string): void {
    if (this.#held.has(name)) return;
    const [next, ...rest] = this.#queues.get(name) ?? [];
    if (next === undefined) return;
    this.#queues.set(name, rest);
    this.#forget(next);
    const held: HeldLock = { request: next };
    this.#held.set(name, held);
    // Granted as a task, like a browser: the requester's code after `request()` runs first.
    queueMicrotask(() => {
      if (this.#held.get(name) !== held) return; // the tab closed before the grant ran
      const lock: TabLock = { name };
      this.#run(next, lock, held);
    });
  }

  #run(request: LockRequest, lock: TabLock | null, held?: HeldLock): void {
    let result: Promise<unknown>;
    try {
      result = Promise.resolve(request.callback(lock));
    } catch (error) {
      result = Promise.reject(error);
    }
    result.then(
      (value) => {
        if (held !== undefined) this.#release(request.name, held);
        request.resolve(value);
      },
      (error: unknown) => {
        if (held !== undefined) this.#release(request.name, held);
        request.reject(error);
      },
    );
  }

  #release(name: string, held: HeldLock): void {
    if (this.#held.get(name) !== held) return;
    this.#held.delete(name);
    this.#grantNext(name);
  }
}

function abortReason(signal: AbortSignal | undefined): unknown {
  return signal?.reason ?? domException('The request was aborted', 'AbortError');
}
