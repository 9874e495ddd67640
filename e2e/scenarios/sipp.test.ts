// A third-party UA: SIPp answers our MESSAGE through Kamailio (WebSocket in, UDP out).
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { SIP_DOMAIN } from '../harness/kamailio.js';
import { startRegistered } from '../harness/node-ua.js';
import { useKamailio } from '../harness/scenario.js';
import { startSippUas } from '../harness/sipp.js';

const scenario = useKamailio('kamailio-sipp');

test('SIPp answers a MESSAGE from our UA with 200 and checks what arrived', async () => {
  const body = 'hello sipp from sipkit';
  const sipp = await startSippUas({
    scenario: 'uas-message.xml',
    port: scenario.kamailio.ports.sipp,
    dir: scenario.kamailio.dir,
    registry: scenario.registry,
    keys: { body },
  });
  try {
    const alice = scenario.ua('alice');
    await startRegistered(alice);

    const result = await alice.ua.sendMessage(`sip:sipp@${SIP_DOMAIN}`, body);
    expect(result.ok, alice.wire.summary()).toBe(true);
    if (result.ok) expect(result.response.header('server')).toBe('SIPp (SipKit e2e)');

    // -m 1: SIPp exits after the one call, with 0 only if the scenario (and its checks) passed.
    expect(await sipp.process.exited, readFileSync(sipp.screenLog, 'utf8')).toBe(0);
    // Kamailio retargeted to SIPp over UDP, keeping our Via, and record-routed twice (one entry
    // per transport, WS and UDP), which later INVITE scenarios depend on.
    const seen = readFileSync(sipp.messageLog, 'utf8');
    expect(seen).toMatch(/^MESSAGE sip:sipp@127\.0\.0\.1:\d+ SIP\/2\.0/m);
    expect(seen).toMatch(/^Via: SIP\/2\.0\/WS [^;]+\.invalid/m);
    expect(seen.match(/^Record-Route: /gm)).toHaveLength(2);
  } finally {
    await sipp.process.stop();
  }
});
