import { createContext, useContext } from 'react';
import type { CallShortcutAction, CallShortcuts } from './call-shortcuts.js';

/**
 * The shortcuts in force below a `<Softphone>` (or your own provider), so buttons can announce
 * theirs with `aria-keyshortcuts`. Undefined: no shortcuts, nothing announced.
 *
 * @example <CallShortcutsContext.Provider value={DEFAULT_CALL_SHORTCUTS}>…</CallShortcutsContext.Provider>
 */
export const CallShortcutsContext = createContext<CallShortcuts | undefined>(undefined);

/**
 * The `aria-keyshortcuts` value of an action where shortcuts are in force, else undefined.
 *
 * @example <button aria-keyshortcuts={useShortcutOf('hangup')}>Hang up</button>
 */
export function useShortcutOf(action: CallShortcutAction): string | undefined {
  return useContext(CallShortcutsContext)?.[action];
}
