import { spawn } from 'node:child_process';
import { repoRoot } from './paths.js';
import type { SectionContext } from './section.js';

/**
 * Runs `pnpm test:e2e <scenario>` with SIPKIT_E2E_RESULTS set to `resultsPath`, relaying its
 * output as progress; resolves with its exit code. The sections that render an e2e scenario's
 * measurements (`browser`, `load`) read that file afterwards.
 */
export function runE2eScenario(
  scenario: string,
  resultsPath: string,
  context: SectionContext,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('pnpm', ['test:e2e', scenario], {
      cwd: repoRoot,
      env: { ...process.env, SIPKIT_E2E_RESULTS: resultsPath, NO_COLOR: '1' },
      // The suite's output is progress, not results: keep stdout for the tables.
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const relay = (chunk: Buffer): void => {
      for (const line of chunk.toString().split('\n'))
        if (line.trim() !== '') context.log(`  e2e| ${line}`);
    };
    child.stdout.on('data', relay);
    child.stderr.on('data', relay);
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? 1));
  });
}
