// RFC 3262 against SIPp through Kamailio, with our Node UA (fake media: SIPp sends none):
// (a) SIPp answers our INVITE with a reliable 183 with SDP and wants our PRACK before its 200;
// (b) SIPp calls us with Require: 100rel and wants reliable 18x to PRACK before the 200.
import { readFileSync } from 'node:fs';
import type { Session } from '@sipkit/core';
import { expect, test } from 'vitest';
import { SIP_DOMAIN } from '../harness/kamailio.js';
import { nextEvent, startRegistered } from '../harness/node-ua.js';
import { useKamailio } from '../harness/scenario.js';
import { sessionEvent } from '../harness/session-wait.js';
import { startSippUac, startSippUas, type Sipp } from '../harness/sipp.js';

const scenario = useKamailio('kamailio-sipp-prack');

async function passed(sipp: Sipp): Promise<void> {
  // -m 1: SIPp exits 0 only when the call went through its scenario, checks included.
  expect(await sipp.process.exited, readFileSync(sipp.screenLog, 'utf8')).toBe(0);
}

test('(a) SIPp answers with a reliable 183 with SDP: we PRACK it once, then its 200 completes the call', async () => {
  const sipp = await startSippUas({
    scenario: 'uas-prack.xml',
    name: 'sipp-uas-prack',
    port: scenario.kamailio.ports.sipp,
    dir: scenario.kamailio.dir,
    registry: scenario.registry,
  });
  try {
    const alice = scenario.ua('alice-prack');
    await startRegistered(alice);
    const session = alice.ua.call(`sip:sipp@${SIP_DOMAIN}`);
    const progress = sessionEvent(session, 'progress');
    expect((await progress).response?.status).toBe(183);
    await sessionEvent(session, 'confirmed');
    expect(alice.wire.receivedStatuses('INVITE'), alice.wire.summary()).toEqual(
      expect.arrayContaining([183, 200]),
    );
    expect(alice.wire.receivedStatuses('PRACK'), alice.wire.summary()).toEqual([200]);
    const ended = sessionEvent(session, 'ended');
    session.terminate();
    await ended;
    await passed(sipp);
  } finally {
    await sipp.process.stop();
  }
});

test('(b) SIPp calls with Require: 100rel: reliable 180 and 183 (early media), each PRACKed, then our 200', async () => {
  const bob = scenario.ua('bob-prack');
  await startRegistered(bob);
  const incoming = nextEvent(bob.ua, 'newRTCSession', 20_000);
  const sipp = await startSippUac({
    scenario: 'uac-require-100rel.xml',
    name: 'sipp-uac-prack',
    port: scenario.kamailio.ports.sipp,
    dir: scenario.kamailio.dir,
    registry: scenario.registry,
    remote: `127.0.0.1:${scenario.kamailio.ports.udp}`,
    service: 'bob-prack',
    keys: { domain: SIP_DOMAIN },
  });
  try {
    const { session } = (await incoming) as { session: Session };
    // Early media now (its 183 waits for the PRACK of the 180), the answer at once (its 200
    // waits for the PRACK of the 183, RFC 3262 §3).
    session.sendEarlyMedia();
    session.answer();
    await sessionEvent(session, 'confirmed', 20_000);
    await sessionEvent(session, 'ended', 20_000);
    await passed(sipp);
    expect(bob.wire.summary()).not.toMatch(/420/);
  } finally {
    await sipp.process.stop();
  }
});
