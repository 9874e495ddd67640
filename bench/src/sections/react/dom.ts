import { JSDOM } from 'jsdom';

/**
 * A jsdom window as the globals React DOM expects (`window`, `document`, `navigator`, the element
 * classes...). Only what Node lacks is copied, so Node's own timers and microtasks stay in place.
 */
export function installJsdom(): JSDOM {
  const dom = new JSDOM('<!doctype html><html><body><div id="app"></div></body></html>', {
    url: 'http://localhost/',
    pretendToBeVisual: true,
  });
  const window = dom.window as unknown as Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(window)) {
    if (key in globalThis) continue;
    Object.defineProperty(globalThis, key, { configurable: true, get: () => window[key] });
  }
  return dom;
}
