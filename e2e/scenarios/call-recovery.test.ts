// Issue 20, scenarios 1 and 2: calls between two Chromium pages through Kamailio, once with our
// UA and once with JsSIP 3.13.8 (the same page, the same configuration), while the network
// breaks under them. 1: Kamailio crashes and comes back mid-call (every WebSocket is new). 2: the
// media path between the browsers is cut for 10 s (UDP dropped in the suite's namespace). Ours
// must keep the call with audio back within 2 s; JsSIP's outcome is measured, not asserted.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectAudioBothWays, timeToAudio } from '../harness/audio-flow.js';
import { KamailioNode } from '../harness/cluster.js';
import type { PhonePage } from '../harness/phone-page.js';
import { usePhones } from '../harness/phones.js';
import { writeResults } from '../harness/results.js';
import { useKamailio } from '../harness/scenario.js';
import { cutUdp } from '../harness/udp-cut.js';
import { iceUfrags, inDialogRequests, type WsFrame } from '../harness/ws-frames.js';
import type { Library } from '../page/phone/phone.js';
import {
  callOutcome,
  formatRow,
  registeredAgain,
  type RecoveryRow,
} from '../harness/recovery-report.js';

const scenario = useKamailio('call-recovery');
const phones = usePhones(scenario);
// A Kamailio restart renews both browsers' flows at once. Routed by the alias of a Contact only
// (the test's own `scenario.kamailio`, as most WebSocket setups do), each side's target refresh
// goes to the other's old connection and fails: neither can reach the other, whatever either UA
// does. The deploy recipe (deploy/kamailio/kamailio.cfg, started as it is, no auth, on the
// port plan's 7301/7302) routes a GRUU (RFC 5627) to the instance's current registration and
// lets them; scenario 1 runs on both, each with both libraries.
const recipe = new KamailioNode(
  scenario.runDir,
  'call-recovery-recipe',
  { ip: '127.0.0.1', sipPort: 7301, wsPort: 7302 },
  scenario.registry,
);
beforeAll(async () => {
  await recipe.start();
});
afterAll(async () => {
  await recipe.stop();
});
/** What scenario 1 does to a proxy: its WebSocket URL, a crash and a start on the same ports. */
interface RestartableProxy {
  readonly wsUrl: string;
  kill(): Promise<void>;
  restart(): Promise<void>;
  /** In-dialog INVITE/UPDATE it logged to an aliased contact since `offset` (undefined: no log). */
  logLength(): number | undefined;
  refreshesLogged(offset: number | undefined): number | undefined;
}
const ROUTINGS = ['alias', 'gruu'] as const;
const proxyFor = (routing: (typeof ROUTINGS)[number]): RestartableProxy => {
  if (routing === 'gruu') {
    return {
      wsUrl: recipe.wsUrl,
      kill: () => recipe.kill(),
      restart: () => recipe.start(),
      logLength: () => undefined,
      refreshesLogged: () => undefined,
    };
  }
  const kamailio = scenario.kamailio;
  return {
    wsUrl: kamailio.wsUrl,
    kill: () => kamailio.kill(),
    restart: () => kamailio.restart(),
    logLength: () => kamailio.logLength(),
    refreshesLogged: (offset) =>
      kamailio
        .logSince(offset ?? 0)
        .filter((line) => /in: (INVITE|UPDATE) sip:[^ ]*;alias=/.test(line)).length,
  };
};

/** The goal of issue 20: audio within 2 s of the network coming back. */
const AUDIO_GOAL_MS = 2000;
/** How long to look for audio after the network returns before calling it lost. */
const AUDIO_WAIT_MS = 15_000;
const CUT_MS = 10_000;
const LIBRARIES: readonly Library[] = ['sipkit', 'jssip'];

const rows: RecoveryRow[] = [];
afterAll(() => {
  if (rows.length === 0) return;
  const path = writeResults(scenario.runDir, 'call-recovery.json', { rows });
  for (const row of rows) console.info(formatRow(row));
  console.info(`call recovery results: ${path}`);
});

