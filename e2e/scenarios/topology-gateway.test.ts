// Issue 22 §1: a browser calls a plain SIP phone and back, through the recipe's Kamailio with
// rtpengine bridging WebRTC (ICE, DTLS-SRTP, rtcp-mux, opus) and plain RTP/AVP. The phone is
// baresip registered over UDP, sending a 440 Hz sine. Our UA and JsSIP 3.13.8 run the same
// steps on the same topology, one after the other.
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { PhonePage } from '../harness/phone-page.js';
import { usePhones } from '../harness/phones.js';
import { lastRtpStats, rtpStatsCount } from '../harness/topology/baresip.js';
import { PORTS, RECIPE_DOMAIN } from '../harness/topology/deploy.js';
import { useTopology } from '../harness/topology/use-topology.js';
import { recordTopologyResult } from '../harness/topology/topology-results.js';

const USERS: Readonly<Record<string, string>> = {
  'alice-sipkit': 'alice-pw',
  'alice-jssip': 'alice-pw',
  carol: 'carol-pw',
};
const topology = useTopology('topology-gateway', {
  users: USERS,
  rtpengine: true,
  baresip: 'carol',
});
const phones = usePhones(topology, { port: PORTS.pageHttp });
// The first getUserMedia of a fresh Chromium takes 1-2 s: paid before the first measured call.
beforeAll(() => phones.warmUp());

let page: PhonePage | undefined;

/** RFC 4733 events baresip decoded from RTP (it logs each; its ctrl_tcp events are for INFO). */
function telephoneEvents(): number {
  return topology.baresip.log().match(/received event: /g)?.length ?? 0;
}

async function openAlice(library: 'sipkit' | 'jssip'): Promise<PhonePage> {
  const user = `alice-${library}`;
  page = await phones.open({ library, user, domain: RECIPE_DOMAIN, password: USERS[user] ?? '' });
  return page;
}

// A failed test must not leave its call up for the next one: close the page, end the phone's
// call (its BYE through Kamailio also frees the rtpengine session).
afterEach(async () => {
  await page?.close();
  page = undefined;
  if (topology.baresip.log().includes('Call established') && (await phoneBusy())) {
    await topology.baresip.command('hangup').catch(() => undefined);
  }
});

async function phoneBusy(): Promise<boolean> {
  const calls = await topology.rtpengine.calls().catch(() => []);
  return calls.length > 0;
}

/** Audio arrives on the page (RTP counted) and is loud: the sine, decoded and played. */
async function pageHearsThePhone(phone: PhonePage, id: number): Promise<number> {
  await phone.play(id);
  await expect
    .poll(async () => (await phone.inboundAudio(id)).packetsReceived ?? 0, {
      timeout: 8000,
      message: `${phone.library} receives RTP from the phone`,
    })
    .toBeGreaterThan(50);
  await expect
    .poll(async () => (await phone.inboundAudio(id)).audioLevel ?? 0, {
      timeout: 5000,
      message: `${phone.library} plays the phone's sine`,
    })
    .toBeGreaterThan(0.2);
  const audio = await phone.inboundAudio(id);
  expect(audio.totalAudioEnergy).toBeGreaterThan(0);
  return audio.packetsReceived ?? 0;
}

/** rtpengine holds this one call, and has received media on both of its legs. */
async function rtpengineRelaysBothLegs(): Promise<{ browser: number; phone: number }> {
  const calls = await topology.rtpengine.calls();
  expect(calls).toHaveLength(1);
  const callId = calls[0] as string;
  let legs = await topology.rtpengine.legs(callId);
  await expect
    .poll(
      async () => {
        legs = await topology.rtpengine.legs(callId);
        return Math.min(...legs.map((leg) => leg.packets));
      },
      { timeout: 5000, message: 'rtpengine receives on both legs' },
    )
    .toBeGreaterThan(50);
  const browser = legs.find((leg) => leg.protocol === 'UDP/TLS/RTP/SAVPF');
  const phone = legs.find((leg) => leg.protocol === 'RTP/AVP');
  expect(browser, JSON.stringify(legs)).toBeDefined();
  expect(phone, JSON.stringify(legs)).toBeDefined();
  return { browser: browser?.packets ?? 0, phone: phone?.packets ?? 0 };
}

/** baresip's own count of the RTP of its last call, printed when the call ended. */
async function phoneReceivedAudio(statsBefore: number): Promise<void> {
  const baresip = topology.baresip;
  await expect.poll(() => rtpStatsCount(baresip.log())).toBe(statsBefore + 1);
  const stats = lastRtpStats(baresip.log());
  expect(stats.received, baresip.log().slice(-1500)).toBeGreaterThan(50);
  expect(stats.sent).toBeGreaterThan(50);
}

