/**
 * Which backend trains a given model fastest, by timing one of its training steps on each. The backend chosen at
 * start (src/ml/backend.ts) times a generic convolution and compares GPU backends only; a small model can train
 * faster on the cpu (measured here without a GPU: the tiny GAN takes 157 ms a step on cpu, 280 ms on webgl,
 * 502 ms on SwiftShader's webgpu). Only cheap for small models: the backend plan (backend-plan.ts, trial-memory.ts)
 * asks for it below a parameter bound.
 */
import * as tf from '@tensorflow/tfjs';
import { LAYERS, SIZE } from '../../core/crystens/layout';
import type { ModelConfig, TrainingBackend } from '../types';
import { createModel } from './factory';

/** Models up to this many parameters get a per-model trial (the tiny presets; small has 4.3 M). */
export const MODEL_TRIAL_PARAMETERS = 1_000_000;

export interface TrainingTrial {
  readonly fastest: TrainingBackend;
  /** Milliseconds of one training step (after a warm-up step) on each backend that ran it. */
  readonly ms: Partial<Record<TrainingBackend, number>>;
  /** "one training step: cpu 157 ms, webgl 280 ms, webgpu 502 ms". */
  readonly summary: string;
}

/**
 * Times one training step of a fresh model of `config` on `batch` (a [batchSize, 64, 64, 4] CrysTens batch) on
 * each backend, then returns tfjs to the backend it was on. A backend that fails is left out.
 */
export async function trialTrainingStep(config: ModelConfig, batch: Float32Array, backends: readonly TrainingBackend[]): Promise<TrainingTrial> {
  const home = tf.getBackend();
  const ms: Partial<Record<TrainingBackend, number>> = {};
  try {
    for (const backend of backends) {
      try {
        if (!(await tf.setBackend(backend))) continue;
        const model = createModel(config);
        const x = tf.tensor4d(batch, [config.batchSize, SIZE, SIZE, LAYERS]);
        try {
          await model.trainStep(x, 0); // compiles shaders, fills caches
          const started = performance.now();
          await model.trainStep(x, 1);
          ms[backend] = performance.now() - started;
        } finally {
          x.dispose();
          model.dispose();
        }
      } catch {
        // a backend that cannot run this model is simply not a candidate
      }
    }
  } finally {
    await tf.setBackend(home);
  }
  const ranked = (Object.entries(ms) as [TrainingBackend, number][]).sort(([, a], [, b]) => a - b);
  if (ranked.length === 0) throw new Error('no backend could run a training step of this model');
  return { fastest: ranked[0]![0], ms, summary: `one training step: ${ranked.map(([b, t]) => `${b} ${t.toFixed(0)} ms`).join(', ')}` };
}
