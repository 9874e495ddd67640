/** Bounds of the reconnection backoff, in seconds (JsSIP's `connection_recovery_*_interval`). */
export interface RecoveryIntervals {
  /** `connection_recovery_min_interval`: the shortest wait, and the base of the doubling. */
  readonly min: number;
  /** `connection_recovery_max_interval`: no wait is longer than this. */
  readonly max: number;
}

/** The first wait's jitter window, in seconds (at most `min`): see `recoveryDelay`. */
const FIRST_WAIT_SPREAD_S = 0.5;

/** JsSIP's defaults: 2 and 30 seconds. */
export const DEFAULT_RECOVERY_INTERVALS: RecoveryIntervals = Object.freeze({ min: 2, max: 30 });

/**
 * How long to wait, in milliseconds, before recovery attempt `attempt` (0 for the first attempt
 * after a connection was lost or after every socket failed):
 *
 *     upper(0) = min(max, min + min(min, 0.5))
 *     upper(k) = min(max, min * 2^(k+1))            for k >= 1
 *     delay(k) = (min + random() * (upper(k) - min)) * 1000 ms
 *
 * so the wait is uniformly random in [min, upper(k)) seconds: [min, min + 0.5) for the first
 * (with JsSIP's 2 s: [2, 2.5)), then [min, 4min), [min, 8min), ... until the ceiling `max`. Every
 * wait is jittered, the first one too: when a server restarts, every client it had loses its
 * connection in the same instant, and a fixed first wait would bring them all back in the same
 * instant as well (a thundering herd). The first window is kept short because it is the one a
 * failover waits out: a client of a dead cluster node is registered on the next node within
 * min + 1 s (issue 22), while half a second still spreads a node's clients over 25 slots of
 * 20 ms. The doubling backs off from a server that stays down. The bounds are JsSIP's meaning of
 * `connection_recovery_min_interval` / `_max_interval` (no wait shorter than min nor longer than
 * max); with `min >= max` every wait is `max`. `random` returns a number in [0, 1), like
 * `Math.random`.
 *
 * @example
 * ```ts
 * recoveryDelay(0, { min: 2, max: 30 }, () => 0.5); // (2 + 0.5 * (2.5 - 2)) * 1000 = 2250
 * recoveryDelay(2, { min: 2, max: 30 }, () => 0.5); // (2 + 0.5 * (16 - 2)) * 1000 = 9000
 * recoveryDelay(10, { min: 2, max: 30 }, () => 0.5); // (2 + 0.5 * (30 - 2)) * 1000 = 16000
 * ```
 */
export function recoveryDelay(
  attempt: number,
  intervals: RecoveryIntervals,
  random: () => number,
): number {
  // 2 ** k overflows to Infinity for huge k, which Math.min turns into `max`: no special case.
  const lower = Math.min(intervals.min, intervals.max);
  const upper = Math.min(
    intervals.max,
    attempt === 0
      ? intervals.min + Math.min(intervals.min, FIRST_WAIT_SPREAD_S)
      : intervals.min * 2 ** (attempt + 1),
  );
  return (lower + random() * Math.max(0, upper - lower)) * 1000;
}
