// Issue 20, scenario 4: a real interface change under a call. The caller's browser runs in a
// network namespace of its own and reaches the server and the callee over one veth link (the
// only addresses are those the test gives the link); mid-call a second link comes up and the
// first is deleted, as when a laptop moves from Wi-Fi to a mobile hotspot. Once with our UA,
// once with JsSIP 3.13.8: ours must keep the call with audio back (measured against the issue's
// 2 s goal in BENCHMARKS.md); JsSIP is measured.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectAudioBothWays, timeToAudio } from '../harness/audio-flow.js';
import {
  chromiumInNamespace,
  CHROMIUM_FLAGS_PRIVATE_SERVER,
  launchChromium,
  type RunningBrowser,
} from '../harness/browser.js';
import {
  CallerNamespace,
  ip,
  linkAddresses,
  SERVICE_ADDRESS,
} from '../harness/caller-namespace.js';
import { usePhones } from '../harness/phones.js';
import {
  callOutcome,
  formatRow,
  registeredAgain,
  type RecoveryRow,
} from '../harness/recovery-report.js';
import { writeResults } from '../harness/results.js';
import { useKamailio } from '../harness/scenario.js';
import { iceUfrags, inDialogRequests } from '../harness/ws-frames.js';
import type { Library } from '../page/phone/phone.js';

// Before Kamailio starts (hooks run in order): it listens on this address too.
beforeAll(async () => {
  await ip('addr', 'add', `${SERVICE_ADDRESS}/32`, 'dev', 'lo');
});
afterAll(async () => {
  await ip('addr', 'del', `${SERVICE_ADDRESS}/32`, 'dev', 'lo').catch(() => undefined);
});
const scenario = useKamailio('interface-change', { extraWsAddress: SERVICE_ADDRESS });
const phones = usePhones(scenario);

let caller: CallerNamespace | undefined;
let callerBrowser: RunningBrowser | undefined;
beforeAll(async () => {
  caller = await CallerNamespace.create(scenario.registry, scenario.runDir);
  callerBrowser = await launchChromium(scenario.registry, {
    executablePath: chromiumInNamespace(scenario.runDir, caller.path),
    args: CHROMIUM_FLAGS_PRIVATE_SERVER,
  });
});
afterAll(async () => {
  await callerBrowser?.close();
  await caller?.close();
});

const AUDIO_WAIT_MS = 20_000;
/** The goal: audio back within 2 s of the change. */
const AUDIO_GOAL_MS = 2000;
/**
 * What ours is held to here, and why not the goal: with no browser event the change is seen
 * from the media, ~1-1.5 s after it (the audio count read every 500 ms, two reads without a new
 * packet), then the WebSocket probe must go unanswered for 1 s before the flow counts as dead.
 * That is 2-2.5 s before anything can be sent over link 2; the reconnection, the REGISTER (401
 * then 200), the one re-INVITE with the new Contact and the ICE restart (gathering on both
 * ends), the ICE checks and three audio packets follow. Measured 4.3-5.0 s on this machine with
 * a load average of ~20 (BENCHMARKS.md); 8 s leaves room for a CI machine's load, and the
 * assertions beside it (the stall, not ICE `disconnected`, started the recovery; one re-INVITE)
 * catch a regression to the old paths (7 s when the stall watch missed a link lost within a
 * second of the answer; 14 s with glare and a separate UPDATE).
 */
const AUDIO_BOUND_MS = 8000;
const LIBRARIES: readonly Library[] = ['sipkit', 'jssip'];

const rows: RecoveryRow[] = [];
afterAll(() => {
  if (rows.length === 0) return;
  const path = writeResults(scenario.runDir, 'interface-change.json', { rows });
  for (const row of rows) console.info(formatRow(row));
  console.info(`interface change results: ${path}`);
});

