import type { PageLifecycle, PageTransition } from '@sipkit/core';

/** A page lifecycle a test drives, and what it tells the UA. */
export interface FakePageLifecycle {
  /** Give it to the UA as `pageLifecycle`. */
  readonly lifecycle: PageLifecycle;
  /** How many watchers are attached (0 once the UA let go of the page). */
  readonly watching: number;
  /** The browser's `pagehide`; `persisted` means the page goes to the back/forward cache. */
  hide(persisted?: boolean): void;
  /** The browser's `pageshow`; `persisted` means the page came back from that cache. */
  show(persisted?: boolean): void;
}

/**
 * A `PageLifecycle` whose `pagehide` / `pageshow` a test fires by hand, for code that must act
 * while the page goes away (Node has no page; a browser test cannot unload on cue).
 *
 * @example
 * const page = fakePageLifecycle();
 * const ua = new UA(config, { pageLifecycle: page.lifecycle });
 * page.hide(); // the UA ends its calls and unregisters within the event
 */
export function fakePageLifecycle(): FakePageLifecycle {
  const listeners = new Set<(transition: PageTransition) => void>();
  const fire = (transition: PageTransition): void => {
    // A copy: a watcher may stop watching while it is told.
    for (const listener of [...listeners]) listener(transition);
  };
  return {
    lifecycle: {
      watch: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    get watching() {
      return listeners.size;
    },
    hide: (persisted = false) => fire({ type: 'hide', persisted }),
    show: (persisted = true) => fire({ type: 'show', persisted }),
  };
}
