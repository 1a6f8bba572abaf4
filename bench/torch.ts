/**
 * Our engine against PyTorch on the same networks and training steps (bench/torch/twins.py: identical parameter
 * counts, asserted), CPU time per training step with one thread on each side: tfjs's wasm backend in its
 * single-threaded build and torch.set_num_threads(1). Steps alternate (ours on each backend, then PyTorch's) so
 * that both see the same machine load; each side's first step is a warm-up. Prints min and median per side and
 * the ratio ours / PyTorch; writes bench/results/torch.json.
 *
 *   npm run bench:torch [-- --presets tiny,small] [--backends wasm,cpu] [--rounds 7]
 *
 * The small presets work on the working square of perov_5 (17 × 17 for diffusion, 20 × 20 for the GANs whose
 * strided layers halve it twice; src/ml/engine/dataset-fit.ts), as `crystens train` does on it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { REPO_ROOT } from '../src/core/testing/corpus';
import { hyperForDataset } from '../src/ml/engine/dataset-fit';
import { createModel, modelConfig, parameterCount } from '../src/ml/engine/factory';
import { useTrainingBackend } from '../src/ml/engine/training-backend';
import { cyclicBatch, perovDataset } from '../src/ml/testing/perov';
import { MODEL_KINDS, type Preset, type TrainingBackend } from '../src/ml/types';
import { TorchTwin } from './torch/client';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const presets = arg('presets', 'tiny,small').split(',') as Preset[];
const backends = arg('backends', 'wasm').split(',') as TrainingBackend[];
const rounds = Number(arg('rounds', '7'));

// One thread: the comparison is per core. (The flag must be set before the wasm backend starts.)
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
const dataset = await perovDataset(64);
const maxSites = Math.max(...dataset.entries.map((e) => e.nsites));

/** CPU milliseconds of `work` in this process (the main thread does all of tfjs's work here). */
async function cpuMs(work: () => Promise<unknown>): Promise<number> {
  const start = process.cpuUsage();
  await work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const summary = (xs: number[]) => ({ min: Math.min(...xs), median: median(xs) });

const rows: Record<string, unknown>[] = [];
for (const preset of presets) {
  for (const kind of MODEL_KINDS) {
    const config = modelConfig({ kind, preset, normalization: dataset.normalization, hyper: hyperForDataset(kind, preset, maxSites) });
    const ours = [];
    for (const backend of backends) {
      await useTrainingBackend(backend);
      ours.push({ backend, model: createModel(config) });
    }
    const parameters = parameterCount(ours[0]!.model);
    const twin = await TorchTwin.start(config, parameters);
    const times: Record<string, number[]> = { torch: [] };
    for (const { backend } of ours) times[backend] = [];
    for (let round = 0; round <= rounds; round++) {
      for (const { backend, model } of ours) {
        await useTrainingBackend(backend);
        const batch = cyclicBatch(dataset, round, config.batchSize);
        const ms = await cpuMs(() => model.trainStep(batch, round));
        batch.dispose();
        if (round > 0) times[backend]!.push(ms);
      }
      const { cpu_ms } = await twin.step();
      if (round > 0) times.torch!.push(cpu_ms);
    }
    twin.close();
    for (const { model, backend } of ours) {
      await useTrainingBackend(backend);
      model.dispose();
    }
    const torch = summary(times.torch!);
    const row: Record<string, unknown> = { kind, preset, batch: config.batchSize, resolution: config.hyper.resolution ?? 64, parameters, torch_ms: torch };
    for (const { backend } of ours) {
      const s = summary(times[backend]!);
      row[`${backend}_ms`] = s;
      row[`${backend}_over_torch`] = { min: s.min / torch.min, median: s.median / torch.median };
    }
    rows.push(row);
    const figures = ours.map(({ backend }) => {
      const s = row[`${backend}_ms`] as { min: number; median: number };
      const r = row[`${backend}_over_torch`] as { min: number; median: number };
      return `${backend} ${s.min.toFixed(0)}/${s.median.toFixed(0)} ms (${r.median.toFixed(2)}×)`;
    });
    console.log(`${kind.padEnd(9)} ${preset.padEnd(5)} batch ${config.batchSize} ${String(parameters).padStart(9)} params: torch ${torch.min.toFixed(0)}/${torch.median.toFixed(0)} ms, ${figures.join(', ')}   [min/median CPU ms per step]`);
  }
}
mkdirSync(resolve(REPO_ROOT, 'bench/results'), { recursive: true });
writeFileSync(resolve(REPO_ROOT, 'bench/results/torch.json'), JSON.stringify({ date: new Date().toISOString(), rounds, threads: 1, rows }, null, 1));
