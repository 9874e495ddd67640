// Public API of the subscription hooks (re-exported from the package root): presence, busy
// lamps, message waiting and our published presence. Nothing outside this folder imports it,
// so an app that uses none of these hooks bundles none of it (nor the core's subscriptions).
export {
  usePresence,
  availabilityOf,
  type Availability,
  type UsePresenceResult,
} from './use-presence.js';
export { useDialogState, type UseDialogStateResult } from './use-dialog-state.js';
export {
  useMessageWaiting,
  type UseMessageWaitingOptions,
  type UseMessageWaitingResult,
} from './use-message-waiting.js';
export { usePublishPresence, type UsePublishPresenceResult } from './use-publish-presence.js';
export type {
  BusyLampState,
  PresenceStatus,
  PublishedPresenceState,
  SubscriptionsState,
  WatchState,
  WatchStatus,
} from './subscription-state.js';
