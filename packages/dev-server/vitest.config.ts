import { defineProject } from 'vitest/config';
import { sourceResolution } from '../../vitest.shared.js';

export default defineProject({
  ...sourceResolution,
  test: {
    name: 'dev-server',
    environment: 'node',
    include: ['src/**/*.test.ts'],
    // A hang detector, not a speed check: property tests and happy-dom renders take seconds of
    // CPU on a busy 2-core machine, and fake timers keep every test independent of wall time.
    testTimeout: 30_000,
  },
});