interface LiveCall {
  readonly alice: PhonePage;
  readonly bob: PhonePage;
  readonly aliceFrames: WsFrame[];
  readonly bobFrames: WsFrame[];
  readonly aliceId: number;
  readonly bobId: number;
}

/** alice calls bob (who answers at once), both on `library`; resolves once audio flows both ways. */
async function talking(
  library: Library,
  tag: string,
  kamailio: { readonly wsUrl: string } = scenario.kamailio,
): Promise<LiveCall> {
  const ws = kamailio.wsUrl;
  const [alice, bob] = await Promise.all([
    phones.open({ library, user: `alice-${tag}`, ws }),
    phones.open({ library, user: `bob-${tag}`, autoAnswer: true, ws }),
  ]);
  const aliceFrames = alice.frames;
  const bobFrames = bob.frames;
  const aliceId = await alice.call(bob.aor);
  const bobId = await bob.incomingCall(0);
  await alice.event(aliceId, 'confirmed');
  await bob.event(bobId, 'confirmed');
  await expectAudioBothWays([
    [alice, aliceId],
    [bob, bobId],
  ]);
  return { alice, bob, aliceFrames, bobFrames, aliceId, bobId };
}

async function close(call: LiveCall): Promise<void> {
  await Promise.all([call.alice.close(), call.bob.close()]);
}

