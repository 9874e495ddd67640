/**
 * Multi-tab (issue 25): one tab of a group runs the UA, the others follow it. Nothing here is
 * imported by the UA, so an app that does not share its phone across tabs pays no bytes for it.
 */
export * from './tab-transport.js';
export type {
  TabCoordinatorEvents,
  TabCoordinatorOptions,
  TabEnvelope,
  TabGoneReason,
  TabMessage,
  TabRole,
} from './tab-coordinator-options.js';
export { TabCoordinator } from './tab-coordinator.js';
export { TabCoordinatorError } from './tab-coordinator-error.js';
export { TabLiveness, type TabLivenessActions } from './tab-liveness.js';
export { tabGroupOf, type TabGroupIdentity } from './tab-group.js';
export {
  sharedTabsAvailable,
  type SharedTabsEnvironment,
  type SharedTabsSupport,
} from './shared-tabs-available.js';
