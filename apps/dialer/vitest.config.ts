import { defineProject } from 'vitest/config';

// Self-contained (nothing from outside this folder), so the app still tests when copied out of
// the repository. Inside it, `@sipkit/source` resolves @sipkit/* to their TypeScript source, as
// every workspace package's tests do; the published packages have no such condition, so outside
// it the packages' dist/ is used. Setting conditions replaces Vite's defaults, hence the rest.
const conditions = ['@sipkit/source', 'module', 'node', 'development|production'];

export default defineProject({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    name: 'dialer',
    // happy-dom, as in @sipkit/react and @sipkit/ui: the form and the phone need a DOM, and the
    // calls run on the in-memory SIP network with fake media, not WebRTC.
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
    // A hang detector, not a speed check: property tests and happy-dom renders take seconds of
    // CPU on a busy 2-core machine, and fake timers keep every test independent of wall time.
    testTimeout: 30_000,
    setupFiles: ['src/testing/setup.ts'],
  },
});
