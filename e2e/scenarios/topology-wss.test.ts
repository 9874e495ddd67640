// Issue 22 §3: SIP over secure WebSocket (wss, RFC 7118 §3) to the recipe's Kamailio with its
// tls module, the test CA trusted the production way: in the NSS database Chromium reads
// ($HOME/.pki/nssdb), with no --ignore-certificate-errors. Register, call with audio; and a
// browser that does not trust the CA: no registration, and a failure the app can show.
// Our UA and JsSIP 3.13.8 side by side.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, inject, test } from 'vitest';
import type { PhonePage } from '../harness/phone-page.js';
import { usePhones } from '../harness/phones.js';
import { PORTS, RECIPE_DOMAIN } from '../harness/topology/deploy.js';
import { makeNssHome, makeTestCa, type TestCa } from '../harness/topology/test-ca.js';
import { recordTopologyResult } from '../harness/topology/topology-results.js';
import { useTopology } from '../harness/topology/use-topology.js';

const dir = join(inject('runDir'), 'topology-wss-tls');
const trustingHome = join(dir, 'home-trusting');
const distrustingHome = join(dir, 'home-distrusting');
let ca: TestCa | undefined;
// Before the topology (Kamailio loads the certificate) and the browsers (they read the NSS db).
beforeAll(async () => {
  ca = await makeTestCa(dir);
  await Promise.all([makeNssHome(trustingHome, ca.caCertificate), makeNssHome(distrustingHome)]);
});

const SIP_PASSWORD = 'sip-pw';
const topology = useTopology('topology-wss', {
  users: Object.fromEntries(
    ['alice', 'bob', 'eve']
      .flatMap((u) => [`${u}-sipkit`, `${u}-jssip`])
      .map((u) => [u, SIP_PASSWORD]),
  ),
  tls: () => {
    if (ca === undefined) throw new Error('no test CA yet');
    return { certificate: ca.certificate, key: ca.key };
  },
});
const trusting = usePhones(topology, { home: trustingHome, port: PORTS.pageHttp });
const distrusting = usePhones(topology, { home: distrustingHome });
beforeAll(() => trusting.warmUp());

const opened: PhonePage[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((page) => page.close()));
});

describe.each(['sipkit', 'jssip'] as const)('%s over wss', (library) => {
  test('registers over wss with the CA trusted in NSS, and calls with audio both ways', async () => {
    const open = (name: string) =>
      trusting.open({
        library,
        user: `${name}-${library}`,
        domain: RECIPE_DOMAIN,
        password: SIP_PASSWORD,
        ws: topology.kamailio.wssUrl,
      });
    const [alice, bob] = [await open('alice'), await open('bob')];
    opened.push(alice, bob);
    const connected = (await alice.state()).transport.find((note) => note.name === 'connected');
    expect(connected?.url).toBe(topology.kamailio.wssUrl);

    const id = await alice.call(bob.aor);
    const incoming = await bob.incomingCall(0);
    await bob.answer(incoming);
    const confirmed = await alice.event(id, 'confirmed');
    await bob.event(incoming, 'confirmed');
    const setupMs = confirmed.at - (await alice.state()).calls[id]!.startedAt;
    for (const [phone, call] of [
      [alice, id],
      [bob, incoming],
    ] as const) {
      await phone.play(call);
      await expect
        .poll(async () => (await phone.inboundAudio(call)).packetsReceived ?? 0, {
          timeout: 8000,
          message: `${phone.aor} receives RTP`,
        })
        .toBeGreaterThan(25);
      await expect
        .poll(async () => (await phone.inboundAudio(call)).totalAudioEnergy ?? 0, {
          timeout: 5000,
          message: `${phone.aor} plays audio with energy`,
        })
        .toBeGreaterThan(0);
    }
    await alice.hangup(id);
    await Promise.all([alice.event(id, 'ended'), bob.event(incoming, 'ended')]);
    // Kamailio holds both bindings on its TLS listener.
    const bindings = await topology.kamailio.rpc('ul.dump');
    for (const user of [`alice-${library}`, `bob-${library}`]) {
      const record = bindings.split(/^\s*AoR: /m).find((block) => block.startsWith(`${user}\n`));
      expect(record, bindings).toContain(`Socket: tls:127.0.0.1:${PORTS.kamailioWss}`);
    }
    recordTopologyResult('wss', library, 'register + call', { setupMs: Math.round(setupMs) });
  });

  test('a browser that does not trust the CA: no registration, a connection failure naming the wss URL', async () => {
    const kamailioLog = () => readFileSync(topology.kamailio.logFile, 'utf8');
    const refusals = () => kamailioLog().match(/alert certificate unknown/g)?.length ?? 0;
    const refusedBefore = refusals();
    const eve = await distrusting.open({
      library,
      user: `eve-${library}`,
      domain: RECIPE_DOMAIN,
      password: SIP_PASSWORD,
      ws: topology.kamailio.wssUrl,
      expectRegistration: false,
      registrationTimeoutMs: 3000,
    });
    opened.push(eve);
    const state = await eve.state();
    expect(state.registration).toBe('starting'); // never registered, and never will
    expect(state.transport.some((note) => note.name === 'connected')).toBe(false);
    // What the page can know: the wss connection failed before it opened (1006, RFC 6455
    // §7.1.5), with no reason: browsers never tell pages why TLS failed.
    const failure = state.transport.find((note) => note.name === 'disconnected');
    expect(failure).toMatchObject({ url: topology.kamailio.wssUrl, error: true, code: 1006 });
    // Why, from the server's side: Chromium refused the certificate during the handshake.
    // (OpenSSL: "sslv3 alert certificate unknown", the TLS alert Chromium sent.)
    await expect.poll(refusals).toBeGreaterThan(refusedBefore);
  });
});
