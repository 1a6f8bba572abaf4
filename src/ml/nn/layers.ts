/** Layers as functions of a ParameterStore and a name: each creates its variables on first call. */
import * as tf from '@tensorflow/tfjs';
import type { Initializer, ParameterStore } from './params';

export interface ConvOptions {
  readonly filters: number;
  readonly kernel: number;
  readonly stride?: number;
  readonly bias?: boolean;
}

export function conv2d(p: ParameterStore, name: string, x: tf.Tensor4D, o: ConvOptions): tf.Tensor4D {
  const channels = x.shape[3];
  const w = p.get(`${name}/kernel`, [o.kernel, o.kernel, channels, o.filters], 'he') as tf.Tensor4D;
  const y = tf.conv2d(x, w, o.stride ?? 1, 'same');
  return o.bias === false ? y : tf.add(y, p.get(`${name}/bias`, [o.filters], 'zeros'));
}

/** Transposed convolution that multiplies the spatial size by `stride`. */
export function conv2dTranspose(p: ParameterStore, name: string, x: tf.Tensor4D, o: ConvOptions): tf.Tensor4D {
  const [batch, h, w, channels] = x.shape;
  const stride = o.stride ?? 2;
  const kernel = p.get(`${name}/kernel`, [o.kernel, o.kernel, o.filters, channels], 'he') as tf.Tensor4D;
  const y = tf.conv2dTranspose(x, kernel, [batch, h * stride, w * stride, o.filters], stride, 'same');
  return o.bias === false ? y : tf.add(y, p.get(`${name}/bias`, [o.filters], 'zeros'));
}

/** x · W + b; W starts as `init` says (Glorot by default; zeros where a layer should start silent). */
export function dense(p: ParameterStore, name: string, x: tf.Tensor2D, units: number, init: Initializer = 'glorot'): tf.Tensor2D {
  const w = p.get(`${name}/kernel`, [x.shape[1], units], init) as tf.Tensor2D;
  return tf.add(tf.matMul(x, w), p.get(`${name}/bias`, [units], 'zeros'));
}

/**
 * Leaky ReLU in one kernel, with a gradient that can itself be differentiated: the WGAN-GP penalty differentiates
 * the critic's input gradient again, and tf.leakyRelu's own gradient has no gradient in tfjs 4.22 ("gradient
 * function not found for Greater"). Its slope α + (1 − α)·step(x) is built from ops tfjs differentiates (step's
 * derivative is 0), so the gradient of dy · slope reaches dy. It replaced the form 0.5(1+α)x + 0.5(1−α)|x|, four
 * kernels forward where this is one: forward and backward of [16, 32, 32, 64] on wasm took 26–47 ms against 49–50
 * (equal on the small presets' 10 × 10 maps).
 */
export function leakyRelu<T extends tf.Tensor>(x: T, alpha = 0.2): T {
  const op = tf.customGrad((...args) => {
    const [input, save] = args as [tf.Tensor, tf.GradSaveFunc];
    save([input]);
    return {
      value: tf.leakyRelu(input, alpha),
      gradFunc: (dy: tf.Tensor, [saved]: tf.Tensor[]) => tf.mul(dy, tf.add(tf.mul(tf.step(saved!), 1 - alpha), alpha)),
    };
  });
  return op(x) as T;
}

/** Swish (SiLU), the diffusion U-Net's activation. */
export function silu<T extends tf.Tensor>(x: T): T {
  return tf.mul(x, tf.sigmoid(x));
}

const EPSILON = 1e-5;

/**
 * Batch normalisation over batch, height and width. Training uses the batch's statistics and moves the stored
 * averages (momentum 0.99, as Keras); inference uses the stored averages.
 */
export function batchNorm<T extends tf.Tensor2D | tf.Tensor4D>(p: ParameterStore, name: string, x: T, training: boolean): T {
  const channels = x.shape[x.rank - 1]!;
  const gamma = p.get(`${name}/gamma`, [channels], 'ones');
  const beta = p.get(`${name}/beta`, [channels], 'zeros');
  const movingMean = p.get(`${name}/moving_mean`, [channels], 'zeros', false);
  const movingVariance = p.get(`${name}/moving_variance`, [channels], 'ones', false);
  const axes = x.rank === 4 ? [0, 1, 2] : [0];
  if (!training) return tf.batchNorm(x, movingMean, movingVariance, beta, gamma, EPSILON) as T;
  const { mean, variance } = tf.moments(x, axes);
  tf.tidy(() => {
    movingMean.assign(tf.add(tf.mul(movingMean, 0.99), tf.mul(mean, 0.01)));
    movingVariance.assign(tf.add(tf.mul(movingVariance, 0.99), tf.mul(variance, 0.01)));
  });
  return tf.batchNorm(x, mean, variance, beta, gamma, EPSILON) as T;
}

/** Layer normalisation over all but the batch axis (the WGAN-GP critic: batch statistics would break the
 *  per-sample gradient penalty). Written with elementary ops, whose second-order gradients tfjs has. */
export function layerNorm<T extends tf.Tensor2D | tf.Tensor4D>(p: ParameterStore, name: string, x: T): T {
  const channels = x.shape[x.rank - 1]!;
  const axes = x.rank === 4 ? [1, 2, 3] : [1];
  const mean = tf.mean(x, axes, true);
  const centred = tf.sub(x, mean);
  const variance = tf.mean(tf.square(centred), axes, true);
  const normalised = tf.div(centred, tf.sqrt(tf.add(variance, EPSILON)));
  return tf.add<T>(tf.mul(normalised, p.get(`${name}/gamma`, [channels], 'ones')), p.get(`${name}/beta`, [channels], 'zeros'));
}

/** Group normalisation (Wu & He 2018) over groups of channels, per sample: the U-Net's normalisation. */
export function groupNorm(p: ParameterStore, name: string, x: tf.Tensor4D, groups: number): tf.Tensor4D {
  const [batch, h, w, channels] = x.shape;
  const g = Math.min(groups, channels);
  if (channels % g !== 0) throw new Error(`${name}: ${channels} channels do not split into ${g} groups`);
  const grouped = tf.reshape(x, [batch, h, w, g, channels / g]);
  const { mean, variance } = tf.moments(grouped, [1, 2, 4], true);
  const normalised = tf.reshape(tf.div(tf.sub(grouped, mean), tf.sqrt(tf.add(variance, EPSILON))), [batch, h, w, channels]);
  return tf.add(tf.mul(normalised, p.get(`${name}/gamma`, [channels], 'ones')), p.get(`${name}/beta`, [channels], 'zeros'));
}
