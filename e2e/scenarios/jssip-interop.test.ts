// Our UA and JsSIP in Chromium, each on its own page with real WebRTC and the fake microphone,
// registered with digest auth through Kamailio, calling each other: RTP both ways, hang-up,
// hold/resume from our side, DTMF in RTP (RFC 4733) and in INFO.
import { beforeAll, expect, test } from 'vitest';
import type { PhonePage } from '../harness/phone-page.js';
import { usePhones } from '../harness/phones.js';
import { useKamailio } from '../harness/scenario.js';

const scenario = useKamailio('kamailio-jssip-interop');
const phones = usePhones(scenario);
let ours: PhonePage;
let theirs: PhonePage;

beforeAll(async () => {
  [ours, theirs] = await Promise.all([
    phones.open({ library: 'sipkit', user: 'ours' }),
    phones.open({ library: 'jssip', user: 'theirs' }),
  ]);
});

/** `from` calls `to`, which answers; resolves with both call ids once both are confirmed. */
async function connect(
  from: PhonePage,
  to: PhonePage,
): Promise<{ caller: number; callee: number }> {
  const waiting = (await to.state()).calls.length;
  const caller = await from.call(to.aor);
  const callee = await to.incomingCall(waiting);
  await to.answer(callee);
  await Promise.all([from.event(caller, 'confirmed'), to.event(callee, 'confirmed')]);
  return { caller, callee };
}

/** Audio packets received so far on `phone`'s call `id` (0 when none are counted yet). */
async function received(phone: PhonePage, id: number): Promise<number> {
  return (await phone.inboundAudio(id)).packetsReceived ?? 0;
}

async function audioFlowsBothWays(a: PhonePage, aCall: number, b: PhonePage, bCall: number) {
  for (const [phone, id] of [
    [a, aCall],
    [b, bCall],
  ] as const) {
    await expect
      .poll(() => received(phone, id), { timeout: 5000, message: `${phone.library} receives RTP` })
      .toBeGreaterThan(0);
  }
  const ourSide = a.library === 'sipkit' ? a.inboundAudio(aCall) : b.inboundAudio(bCall);
  // Our MediaStats API reports the same packets as the raw report.
  expect((await ourSide).reduced).toBeGreaterThan(0);
}

test('our UA calls JsSIP, JsSIP answers, RTP flows both ways, our BYE ends both', async () => {
  const { caller, callee } = await connect(ours, theirs);
  await audioFlowsBothWays(ours, caller, theirs, callee);

  await ours.hangup(caller);
  const [local, remote] = await Promise.all([
    ours.event(caller, 'ended'),
    theirs.event(callee, 'ended'),
  ]);
  expect(local.originator).toBe('local');
  expect(remote.originator).toBe('remote');
  expect([...ours.errors, ...theirs.errors]).toEqual([]);
});

test('JsSIP calls our UA, we answer, RTP flows both ways, JsSIP hangs up and we end', async () => {
  const { caller, callee } = await connect(theirs, ours);
  await audioFlowsBothWays(theirs, caller, ours, callee);

  await theirs.hangup(caller);
  const [local, remote] = await Promise.all([
    theirs.event(caller, 'ended'),
    ours.event(callee, 'ended'),
  ]);
  expect(local.originator).toBe('local');
  expect(remote.originator).toBe('remote');
  expect(remote.cause).toBe('Terminated');
});

test('hold and resume from our side: JsSIP sees the direction change, media follows', async () => {
  const { caller, callee } = await connect(ours, theirs);
  await audioFlowsBothWays(ours, caller, theirs, callee);

  expect(await ours.hold(caller)).toBe(true);
  await ours.event(caller, 'hold', { originator: 'local' });
  await theirs.event(callee, 'hold', { originator: 'remote' });
  // RFC 3264 §8.4: we offered sendonly, JsSIP answered recvonly: it stops sending, we do not.
  await new Promise((resolve) => setTimeout(resolve, 300)); // packets already in flight
  const [oursHeld, theirsHeld] = [await received(ours, caller), await received(theirs, callee)];
  await new Promise((resolve) => setTimeout(resolve, 1000));
  expect((await received(ours, caller)) - oursHeld).toBeLessThanOrEqual(2);
  expect((await received(theirs, callee)) - theirsHeld).toBeGreaterThan(10);

  expect(await ours.unhold(caller)).toBe(true);
  await ours.event(caller, 'unhold', { originator: 'local' });
  await theirs.event(callee, 'unhold', { originator: 'remote' });
  const resumed = await received(ours, caller);
  await expect.poll(() => received(ours, caller), { timeout: 3000 }).toBeGreaterThan(resumed + 10);

  await ours.hangup(caller);
  await theirs.event(callee, 'ended');
});

test('DTMF from our side: RFC 4733 in RTP, and INFO that JsSIP reports as newDTMF (and back)', async () => {
  const { caller, callee } = await connect(ours, theirs);

  // RFC 4733: the browser plays the tones into the RTP stream; the receiving browser does not
  // surface them, so our sender's tonechange events are the evidence, and no INFO may go out.
  await ours.sendDtmf(caller, '15#', 'rfc4733');
  await expect
    .poll(async () => (await ours.events(caller, 'tonechange')).map((e) => e.tone).join(''), {
      timeout: 5000,
    })
    .toBe('15#');
  expect((await ours.events(caller, 'newDTMF')).map((e) => [e.originator, e.tone])).toEqual([
    ['local', '1'],
    ['local', '5'],
    ['local', '#'],
  ]);
  expect(await theirs.events(callee, 'newDTMF')).toEqual([]);

  // SIP INFO, application/dtmf-relay: JsSIP emits newDTMF (originator remote) per tone.
  await ours.sendDtmf(caller, '*9', 'info');
  await expect
    .poll(
      async () => (await theirs.events(callee, 'newDTMF')).map((e) => `${e.originator}:${e.tone}`),
      {
        timeout: 5000,
      },
    )
    .toEqual(['remote:*', 'remote:9']);
  expect((await ours.events(caller, 'tonechange')).length).toBe(3); // none of these in RTP

  // And back: JsSIP's INFO body (Signal=/Duration=) parsed by our UA.
  await theirs.sendDtmf(callee, '7', 'info');
  await expect
    .poll(async () => (await ours.events(caller, 'newDTMF')).at(-1), { timeout: 5000 })
    .toMatchObject({ originator: 'remote', tone: '7' });

  await ours.hangup(caller);
  await theirs.event(callee, 'ended');
});
