// Issue 24, page unload: a Chromium page with our UA goes away mid-call or mid-ring (closed with
// and without beforeunload handlers run, or navigated away), and the peer, another phone page
// registered through Kamailio, must see the call end within 1 s; Kamailio's location must lose
// the binding (our un-REGISTER, sent with credentials prepared in advance, since Kamailio
// challenges every REGISTER). JsSIP on the same page does nothing on unload: recorded.
import { afterAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { SIP_DOMAIN } from '../harness/kamailio.js';
import type { PhonePage } from '../harness/phone-page.js';
import { usePhones } from '../harness/phones.js';
import { useKamailio } from '../harness/scenario.js';

const scenario = useKamailio('page-unload');
const phones = usePhones(scenario);

/** The bound: the peer sees the call end within this after the page starts going. */
const BOUND_MS = 1000;
const lines: string[] = [];

afterAll(() => {
  for (const line of lines) console.log(line);
});

type Leave = 'close(runBeforeUnload)' | 'close()' | 'navigate away';

function leave(page: Page, how: Leave): Promise<unknown> {
  switch (how) {
    case 'close(runBeforeUnload)':
      return page.close({ runBeforeUnload: true });
    case 'close()':
      return page.close();
    case 'navigate away':
      return page.goto('about:blank');
  }
}

/** Ms until `user` has no binding in Kamailio's location, from `since` (Date.now()), or -1. */
async function bindingGoneAfter(user: string, since: number, limitMs = 3000): Promise<number> {
  for (;;) {
    if ((await scenario.kamailio.bindingsOf(user)).length === 0) return Date.now() - since;
    if (Date.now() - since > limitMs) return -1;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The peer's page time just before `leaving` goes, then the peer's end event of call `id`. */
async function measureEnd(
  peer: PhonePage,
  id: number,
  name: 'ended' | 'failed',
  leaving: () => Promise<unknown>,
): Promise<{ elapsed: number; cause: string | undefined }> {
  const t0 = await peer.now();
  const going = leaving();
  const end = await peer.event(id, name, { originator: 'remote', timeoutMs: 5000 });
  await going;
  return { elapsed: Math.round(end.at - t0), cause: end.cause };
}

let serial = 0;
async function pair(library: 'sipkit' | 'jssip' = 'sipkit') {
  serial += 1;
  const [leaving, peer] = await Promise.all([
    phones.open({ library, user: `leaver${serial}` }),
    phones.open({ library: 'sipkit', user: `peer${serial}` }),
  ]);
  return {
    leaving,
    peer,
    leavingUser: `leaver${serial}`,
    peerUri: `sip:peer${serial}@${SIP_DOMAIN}`,
  };
}

/** A confirmed call from the page that will go to the peer. */
async function callUp(leaving: PhonePage, peer: PhonePage, peerUri: string) {
  const id = await leaving.call(peerUri);
  const incoming = await peer.incomingCall(0);
  await peer.answer(incoming);
  await Promise.all([leaving.event(id, 'confirmed'), peer.event(incoming, 'confirmed')]);
  return incoming;
}

for (const how of ['close(runBeforeUnload)', 'close()', 'navigate away'] as const) {
  test(`mid-call, ${how}: the peer gets our BYE within 1 s, Kamailio loses the binding`, async () => {
    const { leaving, peer, leavingUser, peerUri } = await pair();
    const incoming = await callUp(leaving, peer, peerUri);
    expect(await scenario.kamailio.bindingsOf(leavingUser)).toHaveLength(1);
    const since = Date.now();
    const { elapsed } = await measureEnd(peer, incoming, 'ended', () => leave(leaving.page, how));
    const gone = await bindingGoneAfter(leavingUser, since);
    lines.push(
      `page-unload | sipkit mid-call ${how}: peer BYE after ${elapsed} ms, binding gone after ${gone} ms`,
    );
    expect(elapsed).toBeLessThanOrEqual(BOUND_MS);
    expect(gone).toBeGreaterThanOrEqual(0);
    await leaving.close();
    await peer.close();
  });
}

test('mid-ring, our page calling: the peer stops ringing (CANCEL) within 1 s', async () => {
  const { leaving, peer, leavingUser, peerUri } = await pair();
  const id = await leaving.call(peerUri);
  const incoming = await peer.incomingCall(0);
  await leaving.event(id, 'progress');
  const since = Date.now();
  const { elapsed, cause } = await measureEnd(peer, incoming, 'failed', () =>
    leave(leaving.page, 'close()'),
  );
  const gone = await bindingGoneAfter(leavingUser, since);
  lines.push(
    `page-unload | sipkit mid-ring outgoing close(): peer stopped ringing after ${elapsed} ms (${cause}), binding gone after ${gone} ms`,
  );
  expect(cause).toBe('Canceled');
  expect(elapsed).toBeLessThanOrEqual(BOUND_MS);
  expect(gone).toBeGreaterThanOrEqual(0);
  await leaving.close();
  await peer.close();
});

test('mid-ring, our page called: the caller gets 480 within 1 s', async () => {
  const { leaving, peer, leavingUser } = await pair();
  const id = await peer.call(`sip:${leavingUser}@${SIP_DOMAIN}`);
  await leaving.incomingCall(0);
  await peer.event(id, 'progress');
  const since = Date.now();
  const { elapsed, cause } = await measureEnd(peer, id, 'failed', () =>
    leave(leaving.page, 'close(runBeforeUnload)'),
  );
  const gone = await bindingGoneAfter(leavingUser, since);
  lines.push(
    `page-unload | sipkit mid-ring incoming close(runBeforeUnload): caller failed after ${elapsed} ms (${cause}), binding gone after ${gone} ms`,
  );
  expect(cause).toBe('Unavailable');
  expect(elapsed).toBeLessThanOrEqual(BOUND_MS);
  expect(gone).toBeGreaterThanOrEqual(0);
  await leaving.close();
  await peer.close();
});

test('JsSIP on the same page does nothing on unload (measured)', async () => {
  const { leaving, peer, leavingUser, peerUri } = await pair('jssip');
  const incoming = await callUp(leaving, peer, peerUri);
  await leaving.page.close();
  const ended = await peer
    .event(incoming, 'ended', { originator: 'remote', timeoutMs: 3000 })
    .then(() => true)
    .catch(() => false);
  const bindings = (await scenario.kamailio.bindingsOf(leavingUser)).length;
  lines.push(
    `page-unload | jssip mid-call close(): peer saw the call end within 3 s: ${String(ended)}; bindings left: ${bindings}`,
  );
  // JsSIP sends no un-REGISTER when its page goes: the binding outlives the page.
  expect(bindings).toBe(1);
  await peer.page.evaluate((id) => window.__phone.hangup(id), incoming);
  await leaving.close();
  await peer.close();
});
