import type { TabsMode } from '../client/tabs-mode.js';
import { SharedTabsMember, type ResolvedTabsOptions } from './shared-tabs-member.js';
import type { SharedTabsOptions } from './tabs-plugins.js';
import { defaultTabsOptions } from './default-tabs-options.js';
import { tabsHostOf } from './tabs-host.js';

/**
 * A `tabs` value built from `options` (a coordinator over fake locks and channels in tests,
 * another runtime's). Each provider given it joins the group its configuration names.
 *
 * @example
 * const tabs = createSharedTabs({ coordinator: (group) => new TabCoordinator({ group, locks, openChannel }) });
 * <SipProvider config={config} tabs={tabs}>…</SipProvider>
 */
export function createSharedTabs(options: SharedTabsOptions = {}): TabsMode {
  return {
    join: (client, actions, config, clientOptions) => {
      const defaults = defaultTabsOptions();
      const resolved: ResolvedTabsOptions = {
        ...options,
        groupOf: options.groupOf ?? defaults.groupOf,
        coordinator: options.coordinator ?? defaults.coordinator,
        available:
          options.available ?? (options.coordinator === undefined ? defaults.available : okay),
        media: options.media ?? defaults.media,
        handover: options.handover ?? defaults.handover,
      };
      return new SharedTabsMember(tabsHostOf(client, actions, config, clientOptions), resolved);
    },
  };
}

const okay = (): { readonly ok: true } => ({ ok: true });

/**
 * One phone across tabs: give it to `<SipProvider tabs>` and every tab of the app with the
 * same configuration (uri and servers) shares one UA, one WebSocket and one registration. One
 * tab (the owner, elected with the Web Locks API) runs the UA; the others mirror its store over
 * a `BroadcastChannel` and send it their actions, so the same hooks and components work in
 * every tab. A call's media runs in the tab that placed or answered it. When the owner tab
 * closes, another takes over, registers again and goes on with the established calls. Where the
 * browser has no Web Locks or `BroadcastChannel`, each tab runs its own phone and `useTabs()`
 * says `single` and why.
 *
 * @example
 * import { SipProvider, sharedTabs, useTabs } from '@sipkit/react';
 * <SipProvider config={config} tabs={sharedTabs}><Phone /></SipProvider>
 */
export const sharedTabs: TabsMode = /* @__PURE__ */ createSharedTabs();
