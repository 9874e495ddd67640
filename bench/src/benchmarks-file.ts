import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const header = `# Benchmarks

Written by \`pnpm bench\` (\`bench/src/run.ts\`): rerun it rather than editing this file. Each
section is replaced only when it is run, and says when and on what machine it was measured.
\`pnpm bench <section>\` runs one section; \`pnpm bench --quick\` checks the harness without writing
here.`;

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
  const ids = [
    ...order.filter((id) => blocks.has(id)),
    ...[...blocks.keys()].filter((id) => !order.includes(id)),
  ];
  const body = ids.map((id) => blocks.get(id) ?? '').join('\n\n');
  writeFileSync(path, `${header}\n\n${body}\n`);
}
