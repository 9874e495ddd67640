// The demo dialer against a real registrar instead of its dev SIP server: two Chromium pages fill
// the settings form with Kamailio's WebSocket URL and the test password, register with digest
// auth, call, hold and resume (SDP directions and RTP follow), send DTMF from the keypad, hang up
// and disconnect, leaving Kamailio's usrloc empty.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchChromium, type RunningBrowser } from '../harness/browser.js';
import { startDemoApp, type DemoApp } from '../harness/demo-app.js';
import { DialerPage } from '../harness/dialer-page.js';
import { SIP_DOMAIN, TEST_PASSWORD } from '../harness/kamailio.js';
import { assertLoopbackOnly } from '../harness/network.js';
import { useKamailio } from '../harness/scenario.js';

const scenario = useKamailio('kamailio-demo');
let demo: DemoApp | undefined;
let chromium: RunningBrowser | undefined;
const pages: DialerPage[] = [];

beforeAll(async () => {
  // Real WebRTC: only inside the loopback-only namespace `pnpm test:e2e` enters.
  assertLoopbackOnly();
  // Assigned one by one, so afterAll stops whichever started even when the other did not.
  await Promise.all([
    startDemoApp(scenario.runDir, scenario.registry, 45_000).then((app) => (demo = app)),
    launchChromium(scenario.registry).then((browser) => (chromium = browser)),
  ]);
}, 60_000);

// Hooks run in reverse: the pages go before useKamailio's afterAll stops Kamailio.
afterAll(async () => {
  await Promise.all(pages.map((page) => page.close().catch(() => undefined)));
  await chromium?.close();
  await demo?.stop();
});

async function open(user: string): Promise<DialerPage> {
  if (demo === undefined || chromium === undefined) throw new Error('not up yet');
  const page = await DialerPage.open(chromium.browser, demo.url, user);
  pages.push(page);
  await page.connect({
    server: scenario.kamailio.wsUrl,
    uri: `sip:${user}@${SIP_DOMAIN}`,
    password: TEST_PASSWORD,
    displayName: user[0]?.toUpperCase() + user.slice(1),
  });
  return page;
}

/** The direction attribute of the SDP's audio section (RFC 3264 §6.1: sendrecv when absent). */
function audioDirection(message: string): string {
  const audio = message.split(/^m=/m).find((section) => section.startsWith('audio '));
  if (audio === undefined) throw new Error(`no audio section in:\n${message}`);
  return /^a=(sendrecv|sendonly|recvonly|inactive)\r?$/m.exec(audio)?.[1] ?? 'sendrecv';
}

/** Requests of one call that reached Kamailio, by method, from its `in:` log lines. */
function requestsAtKamailio(callId: string, method: string): number {
  const log = readFileSync(scenario.kamailio.logFile, 'utf8');
  return log.split('\n').filter((line) => line.includes(callId) && line.includes(`in: ${method} `))
    .length;
}

