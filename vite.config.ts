/// <reference types="vitest/config" />
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { wrapperSource } from './tools/tfjs-node/wrapper.mjs';

/** Under vitest (Node), '@tensorflow/tfjs' is its fast ES2017 bundle: see tools/tfjs-node/wrapper.mjs. */
function tfjsForNode(): Plugin {
  const id = '\0tfjs-es2017';
  return {
    name: 'crystens:tfjs-es2017',
    enforce: 'pre',
    resolveId: (source) => (source === '@tensorflow/tfjs' ? id : undefined),
    load: (loaded) => (loaded === id ? wrapperSource() : undefined),
  };
}

/**
 * The built studio's Content-Security-Policy: everything from its own origin, WebAssembly compilation (moyo, the
 * tfjs wasm backend), workers, and blob:/data: images (PNG export, canvases). Inline styles are allowed for the
 * style attributes React and recharts set. The dev server goes without: its module preamble is inline.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'crystens:csp',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), ...(process.env.VITEST ? [tfjsForNode()] : [])],
  worker: { format: 'es' },
  // three.js is one 580 kB chunk, loaded only with the Structure panel.
  build: { chunkSizeWarningLimit: 640 },
  optimizeDeps: {
    // The workers' dependencies are not reachable from index.html, so the dev server would only discover them on
    // first use and then reload the page; naming them up front keeps the first drop (and the e2e run) steady.
    include: ['comlink', 'fflate', '@spglib/moyo-wasm', 'idb', '@tensorflow/tfjs', '@tensorflow/tfjs-backend-webgpu', '@tensorflow/tfjs-backend-wasm'],
  },
  test: {
    include: ['src/**/*.test.ts', 'workers/**/*.test.ts'],
    environment: 'node',
    // Tests assert results, never speed: the limits only catch a hang, and sit far above what a loaded 2-core
    // machine needs (a hook reading three datasets took 16 s while other work ran).
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // One test file per core. Vitest's default keeps a core free for its own process, which idles while the
    // files run: on a 2-core machine that ran the suite in one process, at half the machine.
    maxWorkers: availableParallelism(),
  },
});
