import { defineProject } from 'vitest/config';
import { sourceResolution } from '../../vitest.shared.js';

export default defineProject({
  ...sourceResolution,
  test: {
    name: 'dev-server',
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
