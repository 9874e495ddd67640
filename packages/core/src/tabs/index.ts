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
