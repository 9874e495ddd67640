import { runChild } from '../../child.js';
import { formatRatio } from '../../format.js';
import { contenderIds, type ContenderId } from '../../lab/contender.js';
import type { HeadlineRow } from '../../headline.js';
import type { Section, SectionContext, SectionResult } from '../../section.js';
import { max, median, min } from '../../stats.js';
import type { Table } from '../../table.js';
import { isScaleOutcome, type ScaleJob } from './protocol.js';

const workerScript = new URL('./worker.ts', import.meta.url);
const labels: Record<ContenderId, string> = { sipkit: 'SipKit', jssip: 'JsSIP', sipjs: 'SIP.js' };

interface Settings {
  readonly rounds: number;
  readonly job: Omit<ScaleJob, 'contender'>;
}
// 5 rounds x (SipKit ~2 s, JsSIP ~4 s, SIP.js ~8 s, plus process start) is about a minute.
const full: Settings = { rounds: 5, job: { calls: 1000, wave: 100, warmup: 100 } };
const quick: Settings = { rounds: 1, job: { calls: 100, wave: 50, warmup: 10 } };

interface Round {
  readonly perCallMs: number;
  readonly latencyP50: number;
  readonly latencyP95: number;
  readonly cpuPerMessageUs: number;
  readonly messagesPerCall: number;
}

interface Tally {
  readonly id: ContenderId;
  version: string;
  readonly rounds: Round[];
  missing: string | undefined;
}

const rotate = <T>(list: readonly T[], by: number): T[] => {
  const k = by % list.length;
  return [...list.slice(k), ...list.slice(0, k)];
};

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

async function runOnce(tally: Tally, settings: Settings): Promise<string> {
  const job: ScaleJob = { contender: tally.id, ...settings.job };
  const outcome = await runChild(workerScript, job, { timeoutMs: 180_000 });
  if (!isScaleOutcome(outcome)) throw new Error('worker sent a malformed result');
  tally.version = outcome.version;
  if (outcome.kind === 'failed') {
    tally.missing = outcome.reason;
    return `failed: ${outcome.reason}`;
  }
  if (outcome.peakCalls !== outcome.calls) {
    tally.missing = `held ${outcome.peakCalls} of ${outcome.calls} calls at the peak`;
    return tally.missing;
  }
  const sorted = [...outcome.setupLatencyMs].sort((a, b) => a - b);
  const round: Round = {
    perCallMs: outcome.setupWallMs / outcome.calls,
    latencyP50: percentile(sorted, 0.5),
    latencyP95: percentile(sorted, 0.95),
    cpuPerMessageUs: outcome.cpuMicros / outcome.messages,
    messagesPerCall: outcome.messages / outcome.calls,
  };
  tally.rounds.push(round);
  return `${round.perCallMs.toFixed(2)} ms/call setup, p50 ${round.latencyP50.toFixed(0)} ms, ${round.cpuPerMessageUs.toFixed(0)} µs CPU/message`;
}

/** The median over a library's rounds; NaN when it has none. */
function pick(tally: Tally | undefined, key: keyof Round): number {
  return tally === undefined || tally.rounds.length === 0
    ? Number.NaN
    : median(tally.rounds.map((round) => round[key]));
}

function table(tallies: readonly Tally[]): Table {
  const jssip = tallies.find((tally) => tally.id === 'jssip');
  return {
    columns: [
      { title: 'Library', align: 'left' },
      { title: 'Version', align: 'left' },
      { title: 'setup ms/call', align: 'right' },
      { title: 'min – max', align: 'right' },
      { title: 'vs JsSIP', align: 'right' },
      { title: 'latency p50', align: 'right' },
      { title: 'p95', align: 'right' },
      { title: 'CPU µs/message', align: 'right' },
      { title: 'vs JsSIP', align: 'right' },
      { title: 'msgs/call', align: 'right' },
      { title: 'Status', align: 'left' },
    ],
    rows: tallies.map((tally) => {
      if (tally.rounds.length === 0) {
        return [
          labels[tally.id],
          tally.version,
          '–',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          tally.missing ?? 'not run',
        ];
      }
      const perCall = tally.rounds.map((round) => round.perCallMs);
      return [
        labels[tally.id],
        tally.version,
        pick(tally, 'perCallMs').toFixed(2),
        `${min(perCall).toFixed(2)} – ${max(perCall).toFixed(2)}`,
        formatRatio(pick(jssip, 'perCallMs') / pick(tally, 'perCallMs')),
        `${pick(tally, 'latencyP50').toFixed(0)} ms`,
        `${pick(tally, 'latencyP95').toFixed(0)} ms`,
        pick(tally, 'cpuPerMessageUs').toFixed(0),
        formatRatio(pick(jssip, 'cpuPerMessageUs') / pick(tally, 'cpuPerMessageUs')),
        pick(tally, 'messagesPerCall').toFixed(0),
        tally.missing === undefined ? 'all calls up at once' : `failed: ${tally.missing}`,
      ];
    }),
  };
}

