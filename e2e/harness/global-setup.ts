import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ProcessRegistry } from './process-registry.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** This run's scratch directory: runtime dirs, logs, the pid registry. */
    runDir: string;
  }
}

/**
 * One scratch directory per run, handed to every test file. Each file starts and stops its own
 * Kamailio/SIPp/Chromium; the teardown here is the safety net that kills whatever a crashed or
 * timed-out worker left recorded, and removes the directory unless SIPKIT_E2E_KEEP is set.
 */
export default function setup(project: TestProject): () => void {
  const runDir = mkdtempSync(join(tmpdir(), 'sipkit-e2e-'));
  project.provide('runDir', runDir);
  return () => {
    const killed = new ProcessRegistry(runDir).killAll();
    if (killed.length > 0)
      console.warn(`e2e teardown killed leftover process groups: ${killed.join(', ')}`);
    if (process.env.SIPKIT_E2E_KEEP === undefined) rmSync(runDir, { recursive: true, force: true });
    else console.log(`e2e run directory kept: ${runDir}`);
  };
}
