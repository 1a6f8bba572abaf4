/**
 * The presets of every model family (tiny: tests only; small: what a researcher trains; paper: the paper's size)
 * as plain tables, free of tfjs so that the Train panel reads its defaults here rather than from the training
 * worker. The networks that read these numbers are in models/ and diffusion/; why each number is what it is is
 * said beside its table.
 */
import type { DiffusionHyper, GanHyper, HyperByKind, Network, SlotTransformerHyper, UnetHyper, WganHyper } from './hyper';
import type { ModelKind, Preset } from './types';

/** Steps of the diffusion noise schedule (DDPM, improved DDPM and Imagen all use 1000). */
export const TIMESTEPS = 1000;

/**
 * The vanilla GAN (models/gan.ts).
 *
 * paper: Appendix B.1 as tfjs allows — the channel counts of the paper's code (train_vanilla_gan.py: generator
 * 256 → 32, discriminator 32 → 256, in 2-D and without its parallel dense branches) and its Adam: learning rate
 * 1e-5 with Keras's default β1 = 0.9, β2 = 0.999. At 1e-5 the networks barely move in a studio-length run (trained
 * 12 minutes on perov_5 the generator still made 0.5 everywhere), which is why it is not the default.
 *
 * small (the default): DCGAN's recipe (Radford et al. 2016), the field's usual settings for this architecture —
 * Adam 2e-4 with β1 = 0.5 (lower momentum damps the oscillation of the two-player game at that rate) — with a
 * generator 128 → 64 channels wide and a discriminator 64 → 128, on the working square of the data
 * (models/adversarial.ts fittedArchitecture; 20 × 20 for perov_5 when the dataset is known, else all 64 × 64).
 *
 * tiny: for tests only — a smoke-test model (2×2 kernels and a 1-channel 32×32 map, because tfjs's cpu filter
 * gradients loop per element) that shows the code runs, not that it learns; DCGAN's optimiser.
 */
export function ganPreset(preset: Preset): GanHyper {
  const dcgan = { learningRate: 2e-4, beta1: 0.5, beta2: 0.999 };
  const settings = {
    tiny: { generatorWidth: 4, discriminatorWidth: 2, kernel: 2, ...dcgan },
    small: { generatorWidth: 128, discriminatorWidth: 64, kernel: 4, ...dcgan },
    paper: { generatorWidth: 256, discriminatorWidth: 32, kernel: 4, learningRate: 1e-5, beta1: 0.9, beta2: 0.999 },
  }[preset];
  return { latentDim: 128, generatorBase: 4, downsamplings: 4, ...settings };
}

/**
 * The WGAN-GP (models/wgan.ts). Every preset trains as Gulrajani et al. 2017 and the paper (Appendix B.2): Adam
 * 1e-4 with β1 = 0, β2 = 0.9 (momentum would carry stale critic directions across the critic's steps), 5 critic
 * steps per generator step, λ = 10. paper: the channel counts of the paper's code (train_wasserstein_gan.py:
 * generator 128 → 32, critic 16 → 128). small (the default): generator 128 → 64, critic 64 → 128 on the data's
 * working square, as the GAN's small preset. tiny: for tests only (see the GAN's).
 */
export function wganPreset(preset: Preset): WganHyper {
  const sizes = {
    tiny: { generatorWidth: 4, criticWidth: 2, kernel: 2 },
    small: { generatorWidth: 128, criticWidth: 64, kernel: 4 },
    paper: { generatorWidth: 128, criticWidth: 16, kernel: 4 },
  }[preset];
  const optimiser = { learningRate: 1e-4, beta1: 0, beta2: 0.9 };
  return { latentDim: 128, generatorBase: 4, downsamplings: 4, ...sizes, ...optimiser, criticSteps: 5, penaltyWeight: 10 };
}

/**
 * The U-Net's shape per preset (diffusion/unet.ts; `levels` resolutions, their channel multipliers as mult0,
 * mult1, …).
 * tiny: for tests only — tfjs's cpu backend in Node: 4 × 4 patches, a 16 × 16 and an 8 × 8 level of 8 and 16
 * channels, attention in the middle only (~0.35 s per step at batch 8); it shows the code runs, not that it learns.
 * small: the small preset's U-Net before the slot transformer replaced it, for models saved then: 2 × 2 patches
 * of the dataset's working square (perov_5: 20 × 20 → a 10 × 10 grid), levels of 32 and 64 channels, attention at
 * 5 × 5 and in the middle, 0.55 M parameters. Trained 4,311 steps on perov_5 its samples were 41 % valid with no
 * fingerprint near a real crystal.
 * paper: Appendix B.3's 256 base channels in one 64 × 64 U-Net, with improved-diffusion's 64 × 64 multipliers
 * (1, 2, 3, 4) and attention at 16 × 16 and 8 × 8.
 */
export function unetPreset(preset: Preset): UnetHyper {
  switch (preset) {
    case 'tiny':
      return { network: 'unet', patch: 4, channels: 8, levels: 2, mult0: 1, mult1: 2, blocks: 1, middleBlocks: 1, attentionResolution: 4, heads: 1, groups: 4, positionEmbedding: true };
    case 'small':
      return { network: 'unet', patch: 2, channels: 32, levels: 2, mult0: 1, mult1: 2, blocks: 1, middleBlocks: 2, attentionResolution: 5, heads: 4, groups: 8, positionEmbedding: true };
    case 'paper':
      return { network: 'unet', patch: 1, channels: 256, levels: 4, middleBlocks: 2, mult0: 1, mult1: 2, mult2: 3, mult3: 4, blocks: 2, attentionResolution: 16, heads: 8, groups: 32, positionEmbedding: true };
  }
}

