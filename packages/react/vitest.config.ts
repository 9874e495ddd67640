import { defineProject } from 'vitest/config';
import { sourceResolution } from '../../vitest.shared.js';

export default defineProject({
  ...sourceResolution,
  test: {
    name: 'react',
    // happy-dom rather than jsdom: it runs on Node 20, and these tests need a DOM, not a browser.
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
    // A hang detector, not a speed check: property tests and happy-dom renders take seconds of
    // CPU on a busy 2-core machine, and fake timers keep every test independent of wall time.
    testTimeout: 30_000,
    setupFiles: ['src/testing/setup.ts'],
  },
});
