/**
 * Resolve workspace packages to their TypeScript source (the `@sipkit/source` export condition),
 * so tests never run against a stale `dist/`. Vitest runs Node tests in Vite's SSR environment,
 * which takes its conditions from `ssr.resolve`, hence both settings. Setting conditions replaces
 * Vite's defaults, so they are listed again after ours.
 */
const conditions = ['@sipkit/source', 'module', 'node', 'development|production'];

export const sourceResolution = {
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
};
