/** Bounds of the reconnection backoff, in seconds (JsSIP's `connection_recovery_*_interval`). */
export interface RecoveryIntervals {
  /** `connection_recovery_min_interval`: the shortest wait, and the base of the doubling. */
  readonly min: number;
  /** `connection_recovery_max_interval`: no wait is longer than this. */
  readonly max: number;
}

/** JsSIP's defaults: 2 and 30 seconds. */
export const DEFAULT_RECOVERY_INTERVALS: RecoveryIntervals = Object.freeze({ min: 2, max: 30 });

/**
 * How long to wait, in milliseconds, before recovery attempt `attempt` (0 for the first attempt
 * after a connection was lost or after every socket failed):
 *
 *     upper(k) = min(max, min * 2^k)
 *     delay(k) = (min + random() * (upper(k) - min)) * 1000 ms
 *
 * so the wait is uniformly random in [min, upper(k)) seconds: exactly `min` for k = 0, then
 * [min, 2min), [min, 4min), ... until the ceiling `max`. The randomness spreads the reconnections
 * of many clients after a server restart; the doubling backs off from a server that stays down.
 * `random` returns a number in [0, 1), like `Math.random`.
 *
 * @example
 * ```ts
 * recoveryDelay(0, { min: 2, max: 30 }, Math.random); // 2000
 * recoveryDelay(3, { min: 2, max: 30 }, () => 0.5); // (2 + 0.5 * (16 - 2)) * 1000 = 9000
 * recoveryDelay(10, { min: 2, max: 30 }, () => 0.5); // (2 + 0.5 * (30 - 2)) * 1000 = 16000
 * ```
 */
export function recoveryDelay(
  attempt: number,
  intervals: RecoveryIntervals,
  random: () => number,
): number {
  // 2 ** k overflows to Infinity for huge k, which Math.min turns into `max`: no special case.
  const upper = Math.min(intervals.max, intervals.min * 2 ** attempt);
  return (intervals.min + random() * (upper - intervals.min)) * 1000;
}
