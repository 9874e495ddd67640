import { createStore, type StoreApi } from 'zustand/vanilla';
import { initialSipState, type SipState } from './sip-state.js';

/**
 * A store of `SipState`: zustand's vanilla store, one per provider (never a module singleton).
 *
 * @example const store: SipStore = createSipStore();
 */
export type SipStore = StoreApi<SipState>;

/**
 * Makes an empty store. `<SipProvider>` makes its own; this is for code that drives a store
 * without React (tests, a Vue adapter).
 *
 * @example
 * const store = createSipStore();
 * store.subscribe((state) => console.log(state.registration.status));
 */
export function createSipStore(): SipStore {
  return createStore<SipState>()(() => initialSipState());
}
