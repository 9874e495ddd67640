import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// A plain Vite + React app, as `npm create vite` makes one: nothing SipKit-specific.
export default defineConfig({ plugins: [react()] });
