import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { readHeadlineComment, stampedHeadlineTable } from './headline.js';
import { renderMarkdown } from './table.js';

const header = `# Benchmarks

Written by \`pnpm bench\` (\`bench/src/run.ts\`): rerun it rather than editing this file. Each
section is replaced only when it is run, and says when and on what machine it was measured.
\`pnpm bench <section>\` runs one section; \`pnpm bench --quick\` checks the harness without writing
here.`;

/** The id of the block that opens the file: rebuilt on every write, never run as a section. */
const summaryId = 'summary';

const blockPattern = /<!-- bench:([\w-]+):start -->\n[\s\S]*?\n<!-- bench:\1:end -->/g;

function block(id: string, markdown: string): string {
  return `<!-- bench:${id}:start -->\n${markdown}\n<!-- bench:${id}:end -->`;
}

/**
 * Rewrites BENCHMARKS.md with fresh blocks for the sections just run, keeping the last results of
 * the others, in `order` (sections no longer in `order` go last rather than being lost).
 */
export function updateBenchmarksFile(
  path: string,
  fresh: ReadonlyMap<string, string>,
  order: readonly string[],
): void {
  const blocks = new Map<string, string>();
  if (existsSync(path)) {
    for (const match of readFileSync(path, 'utf8').matchAll(blockPattern)) {
      const id = match[1];
      if (id !== undefined) blocks.set(id, match[0]);
    }
  }
  for (const [id, markdown] of fresh) blocks.set(id, block(id, markdown));
  blocks.delete(summaryId);
  const ids = [
    ...order.filter((id) => blocks.has(id)),
    ...[...blocks.keys()].filter((id) => !order.includes(id)),
  ];
  const sectionBlocks = ids.map((id) => blocks.get(id) ?? '');
  const body = [block(summaryId, summaryMarkdown(sectionBlocks)), ...sectionBlocks].join('\n\n');
  writeFileSync(path, `${header}\n\n${body}\n`);
}

/** One table of every section's headline numbers, as their blocks below last recorded them. */
function summaryMarkdown(sectionBlocks: readonly string[]): string {
  const rows = sectionBlocks.flatMap(readHeadlineComment);
  return [
    '## Summary',
    '',
    'The headline number of each section below, which says how it was measured. "SipKit vs JsSIP" is worded with its direction; the targets are those of the performance issue.',
    '',
    renderMarkdown(stampedHeadlineTable(rows)),
  ].join('\n');
}
