import type { PhonePage } from './phone-page.js';

/** Inbound audio packets beyond the count at the start that mean audio flows (60 ms of Opus). */
const FLOWING = 3;
const POLL_MS = 50;

/**
 * Milliseconds from `since` (a `Date.now()`) until call `id` of `phone` receives audio again:
 * its inbound RTP `packetsReceived` rises by a few packets over the count read first. Undefined
 * when it does not within `timeoutMs`. Polls every 50 ms, so a value is up to that late.
 *
 * @example const ms = await timeToAudio(alice, id, restoredAt, 15_000);
 */
export async function timeToAudio(
  phone: PhonePage,
  id: number,
  since: number,
  timeoutMs: number,
): Promise<number | undefined> {
  const packets = async (): Promise<number> =>
    (await phone.inboundAudio(id).catch(() => undefined))?.packetsReceived ?? 0;
  const baseline = await packets();
  while (Date.now() - since < timeoutMs) {
    if ((await packets()) >= baseline + FLOWING) return Date.now() - since;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return undefined;
}

/** Waits until both pages of a call receive audio (the call's media is up); throws if not. */
export async function expectAudioBothWays(
  calls: readonly (readonly [PhonePage, number])[],
  timeoutMs = 10_000,
): Promise<void> {
  const start = Date.now();
  const times = await Promise.all(
    calls.map(([page, id]) => timeToAudio(page, id, start, timeoutMs)),
  );
  const silent = calls.filter((_, index) => times[index] === undefined);
  if (silent.length > 0) {
    const who = await Promise.all(silent.map(([page, id]) => page.describe(id)));
    throw new Error(`no audio within ${timeoutMs} ms: ${who.join(' | ')}`);
  }
}