describe.each(
  ROUTINGS.flatMap((routing) => LIBRARIES.map((library) => [routing, library] as const)),
)('%s routing, %s', (routing, library) => {
  test('1: Kamailio restarted mid-call: the target is refreshed and the far end’s later BYE arrives', async () => {
    const kamailio = proxyFor(routing);
    const call = await talking(library, `restart-${routing}-${library}`, kamailio);
    const { alice, bob, aliceId, bobId } = call;
    const logBefore = kamailio.logLength();

    await kamailio.kill();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await kamailio.restart();
    const back = Date.now();

    const [aliceAudio, bobAudio] = await Promise.all([
      timeToAudio(alice, aliceId, back, AUDIO_WAIT_MS),
      timeToAudio(bob, bobId, back, AUDIO_WAIT_MS),
    ]);
    // Both sides are on new WebSocket connections (each must have registered again) before
    // bob hangs up; a UA that refreshes its target has done so right after registering.
    const registered = await registeredAgain(
      [call.aliceFrames, call.bobFrames],
      back,
      AUDIO_WAIT_MS,
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const refreshes = [
      ...inDialogRequests(call.aliceFrames, 'INVITE', back),
      ...inDialogRequests(call.aliceFrames, 'UPDATE', back),
    ];
    // The refresh on the wire at the far end: bob received alice's in-dialog INVITE/UPDATE.
    const bobGot = call.bobFrames.filter(
      (frame) =>
        frame.direction === 'received' &&
        frame.at >= back &&
        /^(INVITE|UPDATE) /.test(frame.text) &&
        /^(?:To|t):[^\r\n]*;\s*tag=/im.test(frame.text),
    ).length;
    const kamailioSaw = kamailio.refreshesLogged(logBefore);

    const beforeHangup = await callOutcome(alice, aliceId);
    await bob.hangup(bobId);
    const byeReached = await alice
      .event(aliceId, 'ended', { originator: 'remote', timeoutMs: 5000 })
      .then(() => true)
      .catch(() => false);
    const row: RecoveryRow = {
      scenario: `1 kamailio restart (${routing} routing)`,
      library,
      audioBackMs: [aliceAudio, bobAudio],
      survived: beforeHangup.live && byeReached,
      notes:
        `re-registered: ${registered}; target refreshes sent by alice: ${refreshes.length} ` +
        `(Kamailio logged ${kamailioSaw ?? 'n/a'} to an aliased contact; bob received ${bobGot}); ` +
        `bob's BYE reached alice: ${byeReached}${beforeHangup.live ? '' : `; ${beforeHangup.how}`}`,
    };
    rows.push(row);
    if (library === 'sipkit') {
      expect(beforeHangup.live, beforeHangup.how).toBe(true);
      expect(refreshes.length, 'a target refresh after the reconnection').toBeGreaterThan(0);
      // With alias routing no UA can be reached (see above): measured, not asserted.
      if (routing === 'alias') expect(kamailioSaw).toBeGreaterThan(0);
      // Whether alice's refresh reaches bob depends on who registers again first (routed to
      // bob's GRUU before his REGISTER, it finds no binding): measured (`bobGot`), not asserted.
      if (routing === 'gruu') expect(byeReached, await alice.describe(aliceId)).toBe(true);
      expect((await bob.events(bobId, 'ended')).length).toBe(1);
      expect(aliceAudio).toBeLessThanOrEqual(AUDIO_GOAL_MS);
      expect(bobAudio).toBeLessThanOrEqual(AUDIO_GOAL_MS);
    }
    await close(call);
  }, 90_000);
});

describe.each(LIBRARIES)('%s', (library) => {
  test('2: the media path cut for 10 s: audio comes back, with an ICE restart where ICE failed', async () => {
    const call = await talking(library, `cut-${library}`);
    const { alice, bob, aliceId, bobId } = call;
    const firstUfrags = iceUfrags(
      call.aliceFrames.find((f) => f.direction === 'sent' && f.text.startsWith('INVITE '))?.text ??
        '',
    );

    const cut = await cutUdp();
    const cutAt = Date.now();
    try {
      await new Promise((resolve) => setTimeout(resolve, CUT_MS));
    } finally {
      await cut.restore();
    }
    const back = Date.now();
    const [aliceAudio, bobAudio] = await Promise.all([
      timeToAudio(alice, aliceId, back, AUDIO_WAIT_MS),
      timeToAudio(bob, bobId, back, AUDIO_WAIT_MS),
    ]);
    const [aliceNow, bobNow] = await Promise.all([
      callOutcome(alice, aliceId),
      callOutcome(bob, bobId),
    ]);
    const offers = [
      ...inDialogRequests(call.aliceFrames, 'INVITE', cutAt),
      ...inDialogRequests(call.bobFrames, 'INVITE', cutAt),
      ...inDialogRequests(call.aliceFrames, 'UPDATE', cutAt),
      ...inDialogRequests(call.bobFrames, 'UPDATE', cutAt),
    ];
    const restarts = offers.filter((offer) => {
      const ufrags = iceUfrags(offer.text);
      return ufrags.length > 0 && ufrags.some((ufrag) => !firstUfrags.includes(ufrag));
    });
    const iceFailed =
      (await alice.events(aliceId, 'ice:failed')).length +
        (await bob.events(bobId, 'ice:failed')).length >
      0;
    rows.push({
      scenario: '2 media cut 10 s',
      library,
      audioBackMs: [aliceAudio, bobAudio],
      survived: aliceNow.live && bobNow.live && aliceAudio !== undefined,
      notes:
        `ICE failed: ${iceFailed}; ICE restart offers on the wire: ${restarts.length}; ` +
        `alice ${aliceNow.how}; bob ${bobNow.how}`,
    });
    if (library === 'sipkit') {
      expect(aliceNow.live, aliceNow.how).toBe(true);
      expect(bobNow.live, bobNow.how).toBe(true);
      expect(aliceAudio).toBeLessThanOrEqual(AUDIO_GOAL_MS);
      expect(bobAudio).toBeLessThanOrEqual(AUDIO_GOAL_MS);
      if (iceFailed) expect(restarts.length).toBeGreaterThan(0);
      await alice.hangup(aliceId);
      await bob.event(bobId, 'ended', { originator: 'remote' });
    }
    await close(call);
  }, 90_000);
});
