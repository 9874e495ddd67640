// Calls from our Node UA (fake media: SIPp sends none) to SIPp through Kamailio: answered and
// hung up, and rejected with 486 and 503.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { SIP_DOMAIN } from '../harness/kamailio.js';
import { startRegistered } from '../harness/node-ua.js';
import { useKamailio, type Scenario } from '../harness/scenario.js';
import { sessionEvent } from '../harness/session-wait.js';
import { startSippUas, type SippOptions } from '../harness/sipp.js';

const scenario = useKamailio('kamailio-sipp-calls');
const passing503 = useKamailio('kamailio-sipp-503', { pass503: true });
const SIPP = `sip:sipp@${SIP_DOMAIN}`;

async function withSipp<T>(
  on: Scenario,
  options: Pick<SippOptions, 'scenario' | 'name' | 'template'>,
  run: () => Promise<T>,
): Promise<T> {
  const sipp = await startSippUas({
    ...options,
    port: on.kamailio.ports.sipp,
    dir: on.kamailio.dir,
    registry: on.registry,
  });
  try {
    const result = await run();
    // -m 1: SIPp exits 0 only when the call went through its scenario, checks included.
    expect(await sipp.process.exited, readFileSync(sipp.screenLog, 'utf8')).toBe(0);
    return result;
  } finally {
    await sipp.process.stop();
  }
}

async function rejectedBy(on: Scenario, status: number, reason: string) {
  return withSipp(
    on,
    {
      scenario: 'uas-reject.xml',
      name: `sipp-${status}`,
      template: { status: String(status), reason },
    },
    async () => {
      const alice = on.ua(`alice-${status}`);
      await startRegistered(alice);
      const session = alice.ua.call(SIPP);
      const failed = await sessionEvent(session, 'failed');
      return { failed, alice, session };
    },
  );
}

test('SIPp answers with a WebRTC-shaped SDP; our BYE ends the call on both sides', async () => {
  await withSipp(scenario, { scenario: 'uas-answer.xml', name: 'sipp-answer' }, async () => {
    const alice = scenario.ua('alice-answer');
    await startRegistered(alice);
    const session = alice.ua.call(SIPP);
    await sessionEvent(session, 'confirmed');
    expect(alice.wire.receivedStatuses('INVITE'), alice.wire.summary()).toEqual([
      407, 100, 180, 200,
    ]);
    const ended = sessionEvent(session, 'ended');
    session.terminate();
    expect((await ended).originator).toBe('local');
    // The BYE went along the route set (Kamailio record-routed) and SIPp answered it.
    await expect.poll(() => alice.wire.receivedStatuses('BYE')).toEqual([200]);
  });
});

test('486 from SIPp fails the call with cause Busy', async () => {
  const { failed, alice, session } = await rejectedBy(scenario, 486, 'Busy Here');
  expect(failed.originator).toBe('remote');
  expect(failed.cause).toBe('Busy');
  expect(alice.wire.receivedStatuses('INVITE'), alice.wire.summary()).toEqual([407, 100, 180, 486]);
  expect(session.status).toBe('terminated');
});

// RFC 3261 §16.7 step 6: Kamailio relays a downstream 503 as 500, so behind it an app never sees
// SIPp's 503, and JsSIP-style cause mapping has to live with 'SIP Failure Code' there.
test('503 from SIPp reaches us as 500 through a default Kamailio: cause SIP Failure Code', async () => {
  const { failed, alice } = await rejectedBy(scenario, 503, 'Service Unavailable');
  expect(alice.wire.receivedStatuses('INVITE'), alice.wire.summary()).toEqual([407, 100, 180, 500]);
  expect(failed.cause).toBe('SIP Failure Code');
});

test('503 relayed as it is (remap_503_500 off) fails the call with cause Unavailable', async () => {
  const { failed, alice } = await rejectedBy(passing503, 503, 'Service Unavailable');
  expect(alice.wire.receivedStatuses('INVITE'), alice.wire.summary()).toEqual([407, 100, 180, 503]);
  expect(failed.originator).toBe('remote');
  expect(failed.cause).toBe('Unavailable');
});
