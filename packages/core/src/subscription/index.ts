// Public API of subscriptions (re-exported from the package root): RFC 6665 subscriber and
// notifier, installed per UA by `subscriptions(ua)`. Nothing here is reached from `UserAgent`,
// so an app that does not subscribe bundles none of it.
export { subscriptions, type Subscriptions } from './subscriptions.js';
export { Subscriber } from './subscriber.js';
export {
  DEFAULT_SUBSCRIBE_EXPIRES,
  type SubscriberEvents,
  type SubscriberOptions,
  type SubscriberState,
} from './subscriber-types.js';
export {
  Notifier,
  type NotifierEvents,
  type NotifierOptions,
  type NotifierState,
} from './notifier.js';
export {
  SubscriberTermination,
  NotifierTermination,
  type SubscriberTerminationCode,
  type NotifierTerminationCode,
} from './termination-codes.js';
export { afterTermination, PROBATION_RETRY, type AfterTermination } from './termination-policy.js';
export { refreshDelay, REFRESH_MARGIN } from './refresh-timing.js';