describe.each(LIBRARIES)('%s', (library) => {
  test('4: the caller’s link replaced by another mid-call: audio resumes over the new one', async () => {
    if (caller === undefined || callerBrowser === undefined) throw new Error('not up');
    await caller.addLink(1);
    await caller.routeServiceVia(1);
    const ws = `ws://${SERVICE_ADDRESS}:${scenario.kamailio.ports.ws}`;
    const [alice, bob] = await Promise.all([
      phones.open(
        { library, user: `alice-if-${library}`, ws, fetchThroughTest: true },
        callerBrowser,
      ),
      phones.open({ library, user: `bob-if-${library}`, autoAnswer: true }),
    ]);
    try {
      const aliceId = await alice.call(bob.aor);
      const bobId = await bob.incomingCall(0);
      await alice.event(aliceId, 'confirmed');
      await expectAudioBothWays([
        [alice, aliceId],
        [bob, bobId],
      ]);
      const firstOffer =
        alice.frames.find((f) => f.direction === 'sent' && f.text.startsWith('INVITE '))?.text ??
        '';
      // The path the media took: the caller's only address is on link 1.
      expect(firstOffer).toContain(linkAddresses(1).caller);

      await caller.addLink(2);
      await caller.routeServiceVia(2);
      await caller.removeLink(1);
      const switched = Date.now();

      const [aliceAudio, bobAudio] = await Promise.all([
        timeToAudio(alice, aliceId, switched, AUDIO_WAIT_MS),
        timeToAudio(bob, bobId, switched, AUDIO_WAIT_MS),
      ]);
      const [aliceNow, bobNow] = await Promise.all([
        callOutcome(alice, aliceId),
        callOutcome(bob, bobId),
      ]);
      const restarts = [
        ...inDialogRequests(alice.frames, 'INVITE', switched),
        ...inDialogRequests(alice.frames, 'UPDATE', switched),
      ].filter((offer) => iceUfrags(offer.text).some((u) => !iceUfrags(firstOffer).includes(u)));
      const overLink2 = restarts.some((offer) => offer.text.includes(linkAddresses(2).caller));
      const reRegistered = await registeredAgain([alice.frames], switched, 0);
      const { network } = await alice.state();
      rows.push({
        scenario: '4 interface change',
        library,
        audioBackMs: [aliceAudio, bobAudio],
        survived: aliceNow.live && bobNow.live && aliceAudio !== undefined,
        notes:
          `ICE restart offers from alice: ${restarts.length} (new link's address in one: ` +
          `${overLink2}); alice registered again: ${reRegistered}; ` +
          `alice's browser network events: ${network.join(' ') || 'none'}; ` +
          `alice ${aliceNow.how}; bob ${bobNow.how}`,
      });
      if (library === 'sipkit') {
        expect(aliceNow.live, aliceNow.how).toBe(true);
        expect(bobNow.live, bobNow.how).toBe(true);
        expect(overLink2).toBe(true);
        // One re-INVITE carried the new Contact and the ICE restart: no UPDATE, no glare.
        expect(inDialogRequests(alice.frames, 'UPDATE', switched)).toHaveLength(0);
        expect(inDialogRequests(bob.frames, 'INVITE', switched)).toHaveLength(0);
        expect(restarts).toHaveLength(1);
        // The audio stall noticed the change, seconds before ICE would have said `disconnected`.
        expect(aliceNow.how).toContain('call media lost (audio stalled)');
        // Audio back within AUDIO_BOUND_MS (see there why not AUDIO_GOAL_MS; both reported).
        expect(aliceAudio, `goal ${AUDIO_GOAL_MS} ms`).toBeLessThanOrEqual(AUDIO_BOUND_MS);
        expect(bobAudio, `goal ${AUDIO_GOAL_MS} ms`).toBeLessThanOrEqual(AUDIO_BOUND_MS);
        await alice.hangup(aliceId);
        await bob.event(bobId, 'ended', { originator: 'remote' });
      }
    } finally {
      await Promise.all([alice.close(), bob.close()]);
      await caller.removeLink(2).catch(() => undefined);
      await caller.removeLink(1).catch(() => undefined);
    }
  }, 90_000);
});
