/**
 * The diffusion model with the tiny preset: the samplers against an analytic oracle, the cpu layers against tfjs's
 * own kernels and gradients, the loss on real perov_5 CrysTens, tensor bookkeeping, and a model overfitted on one
 * crystal whose samples reconstruct (paper §3.2's algorithm) into that crystal. Those that train or sample run on
 * wasm.
 */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Crystal } from '../../core/crystal';
import { buildDataset, type CrystalDataset, crystalAt, encodeBatch } from '../../core/crystens/dataset';
import { ENTRIES } from '../../core/crystens/layout';
import { DEFAULT_CLUSTERING, PAPER_CLUSTERING, reconstruct } from '../../core/crystens/reconstruct';
import { ingestFile } from '../../core/ingest/ingest';
import { initMoyoNode } from '../../core/symmetry/moyo-node';
import { DATASETS } from '../../core/testing/corpus';
import { type DiffusionHyper, PREDICTIONS } from '../hyper';
import { DECAY_FLOOR } from '../learning-rate';
import { diffusionPreset } from '../presets';
import { onWasmBackend } from '../testing/wasm-backend';
import type { GenerativeModel, ModelConfigOf, Sampler } from '../types';
import { createDiffusion, fromOutput, runSampler } from './diffusion';
import { cosineSchedule, marginal } from './schedule';
import { convolve, groupNormAffine } from './unet';

/** Training steps of the loss test (batch 8). */
const STEPS = 40;
/**
 * The budget that memorised one crystal: with sequential noise streams, 200 steps did in three runs of three and
 * 150 in none of two (seeds 1–4, perov_5 crystals 0 and 17). With noise keyed to the step (exact resume), seed 3
 * memorises perov_5 crystal 0 in 250 steps, while seeds 1 and 2 land one atomic number low on the three N (C)
 * even at 300 steps: Z/118 leaves 0.004 of normalised room per element, the tightest tolerance in the tensor.
 * Batch 2: one crystal gains nothing from a larger batch but fresh noise levels, and a step costs half that of
 * batch 4.
 */
const OVERFIT_STEPS = 250;
const OVERFIT_BATCH = 2;
/**
 * The EMA decay of the overfit run. The tiny preset's 0.995 (warmed up as (1 + n)/(10 + n), 0.96 at step 250)
 * averages the last ~25 steps; while the pattern still converges that lag pulls every entry toward its starting
 * value (a uniform shrink toward 0.5), enough to move an atomic number by one. A 10-step window does not.
 */
const OVERFIT_EMA_DECAY = 0.9;

let dataset: CrystalDataset;

beforeAll(async () => {
  await tf.setBackend('cpu');
  await initMoyoNode();
  const crystals = ingestFile({ name: DATASETS.perov5, bytes: readFileSync(DATASETS.perov5) }).flatMap((e) => (e.ok ? [e.crystal] : []));
  dataset = buildDataset(crystals.slice(0, 32)).dataset;
});

function config(overrides: Partial<Omit<ModelConfigOf<'diffusion'>, 'hyper'>> & { hyper?: Partial<DiffusionHyper> } = {}): ModelConfigOf<'diffusion'> {
  return {
    kind: 'diffusion', preset: 'tiny', seed: 1, batchSize: 8, normalization: dataset.normalization,
    ...overrides,
    hyper: { ...diffusionPreset('tiny'), ...overrides.hyper } as DiffusionHyper,
  };
}

/** A batch of the dataset's crystals `indices`, as the trainer would pass it. */
function batchOf(indices: number[]): tf.Tensor4D {
  return tf.tensor4d(encodeBatch(dataset, indices), [indices.length, 64, 64, 4]);
}

const maxDifference = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);

