import type { KeyValueStorage } from '../settings/settings-storage.js';

/** A `Storage` stand-in that shows exactly what was written. */
export function memoryStorage(): KeyValueStorage & { readonly data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
  };
}
