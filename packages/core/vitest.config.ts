import { defineProject } from 'vitest/config';
import { sourceResolution } from '../../vitest.shared.js';

export default defineProject({
  ...sourceResolution,
  test: {
    name: 'core',
    environment: 'node',
    include: ['src/**/*.test.ts'],
    setupFiles: ['../../vitest.unhandled-rejections.ts'],
  },
});