describe.each(['sipkit', 'jssip'] as const)('%s through Kamailio + rtpengine', (library) => {
  test('calls the SIP phone: audio both ways, hold/resume and DTMF through the gateway, our BYE', async () => {
    const alice = await openAlice(library);
    const baresip = topology.baresip;
    const seen = baresip.events.length;
    const statsBefore = rtpStatsCount(baresip.log());
    const id = await alice.call(baresip.aor);
    const confirmed = await alice.event(id, 'confirmed');
    await baresip.event('CALL_ESTABLISHED', seen);
    const setupMs = confirmed.at - (await alice.state()).calls[id]!.startedAt;

    const heard = await pageHearsThePhone(alice, id);
    const legs = await rtpengineRelaysBothLegs();

    // Hold (RFC 3264 §8.4): our sendonly offer goes to the phone as sendonly through rtpengine,
    // the phone answers recvonly and stops sending: nothing arrives while held.
    await alice.hold(id);
    await alice.event(id, 'hold');
    await new Promise((resolve) => setTimeout(resolve, 300)); // packets in flight land
    const held = (await alice.inboundAudio(id)).packetsReceived ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const duringHold = ((await alice.inboundAudio(id)).packetsReceived ?? 0) - held;
    expect(duringHold, 'RTP from the phone while held').toBeLessThan(5);
    const holdEvents = (await alice.events(id, 'unhold')).length;
    await alice.unhold(id);
    await alice.event(id, 'unhold', { after: 0 });
    expect((await alice.events(id, 'unhold')).length).toBe(holdEvents + 1);
    await expect
      .poll(async () => ((await alice.inboundAudio(id)).packetsReceived ?? 0) - held, {
        timeout: 5000,
        message: 'RTP from the phone again after resume',
      })
      .toBeGreaterThan(25);

    // DTMF through the gateway: SIP INFO (application/dtmf-relay) along the dialog's route,
    // decoded by the phone; and RFC 4733 events in RTP, played by the browser's RTCDTMFSender
    // and relayed by rtpengine to the phone.
    const beforeInfo = baresip.events.length;
    await alice.sendDtmf(id, '15#', 'info');
    await expect
      .poll(
        () =>
          baresip.events
            .slice(beforeInfo)
            .filter((e) => e.type === 'CALL_DTMF_START')
            .map((e) => e.param)
            .join(''),
        { timeout: 5000, message: 'the phone receives tones 1 5 # by INFO' },
      )
      .toBe('15#');
    const eventsBefore = telephoneEvents();
    await alice.sendDtmf(id, '73', 'rfc4733');
    await expect
      .poll(async () => (await alice.events(id, 'tonechange')).map((e) => e.tone).join(''), {
        timeout: 5000,
        message: 'the browser plays tones 7 3 into RTP',
      })
      .toBe('73');
    await expect
      .poll(() => telephoneEvents() - eventsBefore, {
        timeout: 5000,
        message: 'the phone receives RFC 4733 events',
      })
      .toBeGreaterThan(0);

    const beforeBye = baresip.events.length;
    await alice.hangup(id);
    await alice.event(id, 'ended');
    await baresip.event('CALL_CLOSED', beforeBye);
    await expect.poll(() => topology.rtpengine.calls()).toEqual([]);
    await phoneReceivedAudio(statsBefore);
    recordTopologyResult('gateway', library, 'browser->phone', {
      setupMs: Math.round(setupMs),
      pagePackets: heard,
      rtpengineBrowserLeg: legs.browser,
      rtpenginePhoneLeg: legs.phone,
      phoneRtp: lastRtpStats(baresip.log()),
    });
    await alice.close();
  });

  test('the SIP phone calls the browser: audio both ways, the phone hangs up', async () => {
    const alice = await openAlice(library);
    const baresip = topology.baresip;
    const seen = baresip.events.length;
    const statsBefore = rtpStatsCount(baresip.log());
    const dialedAt = performance.now();
    await baresip.command('dial', alice.aor);
    const id = await alice.incomingCall(0);
    await alice.answer(id);
    await alice.event(id, 'confirmed');
    const established = await baresip.event('CALL_ESTABLISHED', seen);

    const heard = await pageHearsThePhone(alice, id);
    const legs = await rtpengineRelaysBothLegs();
    const selected = await alice.selectedPair(id);
    expect(selected?.remote.address).toBe('127.0.0.1');

    const beforeBye = baresip.events.length;
    await baresip.command('hangup');
    const ended = await alice.event(id, 'ended');
    expect(ended.originator).toBe('remote');
    await baresip.event('CALL_CLOSED', beforeBye);
    await expect.poll(() => topology.rtpengine.calls()).toEqual([]);
    await phoneReceivedAudio(statsBefore);
    recordTopologyResult('gateway', library, 'phone->browser', {
      setupMs: Math.round(established.at - dialedAt),
      pagePackets: heard,
      rtpengineBrowserLeg: legs.browser,
      rtpenginePhoneLeg: legs.phone,
      phoneRtp: lastRtpStats(baresip.log()),
    });
    await alice.close();
  });
});
