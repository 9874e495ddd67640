import { formatRatio } from '../../format.js';
import { metWhen, type HeadlineRow } from '../../headline.js';
import type { Table } from '../../table.js';
import { installedVersion } from '../../versions.js';
import { jssipAppId, sipjsAppId, sizeApps, type SizeApp } from './apps.js';
import { knownOverBudget, treeShakingFailsCi } from './budgets.js';
import { bundleApp, type Bundle } from './bundle.js';
import { breakdownTables } from './breakdown-tables.js';
import type { TitledTable } from '../../section.js';
import {
  checkTreeShaking,
  findMarkers,
  type Markers,
  type TreeShakingResult,
} from './tree-shaking.js';

export interface AppSize {
  readonly app: SizeApp;
  readonly version: string;
  readonly bundle: Bundle;
  readonly treeShaking: TreeShakingResult | undefined;
}

/** Everything the size section and `pnpm size` report. */
export interface SizeReport {
  readonly sizes: readonly AppSize[];
  readonly markers: Markers;
  readonly table: Table;
  /** Each SipKit app by folder, and its biggest modules. */
  readonly breakdown: readonly TitledTable[];
  readonly summary: readonly string[];
  /** Over a budget (or a known-over-budget ceiling): `pnpm size` exits 1. */
  readonly failures: readonly string[];
  readonly headline: readonly HeadlineRow[];
}

/**
 * Development sentences that a production build must not contain: each is the dev branch of a
 * `DEV ? sentence : code` that every SipKit app bundles. Found in a bundle, they mean `DEV` no
 * longer folds (the define was lost, or `DEV` is computed in a way bundlers cannot fold), and
 * the sizes measured are of a development build.
 */
export const devOnlyTexts: readonly string[] = [
  'Invalid configuration parameter',
  'must not exceed connection_recovery_max_interval',
];

