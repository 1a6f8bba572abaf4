/** Optimiser state as tensors the caller owns. */
import * as tf from '@tensorflow/tfjs';
import type { GenerativeModel } from '../types';

/**
 * Copies of the model's optimiser weights. tfjs optimisers hand back their accumulator variables themselves and
 * a freshly made iteration count; the copies are the caller's to dispose, and the fresh tensors are disposed here.
 */
export async function copyOptimizerState(model: GenerativeModel): Promise<{ name: string; tensor: tf.Tensor }[]> {
  const weights = await model.optimizerWeights();
  return weights.map(({ name, tensor }) => {
    const copy = tf.keep(tensor.clone());
    if (!(tensor instanceof tf.Variable)) tensor.dispose();
    return { name, tensor: copy };
  });
}
