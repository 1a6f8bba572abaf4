/**
 * The CrysTens layout's linear constraints, as a projection in the diffusion model's [−1, 1] space (spec §1): every
 * header value of a slot has 8 copies (row and column, four layers) that must agree; the 12 × 12 corner is empty;
 * the pair block's layer 0 (fractional distance) is symmetric with a zero diagonal. The projection replaces the
 * copies by their mean, the corner by the empty value and layer 0 by its symmetric part with the diagonal emptied.
 * It is affine, exact on every encoded crystal (filled or empty slots alike, so it needs no atom count), and
 * differentiable, so it can shape a prediction during training as well as during sampling. Layers 1–3 of the pair
 * block are left alone: their antisymmetry holds only between occupied slots (an empty one is 0, not 0.5).
 */
import * as tf from '@tensorflow/tfjs';
import { HEADER, LAYERS } from '../../core/crystens/layout';

/** The model-space value of an empty entry (the CrysTens's 0 doubled and shifted). */
export const EMPTY = -1;

/**
 * x [n, R, R, 4] (model space, R > 12) with its copies averaged, corner emptied and distances symmetrised. Call
 * inside tf.tidy (or an optimiser's minimize).
 */
export function projectOntoLayout(x: tf.Tensor4D): tf.Tensor4D {
  const [n, R] = x.shape;
  const S = R - HEADER;
  const top = tf.slice(x, [0, 0, HEADER, 0], [n, HEADER, S, LAYERS]);
  const left = tf.transpose(tf.slice(x, [0, HEADER, 0, 0], [n, S, HEADER, LAYERS]), [0, 2, 1, 3]);
  const header = tf.tile(tf.div(tf.add(tf.sum(top, 3, true), tf.sum(left, 3, true)), 2 * LAYERS), [1, 1, 1, LAYERS]);
  const corner = tf.fill([n, HEADER, HEADER, LAYERS], EMPTY);
  const pairs = tf.slice(x, [0, HEADER, HEADER, 0], [n, S, S, LAYERS]);
  const distance = tf.slice(pairs, [0, 0, 0, 0], [n, S, S, 1]);
  const offDiagonal = tf.reshape(tf.sub(1, tf.eye(S)), [1, S, S, 1]);
  const symmetric = tf.add(
    tf.mul(tf.div(tf.add(distance, tf.transpose(distance, [0, 2, 1, 3])), 2), offDiagonal),
    tf.mul(tf.sub(1, offDiagonal), EMPTY),
  );
  const projectedPairs = tf.concat([symmetric, tf.slice(pairs, [0, 0, 0, 1], [n, S, S, LAYERS - 1])], 3);
  const upper = tf.concat([corner, header], 2);
  const lower = tf.concat([tf.transpose(header, [0, 2, 1, 3]), projectedPairs], 2);
  return tf.concat([upper, lower], 1) as tf.Tensor4D;
}
