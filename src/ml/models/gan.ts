/**
 * The paper's vanilla GAN (Appendix B.1): a convolutional generator (ReLU, batch norm) against a convolutional
 * discriminator (leaky ReLU, batch norm) under binary cross-entropy, latent dimension 128; Adam at the paper's
 * 1e-5 in the paper preset and at DCGAN's 2e-4, β1 = 0.5 in the others.
 * The networks are in adversarial.ts; this file holds the losses, the step and the presets.
 */
import * as tf from '@tensorflow/tfjs';
import { batchNorm } from '../nn/layers';
import type { GenerativeModel, ModelConfig, Preset } from '../types';
import { type AdversarialParts, type AdversarialVariant, createAdversarialModel, hyperValue, toSigned } from './adversarial';

/**
 * Hyper-parameters per preset.
 *
 * paper: Appendix B.1 as tfjs allows — the channel counts of the paper's code (train_vanilla_gan.py: generator
 * 256 → 32, discriminator 32 → 256, in 2-D and without its parallel dense branches) and its Adam: learning rate
 * 1e-5 with Keras's default β1 = 0.9, β2 = 0.999. At 1e-5 the networks barely move in a studio-length run (trained
 * 12 minutes on perov_5 the generator still made 0.5 everywhere), which is why it is not the default.
 *
 * small (the default): DCGAN's recipe (Radford et al. 2016), the field's usual settings for this architecture —
 * Adam 2e-4 with β1 = 0.5 (lower momentum damps the oscillation of the two-player game at that rate) — with a
 * generator 128 → 64 channels wide and a discriminator 64 → 128, on the working square of the data
 * (adversarial.ts fittedArchitecture; 20 × 20 for perov_5 when the dataset is known, else all 64 × 64).
 *
 * tiny: for tests only — a smoke-test model (2×2 kernels and a 1-channel 32×32 map, because tfjs's cpu filter
 * gradients loop per element) that shows the code runs, not that it learns; DCGAN's optimiser.
 */
export function ganPreset(preset: Preset): Record<string, number> {
  const dcgan = { learningRate: 2e-4, beta1: 0.5, beta2: 0.999 };
  const settings = {
    tiny: { generatorWidth: 4, discriminatorWidth: 2, kernel: 2, ...dcgan },
    small: { generatorWidth: 128, discriminatorWidth: 64, kernel: 4, ...dcgan },
    paper: { generatorWidth: 256, discriminatorWidth: 32, kernel: 4, learningRate: 1e-5, beta1: 0.9, beta2: 0.999 },
  }[preset];
  return { latentDim: 128, generatorBase: 4, downsamplings: 4, ...settings };
}

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
  optimizer: (hyper) => tf.train.adam(hyperValue(hyper, 'learningRate'), hyperValue(hyper, 'beta1'), hyperValue(hyper, 'beta2')),
  trainStep,
};

export function createGan(config: ModelConfig): GenerativeModel {
  return createAdversarialModel({ ...config, hyper: { ...ganPreset(config.preset), ...config.hyper } }, vanilla);
}
