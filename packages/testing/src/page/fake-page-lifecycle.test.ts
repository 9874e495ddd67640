import type { PageTransition } from '@sipkit/core';
import { describe, expect, it } from 'vitest';
import { fakePageLifecycle } from './fake-page-lifecycle.js';

describe('fakePageLifecycle', () => {
  it('tells each watcher the hide and show it fires, with the defaults of a real unload', () => {
    const page = fakePageLifecycle();
    const seen: PageTransition[] = [];
    const unwatch = page.lifecycle.watch((transition) => seen.push(transition));
    expect(page.watching).toBe(1);
    page.hide();
    page.show();
    page.hide(true);
    page.show(false);
    expect(seen).toEqual([
      { type: 'hide', persisted: false },
      { type: 'show', persisted: true },
      { type: 'hide', persisted: true },
      { type: 'show', persisted: false },
    ]);
    unwatch();
    expect(page.watching).toBe(0);
    page.hide();
    expect(seen).toHaveLength(4);
  });

  it('tells the watchers attached when it fires, even if one stops watching meanwhile', () => {
    const page = fakePageLifecycle();
    const seen: string[] = [];
    const unwatchFirst = page.lifecycle.watch(() => {
      seen.push('first');
      unwatchFirst();
    });
    page.lifecycle.watch(() => seen.push('second'));
    page.hide();
    expect(seen).toEqual(['first', 'second']);
    expect(page.watching).toBe(1);
  });
});
