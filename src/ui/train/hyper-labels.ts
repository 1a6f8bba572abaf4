/**
 * What the Train form calls each hyper-parameter, and one line on what it does: researchers read "Learning rate"
 * and "Latent size", not `learningRate` and `latentDim`. One entry per name of ml/hyper.ts, for every family (a name
 * the families share means the same thing in each); hyper-labels.test.ts fails when a preset has a name without one.
 */
import type { Network, Prediction } from '../../ml/hyper';

export interface HyperLabel {
  readonly label: string;
  /** One line, shown under the field. */
  readonly help: string;
}

export const HYPER_LABELS: Readonly<Record<string, HyperLabel>> = {
  learningRate: { label: 'Learning rate', help: "Adam's step size." },
  decaySteps: { label: 'Learning-rate decay steps', help: 'The rate falls along a cosine to a tenth of it over this many steps, then stays there (set it to the steps you plan to train); 0 keeps it constant.' },
  beta1: { label: 'Adam β₁', help: 'Decay of the gradient average; DCGAN and WGAN-GP use 0.5 and 0, lower than the usual 0.9.' },
  beta2: { label: 'Adam β₂', help: 'Decay of the squared-gradient average.' },
  latentDim: { label: 'Latent size', help: 'Length of the noise vector the generator turns into a CrysTens (the paper: 128).' },
  generatorBase: { label: 'Generator start side', help: 'Side of its first feature map; the working square over it must be a power of two.' },
  generatorWidth: { label: 'Generator width', help: 'Channels of its first feature map; each upsampling halves them.' },
  downsamplings: { label: 'Scoring downsamplings', help: 'Strided convolutions in the discriminator or critic.' },
  kernel: { label: 'Kernel size', help: 'Side of every convolution kernel.' },
  discriminatorWidth: { label: 'Discriminator width', help: 'Channels of its first convolution; each downsampling doubles them.' },
  criticWidth: { label: 'Critic width', help: 'Channels of its first convolution; each downsampling doubles them.' },
  criticSteps: { label: 'Critic steps', help: 'Critic updates per generator update (WGAN-GP: 5).' },
  penaltyWeight: { label: 'Gradient penalty λ', help: 'Weight of the penalty that keeps the critic 1-Lipschitz (WGAN-GP: 10).' },
  resolution: { label: 'Working square', help: 'Side of the corner of the CrysTens the model sees: 12 header rows plus the largest crystal’s sites.' },
  network: { label: 'Denoising network', help: 'What reads the noisy CrysTens: a U-Net over its pixels, or a transformer with one token per atom.' },
  emaDecay: { label: 'EMA decay', help: 'Sampling uses an exponential moving average of the weights; closer to 1 averages over more steps.' },
  prediction: { label: 'Network predicts', help: 'What the network outputs at each step; the others follow from it.' },
  minSnr: { label: 'Min-SNR γ', help: 'Caps the weight of nearly clean steps in the loss (Hang et al. 2023); 0 trains on the plain noise error.' },
  atomicNumberWeight: { label: 'Atomic-number weight', help: "The loss's weight on the entries holding Z, whose tolerance is the tightest (one element is 1/118 of the range)." },
  timesteps: { label: 'Noise steps', help: 'Steps of the cosine noise schedule (DDIM samples with fewer).' },
  patch: { label: 'Patch size', help: 'Side of the CrysTens patch each U-Net position reads.' },
  channels: { label: 'Channels', help: 'Channels of the U-Net’s first level; deeper levels multiply them.' },
  levels: { label: 'Levels', help: 'Resolutions of the U-Net, each half the side of the one above.' },
  mult0: { label: 'Level 1 channel multiplier', help: 'Channels of level 1 in units of the first level’s.' },
  mult1: { label: 'Level 2 channel multiplier', help: 'Channels of level 2 in units of the first level’s.' },
  mult2: { label: 'Level 3 channel multiplier', help: 'Channels of level 3 in units of the first level’s.' },
  mult3: { label: 'Level 4 channel multiplier', help: 'Channels of level 4 in units of the first level’s.' },
  mult4: { label: 'Level 5 channel multiplier', help: 'Channels of level 5 in units of the first level’s.' },
  mult5: { label: 'Level 6 channel multiplier', help: 'Channels of level 6 in units of the first level’s.' },
  blocks: { label: 'Blocks per level', help: 'Residual blocks at each U-Net level.' },
  middleBlocks: { label: 'Middle blocks', help: 'Residual blocks at the U-Net’s coarsest level.' },
  attentionResolution: { label: 'Attention from side', help: 'Levels whose feature maps are this side or smaller get self-attention.' },
  heads: { label: 'Attention heads', help: 'Heads of each self-attention layer.' },
  groups: { label: 'Norm groups', help: 'Channel groups of the U-Net’s group normalisation.' },
  positionEmbedding: { label: 'Position embedding', help: 'A learned embedding per patch position, so the U-Net knows which entry it reads.' },
  width: { label: 'Width', help: 'Features per atom token in the transformer.' },
  depth: { label: 'Blocks', help: 'Transformer blocks, each attention over the atoms and an MLP, conditioned on the step.' },
};

/** How a choice reads in the form's select. */
export const CHOICE_LABELS: Readonly<Record<Network | Prediction, string>> = {
  unet: 'U-Net (tiny, paper)',
  slots: 'slot transformer (small)',
  epsilon: 'the noise ε',
  v: 'the velocity v',
  x0: 'the clean CrysTens x₀',
};

/** The label and line for `name`; a name without an entry reads as itself (the coverage test keeps that from shipping). */
export function hyperLabel(name: string): HyperLabel {
  return HYPER_LABELS[name] ?? { label: name, help: '' };
}
