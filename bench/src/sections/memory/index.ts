import { runChild } from '../../child.js';
import { formatRatio } from '../../format.js';
import { contenderIds, type ContenderId } from '../../lab/contender.js';
import { metWhen, type HeadlineRow } from '../../headline.js';
import type { Section, SectionContext, SectionResult } from '../../section.js';
import { max, median, min } from '../../stats.js';
import type { Table } from '../../table.js';
import { isMemoryOutcome, type MemoryJob, type MemoryMode } from './protocol.js';

const workerScript = new URL('./worker.ts', import.meta.url);
const labels: Record<ContenderId, string> = { sipkit: 'SipKit', jssip: 'JsSIP', sipjs: 'SIP.js' };

interface Settings {
  readonly rounds: number;
  readonly idle: number;
  readonly calls: number;
  readonly warmup: number;
}

// Heap deltas are quiet once divided by hundreds of instances; 5 alternated rounds take the odd
// GC or lazily compiled function out through the median. ~30 processes of 1-2 s each.
const full: Settings = { rounds: 5, idle: 1000, calls: 300, warmup: 30 };
const quick: Settings = { rounds: 1, idle: 100, calls: 30, warmup: 5 };

interface Tally {
  readonly id: ContenderId;
  version: string;
  readonly idle: number[];
  readonly aged: number[];
  readonly setup: number[];
  readonly left: number[];
  missing: string | undefined;
}

const rotate = <T>(list: readonly T[], by: number): T[] => {
  const k = by % list.length;
  return [...list.slice(k), ...list.slice(0, k)];
};

/** "6.1 KB" with 1 KB = 1000 bytes; heap per object is read by magnitude. */
const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} KB`;
const spread = (values: readonly number[]): string =>
  values.length === 0 ? '' : `${kb(min(values))} – ${kb(max(values))}`;

async function measure(tally: Tally, mode: MemoryMode, settings: Settings): Promise<string> {
  const job: MemoryJob = {
    contender: tally.id,
    mode,
    count: mode === 'idle' ? settings.idle : settings.calls,
    warmup: settings.warmup,
  };
  const outcome = await runChild(workerScript, job, {
    nodeFlags: ['--expose-gc'],
    timeoutMs: 120_000,
  });
  if (!isMemoryOutcome(outcome)) throw new Error('worker sent a malformed result');
  tally.version = outcome.version;
  if (outcome.kind === 'failed') {
    tally.missing = outcome.reason;
    return `failed: ${outcome.reason}`;
  }
  if (mode === 'idle') {
    tally.idle.push(outcome.bytesEach);
    return `${kb(outcome.bytesEach)} per idle UA`;
  }
  tally.aged.push(outcome.bytesEach);
  if (outcome.setupEach !== undefined) tally.setup.push(outcome.setupEach);
  if (outcome.leftEach !== undefined) tally.left.push(outcome.leftEach);
  return `${kb(outcome.bytesEach)} per call (${kb(outcome.setupEach ?? Number.NaN)} at setup, ${kb(outcome.leftEach ?? Number.NaN)} left after hangup)`;
}

function table(tallies: readonly Tally[]): Table {
  const jssip = tallies.find((tally) => tally.id === 'jssip');
  const base = (values: readonly number[] | undefined): number =>
    values !== undefined && values.length > 0 ? median(values) : Number.NaN;
  const idleBase = base(jssip?.idle);
  const callBase = base(jssip?.aged);
  return {
    columns: [
      { title: 'Library', align: 'left' },
      { title: 'Version', align: 'left' },
      { title: 'idle UA', align: 'right' },
      { title: 'min – max', align: 'right' },
      { title: 'vs JsSIP', align: 'right' },
      { title: 'per call', align: 'right' },
      { title: 'min – max', align: 'right' },
      { title: 'vs JsSIP', align: 'right' },
      { title: 'at setup', align: 'right' },
      { title: 'left after hangup', align: 'right' },
      { title: 'Status', align: 'left' },
    ],
    rows: tallies.map((tally) => {
      const cell = (values: readonly number[]): string =>
        values.length === 0 ? '–' : kb(median(values));
      return [
        labels[tally.id],
        tally.version,
        cell(tally.idle),
        spread(tally.idle),
        tally.idle.length === 0 ? '' : formatRatio(median(tally.idle) / idleBase),
        cell(tally.aged),
        spread(tally.aged),
        tally.aged.length === 0 ? '' : formatRatio(median(tally.aged) / callBase),
        cell(tally.setup),
        cell(tally.left),
        tally.missing === undefined ? 'measured' : `failed: ${tally.missing}`,
      ];
    }),
  };
}

function budgetLines(tallies: readonly Tally[]): string[] {
  const of = (id: ContenderId): Tally | undefined => tallies.find((tally) => tally.id === id);
  const ours = of('sipkit');
  const jssip = of('jssip');
  if (ours === undefined || jssip === undefined) return [];
  const lines: string[] = [];
  const check = (what: string, mine: readonly number[], theirs: readonly number[]): void => {
    if (mine.length === 0 || theirs.length === 0) {
      lines.push(`${what}: not measured.`);
      return;
    }
    const ratio = median(mine) / median(theirs);
    const met = ratio <= 0.5;
    lines.push(
      `${met ? '' : '**'}SipKit ${what}: ${kb(median(mine))}, ${formatRatio(ratio)} JsSIP's ${kb(median(theirs))} (budget ≤ 0.50×): ${met ? 'met' : 'NOT met'}.${met ? '' : '**'}`,
    );
  };
  check('heap per idle UA', ours.idle, jssip.idle);
  check('heap per established call', ours.aged, jssip.aged);
  return lines;
}

