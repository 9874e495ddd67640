import { useStore } from 'zustand';
import { useSipContext } from '../sip-context.js';
import type { SipState } from '../store/sip-state.js';

/**
 * Reads from the nearest provider's store; the component re-renders only when the selected
 * value changes (`Object.is`). Select primitives or stable parts of the state; wrap selectors
 * that build new objects or arrays in `useShallow` (zustand's, re-exported by this package).
 *
 * @example const cause = useSipStore((s) => s.registration.cause);
 */
export function useSipStore<T>(selector: (state: SipState) => T): T {
  return useStore(useSipContext().store, selector);
}