/** The slot transformer of the small preset (diffusion/slot-transformer.ts); one size for every preset. */
export function slotTransformerPreset(): SlotTransformerHyper {
  return { network: 'slots', width: 128, depth: 4, heads: 4 };
}

/** γ of the small preset's min-SNR weight (its slot transformer predicts x₀). */
const SLOT_MIN_SNR = 20;
/**
 * The small preset's loss weight on the atomic-number entries (1 elsewhere). Z / 118 is the tightest tolerance in
 * the tensor: an element is 1/118 of the range wide, where a coordinate has about 0.1 Å / 4 Å = 1/40 of its range
 * to spare and a cell length 0.1 Å / 7 Å, so a loss that weighs every entry alike leaves Z the least accurate for
 * what the decoder needs; 25 ≈ (40 / 8)² equalises them. In PyTorch twins trained 4 CPU-minutes on perov_5, 25
 * raised the charge-balanced share from 80 to 85 % and COV-R from 64 to 70 %.
 */
const SLOT_ATOMIC_NUMBER_WEIGHT = 25;

/** The small diffusion preset's decay: the steps 20 minutes give at batch 16 on this project's 2-core machine. */
const SMALL_DECAY_STEPS = 11_500;

/** The network each diffusion preset reads x_t with. */
export const PRESET_NETWORK: Readonly<Record<Preset, Network>> = { tiny: 'unet', small: 'slots', paper: 'unet' };

/**
 * Every hyper-parameter of the diffusion model for a preset: the network's (its own, or `network` where another
 * is asked for), Adam's learning rate, the EMA decay, the prediction target and the loss weights.
 * tiny (tests only): 5e-3 and 0.995, x₀-prediction with min-SNR-5, for runs of hundreds of steps on a 50 k-parameter
 * network (at 2e-3 a crystal was not yet memorised after 200 steps).
 * small (the default): the slot transformer, x₀-prediction with min-SNR-20, 2e-3 decayed over SMALL_DECAY_STEPS, EMA
 * 0.999. Its output lies on the layout, so x₀ is the natural target. The rate: trained on perov_5 val for the
 * steps 20 minutes give on this project's 2-core machine (wasm, one thread), 1,000 samples scored against perov_5
 * test, COV-R (valid): constant 1e-3 at batch 32, 7,726 steps, 73.2 % (91.1 %); decayed to 0 from 1e-3 71.0 %
 * (90.6 %), from 2e-3 74.6 % (91.8 %); batch 16 (a step costs two thirds of batch 32's: 11,500 steps) decayed from
 * 2e-3, 76.8 % (92.2 %), and 75.7 % (93.3 %) with another sampling seed; as shipped (decayed to a tenth, not 0),
 * 75.4 % (92.0 %). In PyTorch twins trained 4 CPU-minutes on perov_5, γ = 20 and the v-loss's
 * weight SNR + 1 capped at 100 gave the same samples (78 and 80 % charge-balanced, COV-R 65 and 64 %); capped at
 * 10⁴ the loss swung by 10× between steps and COV-R was 0. Before it, small was a 0.55 M U-Net with v-prediction:
 * after 4,311 steps its samples were still far off (41 % valid, COV-R 0).
 * paper: 1e-4 and 0.9999, ε-prediction, the usual values of improved-diffusion and imagen-pytorch for runs of 10⁵
 * steps and more (the paper: 250 000 per U-Net).
 */
export function diffusionPreset(preset: Preset, network: Network = PRESET_NETWORK[preset]): DiffusionHyper {
  const training = {
    tiny: { learningRate: 5e-3, decaySteps: 0, emaDecay: 0.995, prediction: 'x0', minSnr: 5, atomicNumberWeight: 1 },
    small: { learningRate: 2e-3, decaySteps: SMALL_DECAY_STEPS, emaDecay: 0.999, prediction: 'x0', minSnr: SLOT_MIN_SNR, atomicNumberWeight: SLOT_ATOMIC_NUMBER_WEIGHT },
    paper: { learningRate: 1e-4, decaySteps: 0, emaDecay: 0.9999, prediction: 'epsilon', minSnr: 0, atomicNumberWeight: 1 },
  } as const;
  const shape = network === 'slots' ? slotTransformerPreset() : unetPreset(preset);
  return { ...shape, ...training[preset], timesteps: TIMESTEPS };
}

/** A family's preset; a diffusion preset with another network than its own where `network` asks. */
export function presetHyper<K extends ModelKind>(kind: K, preset: Preset, network?: Network): HyperByKind[K];
export function presetHyper(kind: ModelKind, preset: Preset, network?: Network): HyperByKind[ModelKind] {
  switch (kind) {
    case 'gan':
      return ganPreset(preset);
    case 'wgan':
      return wganPreset(preset);
    case 'diffusion':
      return diffusionPreset(preset, network);
  }
}

/**
 * Default batch sizes, the same for every family. The small diffusion model learned more in a fixed time at 16
 * than at 32, whose step costs 1.5 × as much (diffusionPreset's figures).
 */
export function defaultBatchSize(preset: Preset): number {
  return { tiny: 8, small: 16, paper: 32 }[preset];
}
