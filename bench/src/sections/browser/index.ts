import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatRatio } from '../../format.js';
import { runE2eScenario } from '../../e2e-run.js';
import { metWhen, type HeadlineRow } from '../../headline.js';
import type { Section, SectionContext, SectionResult } from '../../section.js';
import { max, min } from '../../stats.js';
import type { Table } from '../../table.js';
import { readCallSetup, type LibrarySamples } from './call-setup-json.js';

const SCENARIO = 'scenarios/call-setup.test.ts';

/** Runs the scenario with SIPKIT_E2E_RESULTS set; resolves with its exit code. */
function runE2e(resultsPath: string, context: SectionContext): Promise<number> {
  return runE2eScenario(SCENARIO, resultsPath, context);
}

const ms = (s: LibrarySamples | undefined): string =>
  s === undefined ? '–' : `${Math.round(s.medianMs)} ms`;
const range = (s: LibrarySamples | undefined): string =>
  s === undefined || s.samplesMs.length === 0
    ? ''
    : `${Math.round(min(s.samplesMs))} – ${Math.round(max(s.samplesMs))} ms`;

type CallSetupCase = ReturnType<typeof readCallSetup>['cases'][number];

/** A case's medians; JsSIP is the only other library the e2e suite runs in the browser. */
function headlineRow(c: CallSetupCase, passed: boolean): HeadlineRow[] {
  if (c.sipkit === undefined || c.jssip === undefined) return [];
  const unreachable = c.name === 'unreachableStun';
  return [
    {
      measure: `Browser call setup${unreachable ? ', unreachable STUN server' : ''}`,
      sipkit: ms(c.sipkit),
      jssip: ms(c.jssip),
      sipjs: '',
      versusJssip: `${formatRatio(c.jssip.medianMs / c.sipkit.medianMs)} faster`,
      target: unreachable ? 'not waiting for ICE gathering to give up' : 'next to JsSIP',
      // The scenario asserts that bound: its passing is the check.
      status: unreachable ? metWhen(passed) : '',
    },
  ];
}

async function run(context: SectionContext): Promise<SectionResult> {
  const dir = mkdtempSync(join(tmpdir(), 'sipkit-bench-browser-'));
  const resultsPath = join(dir, 'call-setup.json');
  const columns: Table['columns'] = [
    { title: 'Case', align: 'left' },
    { title: 'SipKit (median)', align: 'right' },
    { title: 'min – max', align: 'right' },
    { title: 'JsSIP (median)', align: 'right' },
    { title: 'min – max', align: 'right' },
    { title: 'JsSIP ÷ SipKit', align: 'right' },
    { title: 'Notes', align: 'left' },
  ];
  const method = [
    `**Source.** \`pnpm test:e2e ${SCENARIO}\` with \`SIPKIT_E2E_RESULTS\` set (\`e2e/scenarios/call-setup.test.ts\`, needs Kamailio and Debian's Chromium: \`bash e2e/scripts/install-deps.sh\`); this section only renders the JSON it writes, read against the format found in \`e2e/harness/results.ts\` and that scenario (\`bench/src/sections/browser/call-setup-json.ts\`). It runs only when asked for (\`pnpm bench browser\`), never as part of \`pnpm bench\`.`,
    '**What the e2e suite measures.** `ua.call()` to `confirmed` (ACK sent) for our UA and for JsSIP, each on its own Chromium page (real WebRTC, fake capture devices), calling a third page (JsSIP) that answers at once, through Kamailio on 127.0.0.1: alternating calls after one warm-up each (*default*), and concurrent calls with an unreachable STUN server (*unreachableStun*: ours is bounded by its ICE gathering cap, JsSIP waits for Chromium to give up).',
  ];
  try {
    const code = await runE2e(resultsPath, context);
    if (!existsSync(resultsPath)) {
      const reason = `the e2e run (exit ${code}) wrote no results to SIPKIT_E2E_RESULTS`;
      return {
        table: { columns, rows: [] },
        summary: [`**Not measured: ${reason}.**`],
        problems: [`browser: ${reason}`],
        method,
        headline: [],
      };
    }
    const results = readCallSetup(readFileSync(resultsPath, 'utf8'));
    return {
      table: {
        columns,
        rows: results.cases.map((c) => [
          c.name,
          ms(c.sipkit),
          range(c.sipkit),
          ms(c.jssip),
          range(c.jssip),
          c.sipkit !== undefined && c.jssip !== undefined
            ? formatRatio(c.jssip.medianMs / c.sipkit.medianMs)
            : '',
          c.notes,
        ]),
      },
      summary: [
        `${results.what}. Chromium ${results.chromium}, JsSIP ${results.jssip}, callee: ${results.callee}; ${results.calls ?? '?'} calls per case.`,
        ...(code === 0
          ? []
          : [
              `**The e2e run exited ${code}: some of its assertions failed (see its output); the numbers are what it wrote.**`,
            ]),
      ],
      problems: code === 0 ? [] : [`browser: pnpm test:e2e ${SCENARIO} exited ${code}`],
      headline: results.cases.flatMap((c) => headlineRow(c, code === 0)),
      method,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const browserSection: Section = {
  id: 'browser',
  title: 'Call setup latency in the browser (e2e)',
  explicitOnly: true,
  run,
};
