/**
 * The paper's Wasserstein GAN with gradient penalty (Appendix B.2; Gulrajani et al. 2017): a critic with a linear
 * output, λ = 10, 5 critic steps per generator step, learning rate 1e-4 for both networks (../presets.ts). The networks are in
 * adversarial.ts; the critic uses layer normalisation, because batch statistics would mix the samples whose
 * gradients the penalty constrains one by one.
 */
import * as tf from '@tensorflow/tfjs';
import { seededRandom } from '../../core/random';
import { LAYERS, SIZE } from '../../core/crystens/layout';
import { layerNorm } from '../nn/layers';
import type { WganHyper } from '../hyper';
import type { GenerativeModel, ModelConfigOf } from '../types';
import { type AdversarialParts, type AdversarialVariant, createAdversarialModel, toSigned } from './adversarial';

/**
 * The penalty term E[(‖∇_x̂ D(x̂)‖₂ − 1)²] at x̂ = α·real + (1 − α)·fake with one α per sample, before multiplying
 * by λ. `alpha` is [B, 1, 1, 1] or already spread to real's shape (see interpolationWeights). The critic is
 * per-sample (no batch statistics), so the gradient of ΣD over the batch at x̂_i is ∇D(x̂_i). Called inside a loss given to tf.variableGrads, the inner tf.grad is recorded on the outer tape, so the
 * penalty's gradient reaches the critic's weights (a second-order gradient).
 */
export function gradientPenalty(criticFn: (x: tf.Tensor4D) => tf.Tensor, real: tf.Tensor4D, fake: tf.Tensor4D, alpha: tf.Tensor4D): tf.Scalar {
  const mixed = tf.add(fake, tf.mul(alpha, tf.sub(real, fake))) as tf.Tensor4D;
  const gradient = tf.grad((x) => tf.sum(criticFn(x as tf.Tensor4D)))(mixed);
  // The tiny ε keeps the square root's derivative finite should a gradient vanish.
  const norms = tf.sqrt(tf.add(tf.sum(tf.square(gradient), [1, 2, 3]), 1e-12));
  return tf.mean(tf.square(tf.sub(norms, 1)));
}

/**
 * One uniform α per sample, spread over the sample's entries: [B, side, side, 4]. On tfjs's cpu backend a product
 * that broadcasts [B, 1, 1, 1] costs 11 ms at B = 8, against 0.6 ms for equal shapes (measured), and
 * tf.tile is no cheaper; filling the array here is.
 */
export function interpolationWeights(batch: number, seed: number, side = SIZE): tf.Tensor4D {
  const random = seededRandom(seed);
  const entries = side * side * LAYERS;
  const values = new Float32Array(batch * entries);
  for (let b = 0; b < batch; b++) values.fill(random(), b * entries, (b + 1) * entries);
  return tf.tensor4d(values, [batch, side, side, LAYERS]);
}

/**
 * `criticSteps` critic steps, then one generator step. The `real` batch is reused by every critic step (the
 * trainer hands one batch per step; the paper's code drew a fresh one each time), while each critic step draws
 * fresh latents and fresh interpolation weights. Returned: the critic loss, the penalty (before λ) and the
 * Wasserstein estimate E[D(real)] − E[D(fake)], each averaged over the critic steps, and the generator loss
 * −E[D(G(z))].
 */
async function trainStep(parts: AdversarialParts, real: tf.Tensor4D, steps: number, lambda: number): Promise<Record<string, number>> {
  const { generatorStore, scorerStore, optimizers } = parts;
  const batch = real.shape[0];
  const critic = (x: tf.Tensor4D) => parts.score(x, true);
  const kept: tf.Tensor[] = [];
  try {
    const realSigned = tf.tidy(() => toSigned(real));
    kept.push(realSigned);
    for (let k = 0; k < steps; k++) {
      tf.tidy(() => {
        const fake = parts.generate(parts.latent(batch), true);
        const alpha = interpolationWeights(batch, parts.seeds.next(), real.shape[1]);
        const loss = optimizers.scorer.minimize(
          () => {
            const wasserstein = tf.sub(tf.mean(critic(realSigned)), tf.mean(critic(fake)));
            const penalty = gradientPenalty(critic, realSigned, fake, alpha);
            // Kept past the optimiser's scopes, to be read with the step's other numbers.
            kept.push(tf.keep(tf.stack([wasserstein, penalty])));
            return tf.add(tf.neg(wasserstein), tf.mul(penalty, lambda)) as tf.Scalar;
          },
          true,
          scorerStore.trainable(),
        )!;
        kept.push(tf.keep(loss));
      });
    }
    const generator = optimizers.generator.minimize(
      () => tf.neg(tf.mean(critic(parts.generate(parts.latent(batch), true)))) as tf.Scalar,
      true,
      generatorStore.trainable(),
    )!;
    kept.push(generator);
    const all = tf.tidy(() => tf.concat(kept.slice(1).map((t) => t.reshape([-1]))));
    kept.push(all);
    const values = await all.data();
    // Per critic step: [wasserstein, penalty], loss; then the generator's loss.
    let wasserstein = 0;
    let penalty = 0;
    let criticLoss = 0;
    for (let k = 0; k < steps; k++) {
      wasserstein += values[3 * k]! / steps;
      penalty += values[3 * k + 1]! / steps;
      criticLoss += values[3 * k + 2]! / steps;
    }
    return { critic: criticLoss, generator: values[3 * steps]!, gradientPenalty: penalty, wasserstein };
  } finally {
    tf.dispose(kept);
  }
}

function wassersteinGp({ criticSteps, penaltyWeight }: WganHyper): AdversarialVariant {
  return {
    role: 'critic',
    normalise: () => (p, name, x) => layerNorm(p, name, x),
    optimizer: (hyper) => tf.train.adam(hyper.learningRate, hyper.beta1, hyper.beta2),
    trainStep: (parts, real) => trainStep(parts, real, criticSteps, penaltyWeight),
  };
}

export function createWgan(config: ModelConfigOf<'wgan'>): GenerativeModel {
  return createAdversarialModel(config, wassersteinGp(config.hyper));
}
