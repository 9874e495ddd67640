/**
 * How this tab takes part in the phone: `single` (its own UA, as without `tabs`) or `shared`
 * (one UA for every tab of the group, run by the `owner`; `pending` while the election runs).
 *
 * @example const { mode, role } = useTabs(); if (mode === 'shared' && role === 'follower') showBadge();
 */
export interface TabsState {
  readonly mode: 'single' | 'shared';
  readonly role: 'owner' | 'follower' | 'pending';
  /** Why the mode is `single` although `sharedTabs` was asked for (e.g. no Web Locks API). */
  readonly reason?: string;
  /** This tab's id in the group; undefined in `single` mode. */
  readonly tabId: string | undefined;
}

/**
 * What a provider without `tabs` (or a server render) is: its own phone.
 *
 * @example useSipStore((s) => s.tabs ?? SINGLE_TAB)
 */
export const SINGLE_TAB: TabsState = { mode: 'single', role: 'owner', tabId: undefined };
