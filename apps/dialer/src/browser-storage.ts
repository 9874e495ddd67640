import type { KeyValueStorage } from './settings/settings-storage.js';

/**
 * `localStorage`, or undefined where there is none or reading it throws (some browsers'
 * private modes, sandboxed frames): the dialer then works and just forgets.
 *
 * @example saveSettings(browserStorage(), settings)
 */
export function browserStorage(): KeyValueStorage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}
