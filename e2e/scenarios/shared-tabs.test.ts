// Issue 25: one phone across tabs. Three tabs of one browser context (one profile: one Web Locks
// manager, one BroadcastChannel namespace) open the same page, `<SipProvider config
// tabs={sharedTabs}>` with the same account, through the recipe's Kamailio. The far end is
// baresip, a plain SIP phone over UDP, with rtpengine bridging its RTP to the tabs' WebRTC: it
// dials, its rtp_stats count what it heard, and its `hangup` is the far end's BYE. What Kamailio
// saw is read from its own counters (WebSocket handshakes, REGISTERs saved, usrloc contacts);
// what the tabs did from their WebSocket frames and what each shows (role, banner, calls).
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, type RunningBrowser } from '../harness/browser.js';
import type { PageServer } from '../harness/page-server.js';
import { serveSharedTabsPage, SharedTabs, type SharedTab } from '../harness/shared-tabs-page.js';
import { rtpStatsCount, lastRtpStats } from '../harness/topology/baresip.js';
import { PORTS, RECIPE_DOMAIN } from '../harness/topology/deploy.js';
import { kamailioCounters, type KamailioCounters } from '../harness/topology/kamailio-stats.js';
import { useTopology } from '../harness/topology/use-topology.js';
import { inDialogRequests } from '../harness/ws-frames.js';

const USERS: Readonly<Record<string, string>> = { alice: 'alice-pw', carol: 'carol-pw' };
const ALICE = `sip:alice@${RECIPE_DOMAIN}`;
/** The issue's bound: another tab owns signalling within 5 s of the owner tab closing. */
const TAKEOVER_BOUND_MS = 5000;
/** Inbound packets that mean audio flows (50 ms of 20 ms Opus frames is 2.5; 1 s is 50). */
const FLOWING = 50;

const topology = useTopology('shared-tabs', { users: USERS, rtpengine: true, baresip: 'carol' });
let chromium: RunningBrowser | undefined;
let server: PageServer | undefined;
let group: SharedTabs | undefined;
/** Measurements, printed as `shared-tabs | ...` lines at the end for the report. */
const measured: Record<string, number> = {};
/** Counts recorded (not asserted), printed with the times. */
const counted: Record<string, number> = {};

beforeAll(async () => {
  [chromium, server] = await Promise.all([
    launchChromium(topology.registry),
    serveSharedTabsPage(PORTS.pageHttp),
  ]);
}, 30_000);
afterAll(async () => {
  group?.saveFrames(topology.dir, 'alice');
  await group?.close().catch(() => undefined);
  await chromium?.close();
  await server?.close();
  console.log(
    `shared-tabs | ${[
      ...Object.entries(measured).map(([name, ms]) => `${name} ${Math.round(ms)} ms`),
      ...Object.entries(counted).map(([name, count]) => `${name} ${count}`),
    ].join(', ')}`,
  );
});

// A failed test must not leave the phone in a call for the next one.
afterEach(async () => {
  if ((await topology.rtpengine.calls().catch(() => [])).length > 0) {
    await topology.baresip.command('hangup').catch(() => undefined);
  }
});

const POLL = { timeout: 10_000, interval: 50 } as const;

