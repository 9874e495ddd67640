import { describe, expect, it } from 'vitest';
import { browserPageLifecycle, type PageTransition } from './page-lifecycle.js';

/** A window-like scope: an EventTarget that knows `onpagehide`, as every browser window does. */
function fakeWindow() {
  const window = new EventTarget() as EventTarget & { onpagehide: null };
  window.onpagehide = null;
  return window;
}

function pageEvent(type: string, persisted: boolean): Event {
  return Object.assign(new Event(type), { persisted });
}

describe('browserPageLifecycle', () => {
  it('reports pagehide and pageshow with `persisted` until stopped', () => {
    const window = fakeWindow();
    const seen: PageTransition[] = [];
    const stop = browserPageLifecycle(window)!.watch((transition) => seen.push(transition));
    window.dispatchEvent(pageEvent('pagehide', true));
    window.dispatchEvent(pageEvent('pageshow', true));
    window.dispatchEvent(pageEvent('pagehide', false));
    expect(seen).toEqual([
      { type: 'hide', persisted: true },
      { type: 'show', persisted: true },
      { type: 'hide', persisted: false },
    ]);
    stop();
    window.dispatchEvent(pageEvent('pagehide', false));
    expect(seen).toHaveLength(3);
  });

  it('listens to neither beforeunload nor unload nor visibility changes', () => {
    const window = fakeWindow();
    const seen: PageTransition[] = [];
    browserPageLifecycle(window)!.watch((transition) => seen.push(transition));
    for (const type of ['beforeunload', 'unload', 'visibilitychange', 'freeze']) {
      window.dispatchEvent(new Event(type));
    }
    expect(seen).toEqual([]);
  });

  it('is undefined where there is no window (Node, a server render, a worker)', () => {
    expect(browserPageLifecycle({})).toBeUndefined();
    expect(browserPageLifecycle(new EventTarget())).toBeUndefined(); // no onpagehide
    expect(browserPageLifecycle(undefined)).toBeUndefined();
    expect(browserPageLifecycle(null)).toBeUndefined();
  });
});