describe('samplers', () => {
  // T = 100 keeps the oracle’s 100 DDPM steps quick; nothing in the samplers depends on T.
  const schedule = cosineSchedule(100);
  // One point of [−1, 1]^(64·64·4): a network that knows it exactly is the ideal denoiser of that one-point
  // distribution, and every sampler must land on it from any noise (DDPM's added noise included).
  let target: tf.Tensor4D;
  beforeAll(() => {
    target = tf.tidy(() => tf.sub(tf.mul(tf.randomUniform([1, 64, 64, 4], 0, 1, 'float32', 3), 2), 1)) as tf.Tensor4D;
  });

  it.each(PREDICTIONS.flatMap((p) => (['ddim', 'ddpm'] as Sampler[]).map((s) => [p, s] as const)))(
    'an exact %s oracle brings %s to the point',
    async (prediction, sampler) => {
      const x = await runSampler(
        schedule,
        (xt, i) => {
          const { signal, noise } = marginal(schedule, i);
          const eps = tf.div(tf.sub(xt, tf.mul(target, signal)), noise);
          const output = { epsilon: eps, v: tf.sub(tf.mul(eps, signal), tf.mul(target, noise)), x0: target }[prediction];
          return fromOutput(schedule, prediction, output as tf.Tensor4D, xt, i);
        },
        2,
        { sampler, steps: 20, seed: 5 },
      );
      expect(maxDifference(x!, tf.concat([target, target]))).toBeLessThan(1e-5);
      x!.dispose();
    },
  );
});

describe('cpu layers', () => {
  it.each([1, 3])('a %i×%i convolution has tf.conv2d’s value and gradients', (k) => {
    tf.tidy(() => {
      const x = tf.randomNormal([2, 8, 8, 3], 0, 1, 'float32', 1) as tf.Tensor4D;
      const w = tf.randomNormal([k, k, 3, 5], 0, 1, 'float32', 2) as tf.Tensor4D;
      const b = tf.randomNormal([5], 0, 1, 'float32', 3) as tf.Tensor1D;
      const probe = tf.randomNormal([2, 8, 8, 5], 0, 1, 'float32', 4);
      const grads = (f: (x: tf.Tensor4D, w: tf.Tensor4D, b: tf.Tensor1D) => tf.Tensor4D) =>
        tf.grads((x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(f(x as tf.Tensor4D, w as tf.Tensor4D, b as tf.Tensor1D), probe)))([x, w, b]);
      const reference = (x: tf.Tensor4D, w: tf.Tensor4D, b: tf.Tensor1D) => tf.add(tf.conv2d(x, w, 1, 'same'), b) as tf.Tensor4D;
      expect(maxDifference(convolve(x, w, b), reference(x, w, b))).toBeLessThan(1e-5);
      const [ours, theirs] = [grads(convolve), grads(reference)];
      ours.forEach((g, i) => expect(maxDifference(g, theirs[i]!)).toBeLessThan(1e-4));
    });
  });

  it('group normalisation with a per-sample affine has the value and gradients of tfjs ops', () => {
    tf.tidy(() => {
      const x = tf.add(tf.mul(tf.randomNormal([3, 4, 5, 6], 0, 1, 'float32', 1), 3), 2) as tf.Tensor4D;
      const scale = tf.randomNormal([3, 6], 1, 0.5, 'float32', 2) as tf.Tensor2D;
      const shift = tf.randomNormal([3, 6], 0, 1, 'float32', 3) as tf.Tensor2D;
      const probe = tf.randomNormal([3, 4, 5, 6], 0, 1, 'float32', 4);
      // Wu & He's definition, written with tf.moments: 2 groups of 3 channels.
      const reference = (x: tf.Tensor4D, scale: tf.Tensor2D, shift: tf.Tensor2D) => {
        const grouped = tf.reshape(x, [3, 4, 5, 2, 3]);
        const { mean, variance } = tf.moments(grouped, [1, 2, 4], true);
        const normalised = tf.reshape(tf.div(tf.sub(grouped, mean), tf.sqrt(tf.add(variance, 1e-5))), x.shape);
        return tf.add(tf.mul(normalised, tf.reshape(scale, [3, 1, 1, 6])), tf.reshape(shift, [3, 1, 1, 6])) as tf.Tensor4D;
      };
      const ours = (x: tf.Tensor4D, scale: tf.Tensor2D, shift: tf.Tensor2D) => groupNormAffine(x, scale, shift, 2);
      expect(maxDifference(ours(x, scale, shift), reference(x, scale, shift))).toBeLessThan(1e-5);
      const grads = (f: typeof reference) =>
        tf.grads((x: tf.Tensor, s: tf.Tensor, t: tf.Tensor) => tf.sum(tf.mul(tf.square(f(x as tf.Tensor4D, s as tf.Tensor2D, t as tf.Tensor2D)), probe)))([x, scale, shift]);
      const [a, b] = [grads(ours), grads(reference)];
      a.forEach((g, i) => expect(maxDifference(g, b[i]!) / Math.max(1, tf.max(tf.abs(b[i]!)).dataSync()[0]!)).toBeLessThan(1e-5));
    });
  });
});

