/**
 * Training and sampling speed in Node (tfjs ES2017 bundle): milliseconds per training step on the wasm backend
 * (what `crystens train` uses; src/ml/kernels) and on the cpu backend for each model and preset, and the time to
 * sample 100 crystals on cpu and on wasm (what `crystens sample` uses):
 * GANs in one pass; diffusion with DDIM 50 steps, and DDPM's 1000 steps extrapolated from its first tenth. The
 * browser backends are timed by bench/browser.ts. Writes bench/results/ml.json.
 *
 *   npm run bench:ml [-- --presets tiny,small]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { buildDataset, encodeBatch } from '../src/core/crystens/dataset';
import { LAYERS, SIZE } from '../src/core/crystens/layout';
import { ingestFile } from '../src/core/ingest/ingest';
import { initMoyoNode } from '../src/core/symmetry/moyo-node';
import { DATASETS, REPO_ROOT } from '../src/core/testing/corpus';
import { createModel, modelConfig, parameterCount } from '../src/ml/engine/factory';
import { sampleInChunks, type SampleRequest } from '../src/ml/engine/sampling';
import { sampleOnBackend } from '../src/ml/engine/sampling-backend';
import { useTrainingBackend } from '../src/ml/engine/training-backend';
import { MODEL_KINDS, type ModelKind } from '../src/ml/types';
import type { Preset } from '../src/ml/types';

const presetsArg = process.argv.indexOf('--presets');
const presets = (presetsArg > 0 ? process.argv[presetsArg + 1]! : 'tiny,small').split(',') as Preset[];

await tf.setBackend('cpu');
await initMoyoNode();
const crystals = ingestFile({ name: 'perov.csv', bytes: readFileSync(DATASETS.perov5) }).slice(0, 64).flatMap((e) => (e.ok ? [e.crystal] : []));
const { dataset } = buildDataset(crystals);

const seconds = async (work: () => Promise<unknown>) => {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
};

/**
 * Seconds to sample 100 crystals: GANs in one pass; diffusion with DDIM 50 steps, and DDPM's 1000 steps
 * extrapolated from its first tenth.
 */
async function samplingFigures(kind: ModelKind, on: string, sample: (n: number, request: SampleRequest) => Promise<number>) {
  const request = (options: Partial<SampleRequest>, stopAt = 1): SampleRequest => ({ seed: 1, chunk: 100, onChunk: () => {}, onProgress: (f) => f < stopAt, ...options });
  if (kind !== 'diffusion') return { [`sample_100_on_${on}_s`]: await seconds(() => sample(100, request({}))) };
  return {
    [`sample_100_ddim50_on_${on}_s`]: await seconds(() => sample(100, request({ sampler: 'ddim', steps: 50 }))),
    [`sample_100_ddpm1000_on_${on}_s_extrapolated`]: 10 * (await seconds(() => sample(100, request({ sampler: 'ddpm' }, 0.1)))),
  };
}

const rows: Record<string, unknown>[] = [];
for (const preset of presets) {
  for (const kind of MODEL_KINDS) {
    const config = modelConfig({ kind, preset, normalization: dataset.normalization, seed: 1 });
    const row: Record<string, unknown> = { kind, preset, batch: config.batchSize };
    for (const backend of ['wasm', 'cpu'] as const) {
      await useTrainingBackend(backend);
      const trained = createModel(config);
      const batch = tf.tensor4d(encodeBatch(dataset, Array.from({ length: config.batchSize }, (_, i) => i % dataset.entries.length)), [config.batchSize, SIZE, SIZE, LAYERS]);
      await trained.trainStep(batch, 0); // warm-up
      const steps = preset === 'tiny' ? 5 : 2;
      const t = performance.now();
      for (let i = 1; i <= steps; i++) await trained.trainStep(batch, i);
      row[`train_ms_per_step_${backend}`] = (performance.now() - t) / steps;
      row.parameters = parameterCount(trained);
      batch.dispose();
      trained.dispose();
    }
    await useTrainingBackend('cpu');
    const model = createModel(config);
    Object.assign(row, await samplingFigures(kind, 'cpu', (n, request) => sampleInChunks(model, n, request)));
    Object.assign(row, await samplingFigures(kind, 'wasm', (n, request) => sampleOnBackend(model, 'wasm', n, request)));
    model.dispose();
    rows.push(row);
    console.log(JSON.stringify(row));
  }
}
mkdirSync(resolve(REPO_ROOT, 'bench/results'), { recursive: true });
writeFileSync(resolve(REPO_ROOT, 'bench/results/ml.json'), JSON.stringify({ backend: 'wasm and cpu for training, cpu and wasm for sampling (Node, tfjs ES2017 bundle)', rows }, null, 1));
