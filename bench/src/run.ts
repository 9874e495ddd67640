/**
 * `pnpm bench [section...] [--quick]`: runs the benchmark sections, prints each result table and
 * then one summary table of their headline numbers, and (unless --quick) rewrites their blocks in
 * BENCHMARKS.md at the repo root, which opens with the summary of every section. Exits non-zero if any
 * library read a message wrongly, so a fast but incorrect parser cannot pass unnoticed.
 */
import { fileURLToPath } from 'node:url';
import { updateBenchmarksFile } from './benchmarks-file.js';
import { coreBuildNotice } from './core-build.js';
import { headlineTable } from './headline.js';
import { describeMachine } from './machine.js';
import type { SectionReport } from './report.js';
import { reportMarkdown, reportText } from './report.js';
import { renderText } from './table.js';
import { describeRevision } from './revision.js';
import type { SectionContext } from './section.js';
import { sections } from './sections/index.js';

const benchmarksFile = fileURLToPath(new URL('../../BENCHMARKS.md', import.meta.url));

const usage = `usage: pnpm bench [--quick] [section...]
  sections: ${sections.map((section) => section.id).join(', ')}
            (default: all but ${sections
              .filter((s) => s.explicitOnly === true)
              .map((s) => s.id)
              .join(', ')}, which run only when named)
  --quick   one short round per library; prints results but does not write BENCHMARKS.md`;

function parseArgs(argv: readonly string[]): { quick: boolean; ids: string[] } {
  // pnpm forwards a literal `--` when arguments are passed as `pnpm bench -- --quick`.
  const args = argv.filter((arg) => arg !== '--');
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage);
    process.exit(0);
  }
  const ids = args.filter((arg) => !arg.startsWith('-'));
  const unknown = [
    ...args.filter((arg) => arg.startsWith('-') && arg !== '--quick'),
    ...ids.filter((id) => !sections.some((section) => section.id === id)),
  ];
  if (unknown.length > 0) {
    console.error(`unknown argument(s): ${unknown.join(' ')}\n${usage}`);
    process.exit(2);
  }
  return { quick: args.includes('--quick'), ids };
}

async function main(): Promise<number> {
  const { quick, ids } = parseArgs(process.argv.slice(2));
  const selected = sections.filter((section) =>
    ids.length === 0 ? section.explicitOnly !== true : ids.includes(section.id),
  );
  const notice = coreBuildNotice();
  if (notice !== undefined) console.error(`note: ${notice}\n`);
  const context: SectionContext = { quick, log: (line) => console.error(line) };
  const machine = describeMachine();
  const revision = describeRevision();
  const reports: SectionReport[] = [];
  for (const section of selected) {
    const started = Date.now();
    console.error(`${section.title}${quick ? ' (quick)' : ''}`);
    const result = await section.run(context);
    console.error(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    const report: SectionReport = { section, result, machine, revision, date: new Date() };
    reports.push(report);
    console.log(`${reportText(report)}\n`);
  }
  const headlines = reports.flatMap((report) => report.result.headline);
  console.log(`Summary\n\n${renderText(headlineTable(headlines))}\n`);
  if (!quick) {
    updateBenchmarksFile(
      benchmarksFile,
      new Map(reports.map((report) => [report.section.id, reportMarkdown(report)])),
      sections.map((section) => section.id),
    );
    console.error(`wrote ${benchmarksFile}`);
  }
  return reports.some((report) => report.result.problems.length > 0) ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
