/**
 * `pnpm size`: builds the bundle-size apps against the packages' dist/, prints the table, and exits
 * 1 when a bundle is over its budget. Run by .ci/run after `pnpm build`; the same measurement is
 * the `size` section of `pnpm bench`.
 */
import { measureSizes } from './sections/size/measure-sizes.js';
import { renderText } from './table.js';

async function main(): Promise<number> {
  const report = await measureSizes();
  console.log(renderText(report.table));
  console.log('');
  for (const line of report.summary) console.log(line.replaceAll('**', ''));
  for (const { title, table } of report.breakdown)
    console.log(`\n${title}\n\n${renderText(table)}`);
  if (report.markers.rejected.length > 0) {
    console.log(
      `(marker strings not unique to call code, not used: ${report.markers.rejected.join('; ')})`,
    );
  }
  if (report.failures.length === 0) {
    console.log('\nsize: within budget');
    return 0;
  }
  console.log(`\nsize: ${report.failures.length} over budget:`);
  for (const failure of report.failures) console.log(`  ✗ ${failure}`);
  return 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
