// Call setup time, ua.call() to `confirmed` (the ACK sent), for our UA and for JsSIP in the same
// run: each on its own Chromium page, calling a third page that answers by itself, through
// Kamailio on this machine. Printed as a table line and written as JSON (harness/results.ts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { CallSpec, Library } from '../page/phone/phone.js';
import type { PhonePage } from '../harness/phone-page.js';
import { usePhones } from '../harness/phones.js';
import { median, writeResults } from '../harness/results.js';
import { useKamailio } from '../harness/scenario.js';

const scenario = useKamailio('kamailio-call-setup');
const phones = usePhones(scenario);
const CALLS = 5;
// Nothing listens on the discard port of 127.0.0.1: STUN requests there are never answered
// (never a remote address: this suite stays on loopback).
const UNREACHABLE_STUN: CallSpec = { pcConfig: { iceServers: [{ urls: 'stun:127.0.0.1:9' }] } };
// Our media handler's default cap on ICE gathering without a srflx candidate (media/README.md).
const ICE_GATHERING_MAX_TIME_MS = 5000;
const LIBRARIES: readonly Library[] = ['sipkit', 'jssip'];

let callers: Record<Library, PhonePage>;
let callee: PhonePage;
const results: Record<string, Record<Library, { medianMs: number; samplesMs: number[] }>> = {};

beforeAll(async () => {
  const [sipkit, jssip, answering] = await Promise.all([
    phones.open({ library: 'sipkit', user: 'setup-sipkit' }),
    phones.open({ library: 'jssip', user: 'setup-jssip' }),
    // One callee for both, so its answer time weighs the same on each side.
    phones.open({ library: 'jssip', user: 'setup-callee', autoAnswer: true }),
  ]);
  callers = { sipkit, jssip };
  callee = answering;
});

/** One call from `caller` to the callee: ms from call() to confirmed; then both hang up. */
async function timedCall(caller: PhonePage, spec: CallSpec, timeoutMs = 10_000): Promise<number> {
  const id = await caller.call(callee.aor, spec);
  const confirmed = await caller.event(id, 'confirmed', { timeoutMs });
  const started = (await caller.state()).calls[id]?.startedAt ?? Number.NaN;
  await caller.hangup(id);
  await caller.event(id, 'ended');
  return confirmed.at - started;
}

test(`median of ${CALLS} calls each, ours and JsSIP alternating`, async () => {
  // One call each first: the first getUserMedia and peer connection of a page cost extra.
  for (const library of LIBRARIES) await timedCall(callers[library], {});
  const samples: Record<Library, number[]> = { sipkit: [], jssip: [] };
  for (let round = 0; round < CALLS; round += 1) {
    for (const library of LIBRARIES) samples[library].push(await timedCall(callers[library], {}));
  }
  results['default'] = summarize(samples);
  // On loopback a call is set up in well under a second; seconds mean something waits.
  expect(results['default'].sipkit.medianMs).toBeLessThan(2000);
});

test(`with an unreachable STUN server: ours bounded by iceGatheringMaxTime, JsSIP waits for ICE`, async () => {
  // The wait is a timer (ours) or Chromium giving up on STUN (~40 s for JsSIP), not work, so
  // the calls of one library run at once to keep the suite short; the median is unaffected.
  const samples: Record<Library, number[]> = { sipkit: [], jssip: [] };
  for (const library of LIBRARIES) {
    samples[library] = await Promise.all(
      Array.from({ length: CALLS }, () => timedCall(callers[library], UNREACHABLE_STUN, 60_000)),
    );
  }
  results['unreachableStun'] = summarize(samples);
  // Ours gives up on the missing srflx candidate at iceGatheringMaxTime; the rest is signalling.
  const ours = results['unreachableStun'].sipkit;
  expect(Math.max(...ours.samplesMs)).toBeLessThan(ICE_GATHERING_MAX_TIME_MS + 2000);
}, 150_000);

afterAll(async () => {
  if (Object.keys(results).length === 0) return;
  const require = createRequire(import.meta.url);
  const jssipVersion = (
    JSON.parse(readFileSync(require.resolve('jssip/package.json'), 'utf8')) as { version: string }
  ).version;
  const path = writeResults(inject('runDir'), 'call-setup.json', {
    what: 'ua.call() to confirmed (ACK sent), ms; caller and callee in Chromium, via Kamailio, 127.0.0.1',
    date: new Date().toISOString(),
    chromium: phones.browser.browser.version(),
    jssip: jssipVersion,
    callee: 'JsSIP page answering at once',
    calls: CALLS,
    cases: {
      default: results['default'],
      unreachableStun: results['unreachableStun'] && {
        ...results['unreachableStun'],
        pcConfig: UNREACHABLE_STUN.pcConfig,
        concurrent: true,
      },
    },
  });
  const line = (name: string): string => {
    const r = results[name];
    return r === undefined
      ? `${name}: not measured`
      : `${name}: sipkit ${Math.round(r.sipkit.medianMs)} ms, jssip ${Math.round(r.jssip.medianMs)} ms`;
  };
  console.log(
    `call setup (median of ${CALLS}) | ${line('default')} | ${line('unreachableStun')} | ${path}`,
  );
});

function summarize(samples: Record<Library, number[]>) {
  const round = (ms: number): number => Math.round(ms * 10) / 10;
  return {
    sipkit: { medianMs: round(median(samples.sipkit)), samplesMs: samples.sipkit.map(round) },
    jssip: { medianMs: round(median(samples.jssip)), samplesMs: samples.jssip.map(round) },
  };
}
