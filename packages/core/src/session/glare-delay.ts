/**
 * How long to wait before retrying a re-INVITE that got 491 Request Pending (RFC 3261 §14.1):
 * the owner of the Call-ID (the side that sent the initial INVITE) waits 2.1 to 4 s, the other
 * side 0 to 2 s, both in units of 10 ms, so the two retries cannot collide again.
 *
 * @example glareRetryDelay(true, Math.random) // e.g. 3170
 */
export function glareRetryDelay(ownsCallId: boolean, random: () => number): number {
  const [from, to] = ownsCallId ? [210, 400] : [0, 200];
  const units = from + Math.floor(random() * (to - from + 1));
  return Math.min(to, units) * 10;
}

/**
 * How many times in a row an offer of ours is retried after 491 before it is given up (the
 * promise resolves false, the call goes on). Real glare settles at the first retry, since the
 * §14.1 delays differ by side; a far end that answers 491 to everything would otherwise get a
 * re-INVITE every few seconds for the rest of the call, and our offer procedure would never end.
 */
export const MAX_GLARE_RETRIES = 5;
