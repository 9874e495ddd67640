import { waitUntil } from '../wait.js';
import type { FrameCounter } from './frame-counter.js';
import type { CalleeCounters, LoadAgent, LoadAgentFactory, LoadCall } from './load-agent.js';

export interface LoadPlan {
  /** UAs registered at once. */
  readonly users: number;
  /** Concurrent calls: agent i calls agent `calls + i`; the other agents only register. */
  readonly calls: number;
  /** Short enough that every UA refreshes its registration while the calls are up. */
  readonly registerExpires: number;
  /** Users are `<prefix>000`, `<prefix>001`... */
  readonly userPrefix: string;
}

/** What one library did under the load, counted on the wire and by its events. */
export interface LoadResult {
  readonly users: number;
  readonly calls: number;
  /** ms from starting every UA to the last first `registered`. */
  readonly registerAllMs: number;
  /** UAs that registered at least once / refreshed at least once. */
  readonly registered: number;
  readonly refreshed: number;
  readonly registersSent: number;
  readonly registersAnswered: number;
  readonly registersOk: number;
  readonly callsConfirmed: number;
  readonly callsAnswered: number;
  /** Outgoing calls ended by our BYE / incoming calls ended by the far end's BYE. */
  readonly callsEndedLocal: number;
  readonly callsEndedRemote: number;
  readonly setupMsP50: number;
  readonly setupMsP95: number;
  /** CPU time of this Node process over the run, and as a share of one core. */
  readonly cpuMs: number;
  readonly cpuPercentOfOneCore: number;
  /** Peaks over the run, sampled every 200 ms (the whole test worker, Vitest included). */
  readonly rssPeakMb: number;
  readonly heapPeakMb: number;
  /** Growth of the heap over its value before the UAs were made. */
  readonly heapGrowthMb: number;
  readonly durationMs: number;
  /** Every failure, spelled out: a call that failed, a REGISTER left unanswered... */
  readonly failures: readonly string[];
}

/** The user name of UA `index` of a run (`sipkit-007`): what its registrar must know. */
export function loadUser(prefix: string, index: number): string {
  return `${prefix}${String(index).padStart(3, '0')}`;
}

/**
 * Runs the load: every UA started at once; once all are registered, `calls` calls at once; the
 * calls stay up until every UA has refreshed its registration; then every caller hangs up and
 * every UA stops (un-REGISTER). Waits are bounded, and whatever did not happen in time becomes a
 * failure in the result rather than a hang.
 */
export async function runLoad(
  plan: LoadPlan,
  makeAgent: LoadAgentFactory,
  frames: FrameCounter,
): Promise<LoadResult> {
  const failures: string[] = [];
  const callees: CalleeCounters = { answered: 0, endedByRemote: 0, problems: [] };
  const memory = new MemorySampler();
  const cpuBefore = process.cpuUsage();
  const startedAt = performance.now();

  const agents: LoadAgent[] = Array.from({ length: plan.users }, (_, index) =>
    makeAgent(loadUser(plan.userPrefix, index), callees),
  );
  for (const agent of agents) agent.start();
  await settle(
    'every UA registered',
    () => agents.every((a) => a.registrations >= 1),
    30_000,
    failures,
  );
  const registerAllMs = performance.now() - startedAt;

  const placed = await Promise.allSettled(
    agents
      .slice(0, plan.calls)
      .map((caller, index) => caller.call((agents[plan.calls + index] as LoadAgent).aor)),
  );
  const calls: LoadCall[] = [];
  for (const outcome of placed) {
    if (outcome.status === 'fulfilled') calls.push(outcome.value);
    else failures.push(String(outcome.reason));
  }

  // The calls stay up across a refresh round of every UA.
  const refreshed = (): number => agents.filter((a) => frames.registerOks(a.aor) >= 2).length;
  await settle(
    'every UA refreshed its registration',
    () => refreshed() === agents.length,
    (plan.registerExpires + 5) * 1000,
    failures,
  );
  const refreshedCount = refreshed();
  const ends = await Promise.all(calls.map((call) => call.hangup()));
  const callsEndedLocal = ends.filter((cause) => cause === 'Terminated').length;
  for (const cause of ends.filter((c) => c !== 'Terminated')) failures.push(`call ended: ${cause}`);
  await settle(
    'every callee saw the BYE',
    () => callees.endedByRemote >= calls.length,
    10_000,
    failures,
  );

  for (const agent of agents) agent.stop();
  await settle(
    'every REGISTER answered',
    () => frames.registersSent > 0 && frames.registersAnswered >= frames.registersSent,
    10_000,
    failures,
  );
  const durationMs = performance.now() - startedAt;
  const cpu = process.cpuUsage(cpuBefore);
  memory.stop();
  failures.push(...callees.problems);

  const setups = calls.map((c) => c.setupMs).sort((a, b) => a - b);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return {
    users: plan.users,
    calls: plan.calls,
    registerAllMs: Math.round(registerAllMs),
    registered: agents.filter((a) => a.registrations >= 1).length,
    refreshed: refreshedCount,
    registersSent: frames.registersSent,
    registersAnswered: frames.registersAnswered,
    registersOk: frames.registersOk,
    callsConfirmed: calls.length,
    callsAnswered: callees.answered,
    callsEndedLocal,
    callsEndedRemote: callees.endedByRemote,
    setupMsP50: Math.round(percentile(setups, 0.5)),
    setupMsP95: Math.round(percentile(setups, 0.95)),
    cpuMs: Math.round(cpuMs),
    cpuPercentOfOneCore: Math.round((cpuMs / durationMs) * 100),
    rssPeakMb: round1(memory.rssPeak / 2 ** 20),
    heapPeakMb: round1(memory.heapPeak / 2 ** 20),
    heapGrowthMb: round1((memory.heapPeak - memory.heapBefore) / 2 ** 20),
    durationMs: Math.round(durationMs),
    failures,
  };
}

/** Waits for `done`; when it does not come in time, records why instead of throwing. */
async function settle(
  what: string,
  done: () => boolean,
  timeoutMs: number,
  failures: string[],
): Promise<void> {
  await waitUntil(what, () => (done() ? true : undefined), timeoutMs, 50).catch((error: unknown) =>
    failures.push(String(error)),
  );
}

/** Nearest-rank percentile of sorted values (NaN when there are none). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank] as number;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

class MemorySampler {
  readonly heapBefore = process.memoryUsage().heapUsed;
  rssPeak = 0;
  heapPeak = 0;
  readonly #timer = setInterval(() => this.#sample(), 200);

  constructor() {
    this.#sample();
  }

  stop(): void {
    this.#sample();
    clearInterval(this.#timer);
  }

  #sample(): void {
    const { rss, heapUsed } = process.memoryUsage();
    this.rssPeak = Math.max(this.rssPeak, rss);
    this.heapPeak = Math.max(this.heapPeak, heapUsed);
  }
}
