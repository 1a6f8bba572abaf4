/**
 * The vanilla GAN on 32 perov_5 crystals (tiny preset, cpu): it learns, it keeps its tensors, it is reproducible.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { onWasmBackend } from '../testing/wasm-backend';
import type { CrystalDataset } from '../../core/crystens/dataset';
import { LAYERS, SIZE } from '../../core/crystens/layout';
import { cyclicBatch, perovDataset } from '../testing/perov';
import type { GanHyper } from '../hyper';
import { ganPreset } from '../presets';
import type { ModelConfigOf } from '../types';
import { binaryCrossEntropyWithLogits, createGan } from './gan';

const BATCH = 8;
let dataset: CrystalDataset;

beforeAll(async () => {
  dataset = await perovDataset(32);
});

function realBatch(step: number): tf.Tensor4D {
  return cyclicBatch(dataset, step, BATCH);
}

function config(seed: number, hyper: Partial<GanHyper> = {}): ModelConfigOf<'gan'> {
  return { kind: 'gan', preset: 'tiny', seed, batchSize: BATCH, normalization: dataset.normalization, hyper: { ...ganPreset('tiny'), ...hyper } };
}

async function step(model: ReturnType<typeof createGan>, s: number): Promise<Record<string, number>> {
  const real = realBatch(s);
  try {
    return await model.trainStep(real, s);
  } finally {
    real.dispose();
  }
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('binaryCrossEntropyWithLogits', () => {
  it('equals tfjs’s sigmoid cross-entropy and log 2 at a zero logit, without overflow at ±100', () => {
    const logits = tf.tensor([-100, -3, -0.5, 0, 0.5, 3, 100]);
    for (const label of [0, 1] as const) {
      const ours = binaryCrossEntropyWithLogits(logits, label).dataSync()[0]!;
      const theirs = tf.losses.sigmoidCrossEntropy(tf.fill([7], label), logits).dataSync()[0]!;
      expect(ours).toBeCloseTo(theirs, 5);
      expect(Number.isFinite(ours)).toBe(true);
    }
    expect(binaryCrossEntropyWithLogits(tf.zeros([4]), 1).dataSync()[0]).toBeCloseTo(Math.LN2, 6);
  });
});

describe('createGan (tiny preset, wasm)', () => {
  onWasmBackend();
  it('learns to tell real crystals from generated ones, samples in [0, 1], and leaks no tensor', async () => {
    const before = tf.memory().numTensors;
    // DCGAN's Adam(2e-4, β1 = 0.5) here: at the paper's 1e-5, 30 steps move the discriminator loss less than its
    // batch-to-batch spread (measured: first five steps 0.46, last five 0.39), too little for a test to lean on.
    const model = createGan(config(7, { learningRate: 2e-4, beta1: 0.5 }));
    const losses: number[] = [];
    let afterStep5 = 0;
    for (let s = 0; s < 30; s++) {
      const l = await step(model, s);
      expect(Object.keys(l).sort()).toEqual(['discriminator', 'generator']);
      losses.push(l.discriminator!);
      if (s === 4) afterStep5 = tf.memory().numTensors;
    }
    expect(tf.memory().numTensors).toBe(afterStep5);
    // Mean over five steps, so that the four real batches of the cycle weigh alike at both ends.
    expect(mean(losses.slice(-5))).toBeLessThan(0.8 * mean(losses.slice(0, 5)));

    const samples = (await model.sample(5))!;
    expect(samples.shape).toEqual([5, SIZE, SIZE, LAYERS]);
    const values = samples.dataSync();
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThanOrEqual(1);
    expect(Math.max(...values) - Math.min(...values)).toBeGreaterThan(0.1);
    samples.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gives identical first-step losses and samples for one seed, and other ones for another', async () => {
    const run = async (seed: number) => {
      const model = createGan(config(seed));
      const losses = await step(model, 0);
      const samples = (await model.sample(2, { seed: 11 }))!;
      const data = Array.from(samples.dataSync());
      samples.dispose();
      model.dispose();
      return { losses, data };
    };
    const a = await run(3);
    const b = await run(3);
    const c = await run(4);
    expect(b.losses).toEqual(a.losses);
    expect(b.data).toEqual(a.data);
    expect(c.losses.discriminator).not.toBe(a.losses.discriminator);
  });

  it('names its optimiser weights by role and variable, and takes them back without leaking', async () => {
    const model = createGan(config(5));
    await step(model, 0);
    const weights = await model.optimizerWeights();
    const trainable = (role: string) => model.stores[role]!.trainable().length;
    expect(weights.length).toBe(2 + 2 * trainable('generator') + 2 * trainable('discriminator'));
    expect(weights.map((w) => w.name)).toContain('generator/iter');
    expect(weights.map((w) => w.name)).toContain('generator/dense/kernel/m');
    expect(weights.map((w) => w.name)).toContain('discriminator/output/kernel/v');
    const copies = weights.map(({ name, tensor }) => ({ name, tensor: tensor.clone() }));
    const values = copies.map((c) => Array.from(c.tensor.dataSync()));
    for (const w of weights) if (!(w.tensor instanceof tf.Variable)) w.tensor.dispose();
    const count = tf.memory().numTensors;
    await model.setOptimizerWeights(copies);
    // The model takes the copies over: the new optimisers' accumulators replace the old ones one for one.
    expect(tf.memory().numTensors).toBe(count - copies.length);
    const again = await model.optimizerWeights();
    expect(again.map((w) => Array.from(w.tensor.dataSync()))).toEqual(values);
    for (const w of again) if (!(w.tensor instanceof tf.Variable)) w.tensor.dispose();
    model.dispose();
  });
});
