import { headlineComment, type StampedHeadline } from './headline.js';
import type { Machine } from './machine.js';
import { machineLine, timestamp } from './machine.js';
import type { Section, SectionResult } from './section.js';
import { renderMarkdown, renderText } from './table.js';

/** A section's result with the context needed to interpret it later. */
export interface SectionReport {
  readonly section: Section;
  readonly result: SectionResult;
  readonly machine: Machine;
  readonly date: Date;
  /** From describeRevision(), e.g. "commit 1a2b3c4". */
  readonly revision: string;
}

/** For the terminal. */
export function reportText({ section, result }: SectionReport): string {
  const lines = [section.title, '', renderText(result.table), ''];
  lines.push(...result.summary);
  for (const { title, table } of result.moreTables ?? [])
    lines.push('', title, '', renderText(table));
  if (result.problems.length > 0) {
    lines.push('', `CORRECTNESS ERRORS (${result.problems.length}):`);
    lines.push(...result.problems.map((problem) => `  ✗ ${problem}`));
  }
  return lines.join('\n');
}

/** For BENCHMARKS.md: the machine and date travel with each section's numbers. */
export function reportMarkdown(report: SectionReport): string {
  const { section, result, machine, date, revision } = report;
  const lines = [
    `## ${section.title}`,
    '',
    `Measured ${timestamp(date)} at ${revision}, on ${machineLine(machine)}.`,
    '',
    renderMarkdown(result.table),
    '',
  ];
  if (result.summary.length > 0) lines.push(...result.summary.map((line) => `- ${line}`), '');
  for (const { title, table } of result.moreTables ?? []) {
    lines.push(`### ${title}`, '', renderMarkdown(table), '');
  }
  if (result.problems.length > 0) {
    lines.push('**Correctness errors:**', '');
    lines.push(...result.problems.map((problem) => `- ${problem}`), '');
  }
  lines.push('### Method', '');
  for (const paragraph of result.method) lines.push(paragraph, '');
  lines.push(headlineComment(stampedHeadlines(report)));
  return lines.join('\n').trimEnd();
}

/** The section's summary rows, each saying when and at which revision it was measured. */
function stampedHeadlines({ result, date, revision }: SectionReport): StampedHeadline[] {
  const measured = `${timestamp(date)} at ${revision}`;
  return result.headline.map((row) => ({ ...row, measured }));
}
