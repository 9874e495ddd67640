// Issue 22 §2: browser to browser through the recipe's Kamailio with media relayed by coturn
// only (`iceTransportPolicy: 'relay'` on both pages, long-term TURN credentials): the selected
// candidate pair is relay/relay on both sides and audio flows. Our UA and JsSIP 3.13.8, each
// calling itself on the same topology.
import { readFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { CallSpec, SelectedPair } from '../page/phone/phone.js';
import type { PhonePage } from '../harness/phone-page.js';
import { usePhones } from '../harness/phones.js';
import { Coturn } from '../harness/topology/coturn.js';
import { PORTS, RECIPE_DOMAIN } from '../harness/topology/deploy.js';
import { recordTopologyResult } from '../harness/topology/topology-results.js';
import { useTopology } from '../harness/topology/use-topology.js';

const SIP_PASSWORD = 'sip-pw';
const TURN_USERS: Readonly<Record<string, string>> = { alice: 'alice-turn', bob: 'bob-turn' };
const topology = useTopology('topology-turn', {
  users: Object.fromEntries(
    ['alice', 'bob'].flatMap((u) => [`${u}-sipkit`, `${u}-jssip`]).map((u) => [u, SIP_PASSWORD]),
  ),
  turnUsers: TURN_USERS,
});
const phones = usePhones(topology, { port: PORTS.pageHttp });
beforeAll(() => phones.warmUp(relayOnly('alice').pcConfig));

const opened: PhonePage[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((page) => page.close()));
});

/** What a page passes to `call()` and `answer()` to relay everything through coturn as `user`. */
function relayOnly(user: string): CallSpec {
  return {
    pcConfig: {
      iceServers: [Coturn.iceServer(user, TURN_USERS[user] ?? '')],
      iceTransportPolicy: 'relay',
    },
  };
}

/**
 * The selected pair once its state reads `succeeded`: with media already flowing it was seen
 * reading `in-progress` for a moment on a loaded machine (a check on the pair outstanding).
 */
async function succeededPair(phone: PhonePage, id: number): Promise<SelectedPair | undefined> {
  let pair: SelectedPair | undefined;
  await expect
    .poll(
      async () => {
        pair = await phone.selectedPair(id);
        return pair?.state;
      },
      { timeout: 5000, message: `${phone.aor}: the selected pair succeeds` },
    )
    .toBe('succeeded');
  return pair;
}

function expectRelayPair(pair: SelectedPair | undefined, who: string): void {
  expect(pair, `${who} has a selected candidate pair`).toBeDefined();
  expect(pair?.state).toBe('succeeded');
  expect(pair?.local.type, `${who} local candidate`).toBe('relay');
  expect(pair?.remote.type, `${who} remote candidate`).toBe('relay');
  // Relayed addresses are coturn's relay ports (turnserver.conf: min-port/max-port).
  for (const end of [pair?.local, pair?.remote]) {
    expect(end?.port).toBeGreaterThanOrEqual(7340);
    expect(end?.port).toBeLessThanOrEqual(7349);
  }
}

async function hears(phone: PhonePage, id: number): Promise<number> {
  await phone.play(id);
  await expect
    .poll(async () => (await phone.inboundAudio(id)).packetsReceived ?? 0, {
      timeout: 8000,
      message: `${phone.aor} receives RTP through the relay`,
    })
    .toBeGreaterThan(50);
  await expect
    .poll(async () => (await phone.inboundAudio(id)).totalAudioEnergy ?? 0, {
      timeout: 5000,
      message: `${phone.aor} plays audio with energy`,
    })
    .toBeGreaterThan(0);
  return (await phone.inboundAudio(id)).packetsReceived ?? 0;
}

describe.each(['sipkit', 'jssip'] as const)('%s through coturn, relay only', (library) => {
  test('a call between two pages relays all media through TURN, audio both ways', async () => {
    const [alice, bob] = await Promise.all(
      ['alice', 'bob'].map((name) =>
        phones.open({
          library,
          user: `${name}-${library}`,
          domain: RECIPE_DOMAIN,
          password: SIP_PASSWORD,
        }),
      ),
    );
    opened.push(alice!, bob!);
    const caller = alice!;
    const callee = bob!;

    const id = await caller.call(callee.aor, relayOnly('alice'));
    const incoming = await callee.incomingCall(0);
    await callee.answer(incoming, relayOnly('bob'));
    const confirmed = await caller.event(id, 'confirmed');
    await callee.event(incoming, 'confirmed');
    const setupMs = confirmed.at - (await caller.state()).calls[id]!.startedAt;

    const [callerPackets, calleePackets] = [await hears(caller, id), await hears(callee, incoming)];
    const [callerPair, calleePair] = [
      await succeededPair(caller, id),
      await succeededPair(callee, incoming),
    ];
    expectRelayPair(callerPair, 'caller');
    expectRelayPair(calleePair, 'callee');

    await caller.hangup(id);
    await Promise.all([caller.event(id, 'ended'), callee.event(incoming, 'ended')]);
    // coturn saw both allocations authenticated and the peers permitted.
    const log = readFileSync(topology.coturn.logFile, 'utf8');
    expect(log).toMatch(/CREATE_PERMISSION .*success/);
    recordTopologyResult('turn', library, 'relay-only call', {
      setupMs: Math.round(setupMs),
      callerPackets,
      calleePackets,
      callerPair: `${callerPair?.local.type}:${callerPair?.local.port}/${callerPair?.remote.type}:${callerPair?.remote.port}`,
      calleePair: `${calleePair?.local.type}:${calleePair?.local.port}/${calleePair?.remote.type}:${calleePair?.remote.port}`,
    });
  });
});
