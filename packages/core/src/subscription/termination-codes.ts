/**
 * Why a subscriber ended, with JsSIP 3.13's numbers (`Subscriber.C`), so code that compares
 * them moves over unchanged.
 *
 * @example subscriber.on('terminated', ({ code }) => code === SubscriberTermination.FINAL_NOTIFY_RECEIVED);
 */
export const SubscriberTermination = {
  SUBSCRIBE_RESPONSE_TIMEOUT: 0,
  SUBSCRIBE_TRANSPORT_ERROR: 1,
  SUBSCRIBE_NON_OK_RESPONSE: 2,
  SUBSCRIBE_WRONG_OK_RESPONSE: 3,
  SUBSCRIBE_AUTHENTICATION_FAILED: 4,
  UNSUBSCRIBE_TIMEOUT: 5,
  FINAL_NOTIFY_RECEIVED: 6,
  WRONG_NOTIFY_RECEIVED: 7,
} as const;

/** One of `SubscriberTermination`'s values. */
export type SubscriberTerminationCode =
  (typeof SubscriberTermination)[keyof typeof SubscriberTermination];

/**
 * Why a notifier ended, with JsSIP 3.13's numbers (`Notifier.C`).
 *
 * @example notifier.on('terminated', ({ code }) => code === NotifierTermination.UNSUBSCRIBE_RECEIVED);
 */
export const NotifierTermination = {
  NOTIFY_RESPONSE_TIMEOUT: 0,
  NOTIFY_TRANSPORT_ERROR: 1,
  NOTIFY_NON_OK_RESPONSE: 2,
  NOTIFY_AUTHENTICATION_FAILED: 3,
  FINAL_NOTIFY_SENT: 4,
  UNSUBSCRIBE_RECEIVED: 5,
  SUBSCRIPTION_EXPIRED: 6,
} as const;

/** One of `NotifierTermination`'s values. */
export type NotifierTerminationCode =
  (typeof NotifierTermination)[keyof typeof NotifierTermination];
