import { sharedTabsAvailable, TabCoordinator, tabGroupOf } from '@sipkit/core';
import type { SharedTabsOptions } from './tabs-plugins.js';

/**
 * The browser's pieces: the core's `TabCoordinator` over `navigator.locks` and
 * `BroadcastChannel`, its availability check, and the configuration's group.
 *
 * @example const { coordinator } = defaultTabsOptions();
 */
export function defaultTabsOptions(): SharedTabsOptions & {
  readonly [K in 'groupOf' | 'coordinator' | 'available']-?: NonNullable<SharedTabsOptions[K]>;
} {
  return {
    groupOf: (config) => tabGroupOf(config),
    coordinator: (group) => new TabCoordinator({ group }),
    available: () => sharedTabsAvailable(),
  };
}
