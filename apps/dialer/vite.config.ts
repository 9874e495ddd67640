import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { devSipServer } from './vite/dev-sip-server.js';

// Resolve @sipkit/* to TypeScript source (their `@sipkit/source` export condition), in the
// browser and in the SSR loader that runs the dev SIP server, so library edits hot-reload here.
// Setting conditions replaces Vite's defaults, so those are listed again after ours.
const browser = ['@sipkit/source', 'module', 'browser', 'development|production'];
const node = ['@sipkit/source', 'module', 'node', 'development|production'];

const port = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const host = '127.0.0.1';

export default defineConfig({
  plugins: [
    react(),
    devSipServer({
      host,
      port: port('DIALER_SIP_PORT', 5062),
      // Voicemail waiting for alice out of the box, so the demo's lamp has something to show.
      messageWaiting: process.env['DIALER_MWI'] ?? 'alice=2/5',
    }),
  ],
  resolve: { conditions: browser },
  // Dependencies of the linked @sipkit/* sources, which the dependency scan does not reach:
  // pre-bundled at startup rather than discovered on first load, which would reload the page.
  optimizeDeps: {
    include: [
      '@sipkit/react > zustand',
      '@sipkit/react > zustand/vanilla',
      '@sipkit/react > zustand/react/shallow',
    ],
  },
  ssr: { resolve: { conditions: node, externalConditions: node } },
  server: { host, port: port('DIALER_PORT', 5173), strictPort: true },
  preview: { host, port: port('DIALER_PORT', 4173), strictPort: true },
  build: { target: 'es2022', sourcemap: true },
});