/** Heap per idle UA and per established call, each against JsSIP's with the 0.50× budget. */
function headline(tallies: readonly Tally[]): HeadlineRow[] {
  const of = (id: ContenderId): Tally | undefined => tallies.find((tally) => tally.id === id);
  const row = (measure: string, values: (tally: Tally) => readonly number[]): HeadlineRow[] => {
    const value = (id: ContenderId): number | undefined => {
      const tally = of(id);
      return tally === undefined || values(tally).length === 0 ? undefined : median(values(tally));
    };
    const ours = value('sipkit');
    const jssip = value('jssip');
    if (ours === undefined || jssip === undefined) return [];
    const sipjs = value('sipjs');
    return [
      {
        measure,
        sipkit: kb(ours),
        jssip: kb(jssip),
        sipjs: sipjs === undefined ? '–' : kb(sipjs),
        versusJssip: `${formatRatio(ours / jssip)} the heap`,
        target: '≤ 0.50× JsSIP',
        status: metWhen(ours / jssip <= 0.5),
      },
    ];
  };
  return [
    ...row('Heap per idle UA', (tally) => tally.idle),
    ...row('Heap per established call (fake media)', (tally) => tally.aged),
  ];
}

async function run(context: SectionContext): Promise<SectionResult> {
  const settings = context.quick ? quick : full;
  const tallies: Tally[] = contenderIds.map((id) => ({
    id,
    version: '–',
    idle: [],
    aged: [],
    setup: [],
    left: [],
    missing: undefined,
  }));
  for (let round = 0; round < settings.rounds; round++) {
    for (const tally of rotate(tallies, round)) {
      for (const mode of ['idle', 'call'] as const) {
        if (tally.missing !== undefined) continue;
        let line: string;
        try {
          line = await measure(tally, mode, settings);
        } catch (error) {
          tally.missing = error instanceof Error ? error.message : String(error);
          line = `failed: ${tally.missing}`;
        }
        context.log(
          `  round ${round + 1}/${settings.rounds}  ${labels[tally.id].padEnd(7)} ${mode.padEnd(5)} ${line}`,
        );
      }
    }
  }
  return {
    table: table(tallies),
    summary: budgetLines(tallies),
    headline: headline(tallies),
    problems: tallies.flatMap((tally) =>
      tally.missing === undefined ? [] : [`${labels[tally.id]}: ${tally.missing}`],
    ),
    method: [
      `**What.** heapUsed growth (\`process.memoryUsage()\`, after \`gc()\` three times with a turn of the event loop between; \`node --expose-gc\`) divided by the number of instances. *Idle UA*: ${settings.idle} UAs constructed with a WebSocket URL and a password, not started (each library's own WebSocket interface object is included). *Per call*: one UA registered on a loopback socket (\`bench/src/lab/loopback-socket.ts\`; not \`SipNetwork\`, whose traffic log keeps the last 10,000 messages, which would count as the library's heap) makes ${settings.calls} calls, one after the other, to a stateless answering peer, and holds them all established; the heap is read right after setup (*at setup*) and after 40 s of virtual time (*per call*, the headline): RFC 3261's 64×T1 = 32 s transaction timers (RFC 6026 Accepted states, Timer K/D) keep transactions alive for the first 32 s of every call, and a call lasts longer than that. *Left after hangup*: every call hung up (BYE answered), 40 s later: what a call leaves behind, ideally 0.`,
      `**Contenders.** SipKit from the built \`@sipkit/core\` with \`@sipkit/testing\`'s FakeMediaHandler (\`mediaHandlerFactory\`). JsSIP 3.13 has no media hook: it calls \`new RTCPeerConnection()\` itself, so its worker installs a minimal fake \`RTCPeerConnection\`/\`RTCSessionDescription\` (\`bench/src/lab/fake-webrtc.ts\`, descriptions resolve at once, ICE already complete) and passes a fake \`mediaStream\` so it skips getUserMedia. SIP.js 0.21 through \`UserAgent\`/\`Registerer\`/\`Inviter\` with a transport class over the same socket and a fake SessionDescriptionHandler (its media hook). All three fakes produce the same small audio SDP. The peer (\`bench/src/lab/peer.ts\`) answers REGISTER and INVITE with 200 and keeps no state for the calls it answers, so the growth is the library's own. Each library runs JsSIP's (and SipKit's, identical) defaults, session timers included.`,
      `**Runs.** Each measurement is its own Node process (fresh heap, one library loaded); ${settings.rounds} rounds, each running every library once, starting at a different library each round; ${settings.warmup} instances made and dropped before the baseline so lazily built state and compiled code are in it. The table shows the median of the rounds and the smallest and largest round. Timers are virtual (\`@sinonjs/fake-timers\`, timer functions only): that is how a call ages 40 s in an instant. Budget: SipKit at most half of JsSIP for both idle UA and established call.`,
    ],
  };
}

export const memorySection: Section = {
  id: 'memory',
  title: 'Memory: heap per idle UA and per established call',
  run,
};
