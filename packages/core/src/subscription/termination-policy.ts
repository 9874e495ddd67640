import type { SubscriptionState } from '../message/index.js';

/** What a subscriber does after a NOTIFY with `Subscription-State: terminated`. */
export type AfterTermination =
  { readonly action: 'resubscribe'; readonly delay: number } | { readonly action: 'stop' };

/** Seconds a subscriber waits after `probation` when the notifier gave no `retry-after`. */
export const PROBATION_RETRY = 60;

/**
 * RFC 6665 §4.1.3 (reason codes of §4.1.3 and the registry of §8.2.3), as a decision:
 * `deactivated` and `timeout` ask for a new subscription at once; `probation` after `retry-after`
 * (or `PROBATION_RETRY` seconds); `giveup` after `retry-after` when there is one; `rejected`,
 * `noresource`, `invariant`, no reason or an unknown one end it. `delay` is in seconds.
 *
 * @example afterTermination(parseSubscriptionState('terminated;reason=deactivated')) // resubscribe now
 */
export function afterTermination(state: SubscriptionState): AfterTermination {
  switch (state.reason) {
    case 'deactivated':
    case 'timeout':
      return { action: 'resubscribe', delay: state.retryAfter ?? 0 };
    case 'probation':
      return { action: 'resubscribe', delay: state.retryAfter ?? PROBATION_RETRY };
    case 'giveup':
      return state.retryAfter === undefined
        ? { action: 'stop' }
        : { action: 'resubscribe', delay: state.retryAfter };
    default:
      return { action: 'stop' };
  }
}
