import { defineProject } from 'vitest/config';
import { sourceResolution } from '../../vitest.shared.js';

export default defineProject({
  ...sourceResolution,
  test: {
    name: 'dialer',
    // happy-dom, as in @sipkit/react and @sipkit/ui: the form and the phone need a DOM, and the
    // calls run on the in-memory SIP network with fake media, not WebRTC.
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/testing/setup.ts'],
  },
});
