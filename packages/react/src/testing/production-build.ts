import { afterEach, beforeEach, vi } from 'vitest';

/**
 * Runs the enclosing `describe` as a production build would: bundlers set NODE_ENV=production,
 * so @sipkit/react and @sipkit/core errors carry the codes of docs/errors instead of sentences.
 * Node reads the real environment when a module loads, hence the module registry is reset on
 * both sides: each test must `await import(...)` what it checks. (A copy of core's
 * diagnostics/testing/production-build.ts: this package's tsconfig roots at src/.)
 *
 * @example
 * describe('react diagnostics in a production build', () => {
 *   useProductionBuild();
 *   it('reads the code', async () => {
 *     const { check } = await import('./check.js');
 *     expect(caught(() => check(-1)).message).toBe('react.negative -1');
 *   });
 * });
 */
export function useProductionBuild(): void {
  beforeEach(() => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.resetModules();
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });
}

/** The error `run` throws; fails the test when it returns instead. */
export function caught(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}
