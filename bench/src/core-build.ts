import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const coreDir = fileURLToPath(new URL('../../packages/core/', import.meta.url));
const distEntry = join(coreDir, 'dist', 'index.js');

/** Newest modification time of the non-test TypeScript sources under `dir`. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

/**
 * The benchmark measures the built `@sipkit/core` (what users get), so say so when there is no
 * build, or when the sources changed after it: otherwise a stale build is silently measured.
 */
export function coreBuildNotice(): string | undefined {
  if (!existsSync(distEntry)) {
    return 'packages/core/dist is missing, so SipKit is not measured: run `pnpm build` at the repo root first.';
  }
  if (newestSource(join(coreDir, 'src')) > statSync(distEntry).mtimeMs) {
    return 'packages/core/src changed after the last build: run `pnpm build` at the repo root to measure the current code.';
  }
  return undefined;
}
