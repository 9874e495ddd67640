import type { Table } from './table.js';

/**
 * One line of the summary table that `pnpm bench` prints last and BENCHMARKS.md opens with: a
 * section's headline number for each library, the ratio to JsSIP (the library SipKit replaces)
 * and the target. Cells are display strings: each section knows its own units.
 */
export interface HeadlineRow {
  readonly measure: string;
  readonly sipkit: string;
  /** '' where the library is not measured (React render counts, say). */
  readonly jssip: string;
  readonly sipjs: string;
  /** Worded with its direction, e.g. "0.79× the size", "36.7× faster". */
  readonly versusJssip: string;
  readonly target: string;
  readonly status: 'met' | 'NOT met' | '';
}

/** A headline row as BENCHMARKS.md keeps it: with when and at which revision it was measured. */
export interface StampedHeadline extends HeadlineRow {
  readonly measured: string;
}

const columns: Table['columns'] = [
  { title: 'Measure', align: 'left' },
  { title: 'SipKit', align: 'right' },
  { title: 'JsSIP', align: 'right' },
  { title: 'SIP.js', align: 'right' },
  { title: 'SipKit vs JsSIP', align: 'right' },
  { title: 'Target', align: 'left' },
  { title: 'Status', align: 'left' },
];

const cells = (row: HeadlineRow): string[] => [
  row.measure,
  row.sipkit,
  row.jssip,
  row.sipjs,
  row.versusJssip,
  row.target,
  row.status,
];

/** The one table of a run, for the terminal. */
export function headlineTable(rows: readonly HeadlineRow[]): Table {
  return { columns, rows: rows.map(cells) };
}

/** The same with a column saying when each row was measured, for BENCHMARKS.md. */
export function stampedHeadlineTable(rows: readonly StampedHeadline[]): Table {
  return {
    columns: [...columns, { title: 'Measured', align: 'left' }],
    rows: rows.map((row) => [...cells(row), row.measured]),
  };
}

const commentPattern = /^<!-- bench:headline (.*) -->$/m;

/**
 * The rows as an HTML comment inside a section's block, so that the summary can be rebuilt from
 * the blocks of sections that were not run this time. JSON may hold "--", which would end the
 * comment: it is written as the equivalent JSON escape.
 */
export function headlineComment(rows: readonly StampedHeadline[]): string {
  return `<!-- bench:headline ${JSON.stringify(rows).replaceAll('--', '-\\u002d')} -->`;
}

/** The rows of a section's block; none when the block has no (or an unreadable) comment. */
export function readHeadlineComment(block: string): StampedHeadline[] {
  const json = commentPattern.exec(block)?.[1];
  if (json === undefined) return [];
  try {
    const rows: unknown = JSON.parse(json);
    return Array.isArray(rows) ? rows.filter(isStampedHeadline) : [];
  } catch {
    return [];
  }
}

const textKeys = ['measure', 'sipkit', 'jssip', 'sipjs', 'versusJssip', 'target', 'measured'];

function isStampedHeadline(value: unknown): value is StampedHeadline {
  if (typeof value !== 'object' || value === null) return false;
  const row = value as Record<string, unknown>;
  return (
    textKeys.every((key) => typeof row[key] === 'string') &&
    (row['status'] === 'met' || row['status'] === 'NOT met' || row['status'] === '')
  );
}

/** `met` when `ok`, else `NOT met`: the two words the Status column uses. */
export const metWhen = (ok: boolean): HeadlineRow['status'] => (ok ? 'met' : 'NOT met');
