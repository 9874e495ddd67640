import { defineConfig } from 'vitest/config';

// One Vitest run over every package: each package has its own project config beside its code.
// compat/react-18 has two (react@18, ui@18): the React and UI tests again, on React 18.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'compat/*/vitest.*.config.ts'],
  },
});