/** 1 KB = 1000 bytes, as bundle-size tools report. */
export const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} KB`;

export async function measureSizes(): Promise<SizeReport> {
  const markers = findMarkers();
  const sizes: AppSize[] = [];
  for (const app of sizeApps) {
    const bundle = await bundleApp(app);
    sizes.push({
      app,
      version: installedVersion(app.packageName),
      bundle,
      treeShaking: app.registerOnly
        ? checkTreeShaking(bundle.code, bundle.metafile, markers.usable)
        : undefined,
    });
  }
  const gzipOf = (id: string): number =>
    sizes.find((size) => size.app.id === id)?.bundle.gzipBytes ?? Number.NaN;
  const jssip = gzipOf(jssipAppId);
  const sipjs = gzipOf(sipjsAppId);
  const summary: string[] = [];
  const failures: string[] = [];
  const rows = sizes.map(({ app, version, bundle, treeShaking }) => {
    let status = '';
    const budget = app.gzipBudget;
    if (budget !== undefined) {
      const known = knownOverBudget.get(app.id);
      if (bundle.gzipBytes <= budget) {
        status = 'budget met';
        summary.push(`${app.label}: ${kb(bundle.gzipBytes)} gzip, budget ${kb(budget)}: met.`);
        if (known !== undefined) {
          summary.push(
            `  ${app.id} is met now: delete its knownOverBudget entry (bench/src/sections/size/budgets.ts).`,
          );
        }
      } else if (known !== undefined && bundle.gzipBytes <= known.ceilingGzip) {
        status = 'OVER BUDGET (known)';
        summary.push(
          `**${app.label}: ${kb(bundle.gzipBytes)} gzip, budget ${kb(budget)}: NOT MET** (${formatRatio(bundle.gzipBytes / budget)} the budget). Known since ${known.found}; CI fails only above ${kb(known.ceilingGzip)} (bench/src/sections/size/budgets.ts).`,
        );
      } else {
        status = 'OVER BUDGET';
        const limit = known === undefined ? budget : known.ceilingGzip;
        failures.push(`${app.label}: ${kb(bundle.gzipBytes)} gzip is over ${kb(limit)}`);
        summary.push(`**${app.label}: ${kb(bundle.gzipBytes)} gzip, over ${kb(limit)}: FAILS.**`);
      }
    }
    if (app.stubbed !== undefined) summary.push(whatIfLine(app, bundle, sizes));
    if (app.packageName.startsWith('@sipkit/')) {
      const found = devOnlyTexts.filter((text) => bundle.code.includes(text));
      if (found.length > 0) {
        failures.push(`${app.label} is not a production build: it holds '${found.join("', '")}'`);
        summary.push(
          `**${app.label}: NOT A PRODUCTION BUILD**: development texts in the bundle (${found.join('; ')}); DEV did not fold to false.`,
        );
      }
    }
    if (treeShaking !== undefined) {
      status = treeShaking.ok ? 'no call code' : 'HAS CALL CODE';
      summary.push(...treeShakingLines(app, treeShaking));
      if (!treeShaking.ok && treeShakingFailsCi) failures.push(`${app.label} contains call code`);
    }
    return [
      app.label,
      version,
      kb(bundle.minBytes),
      kb(bundle.gzipBytes),
      kb(bundle.brotliBytes),
      formatRatio(bundle.gzipBytes / jssip),
      formatRatio(bundle.gzipBytes / sipjs),
      budget === undefined ? '' : kb(budget),
      status,
    ];
  });
  const table: Table = {
    columns: [
      { title: 'App', align: 'left' },
      { title: 'Version', align: 'left' },
      { title: 'min', align: 'right' },
      { title: 'min+gzip', align: 'right' },
      { title: 'min+brotli', align: 'right' },
      { title: 'gzip vs JsSIP', align: 'right' },
      { title: 'gzip vs SIP.js', align: 'right' },
      { title: 'budget (gzip)', align: 'right' },
      { title: 'Status', align: 'left' },
    ],
    rows,
  };
  return {
    sizes,
    markers,
    table,
    breakdown: breakdownTables(sizes),
    summary,
    failures,
    headline: headline(sizes, jssip, sipjs),
  };
}

/**
 * The budgeted apps and the tree-shaking check, beside the JsSIP and SIP.js UserAgent apps' gzip
 * sizes (NaN when missing). The register-only app has no counterpart in either library.
 */
function headline(sizes: readonly AppSize[], jssip: number, sipjs: number): HeadlineRow[] {
  return sizes.flatMap(({ app, bundle, treeShaking }): HeadlineRow[] => {
    const budget = app.gzipBudget;
    if (budget === undefined && treeShaking === undefined) return [];
    const gzip = bundle.gzipBytes;
    const beside = budget !== undefined;
    return [
      {
        measure: `Bundle, min+gzip: ${app.label} app`,
        sipkit: kb(gzip),
        jssip: beside ? kbOrDash(jssip) : '',
        sipjs: beside ? kbOrDash(sipjs) : '',
        versusJssip:
          beside && Number.isFinite(jssip) ? `${formatRatio(gzip / jssip)} the size` : '',
        target: beside ? `≤ ${kb(budget)}` : 'no session, DTMF, transfer or media code',
        status: metWhen(beside ? gzip <= budget : treeShaking?.ok === true),
      },
    ];
  });
}

const kbOrDash = (bytes: number): string => (Number.isFinite(bytes) ? kb(bytes) : '–');

/** How much the what-if app saves against the real app with the same entry, and what is left. */
function whatIfLine(app: SizeApp, bundle: Bundle, sizes: readonly AppSize[]): string {
  const real = sizes.find((size) => size.app.entry === app.entry && size.app.stubbed === undefined);
  if (real === undefined) return `${app.label}: ${kb(bundle.gzipBytes)} gzip.`;
  const budget = real.app.gzipBudget;
  const saved = real.bundle.gzipBytes - bundle.gzipBytes;
  return `${app.label} (a what-if, not a working app): with ${app.stubbed?.join(', ')} stubbed out, the ${real.app.label} app would be ${kb(bundle.gzipBytes)} gzip, ${kb(saved)} less${budget === undefined ? '' : `, still ${formatRatio(bundle.gzipBytes / budget)} the ${kb(budget)} budget`}.`;
}

function treeShakingLines(app: SizeApp, result: TreeShakingResult): string[] {
  if (result.ok) return [`${app.label}: no session, DTMF, transfer or media code in the bundle.`];
  const bytes = result.modules.reduce((sum, module) => sum + module.bytes, 0);
  const lines = [
    `**${app.label}: TREE-SHAKING FAILS: the bundle contains call code** (${result.modules.length} session/media/dialog modules, ${kb(bytes)} of the minified output; strings found: ${result.markersFound.map((m) => `'${m.text}' (${m.feature})`).join(', ') || 'none'}). ${treeShakingFailsCi ? 'This fails CI.' : 'Reported only: it does not fail CI until the core fixes the import.'}`,
    ...result.chains.map((chain) => `  import chain: ${chain}`),
  ];
  return lines;
}
