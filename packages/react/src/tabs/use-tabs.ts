import { useSipStore } from '../hooks/use-sip-store.js';
import { SINGLE_TAB, type TabsState } from './tabs-state.js';

/**
 * This tab's part in the phone: `mode` (`shared` with `sharedTabs`, else `single`, with the
 * `reason` when sharing was asked for but the browser cannot), `role` (`owner` runs the UA,
 * `follower` mirrors it, `pending` while the election runs) and `tabId`.
 *
 * @example
 * const { mode, role } = useTabs();
 * return <span data-sipkit-tab-role={role}>{mode === 'shared' ? role : 'this tab only'}</span>;
 */
export function useTabs(): TabsState {
  return useSipStore((s) => s.tabs ?? SINGLE_TAB);
}
