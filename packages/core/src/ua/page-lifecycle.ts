/**
 * A page going away or coming back (the `pagehide` / `pageshow` events): `persisted` is true
 * when the page goes into, or comes back from, the back/forward cache rather than being
 * destroyed.
 */
export interface PageTransition {
  readonly type: 'hide' | 'show';
  readonly persisted: boolean;
}

/**
 * Where a UA learns that its page is going away, injectable like `NetworkEnvironment`: the
 * default watches the window (`browserPageLifecycle()`); tests drive their own; in Node or a
 * server render there is none.
 *
 * @example
 * const listeners = new Set<(transition: PageTransition) => void>();
 * const pageLifecycle: PageLifecycle = {
 *   watch: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
 * };
 * new UA(configuration, { pageLifecycle });
 * listeners.forEach((l) => l({ type: 'hide', persisted: false }));
 */
export interface PageLifecycle {
  /** Calls `listener` on every transition from now on; returns the function that stops it. */
  watch(listener: (transition: PageTransition) => void): () => void;
}

/** The part of a window a page lifecycle needs. */
interface PageEventSource {
  addEventListener(type: string, listener: (event: PageEventLike) => void): void;
  removeEventListener(type: string, listener: (event: PageEventLike) => void): void;
}

interface PageEventLike {
  readonly type: string;
  readonly persisted?: boolean;
}

/**
 * The window's `pagehide` and `pageshow`. Only these: `pagehide` is the one event every browser
 * fires when a page goes, on closing, reloading and navigating away alike (mobile browsers that
 * kill a background tab fire nothing at all). `beforeunload` is not used: mobile browsers often
 * skip it, it fires before a "leave this page?" prompt the user may refuse (the calls would end
 * although the page stays), and a listener keeps pages out of some back/forward caches.
 * `unload` is deprecated and blocks those caches too. Undefined where there is no window.
 *
 * @example new UA(configuration, { pageLifecycle: browserPageLifecycle() ?? null });
 */
export function browserPageLifecycle(scope: unknown = globalThis): PageLifecycle | undefined {
  const window = scope as PageEventSource | undefined;
  if (typeof window?.addEventListener !== 'function' || !('onpagehide' in window)) {
    return undefined;
  }
  return {
    watch: (listener) => {
      const transition = (event: PageEventLike): void =>
        listener({
          type: event.type === 'pagehide' ? 'hide' : 'show',
          persisted: !!event.persisted,
        });
      window.addEventListener('pagehide', transition);
      window.addEventListener('pageshow', transition);
      return () => {
        window.removeEventListener('pagehide', transition);
        window.removeEventListener('pageshow', transition);
      };
    },
  };
}
