/**
 * The wasm heap a training step needs, estimated (src/ml/engine/wasm-memory.ts: two batch-1 steps of a copy of
 * the network) against what real steps grow the heap to, per model, preset and batch. Each figure runs in a fresh
 * Node process (the heap only grows). Prints one row per figure; writes bench/results/wasm-memory.json. The
 * paper U-Net is left out: its weights, EMA and Adam moments alone fill the 4 GiB heap (stepMemoryBound).
 *
 *   npm run bench:wasm-memory [-- --presets tiny,small]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const child = process.argv.indexOf('--child');
if (child > 0) {
  const [kind, preset, batch] = process.argv.slice(child + 1);
  const tf = await import('@tensorflow/tfjs');
  const { useTrainingBackend } = await import('../src/ml/engine/training-backend');
  const { createModel, modelConfig } = await import('../src/ml/engine/factory');
  const { heapNeed, measureStepMemory } = await import('../src/ml/engine/wasm-memory');
  const { cyclicBatch, perovDataset } = await import('../src/ml/testing/perov');
  const dataset = await perovDataset(16);
  await useTrainingBackend('wasm');
  const config = modelConfig({ kind: kind as 'gan', preset: preset as 'tiny', normalization: dataset.normalization, batchSize: Number(batch) });
  const memory = await measureStepMemory(config);
  const model = createModel(config);
  for (let step = 0; step < 2; step++) {
    const x = cyclicBatch(dataset, step, Number(batch));
    await model.trainStep(x, step);
    x.dispose();
  }
  const heap = (tf.backend() as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm.HEAPU8.length / 2 ** 20;
  console.log(JSON.stringify({ heapMiB: heap, estimateMiB: heapNeed(memory, Number(batch)), memory }));
  process.exit(0);
}

const presetsArg = process.argv.indexOf('--presets');
const presets = (presetsArg > 0 ? process.argv[presetsArg + 1]! : 'tiny,small,paper').split(',');
const KINDS: Record<string, string[]> = { tiny: ['gan', 'wgan', 'diffusion'], small: ['gan', 'wgan', 'diffusion'], paper: ['gan', 'wgan'] };
const BATCHES: Record<string, number[]> = { tiny: [8, 32], small: [4, 16], paper: [1, 4] };
const here = fileURLToPath(import.meta.url);
const root = resolve(here, '../..');

function measure(kind: string, preset: string, batch: number): Record<string, unknown> {
  try {
    const args = ['--import', 'tsx', '--import', './tools/tfjs-node/register.mjs', here, '--child', kind, preset, String(batch)];
    const out = execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 1_800_000 });
    return JSON.parse(out.trim().split('\n').pop()!) as Record<string, unknown>;
  } catch (e) {
    return { failed: e instanceof Error ? e.message.split('\n')[0] : String(e) }; // the 4 GiB heap, or time
  }
}

const rows: Record<string, unknown>[] = [];
for (const preset of presets) {
  for (const kind of KINDS[preset]!) {
    for (const batch of BATCHES[preset]!) {
      const row = { kind, preset, batch, ...measure(kind, preset, batch) };
      rows.push(row);
      console.log(JSON.stringify(row));
    }
  }
}
mkdirSync(resolve(root, 'bench/results'), { recursive: true });
writeFileSync(resolve(root, 'bench/results/wasm-memory.json'), JSON.stringify({ rows }, null, 1));
