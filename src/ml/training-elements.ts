/**
 * Atomic numbers held to the elements a model was trained on.
 *
 * A CrysTens stores an atom's element as the number Z/118 (spec §3), so what a generator or a denoiser writes
 * there is continuous, and an error of half an element names a neighbouring one. Models that predict the element
 * as a category over the periodic table (CDVAE, DiffCSP) learn to give elements absent from training no
 * probability; a number cannot. Measured on the released perov_5 diffusion model (1,000 samples, DDIM 50): 5.6 %
 * of its atoms were elements perov_5 never holds (Xe, Kr, Tc, Se, Br, P, …: neighbours in Z of elements it does
 * hold), and with them 3.4 % of the crystals failed charge balance.
 *
 * `snapAtomicNumbers` is the CrysTens's counterpart of that category: every Z entry moves to the nearest atomic
 * number among the training set's elements, or to 0, an empty slot. A diffusion sampler applies it to x̂₀ at every
 * step (so the rest of the crystal is denoised around a real element), a GAN to its output.
 */
import * as tf from '@tensorflow/tfjs';
import { HEADER, Slot } from '../core/crystens/layout';

/** The largest atomic number a CrysTens encodes: Z is stored as Z / MAX_Z. */
const MAX_Z = 118;

/** The training set's elements as a model keeps them: distinct atomic numbers, ascending, each in 1..118. */
export type TrainingElements = readonly number[];

/** Distinct atomic numbers, ascending, of a dataset's sites. */
export function trainingElements(atomicNumbers: ArrayLike<number>): TrainingElements {
  const seen = new Uint8Array(MAX_Z + 1);
  for (let i = 0; i < atomicNumbers.length; i++) seen[atomicNumbers[i]!] = 1;
  const elements: number[] = [];
  for (let z = 1; z <= MAX_Z; z++) if (seen[z]) elements.push(z);
  return elements;
}

/** The union of two element lists, ascending: what a model fine-tuned on a second dataset has seen. */
export function mergeElements(a: TrainingElements, b: TrainingElements): TrainingElements {
  return trainingElements([...a, ...b]);
}

/**
 * For each rounded Z in 0..118, the CrysTens value (Z' / 118) of the nearest of `elements` or of 0 (an empty slot
 * stays empty). A tie goes to the lighter element.
 */
export function nearestElementValues(elements: TrainingElements): Float32Array {
  const allowed = [0, ...elements];
  const values = new Float32Array(MAX_Z + 1);
  for (let z = 0; z <= MAX_Z; z++) {
    let best = 0;
    for (const e of allowed) if (Math.abs(e - z) < Math.abs(best - z)) best = e;
    values[z] = best / MAX_Z;
  }
  return values;
}

/** [1, R, R, 1]: 1 on the eight copies of each atom's Z (header slot Z's row and column in every layer), 0 elsewhere. */
export function atomicNumberMask(resolution: number): tf.Tensor4D {
  const values = new Float32Array(resolution * resolution);
  for (let s = HEADER; s < resolution; s++) {
    values[Slot.Z * resolution + s] = 1;
    values[s * resolution + Slot.Z] = 1;
  }
  return tf.tensor4d(values, [1, resolution, resolution, 1]);
}

/**
 * `unit` ([B, R, R, 4], CrysTens values in [0, 1]) with each atom's element moved to the nearest training element
 * (`nearestElementValues`): the atom's Z as the decoder reads it, the mean of its eight copies, is snapped and
 * written to all eight, so the atom has one element whatever its copies said (a GAN's disagree); every other entry
 * is unchanged.
 */
export function snapAtomicNumbers(unit: tf.Tensor4D, values: Float32Array): tf.Tensor4D {
  return tf.tidy(() => {
    const [batch, resolution] = unit.shape;
    const atoms = resolution - HEADER;
    const inRow = tf.slice(unit, [0, Slot.Z, HEADER, 0], [batch, 1, atoms, -1]);
    const inColumn = tf.slice(unit, [0, HEADER, Slot.Z, 0], [batch, atoms, 1, -1]);
    const mean = tf.div(tf.add(tf.sum(inRow, [1, 3]), tf.sum(inColumn, [2, 3])), 8);
    const z = tf.cast(tf.clipByValue(tf.round(tf.mul(mean, MAX_Z)), 0, MAX_Z), 'int32');
    const snapped = tf.reshape(tf.gather(tf.tensor1d(values), tf.reshape(z, [-1])), [batch, atoms]);
    // The snapped value on Z's row and column of the square (the two never meet beyond the header), then every layer.
    const after = Slot.Z + 1;
    const row = tf.pad(tf.reshape(snapped, [batch, 1, atoms, 1]), [[0, 0], [Slot.Z, resolution - after], [HEADER, 0], [0, 0]]);
    const column = tf.pad(tf.reshape(snapped, [batch, atoms, 1, 1]), [[0, 0], [HEADER, 0], [Slot.Z, resolution - after], [0, 0]]);
    const elements = tf.broadcastTo(tf.add(row, column), unit.shape);
    return tf.where(tf.cast(tf.broadcastTo(atomicNumberMask(resolution), unit.shape), 'bool'), elements, unit) as tf.Tensor4D;
  });
}
