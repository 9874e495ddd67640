import { sharedTabsAvailable, TabCoordinator, tabGroupOf } from '@sipkit/core';
import type { ResolvedTabsOptions } from './shared-tabs-member.js';
import { coreTabsHandover } from './tabs-handover.js';
import { coreTabsMedia } from './tabs-media.js';

/**
 * The browser's pieces: the core's `TabCoordinator` over `navigator.locks` and
 * `BroadcastChannel`, its availability check, the configuration's group, the media proxy and
 * the call handover.
 *
 * @example const { coordinator } = defaultTabsOptions();
 */
export function defaultTabsOptions(): ResolvedTabsOptions {
  return {
    groupOf: (config) => tabGroupOf(config),
    coordinator: (group) => new TabCoordinator({ group }),
    available: () => sharedTabsAvailable(),
    media: coreTabsMedia,
    handover: coreTabsHandover,
  };
}