/** Setup time per call and CPU per message; the issue sets no target beyond "next to JsSIP". */
function headline(tallies: readonly Tally[], calls: number): HeadlineRow[] {
  const of = (id: ContenderId): Tally | undefined => tallies.find((tally) => tally.id === id);
  const row = (measure: string, key: keyof Round, unit: string, better: string): HeadlineRow[] => {
    const value = (id: ContenderId): number => pick(of(id), key);
    const ours = value('sipkit');
    const jssip = value('jssip');
    const sipjs = value('sipjs');
    if (Number.isNaN(ours) || Number.isNaN(jssip)) return [];
    const digits = unit === 'ms' ? 2 : 0;
    const cell = (v: number): string => (Number.isNaN(v) ? '–' : `${v.toFixed(digits)} ${unit}`);
    return [
      {
        measure,
        sipkit: cell(ours),
        jssip: cell(jssip),
        sipjs: cell(sipjs),
        versusJssip: `${formatRatio(jssip / ours)} ${better}`,
        target: 'measured next to JsSIP',
        status: '',
      },
    ];
  };
  const up = calls.toLocaleString('en-US');
  return [
    ...row(`Scale, ${up} concurrent calls: setup time per call`, 'perCallMs', 'ms', 'faster'),
    ...row(`Scale, ${up} concurrent calls: CPU per message`, 'cpuPerMessageUs', 'µs', 'less CPU'),
  ];
}

async function run(context: SectionContext): Promise<SectionResult> {
  const settings = context.quick ? quick : full;
  const tallies: Tally[] = contenderIds.map((id) => ({
    id,
    version: '–',
    rounds: [],
    missing: undefined,
  }));
  for (let round = 0; round < settings.rounds; round++) {
    for (const tally of rotate(tallies, round)) {
      if (tally.missing !== undefined) continue;
      let line: string;
      try {
        line = await runOnce(tally, settings);
      } catch (error) {
        tally.missing = error instanceof Error ? error.message : String(error);
        line = `failed: ${tally.missing}`;
      }
      context.log(`  round ${round + 1}/${settings.rounds}  ${labels[tally.id].padEnd(7)} ${line}`);
    }
  }
  const { calls, wave, warmup } = settings.job;
  return {
    table: table(tallies),
    headline: headline(tallies, calls),
    summary: [
      `"vs JsSIP" is how many times faster (JsSIP's time ÷ this one's): above 1 is better. CPU per message includes the in-memory network's and the answering peer's share (the same for every library).`,
    ],
    problems: tallies.flatMap((tally) =>
      tally.missing === undefined ? [] : [`scale: ${labels[tally.id]}: ${tally.missing}`],
    ),
    method: [
      `**Load.** One UA per library on \`@sipkit/testing\`'s in-memory network (\`SipNetwork\`; its \`VirtualSocket\` has JsSIP's socket shape, so JsSIP and SIP.js run on it as they are, SIP.js through a small transport class), registered with the answering peer (\`bench/src/lab/peer.ts\`) as the network's server end, answers every incoming call with fake media (the memory section's fakes). The peer places ${calls.toLocaleString('en-US')} calls in waves of ${wave} INVITEs (each with an SDP offer; the next wave goes once the whole wave is answered), ACKs each 200, and only then, with all ${calls.toLocaleString('en-US')} calls up at once (checked against the UA's own count), sends the BYEs in waves. ${warmup} calls are made and hung up first so the call path is compiled. Real timers, one process per library and round, ${settings.rounds} rounds alternated; medians, and the spread of setup time per call. The peer is used rather than \`SipProxyServer\` so that no SipKit code runs on the far end of JsSIP's and SIP.js's calls and the far end costs each library the same few string operations.`,
      `**Numbers.** *Setup ms/call*: wall time from the first INVITE to the last 200 ÷ calls. *Latency*: INVITE sent to 200 received, per call, as the caller sees it (it includes waiting behind the rest of the wave). *CPU µs/message*: process CPU time (\`process.cpuUsage\`, user + system) over set-up and teardown ÷ SIP messages the UA received and sent; it includes the network's and the peer's share, the same for every library. *Msgs/call*: what the UA exchanged per call (JsSIP and SIP.js send a 180 Ringing before the 200). Heap per concurrent call is in the memory section, measured after gc.`,
    ],
  };
}

export const scaleSection: Section = {
  id: 'scale',
  title: 'Scale: 1,000 concurrent calls on one UA',
  run,
};
