// Issue 22 scenario 5: load through a real proxy. 200 UAs in this Node process (real WebSockets
// from the `ws` package, no media: @sipkit/testing's fake media handler for ours, a fake
// RTCPeerConnection for JsSIP) register at once on one Kamailio (the recipe, deploy/kamailio/
// kamailio.cfg with WITH_AUTH, no cluster), 50 of them call 50 others at once through it, the
// calls stay up until every UA has refreshed its registration (register_expires 16 s), then every
// caller hangs up and every UA unregisters. Nothing may be lost: every REGISTER answered (counted
// on the wire), every call confirmed and ended on both sides. Ours, then JsSIP 3.13.8 on the
// same load; the numbers go to BENCHMARKS.md ("Load through Kamailio").
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { KamailioNode } from '../harness/cluster.js';
import { TEST_PASSWORD } from '../harness/kamailio.js';
import { FrameCounter } from '../harness/load/frame-counter.js';
import { jssipAgents } from '../harness/load/jssip-agent.js';
import { loadUser, runLoad, type LoadPlan, type LoadResult } from '../harness/load/run-load.js';
import { sipkitAgents } from '../harness/load/sipkit-agent.js';
import { ProcessRegistry } from '../harness/process-registry.js';
import { writeResults } from '../harness/results.js';

/** Outside production-topology.md's plan, inside its 7300-7399 range. */
const LOAD_NODE = { ip: '127.0.0.1', sipPort: 7321, wsPort: 7322 };
const PLAN = { users: 200, calls: 50, registerExpires: 16 } as const;
const require = createRequire(import.meta.url);

const JSSIP_VERSION = (
  JSON.parse(readFileSync(require.resolve('jssip/package.json'), 'utf8')) as { version: string }
).version;

const runDir = inject('runDir');
const registry = new ProcessRegistry(runDir);
/** Every UA of both runs, with the test password. */
const USERS = Object.fromEntries(
  ['sipkit-', 'jssip-'].flatMap((prefix) =>
    Array.from({ length: PLAN.users }, (_, index) => [loadUser(prefix, index), TEST_PASSWORD]),
  ),
);
// Four workers per transport: 200 WebSockets on two shared cores. Digest auth on, as in production.
const kamailio = new KamailioNode(runDir, 'load', LOAD_NODE, registry, {
  children: 4,
  users: USERS,
});
const results: Record<string, LoadResult> = {};

beforeAll(() => kamailio.start());
afterAll(() => kamailio.stop());

async function load(library: 'sipkit' | 'jssip'): Promise<LoadResult> {
  const frames = new FrameCounter();
  const plan: LoadPlan = { ...PLAN, userPrefix: `${library}-` };
  const agents = (library === 'sipkit' ? sipkitAgents : jssipAgents)(
    kamailio.wsUrl,
    frames,
    PLAN.registerExpires,
  );
  const result = await runLoad(plan, agents, frames);
  results[library] = result;
  console.log(`load ${library}: ${JSON.stringify(result)}`);
  return result;
}

function expectNothingLost(result: LoadResult): void {
  expect(result.failures).toEqual([]);
  expect(result.registered).toBe(PLAN.users);
  expect(result.refreshed).toBe(PLAN.users);
  expect(result.registersAnswered).toBe(result.registersSent);
  // At least: a challenged first REGISTER (401 + retry), one refresh, one un-REGISTER per UA.
  expect(result.registersOk).toBeGreaterThanOrEqual(PLAN.users * 3);
  expect(result.callsConfirmed).toBe(PLAN.calls);
  expect(result.callsAnswered).toBe(PLAN.calls);
  expect(result.callsEndedLocal).toBe(PLAN.calls);
  expect(result.callsEndedRemote).toBe(PLAN.calls);
}

test(
  'sipkit: 200 UAs, 50 concurrent calls, refreshes, nothing lost',
  { timeout: 90_000 },
  async () => {
    expectNothingLost(await load('sipkit'));
    // Every binding went with its un-REGISTER.
    await expect
      .poll(() => kamailio.rpc('ul.dump', 'brief'), { timeout: 5000 })
      .not.toMatch(/AoR: sipkit-/);
  },
);

test('jssip: the same load', { timeout: 90_000 }, async () => {
  expectNothingLost(await load('jssip'));
});

test('results side by side', async () => {
  // The shape bench/src/sections/load/load-json.ts reads (`pnpm bench load`).
  const path = writeResults(runDir, 'load.json', {
    what:
      `${PLAN.users} UAs in one Node process registered at once on one Kamailio over WebSocket, ` +
      `${PLAN.calls} concurrent calls through it (fake media), register_expires ` +
      `${PLAN.registerExpires} s, every UA refreshed during the calls, then hang-up and un-REGISTER`,
    kamailio: (await kamailio.rpc('core.version')).trim(),
    jssip: JSSIP_VERSION,
    node: process.version,
    results,
  });
  const line = (name: string, r: LoadResult | undefined): string =>
    r === undefined
      ? `${name} (none)`
      : `${name} register all ${r.registerAllMs} ms, setup p50 ${r.setupMsP50} / p95 ${r.setupMsP95} ms, ` +
        `CPU ${r.cpuMs} ms (${r.cpuPercentOfOneCore}% of a core), heap +${r.heapGrowthMb} MB, ` +
        `failures ${r.failures.length}`;
  console.log(
    `load | ${line('sipkit', results['sipkit'])} | ${line('jssip', results['jssip'])} | ${path}`,
  );
  expect(Object.keys(results)).toEqual(['sipkit', 'jssip']);
});
