/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  optimizeDeps: {
    // The workers' dependencies are not reachable from index.html, so the dev server would only discover them on
    // first use and then reload the page; naming them up front keeps the first drop (and the e2e run) steady.
    include: ['comlink', 'fflate', '@spglib/moyo-wasm'],
  },
  test: {
    include: ['src/**/*.test.ts', 'workers/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60000,
  },
});
