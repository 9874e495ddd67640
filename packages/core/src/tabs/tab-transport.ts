/**
 * What the tabs of one browser share: a lock manager (the Web Locks API) to elect the one tab
 * that runs the UA, and broadcast channels to talk. Both are structural subsets of the browser's
 * `LockManager` and `BroadcastChannel`, so `navigator.locks` and `new BroadcastChannel(name)` fit
 * as they are and tests pass the in-memory fakes of `@sipkit/testing` (`createFakeTabEnvironment`).
 */

/** A granted lock, as the Web Locks API hands it to the callback. */
export interface TabLock {
  readonly name: string;
}

/** The options of `TabLocks.request` that SipKit uses (locks are always exclusive). */
export interface TabLockOptions {
  /** Grant the lock only if it is free now; otherwise the callback gets `null` at once. */
  readonly ifAvailable?: boolean;
  /** Aborting it withdraws a request still waiting in the queue (a granted lock is unaffected). */
  readonly signal?: AbortSignal;
}

/** Called with the lock once granted (or `null` for an `ifAvailable` request that was not). */
export type TabLockCallback<T> = (lock: TabLock | null) => T;

/**
 * The part of the Web Locks API (`navigator.locks`) the tab coordinator uses. A lock is held
 * until the promise returned by the callback settles; waiting requests are granted in order.
 * The browser releases a tab's locks when the tab closes or crashes, which is what makes the
 * lock a reliable "owner is gone" signal.
 *
 * @example
 * const locks: TabLocks = navigator.locks;
 * await locks.request('sipkit:owner:abc', async () => {
 *   // this tab owns the phone until the promise settles
 * });
 */
export interface TabLocks {
  request<T>(name: string, callback: TabLockCallback<T>): Promise<Awaited<T>>;
  request<T>(
    name: string,
    options: TabLockOptions,
    callback: TabLockCallback<T>,
  ): Promise<Awaited<T>>;
}

/** A message as a `TabChannel` delivers it (a `MessageEvent` in a browser). */
export interface TabChannelMessage {
  /** A structured clone of what the sender posted. */
  readonly data: unknown;
}

/** A listener of `TabChannel` messages. */
export type TabChannelListener = (event: TabChannelMessage) => void;

/**
 * The part of `BroadcastChannel` the tab coordinator uses: every other open channel of the same
 * name (same origin) receives a structured clone of what is posted, asynchronously; the sending
 * channel never hears itself, and a closed channel neither sends nor receives.
 *
 * @example
 * const channel: TabChannel = new BroadcastChannel('sipkit:tabs:abc');
 * channel.addEventListener('message', (event) => console.log(event.data));
 * channel.postMessage({ hello: 'tabs' });
 */
export interface TabChannel {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: TabChannelListener): void;
  removeEventListener(type: 'message', listener: TabChannelListener): void;
  close(): void;
}

/** Opens the channel of a name (the default is `name => new BroadcastChannel(name)`). */
export type OpenTabChannel = (name: string) => TabChannel;

interface TabGlobals {
  readonly navigator?: { readonly locks?: unknown };
  readonly BroadcastChannel?: unknown;
}

function isTabLocks(value: unknown): value is TabLocks {
  return typeof (value as { request?: unknown } | null | undefined)?.request === 'function';
}

/**
 * The page's lock manager (`navigator.locks`), or undefined where there is none (an old browser,
 * an insecure context: Web Locks need https or localhost, Node, a server render).
 *
 * @example const locks = browserTabLocks() ?? fallbackToOneUaPerTab();
 */
export function browserTabLocks(scope: unknown = globalThis): TabLocks | undefined {
  const locks = (scope as TabGlobals | undefined)?.navigator?.locks;
  return isTabLocks(locks) ? locks : undefined;
}

/**
 * Opens real `BroadcastChannel`s, or undefined where the page has none.
 *
 * @example const open = browserOpenTabChannel(); const channel = open?.('sipkit:tabs:abc');
 */
export function browserOpenTabChannel(scope: unknown = globalThis): OpenTabChannel | undefined {
  const Channel = (scope as TabGlobals | undefined)?.BroadcastChannel;
  if (typeof Channel !== 'function') return undefined;
  const Constructor = Channel as new (name: string) => TabChannel;
  return (name) => new Constructor(name);
}
