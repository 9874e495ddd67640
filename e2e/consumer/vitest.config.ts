import { defineConfig } from 'vitest/config';

// The consumer test (`pnpm test:consumer`, see README.md here): what a user outside the
// repository gets from the packed packages. Not part of `pnpm test:e2e`, whose network namespace
// has no npm registry: `prepare.test.ts` installs outside it, `call.test.ts` calls inside it.
export default defineConfig({
  test: {
    name: 'consumer',
    environment: 'node',
    root: import.meta.dirname,
    include: ['*.test.ts'],
    globalSetup: ['../harness/global-setup.ts'],
    // npm install and vite build are minutes on a shared 2-core machine, not seconds.
    testTimeout: 300_000,
    hookTimeout: 60_000,
    retry: 0,
    fileParallelism: false,
  },
});
