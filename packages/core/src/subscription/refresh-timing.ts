/**
 * When to refresh a subscription (or publication) that lasts `expires` seconds, in milliseconds
 * from now. RFC 6665 §4.1.2.2 leaves it to the subscriber; the margin must cover a whole
 * non-INVITE transaction (64*T1 = 32 s, RFC 3261 §17.1.2.2) plus the minute by which browsers
 * may delay timers in background tabs, so long intervals refresh 92 s early and short ones at
 * half time.
 *
 * @example refreshDelay(600) // 508_000
 */
export function refreshDelay(expires: number): number {
  const margin = expires >= 2 * REFRESH_MARGIN ? REFRESH_MARGIN : expires / 2;
  return Math.max(0, (expires - margin) * 1000);
}

/** Seconds before expiry that a long subscription is refreshed: Timer F plus a throttled minute. */
export const REFRESH_MARGIN = 92;
