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

type PageEventListener = (event: { readonly persisted?: boolean }) => void;

interface PageEventSource {
  addEventListener(type: string, listener: PageEventListener): void;
  removeEventListener(type: string, listener: PageEventListener): void;
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
  const window = scope as Partial<PageEventSource> & { onpagehide?: unknown };
  if (
    typeof window?.addEventListener !== 'function' ||
    typeof window.removeEventListener !== 'function' ||
    !('onpagehide' in window)
  ) {
    return undefined;
  }
  const source = window as PageEventSource;
  return {
    watch: (listener) => {
      const hide: PageEventListener = (event) =>
        listener({ type: 'hide', persisted: event.persisted === true });
      const show: PageEventListener = (event) =>
        listener({ type: 'show', persisted: event.persisted === true });
      source.addEventListener('pagehide', hide);
      source.addEventListener('pageshow', show);
      return () => {
        source.removeEventListener('pagehide', hide);
        source.removeEventListener('pageshow', show);
      };
    },
  };
}
