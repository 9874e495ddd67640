import type { TitledTable } from '../../section.js';
import type { Table } from '../../table.js';
import type { AppSize } from './measure-sizes.js';

const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} KB`;
const percent = (part: number, whole: number): string =>
  whole === 0 ? '' : `${((part * 100) / whole).toFixed(0)}%`;

/**
 * Where each SipKit app's bytes come from: one row per folder (`core/ua`, `react`, ...), for each
 * budgeted app its minified bytes and its estimated gzip share; then the biggest modules of the
 * first app. So every cut shows what it bought, and where the next one should look.
 */
export function breakdownTables(sizes: readonly AppSize[], topModules = 12): TitledTable[] {
  const apps = sizes.filter(({ app }) => app.gzipBudget !== undefined);
  const first = apps[0];
  if (first === undefined) return [];
  const folders = [
    ...new Set(apps.flatMap(({ bundle }) => bundle.breakdown.folders.map((f) => f.name))),
  ];
  const folderTable: Table = {
    columns: [
      { title: 'Folder', align: 'left' },
      ...apps.flatMap(({ app }) => [
        { title: `${app.label}: min`, align: 'right' as const },
        { title: 'gzip ≈', align: 'right' as const },
      ]),
    ],
    rows: folders.map((folder) => [
      folder,
      ...apps.flatMap(({ bundle }) => {
        const share = bundle.breakdown.folders.find((f) => f.name === folder);
        if (share === undefined) return ['–', '–'];
        return [
          kb(share.minBytes),
          `${kb(share.gzipBytes)} (${percent(share.gzipBytes, bundle.gzipBytes)})`,
        ];
      }),
    ]),
  };
  const moduleTable: Table = {
    columns: [
      { title: 'Module', align: 'left' },
      { title: 'min', align: 'right' },
      { title: 'gzip ≈', align: 'right' },
    ],
    rows: first.bundle.breakdown.modules
      .slice(0, topModules)
      .map((share) => [share.name, kb(share.minBytes), kb(share.gzipBytes)]),
  };
  return [
    { title: 'Bundle size by folder (min, and estimated gzip share)', table: folderTable },
    { title: `Biggest modules of the ${first.app.label} app`, table: moduleTable },
  ];
}
