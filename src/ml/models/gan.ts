/**
 * The paper's vanilla GAN (Appendix B.1): a convolutional generator (ReLU, batch norm) against a convolutional
 * discriminator (leaky ReLU, batch norm) under binary cross-entropy, latent dimension 128; Adam at the paper's
 * 1e-5 in the paper preset and at DCGAN's 2e-4, β1 = 0.5 in the others.
 * The networks are in adversarial.ts, the presets in ../presets.ts; this file holds the losses and the step.
 */
import * as tf from '@tensorflow/tfjs';
import { batchNorm } from '../nn/layers';
import type { GenerativeModel, ModelConfigOf } from '../types';
import { type AdversarialParts, type AdversarialVariant, createAdversarialModel, toSigned } from './adversarial';

/**
 * Binary cross-entropy of sigmoid(logits) against a constant label, averaged: max(x, 0) − x·y + log(1 + e^−|x|),
 * which never exponentiates a large positive number (tf.losses.sigmoidCrossEntropy is the same formula).
 */
export function binaryCrossEntropyWithLogits(logits: tf.Tensor, label: 0 | 1): tf.Scalar {
  const stable = tf.add(tf.sub(tf.relu(logits), tf.mul(logits, label)), tf.log1p(tf.exp(tf.neg(tf.abs(logits)))));
  return tf.mean(stable);
}

/**
 * One discriminator step on the real batch and a generated one (each batch normalised on its own statistics, as
 * the paper's code trains them in separate calls), then one generator step on fresh latents with the
 * non-saturating loss −log D(G(z)). The discriminator loss is the mean of its real and fake halves: log 2 ≈ 0.693
 * at chance.
 */
async function trainStep(parts: AdversarialParts, real: tf.Tensor4D): Promise<Record<string, number>> {
  const { generatorStore, scorerStore, optimizers } = parts;
  const batch = real.shape[0];
  const losses = tf.tidy(() => {
    const realSigned = toSigned(real);
    // Made outside the discriminator's loss, so its gradient does not run back into the generator.
    const fake = parts.generate(parts.latent(batch), true);
    const discriminator = optimizers.scorer.minimize(
      () => {
        const realHalf = binaryCrossEntropyWithLogits(parts.score(realSigned, true), 1);
        const fakeHalf = binaryCrossEntropyWithLogits(parts.score(fake, true), 0);
        return tf.mul(tf.add(realHalf, fakeHalf), 0.5);
      },
      true,
      scorerStore.trainable(),
    )!;
    const generator = optimizers.generator.minimize(
      () => binaryCrossEntropyWithLogits(parts.score(parts.generate(parts.latent(batch), true), true), 1),
      true,
      generatorStore.trainable(),
    )!;
    return tf.stack([discriminator, generator]);
  });
  const [discriminator, generator] = await losses.data();
  losses.dispose();
  return { discriminator: discriminator!, generator: generator! };
}

const vanilla: AdversarialVariant = {
  role: 'discriminator',
  normalise: (training) => (p, name, x) => batchNorm(p, name, x, training),
  optimizer: (hyper) => tf.train.adam(hyper.learningRate, hyper.beta1, hyper.beta2),
  trainStep,
};

export function createGan(config: ModelConfigOf<'gan'>): GenerativeModel {
  return createAdversarialModel(config, vanilla);
}
