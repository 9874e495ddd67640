import type { HeadlineRow } from './headline.js';
import type { Table } from './table.js';

/** Shared by every section: how thorough to be and where to report progress. */
export interface SectionContext {
  /** `--quick`: fewer, shorter rounds for checking the harness; results are not written. */
  readonly quick: boolean;
  /** Progress lines go to stderr so stdout stays the results alone. */
  log(line: string): void;
}

/** What a section hands back; run.ts prints it and writes it into BENCHMARKS.md. */
export interface SectionResult {
  readonly table: Table;
  /** One line each, e.g. whether a target was met. */
  readonly summary: readonly string[];
  /** Correctness failures: they are printed loudly and make `pnpm bench` exit non-zero. */
  readonly problems: readonly string[];
  /** Markdown paragraphs describing how the numbers were produced. */
  readonly method: readonly string[];
  /** Its rows of the summary table (none when nothing was measured). */
  readonly headline: readonly HeadlineRow[];
  /** More tables, shown after the summary under their titles (e.g. the size section's breakdown). */
  readonly moreTables?: readonly TitledTable[];
}

/** A table with a heading of its own. */
export interface TitledTable {
  readonly title: string;
  readonly table: Table;
}

/**
 * One benchmark (bundle size, parser throughput, memory, ...). Each section owns its
 * block in BENCHMARKS.md, so running one section leaves the others' last results in place.
 */
export interface Section {
  /** Used on the command line (`pnpm bench parser`) and in BENCHMARKS.md markers. */
  readonly id: string;
  readonly title: string;
  /** Run only when named (`pnpm bench browser`): it needs services `pnpm bench` must not assume. */
  readonly explicitOnly?: boolean;
  run(context: SectionContext): Promise<SectionResult>;
}
