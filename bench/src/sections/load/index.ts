import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runE2eScenario } from '../../e2e-run.js';
import { formatRatio } from '../../format.js';
import { metWhen, type HeadlineRow } from '../../headline.js';
import type { Section, SectionContext, SectionResult } from '../../section.js';
import type { Table } from '../../table.js';
import { installedVersion } from '../../versions.js';
import { readLoad, type LoadNumbers, type LoadResults } from './load-json.js';

const SCENARIO = 'scenarios/load.test.ts';

const columns: Table['columns'] = [
  { title: 'Library', align: 'left' },
  { title: 'Version', align: 'left' },
  { title: 'register all', align: 'right' },
  { title: 'setup p50', align: 'right' },
  { title: 'p95', align: 'right' },
  { title: 'CPU (Node)', align: 'right' },
  { title: 'RSS peak', align: 'right' },
  { title: 'heap growth', align: 'right' },
  { title: 'REGISTERs sent / answered', align: 'right' },
  { title: 'calls up / ended both sides', align: 'right' },
  { title: 'refreshed', align: 'right' },
  { title: 'failures', align: 'right' },
];

const method = [
  `**Source.** \`pnpm test:e2e ${SCENARIO}\` with \`SIPKIT_E2E_RESULTS\` set (needs Kamailio: \`bash e2e/scripts/install-deps.sh\`); this section renders the JSON it writes (\`bench/src/sections/load/load-json.ts\`). It runs only when asked for (\`pnpm bench load\`); the scenario itself runs in every \`pnpm test:e2e\`, where it asserts that nothing is lost.`,
  "**Load.** 200 UAs in one Node process (real WebSockets from `ws`; ours on `@sipkit/testing`'s fake media handler, JsSIP on a fake RTCPeerConnection, both offering the same audio SDP, no media) start at once against one Kamailio 5.6 (`deploy/kamailio/kamailio.cfg` as a lone node, 4 workers, `WITH_AUTH`: digest auth on REGISTER and INVITE). Once all are registered, UA *i* calls UA *50 + i* for *i* < 50, all at once; the callees answer at once. The calls stay up until every UA has refreshed its registration (`register_expires` 16 s: ours refreshes halfway, JsSIP 5 s before expiry), then every caller hangs up and every UA stops (un-REGISTER). Ours runs first, then JsSIP, in the same process.",
  "**Numbers.** *register all*: from starting the 200 UAs to the last first `registered` (WebSocket, REGISTER, 401, REGISTER, 200). *setup*: `call()` to `confirmed` (INVITE, 407, INVITE, 200, ACK) of the 50 concurrent calls, nearest-rank percentiles. *CPU*: user + system time of the Node process over the whole run (Vitest included), and its share of one core over the run's wall time; *RSS peak* and *heap growth* (peak heapUsed minus heapUsed before the UAs were made; JsSIP's run follows ours in the same heap) sampled every 200 ms. REGISTERs and their final responses are counted on the wire (every frame of every WebSocket); *refreshed* counts UAs with two 2xx to REGISTER before the hang-up. Kamailio and Node share the 2 cores with everything else on the machine.",
];

const row = (library: string, version: string, r: LoadNumbers | undefined): string[] =>
  r === undefined
    ? [library, version, '–', '–', '–', '–', '–', '–', '–', '–', '–', 'not measured']
    : [
        library,
        version,
        `${r.registerAllMs} ms`,
        `${r.setupMsP50} ms`,
        `${r.setupMsP95} ms`,
        `${(r.cpuMs / 1000).toFixed(1)} s (${r.cpuPercentOfOneCore}% of a core)`,
        `${r.rssPeakMb} MB`,
        `+${r.heapGrowthMb} MB`,
        `${r.registersSent} / ${r.registersAnswered}`,
        `${r.callsConfirmed} / ${Math.min(r.callsEndedLocal, r.callsEndedRemote)}`,
        `${r.refreshed} / ${r.users}`,
        String(r.failures.length),
      ];

function headline(results: LoadResults, passed: boolean): HeadlineRow[] {
  const ours = results.libraries.get('sipkit');
  const theirs = results.libraries.get('jssip');
  if (ours === undefined || theirs === undefined) return [];
  return [
    {
      measure: `Load via Kamailio, ${ours.users} UAs: register all`,
      sipkit: `${ours.registerAllMs} ms`,
      jssip: `${theirs.registerAllMs} ms`,
      sipjs: '',
      versusJssip: `${formatRatio(theirs.registerAllMs / ours.registerAllMs)} faster`,
      target: 'nothing lost, next to JsSIP',
      // The scenario asserts that nothing was lost: its passing is the check.
      status: metWhen(passed && ours.failures.length === 0),
    },
    {
      measure: `Load via Kamailio, ${ours.calls} concurrent calls: setup p95`,
      sipkit: `${ours.setupMsP95} ms`,
      jssip: `${theirs.setupMsP95} ms`,
      sipjs: '',
      versusJssip: `${formatRatio(theirs.setupMsP95 / ours.setupMsP95)} faster`,
      target: 'every call set up and ended',
      status: metWhen(passed && ours.callsConfirmed === ours.calls),
    },
  ];
}

async function run(context: SectionContext): Promise<SectionResult> {
  const dir = mkdtempSync(join(tmpdir(), 'sipkit-bench-load-'));
  const resultsPath = join(dir, 'load.json');
  try {
    const code = await runE2eScenario(SCENARIO, resultsPath, context);
    if (!existsSync(resultsPath)) {
      const reason = `the e2e run (exit ${code}) wrote no results to SIPKIT_E2E_RESULTS`;
      return {
        table: { columns, rows: [] },
        summary: [`**Not measured: ${reason}.**`],
        problems: [`load: ${reason}`],
        method,
        headline: [],
      };
    }
    const results = readLoad(readFileSync(resultsPath, 'utf8'));
    const failures = [...results.libraries.entries()].flatMap(([library, r]) =>
      r.failures.map((failure) => `${library}: ${failure}`),
    );
    return {
      table: {
        columns,
        rows: [
          row('SipKit', installedVersion('@sipkit/core'), results.libraries.get('sipkit')),
          row('JsSIP', results.jssip, results.libraries.get('jssip')),
        ],
      },
      summary: [
        `${results.what}. ${results.kamailio}.`,
        ...failures.map((failure) => `- ${failure}`),
        ...(code === 0
          ? []
          : [
              `**The e2e run exited ${code}: some of its assertions failed (see its output); the numbers are what it wrote.**`,
            ]),
      ],
      problems: code === 0 ? [] : [`load: pnpm test:e2e ${SCENARIO} exited ${code}`],
      headline: headline(results, code === 0),
      method,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Issue 22 scenario 5: 200 UAs and 50 concurrent calls through a real Kamailio, next to JsSIP. */
export const loadSection: Section = {
  id: 'load',
  title: 'Load through Kamailio: 200 UAs, 50 concurrent calls (e2e)',
  explicitOnly: true,
  run,
};
