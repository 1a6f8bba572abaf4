/**
 * Training and sampling speed in Node (tfjs ES2017 bundle, cpu backend): milliseconds per training step for each
 * model and preset, and the time to sample 100 crystals (GANs: one pass; diffusion: DDIM 50 steps, and DDPM's
 * 1000 steps extrapolated from its first 100). Browser backends (webgpu, webgl) are timed by the studio itself
 * and reported in its progress events. Writes bench/results/ml.json.
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
import { MODEL_KINDS } from '../src/ml/types';
import type { Preset } from '../src/ml/types';

const presetsArg = process.argv.indexOf('--presets');
const presets = (presetsArg > 0 ? process.argv[presetsArg + 1]! : 'tiny,small').split(',') as Preset[];

await tf.setBackend('cpu');
await initMoyoNode();
const crystals = ingestFile({ name: 'perov.csv', bytes: readFileSync(DATASETS.perov5) }).slice(0, 64).flatMap((e) => (e.ok ? [e.crystal] : []));
const { dataset } = buildDataset(crystals);

const rows: Record<string, unknown>[] = [];
for (const preset of presets) {
  for (const kind of MODEL_KINDS) {
    const config = modelConfig({ kind, preset, normalization: dataset.normalization, seed: 1 });
    const model = createModel(config);
    const batch = tf.tensor4d(encodeBatch(dataset, Array.from({ length: config.batchSize }, (_, i) => i % dataset.entries.length)), [config.batchSize, SIZE, SIZE, LAYERS]);
    await model.trainStep(batch, 0); // warm-up
    const steps = preset === 'tiny' ? 5 : 2;
    let t = performance.now();
    for (let i = 1; i <= steps; i++) await model.trainStep(batch, i);
    const stepMs = (performance.now() - t) / steps;
    batch.dispose();
    const parameters = parameterCount(model);
    const row: Record<string, unknown> = { kind, preset, batch: config.batchSize, parameters, train_ms_per_step: stepMs };
    if (kind === 'diffusion') {
      t = performance.now();
      (await model.sample(100, { sampler: 'ddim', steps: 50, seed: 1 }))?.dispose();
      row.sample_100_ddim50_s = (performance.now() - t) / 1000;
      t = performance.now();
      let calls = 0;
      await model.sample(100, { sampler: 'ddpm', seed: 1, onProgress: () => ++calls < 100 });
      row.sample_100_ddpm1000_s_extrapolated = ((performance.now() - t) / 1000) * 10;
    } else {
      t = performance.now();
      (await model.sample(100, { seed: 1 }))?.dispose();
      row.sample_100_s = (performance.now() - t) / 1000;
    }
    model.dispose();
    rows.push(row);
    console.log(JSON.stringify(row));
  }
}
mkdirSync(resolve(REPO_ROOT, 'bench/results'), { recursive: true });
writeFileSync(resolve(REPO_ROOT, 'bench/results/ml.json'), JSON.stringify({ backend: 'cpu (Node, tfjs ES2017 bundle)', rows }, null, 1));
