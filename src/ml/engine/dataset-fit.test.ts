/**
 * The working square of the small preset against the CrysTens layout (crystens-spec §1: a crystal of n sites
 * occupies rows and columns 0 … 11 + n), and models on a working square: they train, and their samples are
 * [64, 64, 4] with every entry beyond the square exactly 0, as an encoded crystal of that size.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CrystalDataset } from '../../core/crystens/dataset';
import { createDiffusion } from '../diffusion/diffusion';
import { createGan } from '../models/gan';
import { diffusionPreset, ganPreset } from '../presets';
import { cyclicBatch, perovDataset } from '../testing/perov';
import type { ModelConfigOf } from '../types';
import { hyperForDataset } from './dataset-fit';

let dataset: CrystalDataset;
beforeAll(async () => {
  dataset = await perovDataset(8);
});

/** The largest |entry| outside the top-left side × side square. */
function beyondSquare(x: tf.Tensor4D, side: number): number {
  return tf.tidy(() => {
    const rows = tf.slice(x, [0, side, 0, 0], [-1, -1, -1, -1]);
    const columns = tf.slice(x, [0, 0, side, 0], [-1, side, -1, -1]);
    return Math.max(tf.max(tf.abs(rows)).dataSync()[0]!, tf.max(tf.abs(columns)).dataSync()[0]!);
  });
}

describe('the working square', () => {
  it('holds the header and the largest crystal, in the steps the networks divide, and only for the small preset', () => {
    // perov_5: 12 + 5 = 17 rows, which the slot transformer takes as they are; the GANs' strided layers need a
    // multiple of 4.
    expect(hyperForDataset('diffusion', 'small', 5)).toEqual({ resolution: 17 });
    expect(hyperForDataset('gan', 'small', 5)).toEqual({ resolution: 20, generatorBase: 5, downsamplings: 2 });
    expect(hyperForDataset('wgan', 'small', 20).resolution).toBe(32); // mp_20
    expect(hyperForDataset('diffusion', 'small', 24).resolution).toBe(36); // carbon_24
    expect(hyperForDataset('diffusion', 'small', 52).resolution).toBe(64); // the most a CrysTens holds
    expect(hyperForDataset('diffusion', 'paper', 5)).toEqual({});
    expect(hyperForDataset('gan', 'tiny', 5)).toEqual({});
  });

  it('gives a diffusion model that trains on the square and samples zeros beyond it', async () => {
    const side = 24; // the tiny U-Net's 4 × 4 patches over 2 levels: a multiple of 8 above 17
    const hyper = { ...diffusionPreset('tiny'), resolution: side, timesteps: 50 };
    const config: ModelConfigOf<'diffusion'> = { kind: 'diffusion', preset: 'tiny', seed: 2, batchSize: 2, normalization: dataset.normalization, hyper };
    const model = createDiffusion(config);
    const real = cyclicBatch(dataset, 0, 2);
    expect(beyondSquare(real, 17)).toBe(0);
    const { loss } = await model.trainStep(real, 0);
    expect(Number.isFinite(loss)).toBe(true);
    const samples = (await model.sample(2, { steps: 3 }))!;
    expect(samples.shape).toEqual([2, 64, 64, 4]);
    expect(beyondSquare(samples, side)).toBe(0);
    expect(tf.max(samples).dataSync()[0]).toBeGreaterThan(0);
    tf.dispose([real, samples]);
    model.dispose();
  });

  it('gives a GAN whose generator makes the square and whose samples are zero beyond it', async () => {
    const hyper = { ...ganPreset('tiny'), ...hyperForDataset('gan', 'small', 5) };
    const model = createGan({ kind: 'gan', preset: 'tiny', seed: 3, batchSize: 2, normalization: dataset.normalization, hyper });
    const real = cyclicBatch(dataset, 0, 2);
    const losses = await model.trainStep(real, 0);
    expect(Object.values(losses).every(Number.isFinite)).toBe(true);
    const samples = (await model.sample(3))!;
    expect(samples.shape).toEqual([3, 64, 64, 4]);
    expect(beyondSquare(samples, 20)).toBe(0);
    tf.dispose([real, samples]);
    model.dispose();
  });
});
