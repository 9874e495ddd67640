import { defineConfig } from 'vitest/config';

// One Vitest run over every package: each package has its own project config beside its code.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*'],
  },
});
