/** Loads the symmetry library in Node (CLI, tests, benchmarks). */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { initMoyo } from './moyo';

export async function initMoyoNode(): Promise<void> {
  const require = createRequire(import.meta.url);
  await initMoyo(readFileSync(require.resolve('@spglib/moyo-wasm/moyo_wasm_bg.wasm')));
}
