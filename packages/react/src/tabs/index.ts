export { sharedTabs, createSharedTabs } from './shared-tabs.js';
export { useTabs } from './use-tabs.js';
export { SINGLE_TAB, type TabsState } from './tabs-state.js';
export { TabActionError, type ActionFailure } from './forwarded-actions.js';
export type { TabGroup, TabMessage, TabRole } from './tab-group.js';
export type {
  ServedMedia,
  SharedDialog,
  SharedTabsOptions,
  TabsAvailability,
  TabsHandover,
  TabsMedia,
} from './tabs-plugins.js';
export type { TabsHost } from './tabs-host.js';