describe('training on perov_5', () => {
  onWasmBackend();
  it('lowers the loss and holds its tensor count steady', async () => {
    const model = createDiffusion(config());
    const losses: number[] = [];
    let tensorsAtStep5 = 0;
    for (let step = 1; step <= STEPS; step++) {
      const start = ((step - 1) * 8) % 32;
      const real = batchOf(Array.from({ length: 8 }, (_, k) => start + k));
      losses.push((await model.trainStep(real, step - 1)).loss!);
      real.dispose();
      if (step === 5) tensorsAtStep5 = tf.memory().numTensors;
    }
    expect(tf.memory().numTensors).toBe(tensorsAtStep5);
    const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
    const [first, last] = [mean(losses.slice(0, 8)), mean(losses.slice(-8))];
    expect(last).toBeLessThan(0.5 * first);

    // Sampling frees every intermediate: only the returned batch stays.
    const before = tf.memory().numTensors;
    const sample = await model.sample(2, { sampler: 'ddim', steps: 3 });
    expect(tf.memory().numTensors).toBe(before + 1);
    sample!.dispose();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});


describe('the learning-rate decay', () => {
  onWasmBackend();
  it("steps Adam at learning-rate.ts's rate for the step: past the decay, a tenth of the constant model's first update", async () => {
    const weightChange = async (decaySteps: number) => {
      const model = createDiffusion(config({ seed: 2, hyper: { decaySteps } }));
      const store = model.stores.unet!;
      const before = new Map(store.names().map((name) => [name, store.variable(name)!.clone()]));
      const real = batchOf([0, 1, 2, 3]);
      // Step 3 of a 2-step decay: a rate of DECAY_FLOOR of the model's. Adam's first update is ±rate per weight.
      await model.trainStep(real, 3);
      real.dispose();
      const change = Math.max(...store.names().map((name) => maxDifference(store.variable(name)!, before.get(name)!)));
      tf.dispose([...before.values()]);
      model.dispose();
      return change;
    };
    const [constant, decayed] = [await weightChange(0), await weightChange(2)];
    expect(constant).toBeCloseTo(config().hyper.learningRate, 5);
    expect(decayed / constant).toBeCloseTo(DECAY_FLOOR, 3);
  });
});

describe('sampling', () => {
  onWasmBackend();
  // T = 100 keeps a full ancestral DDPM run short; the code path is the one of T = 1000.
  const short = () => createDiffusion(config({ seed: 3, hyper: { timesteps: 100 } }));

  it.each(['ddpm', 'ddim'] as Sampler[])('%s gives n tensors in [0, 1], reproducibly for a seed', async (sampler) => {
    const model = short();
    const fractions: number[] = [];
    const a = await model.sample(2, { sampler, steps: 10, seed: 9, onProgress: (f) => void fractions.push(f) });
    const b = await model.sample(2, { sampler, steps: 10, seed: 9 });
    expect(a!.shape).toEqual([2, 64, 64, 4]);
    expect(fractions).toHaveLength(sampler === 'ddpm' ? 100 : 10);
    expect(fractions.at(-1)).toBe(1);
    expect(tf.min(a!).dataSync()[0]).toBeGreaterThanOrEqual(0);
    expect(tf.max(a!).dataSync()[0]).toBeLessThanOrEqual(1);
    expect(maxDifference(a!, b!)).toBe(0);
    tf.dispose([a!, b!]);
    model.dispose();
  });

  it.each(['ddpm', 'ddim'] as Sampler[])('%s stops when onProgress answers false, and leaks nothing', async (sampler) => {
    const model = short();
    const before = tf.memory().numTensors;
    let calls = 0;
    const result = await model.sample(2, { sampler, steps: 10, onProgress: (f) => (calls++, f < 0.3) });
    expect(result).toBeUndefined();
    expect(calls).toBe(sampler === 'ddpm' ? 30 : 3);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});

/** Largest fractional distance between matched sites (same element, nearest periodic image), or why none. */
function siteMismatch(expected: Crystal, actual: Crystal): { worst: number } | { reason: string } {
  if (actual.sites.length !== expected.sites.length) return { reason: `${actual.sites.length} sites for ${expected.sites.length}` };
  const left = [...actual.sites];
  let worst = 0;
  for (const site of expected.sites) {
    const distance = (s: (typeof left)[number]) => Math.max(...s.frac.map((f, d) => {
      const diff = Math.abs(f - site.frac[d]!) % 1;
      return Math.min(diff, 1 - diff);
    }));
    const candidates = left.filter((s) => s.Z === site.Z).sort((a, b) => distance(a) - distance(b));
    if (candidates.length === 0) return { reason: `no ${site.element} left to match` };
    worst = Math.max(worst, distance(candidates[0]!));
    left.splice(left.indexOf(candidates[0]!), 1);
  }
  return { worst };
}

describe('a model overfitted on one crystal', () => {
  let model: GenerativeModel;
  let target: Crystal;
  onWasmBackend();

  it(`learns it in ${OVERFIT_STEPS} steps of batch ${OVERFIT_BATCH}`, async () => {
    target = crystalAt(dataset, 0);
    model = createDiffusion(config({ seed: 3, batchSize: OVERFIT_BATCH, hyper: { emaDecay: OVERFIT_EMA_DECAY } }));
    const real = batchOf(Array.from({ length: OVERFIT_BATCH }, () => 0));
    const losses: number[] = [];
    for (let step = 0; step < OVERFIT_STEPS; step++) losses.push((await model.trainStep(real, step)).loss!);
    real.dispose();
    expect(Math.max(...losses.slice(-10))).toBeLessThan(0.01);
  });

  it.each([['the paper’s k', PAPER_CLUSTERING] as const, ['automatic k', DEFAULT_CLUSTERING] as const])(
    'samples it back (DDIM, 25 steps), reconstructed with %s',
    async (_, options) => {
      const samples = await model.sample(2, { sampler: 'ddim', steps: 25, seed: 11 });
      const data = samples!.dataSync();
      samples!.dispose();
      for (let k = 0; k < 2; k++) {
        const r = reconstruct(data.subarray(k * ENTRIES, (k + 1) * ENTRIES), dataset.normalization, options);
        if (!r.ok) throw new Error(r.reason);
        const c = r.crystal;
        expect(c.sites.map((s) => s.element).sort()).toEqual(target.sites.map((s) => s.element).sort());
        for (const key of ['a', 'b', 'c'] as const) expect(Math.abs(c.lattice[key] / target.lattice[key] - 1)).toBeLessThan(0.02);
        for (const key of ['alpha', 'beta', 'gamma'] as const) expect(Math.abs(c.lattice[key] - target.lattice[key])).toBeLessThan(1);
        const match = siteMismatch(target, c);
        if ('reason' in match) throw new Error(match.reason);
        expect(match.worst).toBeLessThan(0.02);
      }
    },
  );

  it('frees its variables on dispose', () => {
    const before = tf.memory().numTensors;
    model.dispose();
    expect(tf.memory().numTensors).toBeLessThan(before);
  });
});

