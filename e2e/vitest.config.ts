import { defineConfig } from 'vitest/config';
import { sourceResolution } from '../vitest.shared.js';

// Not a project of the root config: `pnpm test` never starts Kamailio or a browser.
// `pnpm test:e2e` runs this config; each scenario file brings up its own peers.
export default defineConfig({
  ...sourceResolution,
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['scenarios/**/*.test.ts'],
    globalSetup: ['harness/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Real processes and real timers: a retry would hide exactly the flakiness we want to see.
    retry: 0,
    // One file at a time, whatever the core count: call-setup.test.ts measures, and Chromium
    // pages of two files would compete for CPU. The long RFC 4028 waits run concurrently inside
    // session-timers.test.ts instead, so the suite still takes about one session expiry.
    fileParallelism: false,
  },
});
