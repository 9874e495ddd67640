import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Where a scenario's measurements go: the file named by SIPKIT_E2E_RESULTS when set (a later
 * benchmark step reads it from there), else `results/<name>` in the run directory, which
 * SIPKIT_E2E_KEEP keeps. Returns the path written.
 */
export function writeResults(runDir: string, name: string, data: unknown): string {
  const path = process.env.SIPKIT_E2E_RESULTS || join(runDir, 'results', name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(data, null, 2)}\n`);
  return path;
}

/** The median of some numbers (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
