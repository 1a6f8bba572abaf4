/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
// @ts-expect-error: a plain .mjs helper without type declarations
import { wrapperSource } from './tools/tfjs-node/wrapper.mjs';

/** Under vitest (Node), '@tensorflow/tfjs' is its fast ES2017 bundle: see tools/tfjs-node/wrapper.mjs. */
function tfjsForNode(): Plugin {
  const id = '\0tfjs-es2017';
  return {
    name: 'crystens:tfjs-es2017',
    enforce: 'pre',
    resolveId: (source) => (source === '@tensorflow/tfjs' ? id : undefined),
    load: (loaded) => (loaded === id ? (wrapperSource() as string) : undefined),
  };
}

export default defineConfig({
  plugins: [react(), ...(process.env.VITEST ? [tfjsForNode()] : [])],
  worker: { format: 'es' },
  optimizeDeps: {
    // The workers' dependencies are not reachable from index.html, so the dev server would only discover them on
    // first use and then reload the page; naming them up front keeps the first drop (and the e2e run) steady.
    include: ['comlink', 'fflate', '@spglib/moyo-wasm', 'idb', '@tensorflow/tfjs', '@tensorflow/tfjs-backend-webgpu'],
  },
  test: {
    include: ['src/**/*.test.ts', 'workers/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60000,
  },
});
