import type { Library } from '../page/phone/phone.js';
import type { Cluster } from './cluster.js';
import type { PhonePage } from './phone-page.js';
import type { Phones } from './phones.js';
import { waitUntil } from './wait.js';

/** JsSIP's default `connection_recovery_min_interval` (seconds), which both libraries run with. */
export const RECOVERY_MIN_INTERVAL_S = 2;

/**
 * The two phones of a cluster scenario: `a` has both nodes, node1 preferred (`sockets` weights 10
 * and 1, the issue's configuration) and answers every call; `b` is on node2 only, so a call
 * from `b` to `a` crosses from node2 to node1 through the Path of `a`'s binding.
 */
export async function openClusterPhones(
  phones: Phones,
  cluster: Cluster,
  library: Library,
  options: { readonly keepAliveInterval?: number } = {},
): Promise<{ a: PhonePage; b: PhonePage }> {
  const [a, b] = await Promise.all([
    phones.open({
      library,
      user: `a-${library}-${Date.now()}`,
      autoAnswer: true,
      sockets: [
        { url: cluster.node1.wsUrl, weight: 10 },
        { url: cluster.node2.wsUrl, weight: 1 },
      ],
      ...options,
    }),
    phones.open({
      library,
      user: `b-${library}-${Date.now()}`,
      sockets: [{ url: cluster.node2.wsUrl, weight: 1 }],
    }),
  ]);
  return { a, b };
}

/** The user part of a phone's AOR (what `ul.lookup` wants). */
export function userOf(phone: PhonePage): string {
  return phone.aor.replace(/^sip:|@.*$/g, '');
}

/** `from` calls `to` (which answers by itself); both call ids once both are confirmed. */
export async function placeCall(
  from: PhonePage,
  to: PhonePage,
): Promise<{ caller: number; callee: number }> {
  const waiting = (await to.state()).calls.length;
  const caller = await from.call(to.aor);
  const callee = await to.incomingCall(waiting);
  await Promise.all([from.event(caller, 'confirmed'), to.event(callee, 'confirmed')]);
  return { caller, callee };
}

/** Audio packets received so far on call `id` of `phone` (0 before any). */
export async function packetsIn(phone: PhonePage, id: number): Promise<number> {
  return (await phone.inboundAudio(id).catch(() => undefined))?.packetsReceived ?? 0;
}

/** Waits until call `id` of `phone` has received more audio packets than `than`; the count. */
export function audioRisesAbove(
  phone: PhonePage,
  id: number,
  than: number,
  timeoutMs = 5000,
): Promise<number> {
  return waitUntil(
    `${phone.library} ${phone.aor} call ${id} to receive audio beyond ${than} packets`,
    async () => {
      const packets = await packetsIn(phone, id);
      return packets > than ? packets : undefined;
    },
    timeoutMs,
    100,
  );
}

/** Names and causes of a call's events, for reports: `confirmed ended/remote(Terminated)`. */
export async function callStory(phone: PhonePage, id: number): Promise<string> {
  const state = await phone.state();
  return (state.calls[id]?.events ?? [])
    .map(
      (e) =>
        `${e.name}${e.originator === undefined ? '' : `/${e.originator}`}${e.cause === undefined ? '' : `(${e.cause})`}`,
    )
    .join(' ');
}
