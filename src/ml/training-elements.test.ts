/**
 * Samples held to the training elements: the nearest-element table on perov_5's 56 elements (gaps at He, the
 * lanthanides and the noble gases), the snap on the eight Z copies of every atom and nowhere else, and untrained
 * diffusion and GAN models whose every sampled atom is one of the model's elements (and not, with 'any').
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { HEADER, LAYERS, SIZE, Slot } from '../core/crystens/layout';
import { createModel, modelConfig } from './engine/factory';
import { nearestElementValues, snapAtomicNumbers, trainingElements } from './training-elements';
import type { ModelKind } from './types';

/** The elements of perov_5's validation split (crystens's own ingest of cdvae/perov_5/val.csv). */
const PEROV_5 = [
  3, 4, 5, 7, 8, 9, 11, 12, 13, 14, 16, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 37, 38, 39, 40, 41,
  42, 44, 45, 46, 47, 48, 49, 50, 51, 52, 55, 56, 57, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83,
];

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Z of an entry's CrysTens value, as the decoder reads it. */
const atomicNumber = (v: number) => Math.round(v * 118);

describe('the training elements', () => {
  it('are the distinct atomic numbers of the sites, ascending', () => {
    expect(trainingElements(Uint8Array.from([26, 8, 8, 8, 26, 3]))).toEqual([3, 8, 26]);
    expect(trainingElements([])).toEqual([]);
  });

  it('send each Z to the nearest of them, or to an empty slot', () => {
    const z = Array.from(nearestElementValues(PEROV_5), atomicNumber);
    expect(z[0]).toBe(0); // an empty slot stays empty
    expect(z[1]).toBe(0); // H: 1 from empty, 2 from Li
    expect(z[2]).toBe(3); // He: 2 from empty, 1 from Li
    expect(z[34]).toBe(33); // Se: a tie between As and Br goes to the lighter
    expect(z[54]).toBe(55); // Xe → Cs
    expect(z[64]).toBe(57); // Gd: 7 from La, 8 from Hf
    expect(z[65]).toBe(72); // Tb: 8 from La, 7 from Hf
    expect(z[118]).toBe(83); // Og → Bi
    for (const e of PEROV_5) expect(z[e]).toBe(e);
  });
});

describe('snapAtomicNumbers', () => {
  it("writes the nearest training element of each atom's mean Z to its eight copies, and nothing else", () => {
    const side = HEADER + 5;
    const unit = tf.randomUniform([2, side, side, LAYERS], 0, 1, 'float32', 7) as tf.Tensor4D;
    const values = nearestElementValues(PEROV_5);
    const before = unit.arraySync();
    const after = snapAtomicNumbers(unit, values).arraySync();
    for (let b = 0; b < 2; b++) {
      const element = (s: number) => {
        let sum = 0;
        for (let l = 0; l < LAYERS; l++) sum += before[b]![Slot.Z]![s]![l]! + before[b]![s]![Slot.Z]![l]!;
        return values[atomicNumber(sum / 8)]!;
      };
      for (let r = 0; r < side; r++) {
        for (let c = 0; c < side; c++) {
          const atom = r === Slot.Z && c >= HEADER ? c : c === Slot.Z && r >= HEADER ? r : undefined;
          for (let l = 0; l < LAYERS; l++) {
            expect(after[b]![r]![c]![l]!).toBeCloseTo(atom === undefined ? before[b]![r]![c]![l]! : element(atom), 6);
          }
        }
      }
    }
  });
});

/** Every atomic number a batch of samples holds in its Z copies (64 × 64: every atom slot). */
function sampledAtomicNumbers(samples: tf.Tensor4D): Set<number> {
  const data = samples.dataSync();
  const seen = new Set<number>();
  const [n] = samples.shape;
  for (let b = 0; b < n; b++) {
    for (let s = HEADER; s < SIZE; s++) {
      for (let l = 0; l < LAYERS; l++) {
        seen.add(atomicNumber(data[((b * SIZE + Slot.Z) * SIZE + s) * LAYERS + l]!));
        seen.add(atomicNumber(data[((b * SIZE + s) * SIZE + Slot.Z) * LAYERS + l]!));
      }
    }
  }
  return seen;
}

describe.each<ModelKind>(['diffusion', 'gan'])('an untrained %s model', (kind) => {
  const elements = [8, 26, 38];
  const model = () => createModel(modelConfig({ kind, preset: 'tiny', normalization: { lengthBound: 7 }, elements, hyper: kind === 'diffusion' ? { timesteps: 20 } : {} }));

  it('samples only its training elements (and empty slots)', async () => {
    const m = model();
    const samples = (await m.sample(4, { steps: 5, seed: 2 }))!;
    const seen = sampledAtomicNumbers(samples);
    for (const z of seen) expect([0, ...elements]).toContain(z);
    samples.dispose();
    m.dispose();
  });

  it("samples other elements when asked for 'any'", async () => {
    const m = model();
    const samples = (await m.sample(4, { steps: 5, seed: 2, elements: 'any' }))!;
    expect([...sampledAtomicNumbers(samples)].some((z) => ![0, ...elements].includes(z))).toBe(true);
    samples.dispose();
    m.dispose();
  });
});
