/**
 * The small preset's denoiser and the layout projection it ends in: encoded crystals are fixed points of the
 * projection, its output keeps every constraint the spec states, the network's output is on the layout whatever
 * its input, every weight receives a gradient, the loss weighs atomic numbers where they are, and a short run on
 * real perov_5 CrysTens lowers the loss.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CrystalDataset } from '../../core/crystens/dataset';
import { HEADER, LAYERS, SIZE, Slot } from '../../core/crystens/layout';
import { hyperForDataset } from '../engine/dataset-fit';
import { createModel, modelConfig } from '../engine/factory';
import { ParameterStore } from '../nn/params';
import { cyclicBatch, perovDataset } from '../testing/perov';
import { onWasmBackend } from '../testing/wasm-backend';
import { projectOntoLayout } from './consistency';
import { slotTransformerPreset } from '../presets';
import { atomicNumberWeights } from './diffusion';
import { slotTransformer, slotTransformerShape } from './slot-transformer';

/** perov_5's working square: the header and five sites. */
const R = 17;
let dataset: CrystalDataset;

beforeAll(async () => {
  dataset = await perovDataset(64);
});

/** Real CrysTens of the first `n` crystals, cropped to R × R, in the model's [−1, 1]. */
function realBatch(n: number): tf.Tensor4D {
  return tf.tidy(() => tf.sub(tf.mul(tf.slice(cyclicBatch(dataset, 0, n), [0, 0, 0, 0], [n, R, R, LAYERS]), 2), 1));
}

function maxDifference(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);
}

describe('the projection onto the CrysTens layout', () => {
  it('leaves every encoded crystal as it is', () => {
    const x = realBatch(16);
    expect(maxDifference(tf.tidy(() => projectOntoLayout(x)), x)).toBeLessThan(1e-6);
    x.dispose();
  });

  it('makes the eight copies agree, empties the corner and symmetrises the distances, and is idempotent', () => {
    const x = tf.randomNormal([3, R, R, LAYERS], 0, 1, 'float32', 3) as tf.Tensor4D;
    const y = tf.tidy(() => projectOntoLayout(x));
    for (const sample of y.arraySync()) {
      for (let h = 0; h < HEADER; h++) {
        for (let s = HEADER; s < R; s++) {
          const copies = [...sample[h]![s]!, ...sample[s]![h]!];
          for (const c of copies) expect(c).toBeCloseTo(copies[0]!, 5);
        }
        for (let c = 0; c < HEADER; c++) expect(sample[h]![c]).toEqual([-1, -1, -1, -1]);
      }
      for (let s = HEADER; s < R; s++) {
        expect(sample[s]![s]![0]).toBe(-1);
        for (let t = HEADER; t < R; t++) expect(sample[s]![t]![0]).toBeCloseTo(sample[t]![s]![0]!, 6);
      }
    }
    // Layers 1–3 of the pair block are not the projection's business.
    const pairs = (t: tf.Tensor4D) => tf.slice(t, [0, HEADER, HEADER, 1], [3, R - HEADER, R - HEADER, LAYERS - 1]);
    expect(maxDifference(tf.tidy(() => pairs(y)), tf.tidy(() => pairs(x)))).toBe(0);
    expect(maxDifference(tf.tidy(() => projectOntoLayout(y)), y)).toBeLessThan(1e-6);
    tf.dispose([x, y]);
  });
});

describe('the slot transformer', () => {
  const hyper = { ...slotTransformerPreset(), resolution: R };

  it('answers on the layout whatever it is given, and every weight gets a gradient', () => {
    const store = new ParameterStore(1);
    const shape = slotTransformerShape(hyper);
    const x = tf.randomNormal([2, R, R, LAYERS], 0, 1, 'float32', 5) as tf.Tensor4D;
    const steps = tf.tensor1d([3, 700]);
    const out = tf.tidy(() => slotTransformer(store, x, steps, shape));
    expect(out.shape).toEqual([2, R, R, LAYERS]);
    expect(maxDifference(tf.tidy(() => projectOntoLayout(out)), out)).toBeLessThan(1e-6);
    const { grads } = tf.variableGrads(() => tf.sum(tf.square(slotTransformer(store, x, steps, shape))) as tf.Scalar, store.trainable());
    const silent = store.names().filter((name) => tf.tidy(() => tf.max(tf.abs(grads[store.variable(name)!.name]!)).dataSync()[0]!) === 0);
    // adaLN-Zero: the modulations start at zero, so the blocks' inner weights and the step's MLP, which reach the
    // output only through them, get their first gradient once the modulations have moved.
    for (const name of silent) expect(name).toMatch(/^(block\d+\/(attention|mlp)|step\/)/);
    expect(store.names().filter((n) => n.includes('modulation')).every((n) => !silent.includes(n))).toBe(true);
    tf.dispose([x, steps, out, ...Object.values(grads)]);
    store.dispose();
  });

  it('rejects a width its heads do not divide, and a prediction other than x₀', () => {
    expect(() => slotTransformerShape({ ...hyper, width: 30, heads: 4 })).toThrow(/does not split into 4 heads/);
    expect(() => modelConfig({ kind: 'diffusion', preset: 'small', normalization: dataset.normalization, hyper: { resolution: R, prediction: 'v' } })).toThrow(/predicts x₀/);
    const config = modelConfig({ kind: 'diffusion', preset: 'small', normalization: dataset.normalization, hyper: { resolution: R } });
    expect(() => createModel({ ...config, hyper: { ...config.hyper, prediction: 'v' } } as typeof config)).toThrow(/predicts x₀/);
  });

  it("weighs the loss on each atom's eight copies of Z, and nothing else", () => {
    const weights = atomicNumberWeights(R, 25);
    const values = weights.arraySync()[0]!;
    for (let r = 0; r < R; r++) {
      for (let c = 0; c < R; c++) {
        const isZ = (r === Slot.Z && c >= HEADER) || (c === Slot.Z && r >= HEADER);
        expect(values[r]![c]![0], `(${r}, ${c})`).toBe(isZ ? 25 : 1);
      }
    }
    weights.dispose();
  });

});

describe('the small diffusion model (wasm)', () => {
  onWasmBackend();

  it('learns: 40 steps on perov_5 lower the loss', { timeout: 300_000 }, async () => {
    const maxSites = Math.max(...dataset.entries.map((e) => e.nsites));
    const model = createModel(modelConfig({ kind: 'diffusion', preset: 'small', normalization: dataset.normalization, batchSize: 8, hyper: hyperForDataset('diffusion', 'small', maxSites) }));
    const losses: number[] = [];
    for (let step = 0; step < 40; step++) {
      const batch = cyclicBatch(dataset, step, 8);
      losses.push((await model.trainStep(batch, step)).loss!);
      batch.dispose();
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(losses.slice(-10))).toBeLessThan(0.5 * mean(losses.slice(0, 10)));
    const samples = await model.sample(2, { sampler: 'ddim', steps: 4, seed: 1 });
    expect(samples!.shape).toEqual([2, SIZE, SIZE, LAYERS]);
    tf.dispose(samples);
    model.dispose();
  });
});
