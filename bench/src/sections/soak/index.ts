import { runChild } from '../../child.js';
import { metWhen } from '../../headline.js';
import type { Section, SectionContext, SectionResult } from '../../section.js';
import type { Table } from '../../table.js';
import { isSoakOutcome, type SoakJob, type SoakSnapshot } from './protocol.js';

const workerScript = new URL('./worker.ts', import.meta.url);

// The proxy of @sipkit/testing remembers its last 4,096 forwarded branches (BoundedMap), and each
// entry keeps the upstream connection, and with it the disconnected UA, alive: the heap grows for
// the first ~2,048 cycles (two forwarded transactions per cycle) and is flat after. The baseline is
// taken past that, so what is measured is growth that does not stop.
const full: SoakJob = { cycles: 10_000, warmup: 2_500 };
const quick: SoakJob = { cycles: 300, warmup: 100 };
/** Heap growth allowed over the run: 200 bytes a cycle would be a leak of one small object each. */
const toleranceBytes = (cycles: number): number => Math.max(1_000_000, cycles * 200);

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
const signedMb = (bytes: number): string => `${bytes >= 0 ? '+' : '−'}${mb(Math.abs(bytes))}`;

function row(label: string, s: SoakSnapshot, baseline: SoakSnapshot): string[] {
  return [
    label,
    mb(s.heapUsed),
    label === 'baseline' ? '' : signedMb(s.heapUsed - baseline.heapUsed),
    String(s.timers),
    String(s.openConnections),
    String(s.bobSessions),
    String(s.registeredAors),
  ];
}

async function run(context: SectionContext): Promise<SectionResult> {
  const job = context.quick ? quick : full;
  context.log(`  ${job.warmup} warm-up cycles, then ${job.cycles} measured cycles (one process)`);
  const outcome = await runChild(workerScript, job, {
    nodeFlags: ['--expose-gc'],
    timeoutMs: 600_000,
  });
  if (!isSoakOutcome(outcome)) throw new Error('soak worker sent a malformed result');
  const columns: Table['columns'] = [
    { title: 'SipKit soak', align: 'left' },
    { title: 'heapUsed', align: 'right' },
    { title: 'vs baseline', align: 'right' },
    { title: 'timers', align: 'right' },
    { title: 'connections', align: 'right' },
    { title: "bob's sessions", align: 'right' },
    { title: 'registered AORs', align: 'right' },
  ];
  const method = [
    `**Cycle.** On the in-memory network (\`@sipkit/testing\` \`SipNetwork\` + \`SipProxyServer\` with digest auth), a new UA "alice" on a new socket starts, registers (401, then 200), calls the long-lived UA "bob", who answers (FakeMediaHandler on both sides; the proxy challenges the INVITE with 407), hangs up (BYE) and stops (un-REGISTER, disconnect). ${job.warmup.toLocaleString('en-US')} cycles run before the baseline, then ${job.cycles.toLocaleString('en-US')} are measured. Timers are virtual (\`@sinonjs/fake-timers\`), so each snapshot can first let 40 s pass: the 32 s transaction timers (RFC 6026 Accepted, Timer K) of the last calls run out, as they would on a real phone.`,
    `**Pass.** The settled heap (after \`gc()\`, \`node --expose-gc\`) may exceed the baseline by at most ${mb(toleranceBytes(job.cycles))} (${Math.round(toleranceBytes(job.cycles) / job.cycles)} bytes a cycle), the scheduled timers must be back to the baseline's (bob's registration refresh), and no connection, session or registration may be left beyond bob's. *End* is right after the last cycle, before the 40 s.`,
    `**Warm-up.** The proxy keeps its last 4,096 forwarded branches (and 2,048 transactions) in bounded maps to absorb late retransmissions, and each kept branch holds the upstream connection, so every disconnected alice stays reachable until its branches are pushed out: the heap grows for the first ~2,048 cycles (two forwarded transactions each, INVITE and BYE) and then stays flat. The baseline is taken after that. This is test infrastructure, not the UA, but it is up to ~2,000 retained UAs (tens of MB) in a long-running \`pnpm dev-server\` too.`,
  ];
  if (outcome.kind === 'failed') {
    return {
      table: { columns, rows: [] },
      summary: [`**Soak FAILED after ${outcome.cyclesDone} cycles: ${outcome.reason}**`],
      problems: [`soak: ${outcome.reason} (after ${outcome.cyclesDone} cycles)`],
      method,
      headline: [],
    };
  }
  const { baseline, end, settled } = outcome;
  const growth = settled.heapUsed - baseline.heapUsed;
  const failures = [
    ...(growth > toleranceBytes(job.cycles)
      ? [`heap grew ${signedMb(growth)} (tolerance ${mb(toleranceBytes(job.cycles))})`]
      : []),
    ...(settled.timers !== baseline.timers
      ? [`${settled.timers} timers vs ${baseline.timers}`]
      : []),
    ...(settled.openConnections !== baseline.openConnections
      ? [`${settled.openConnections} connections open`]
      : []),
    ...(settled.bobSessions !== 0 ? [`bob holds ${settled.bobSessions} sessions`] : []),
    ...(settled.registeredAors !== baseline.registeredAors
      ? [`${settled.registeredAors} AORs registered`]
      : []),
  ];
  const perCycleMs = (outcome.seconds * 1000) / outcome.cycles;
  return {
    table: {
      columns,
      rows: [
        row('baseline', baseline, baseline),
        row(`end (${outcome.cycles.toLocaleString('en-US')} cycles)`, end, baseline),
        row('settled (+40 s)', settled, baseline),
      ],
    },
    summary: [
      context.quick
        ? `Quick run: the warm-up is too short for the heap to plateau, so growth here (${signedMb(growth)}) is expected and not judged.`
        : failures.length === 0
          ? `Soak PASSED: ${outcome.cycles.toLocaleString('en-US')} register/call/hangup cycles, heap ${signedMb(growth)} (${Math.round(growth / outcome.cycles)} bytes a cycle; tolerance ${mb(toleranceBytes(job.cycles))}), timers, connections, sessions and registrations back to baseline.`
          : `**Soak FAILED: ${failures.join('; ')}.**`,
      `${perCycleMs.toFixed(1)} ms of wall time a cycle (${outcome.seconds.toFixed(0)} s), proxy and both UAs in one process.`,
    ],
    headline: [
      {
        measure: `Soak, ${outcome.cycles.toLocaleString('en-US')} register/call/hangup cycles: heap growth`,
        sipkit: signedMb(growth),
        jssip: '',
        sipjs: '',
        versusJssip: '',
        target: `≤ ${mb(toleranceBytes(job.cycles))}; timers, connections, sessions back to baseline`,
        status: context.quick ? '' : metWhen(failures.length === 0),
      },
    ],
    // A quick run stops long before the proxy's bounded maps are full, so its heap still grows:
    // it checks the harness, it does not judge the UA.
    problems: context.quick ? [] : failures.map((failure) => `soak: ${failure}`),
    method,
  };
}

export const soakSection: Section = {
  id: 'soak',
  title: 'Soak: 10,000 register/call/hangup cycles',
  run,
};
