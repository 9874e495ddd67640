import { defineProject } from 'vitest/config';
import { sourceResolution } from '../../vitest.shared.js';

export default defineProject({
  ...sourceResolution,
  test: {
    name: 'jssip',
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