/** Milliseconds from `since` until `probe` holds, polled every 50 ms (so up to 50 ms late). */
async function msUntil(
  what: string,
  since: number,
  probe: () => Promise<boolean>,
  timeoutMs = 10_000,
): Promise<number> {
  for (;;) {
    if (await probe().catch(() => false)) return Date.now() - since;
    if (Date.now() - since > timeoutMs) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function everyTab(
  tabs: readonly SharedTab[],
  probe: (tab: SharedTab) => Promise<boolean>,
): Promise<boolean> {
  return (await Promise.all(tabs.map(probe))).every(Boolean);
}

const registered = async (tab: SharedTab): Promise<boolean> =>
  (await tab.state()).registration === 'registered';
const packets = async (tab: SharedTab): Promise<number> =>
  (await tab.inboundAudio()).packetsReceived;
/** The REGISTERs that carried credentials (the first of each exchange is challenged, 401). */
const authorizedRegisters = (tabs: SharedTabs, since = 0) =>
  tabs.registers(since).filter(({ frame }) => /^Authorization:/im.test(frame.text));

describe('one phone across three tabs, through Kamailio', () => {
  let tabs: SharedTabs;
  let one: SharedTab;
  let two: SharedTab;
  let three: SharedTab;
  let start: KamailioCounters;

  beforeAll(async () => {
    if (chromium === undefined || server === undefined) throw new Error('not up yet');
    start = await kamailioCounters(topology.kamailio);
    tabs = group = await SharedTabs.create(chromium.browser, server, {
      ws: topology.kamailio.wsUrl,
      user: 'alice',
      domain: RECIPE_DOMAIN,
      password: USERS['alice'] ?? '',
    });
  });

  test('three tabs: one WebSocket and one REGISTER at Kamailio, one owner', async () => {
    const openedAt = Date.now();
    one = await tabs.open();
    measured['first tab registered'] = await msUntil('tab 1 registered', openedAt, () =>
      registered(one),
    );
    two = await tabs.open();
    three = await tabs.open();
    await expect.poll(() => everyTab([one, two, three], registered), POLL).toBe(true);

    expect(await one.role()).toEqual({ role: 'owner', mode: 'shared' });
    expect(await two.role()).toEqual({ role: 'follower', mode: 'shared' });
    expect(await three.role()).toEqual({ role: 'follower', mode: 'shared' });
    // The three tabs are one group: the same tab ids known everywhere, different ones per tab.
    const ids = await Promise.all(
      [one, two, three].map(async (t) => (await t.state()).tabs?.tabId),
    );
    expect(new Set(ids).size).toBe(3);

    // What Kamailio saw: one WebSocket upgrade, one REGISTER saved, one contact of alice's.
    const now = await kamailioCounters(topology.kamailio);
    expect(now.wsHandshakes - start.wsHandshakes, 'WebSocket handshakes').toBe(1);
    expect(now.wsOpen, 'WebSockets open').toBe(1);
    expect(now.acceptedRegisters - start.acceptedRegisters, 'REGISTERs saved').toBe(1);
    expect(now.contacts - start.contacts, 'contacts in usrloc').toBe(1);
    // What the browser did: every socket and REGISTER from tab 1 alone.
    expect(tabs.sockets().map((s) => s.tab)).toEqual(['tab 1']);
    expect(authorizedRegisters(tabs).map((r) => r.tab)).toEqual(['tab 1']);
    expect(tabs.errors()).toEqual([]);
  });

  test('a call rings in all three, is answered in tab 2 (audio there), hung up from tab 3', async () => {
    const baresip = topology.baresip;
    const seen = baresip.events.length;
    const statsBefore = rtpStatsCount(baresip.log());
    const dialedAt = Date.now();
    await baresip.command('dial', ALICE);
    measured['ringing in all tabs'] = await msUntil('the banner in all three tabs', dialedAt, () =>
      everyTab([one, two, three], (t) => t.ringing()),
    );

    const answeredAt = Date.now();
    await two.answer();
    await baresip.event('CALL_ESTABLISHED', seen);
    measured['answer to established (far end)'] = Date.now() - answeredAt;
    measured['banner gone in tabs 1 and 3'] = await msUntil(
      'the banner gone in tabs 1 and 3',
      answeredAt,
      async () => !(await one.ringing()) && !(await three.ringing()) && !(await two.ringing()),
    );
    measured['answer to audio in tab 2'] = await msUntil(
      'inbound RTP in tab 2',
      answeredAt,
      async () => (await packets(two)) > FLOWING,
    );
    // Media where the person is: only tab 2 holds a peer connection; every tab lists the call.
    expect((await one.inboundAudio()).connections).toBe(0);
    expect((await three.inboundAudio()).connections).toBe(0);
    expect((await two.inboundAudio()).connections).toBe(1);
    await expect
      .poll(() => Promise.all([one, two, three].map((t) => t.listedCalls())), POLL)
      .toEqual([['confirmed'], ['confirmed'], ['confirmed']]);

    const before = baresip.events.length;
    const hungUpAt = Date.now();
    await three.hangup();
    await baresip.event('CALL_CLOSED', before);
    measured['hang up in tab 3 to BYE at the far end'] = Date.now() - hungUpAt;
    await expect
      .poll(() => Promise.all([one, two, three].map((t) => t.listedCalls())), POLL)
      .toEqual([[], [], []]);
    await expect.poll(async () => (await two.inboundAudio()).connections, POLL).toBe(0);
    // The phone heard tab 2 (its rtp_stats come when the call ends).
    await expect.poll(() => rtpStatsCount(baresip.log()), POLL).toBe(statsBefore + 1);
    expect(lastRtpStats(baresip.log()).received).toBeGreaterThan(FLOWING);
    expect(tabs.errors()).toEqual([]);
  });

  test('the owner tab closes during a call held in tab 2: another tab takes over, the call goes on, the far end BYE ends it', async () => {
    const baresip = topology.baresip;
    const seen = baresip.events.length;
    await baresip.command('dial', ALICE);
    await expect.poll(() => two.ringing(), POLL).toBe(true);
    await two.answer();
    await baresip.event('CALL_ESTABLISHED', seen);
    await expect.poll(() => packets(two), POLL).toBeGreaterThan(FLOWING);
    const beforeClose = await kamailioCounters(topology.kamailio);
    const registersBefore = authorizedRegisters(tabs).length;

    const closedAt = Date.now();
    await one.close();
    let owner: SharedTab | undefined;
    measured['owner closed to new owner'] = await msUntil(
      'a remaining tab owns signalling',
      closedAt,
      async () => {
        owner = (await tabs.owners())[0];
        return owner !== undefined;
      },
      TAKEOVER_BOUND_MS,
    );
    expect(measured['owner closed to new owner']).toBeLessThan(TAKEOVER_BOUND_MS);
    if (owner === undefined) throw new Error('no owner');
    measured['owner closed to registered again'] = await msUntil(
      'Kamailio saves a new registration',
      closedAt,
      async () =>
        (await kamailioCounters(topology.kamailio)).acceptedRegisters >
        beforeClose.acceptedRegisters,
    );
    // Kamailio saw the new owner's own WebSocket and REGISTER; the closed tab's went away.
    const after = await kamailioCounters(topology.kamailio);
    expect(after.wsHandshakes - beforeClose.wsHandshakes, 'new WebSocket handshakes').toBe(1);
    // Kamailio's websocket module keeps a closed connection in its count for rm_delay_interval
    // (default 5 s, checked by a 1 s timer) before destroying it: ~5.5 s here is that delay.
    measured['owner closed to its WebSocket gone at Kamailio'] = await msUntil(
      'Kamailio sees the WebSocket of the closed tab go',
      closedAt,
      async () => (await kamailioCounters(topology.kamailio)).wsOpen === 1,
    );
    // The closed owner did not un-REGISTER (other tabs remain); the new owner registers with the
    // group's +sip.instance, so its REGISTER replaces the gone binding (RFC 5626 §6) rather than
    // leaving a dead contact that INVITEs would fork to until it expired.
    counted['alice contacts after takeover'] = after.contacts - start.contacts;
    expect(after.contacts - start.contacts, 'alice contacts after takeover').toBe(1);
    const newRegisters = authorizedRegisters(tabs).slice(registersBefore);
    expect(newRegisters.map((r) => r.tab)).toEqual([owner.label]);
    // The new owner refreshed the call's target over its own connection (RFC 3261 §12.2: an
    // in-dialog re-INVITE carrying its new Contact).
    await expect
      .poll(() => inDialogRequests(owner?.frames ?? [], 'INVITE', closedAt).length, POLL)
      .toBeGreaterThan(0);

    // The call goes on: tab 2 still lists it, and its audio keeps coming after the takeover.
    const packetsAtTakeover = await packets(two);
    measured['audio after takeover (50 more packets)'] = await msUntil(
      'inbound RTP in tab 2 after the takeover',
      Date.now(),
      async () => (await packets(two)) > packetsAtTakeover + FLOWING,
    );
    await expect
      .poll(() => Promise.all([two, three].map((t) => t.listedCalls())), POLL)
      .toEqual([['confirmed'], ['confirmed']]);

    // The far end hangs up: its BYE reaches the new owner over its new connection, and the call
    // ends in every tab (tab 2's peer connection closes).
    const byeAt = Date.now();
    const before = baresip.events.length;
    await baresip.command('hangup');
    await baresip.event('CALL_CLOSED', before);
    measured['far-end BYE to call gone in tabs'] = await msUntil(
      'the call gone from tabs 2 and 3',
      byeAt,
      async () =>
        (await two.listedCalls()).length === 0 && (await three.listedCalls()).length === 0,
    );
    await expect.poll(async () => (await two.inboundAudio()).connections, POLL).toBe(0);
    const ended = Object.values((await two.state()).calls).filter((c) => c.status === 'terminated');
    expect(ended.at(-1)?.endedBy, JSON.stringify(ended)).toBe('remote');
    expect(tabs.errors()).toEqual([]);
  });

  test('the tab that holds a call closes: the owner ends that call with a BYE', async () => {
    const baresip = topology.baresip;
    const owner = (await tabs.owners())[0];
    const media = tabs.tabs.find((tab) => tab.open && tab !== owner);
    if (owner === undefined || media === undefined)
      throw new Error('needs an owner and one more tab');
    const seen = baresip.events.length;
    await baresip.command('dial', ALICE);
    await expect.poll(() => media.ringing(), POLL).toBe(true);
    await media.answer();
    await baresip.event('CALL_ESTABLISHED', seen);
    await expect.poll(() => packets(media), POLL).toBeGreaterThan(FLOWING);
    expect((await owner.inboundAudio()).connections).toBe(0);

    const before = baresip.events.length;
    const closedAt = Date.now();
    await media.close();
    await baresip.event('CALL_CLOSED', before);
    measured['media tab closed to BYE at the far end'] = Date.now() - closedAt;
    await expect.poll(() => owner.listedCalls(), POLL).toEqual([]);
    // Signalling stays where it was: the same one WebSocket, no new registration.
    expect(await owner.role()).toEqual({ role: 'owner', mode: 'shared' });
    expect((await kamailioCounters(topology.kamailio)).wsOpen).toBe(1);
    expect(tabs.errors()).toEqual([]);
  });

  test('the owner tab crashes during a call held in a newly opened tab: another tab takes over, the far end BYE ends it', async () => {
    const baresip = topology.baresip;
    const [crashing] = await tabs.owners();
    if (crashing === undefined) throw new Error('no owner');
    // Two more tabs join the group that already runs: each gets the store as it is.
    const four = await tabs.open();
    const five = await tabs.open();
    expect([(await four.role()).role, (await five.role()).role]).toEqual(['follower', 'follower']);
    await expect.poll(() => everyTab([four, five], registered), POLL).toBe(true);

    const seen = baresip.events.length;
    await baresip.command('dial', ALICE);
    await expect.poll(() => four.ringing(), POLL).toBe(true);
    await four.answer();
    await baresip.event('CALL_ESTABLISHED', seen);
    await expect.poll(() => packets(four), POLL).toBeGreaterThan(FLOWING);
    const beforeCrash = await kamailioCounters(topology.kamailio);

    const crashedAt = Date.now();
    await crashing.crash();
    let owner: SharedTab | undefined;
    measured['owner crashed to new owner'] = await msUntil(
      'a remaining tab owns signalling after the crash',
      crashedAt,
      async () => {
        owner = (await tabs.owners())[0];
        return owner !== undefined;
      },
      TAKEOVER_BOUND_MS,
    );
    expect(measured['owner crashed to new owner']).toBeLessThan(TAKEOVER_BOUND_MS);
    measured['owner crashed to registered again'] = await msUntil(
      'Kamailio saves a new registration after the crash',
      crashedAt,
      async () =>
        (await kamailioCounters(topology.kamailio)).acceptedRegisters >
        beforeCrash.acceptedRegisters,
    );
    const packetsAtTakeover = await packets(four);
    await expect.poll(() => packets(four), POLL).toBeGreaterThan(packetsAtTakeover + FLOWING);
    await expect
      .poll(() => inDialogRequests(owner?.frames ?? [], 'INVITE', crashedAt).length, POLL)
      .toBeGreaterThan(0);

    const byeAt = Date.now();
    const before = baresip.events.length;
    await baresip.command('hangup');
    await baresip.event('CALL_CLOSED', before);
    measured['far-end BYE to call gone after the crash'] = await msUntil(
      'the call gone from tabs 4 and 5',
      byeAt,
      async () =>
        (await four.listedCalls()).length === 0 && (await five.listedCalls()).length === 0,
    );
    expect(tabs.errors()).toEqual([]);
  });
});
