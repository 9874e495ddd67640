import { defineProject } from 'vitest/config';
import { sourceResolution } from '../../vitest.shared.js';

export default defineProject({
  ...sourceResolution,
  test: {
    name: 'ui',
    // happy-dom, as in @sipkit/react: these tests need a DOM, not a browser. It computes no
    // layout or colours, so axe's colour-contrast rule is off here and styles.test.ts checks
    // the palette's contrast ratios instead.
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/testing/setup.ts'],
    // Story tests start a registrar, two UAs and a scripted bot each: give the first one of a
    // file time to warm up the transform cache, on a busy 2-core machine too (a hang detector,
    // not a speed check).
    testTimeout: 30_000,
  },
});