function cseq(message: string): number {
  return Number(/^CSeq: (\d+) /im.exec(message)?.[1]);
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

test('demo pages register with digest through Kamailio, call, hold/resume, DTMF, hang up', async () => {
  const started = Date.now();
  const [alice, bob] = await Promise.all([open('alice'), open('bob')]);
  // Registered at Kamailio (which saves a binding only after digest auth), not the dev server.
  for (const user of ['alice', 'bob']) {
    const bindings = await scenario.kamailio.bindingsOf(user);
    expect(bindings.map((b) => b.received)).toEqual([expect.stringMatching(/;transport=ws$/)]);
  }
  expect(demo?.log()).not.toMatch(/REGISTER/);

  // Call and answer, audio only (the dialer's default).
  await alice.page.getByLabel('Number or SIP URI').fill(`sip:bob@${SIP_DOMAIN}`);
  await alice.button('Call').click();
  await bob.button('Answer').click({ timeout: 10_000 });
  for (const page of [alice, bob]) {
    await expect.poll(() => page.callStatus(), { timeout: 10_000 }).toBe('In call');
  }
  const { callId } = await alice.currentCall();
  for (const page of [alice, bob]) {
    await expect.poll(() => page.inboundAudio(), { timeout: 10_000 }).toBeGreaterThan(0);
  }

  // Alice holds. The button stays pending until the re-INVITE's 200 is in (hold() resolved).
  await alice.button('Hold').click();
  await expect.poll(() => alice.enabled('Resume'), { timeout: 5000 }).toBe(true);
  await expect.poll(() => alice.callStatus()).toBe('On hold');
  await expect.poll(() => bob.callStatus()).toBe('Held by the other side');
  // RFC 3264 §8.4 on the wire, as each ladder shows it: offer sendonly, answer recvonly.
  const holdOffer = await alice.ladderMessage({ direction: 'sent', label: 'INVITE' });
  expect(holdOffer).toMatch(/^INVITE /);
  expect(audioDirection(holdOffer)).toBe('sendonly');
  expect(audioDirection(await bob.ladderMessage({ direction: 'received', label: 'INVITE' }))).toBe(
    'sendonly',
  );
  const holdAnswer = await bob.ladderMessage({
    direction: 'sent',
    label: '200 OK',
    method: 'INVITE',
  });
  expect(audioDirection(holdAnswer)).toBe('recvonly');
  expect(
    audioDirection(
      await alice.ladderMessage({ direction: 'received', label: '200 OK', method: 'INVITE' }),
    ),
  ).toBe('recvonly');

  // Media follows: bob (recvonly) stops sending, alice (sendonly) goes on. Sampled after the
  // re-INVITE completed, plus a moment for packets already on their way.
  await pause(300);
  const [aliceHeld, bobHeld] = [await alice.inboundAudio(), await bob.inboundAudio()];
  await pause(1500);
  expect(
    (await alice.inboundAudio()) - aliceHeld,
    'alice receives nothing while holding',
  ).toBeLessThanOrEqual(2);
  expect((await bob.inboundAudio()) - bobHeld, 'bob still hears alice').toBeGreaterThan(30);

  // Resume: sendrecv both ways, and alice receives again.
  await alice.button('Resume').click();
  await expect.poll(() => alice.enabled('Hold'), { timeout: 5000 }).toBe(true);
  for (const page of [alice, bob]) {
    await expect.poll(() => page.callStatus()).toBe('In call');
  }
  const resumeOffer = await alice.ladderMessage({ direction: 'sent', label: 'INVITE' });
  expect(cseq(resumeOffer)).toBeGreaterThan(cseq(holdOffer));
  expect(audioDirection(resumeOffer)).toBe('sendrecv');
  expect(
    audioDirection(
      await bob.ladderMessage({ direction: 'sent', label: '200 OK', method: 'INVITE' }),
    ),
  ).toBe('sendrecv');
  const aliceResumed = await alice.inboundAudio();
  await expect
    .poll(() => alice.inboundAudio(), { timeout: 3000 })
    .toBeGreaterThan(aliceResumed + 10);

  // DTMF from the keypad: the dialpad sends RFC 4733, so alice's RTCDTMFSender must play each
  // key into the RTP stream; no INFO goes out (that would be the fallback without a DTMF sender).
  // Both ends negotiated telephone-event (RFC 4733 §7.1.1), or there is no DTMF sender at all.
  const telephoneEvent = /^a=rtpmap:\d+ telephone-event\/8000\r?$/m;
  expect(resumeOffer).toMatch(telephoneEvent);
  expect(await bob.ladderMessage({ direction: 'sent', label: '200 OK', method: 'INVITE' })).toMatch(
    telephoneEvent,
  );
  await alice.button('Keypad').click();
  const keypad = alice.page.getByRole('group', { name: 'Keypad' });
  for (const key of ['1', '5', '#'])
    await keypad.getByRole('button', { name: key, exact: true }).click();
  await expect.poll(() => alice.tonesPlayed(), { timeout: 5000 }).toEqual(['1', '5', '#']);
  expect((await alice.currentCall()).lastDtmf).toEqual({ tone: '#', originator: 'local' });
  // The receiving browser does not surface RFC 4733 tones; what bob could see is INFO, and none came.
  expect((await bob.currentCall()).lastDtmf).toBeUndefined();
  expect(requestsAtKamailio(callId, 'INFO')).toBe(0);

  // Bob hangs up: both back to the dial field, nothing live.
  await bob.button('Hang up').click();
  for (const page of [alice, bob]) {
    await expect.poll(() => page.liveCalls(), { timeout: 10_000 }).toBe(0);
    await page.page.getByLabel('Number or SIP URI').waitFor({ timeout: 5000 });
  }
  expect((await alice.currentCall()).endedBy).toBe('remote');
  expect((await bob.currentCall()).endedBy).toBe('local');
  // All of it went through Kamailio: the INVITE (challenged once, then authenticated), the hold
  // and resume re-INVITEs, one BYE.
  expect(requestsAtKamailio(callId, 'INVITE')).toBe(4);
  expect(requestsAtKamailio(callId, 'BYE')).toBe(1);

  // Disconnect unregisters: Kamailio's usrloc keeps nothing of either.
  for (const page of [alice, bob]) await page.button('Disconnect').click();
  for (const user of ['alice', 'bob']) {
    await expect.poll(() => scenario.kamailio.bindingsOf(user), { timeout: 5000 }).toEqual([]);
  }
  expect([...alice.errors, ...bob.errors]).toEqual([]);
  console.log(`demo through Kamailio took ${Date.now() - started} ms`);
}, 40_000);
