import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/react-vite';

// Storybook and Vite are dev dependencies of @sipkit/ui, not of the workspace root: resolve them
// from there (pnpm does not hoist them to the root's node_modules).
const here = dirname(fileURLToPath(import.meta.url));
const ui = join(here, '../packages/ui');
const fromUi = createRequire(join(ui, 'package.json'));
const packageDir = (name: string): string => dirname(fromUi.resolve(`${name}/package.json`));

const config: StorybookConfig = {
  stories: ['../packages/ui/src/**/*.stories.tsx'],
  framework: { name: packageDir('@storybook/react-vite'), options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // No docs pages: the docgen pass only feeds them, and skipping it keeps the CI build short.
  typescript: { reactDocgen: false },
  viteFinal(vite) {
    return {
      ...vite,
      // Bare imports from Storybook's virtual modules resolve from Vite's root: make that the
      // package that has Storybook installed.
      root: ui,
      resolve: {
        ...vite.resolve,
        // Workspace packages from their TypeScript source, as the tests use them (see
        // vitest.shared.ts); setting conditions replaces Vite's defaults, so they follow.
        conditions: ['@sipkit/source', 'module', 'browser', 'development|production'],
      },
    };
  },
};

export default config;
