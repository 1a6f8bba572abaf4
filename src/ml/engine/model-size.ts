/**
 * How big a model is, from its config alone: the variables each network would create, counted layer by layer
 * from the same shape readers the networks use (adversarial.ts architectureOf, unet.ts unetShape,
 * slot-transformer.ts slotTransformerShape), without creating a tensor. A model.json is checked against a memory
 * budget with this before anything is built (model-check.ts): a tampered width would otherwise allocate until
 * the tab or the process dies. model-size.test.ts holds every count to the variables a built model really has.
 */
import { HEADER, LAYERS } from '../../core/crystens/layout';
import { slotTransformerShape } from '../diffusion/slot-transformer';
import { unetShape } from '../diffusion/unet';
import type { DiffusionHyper, SlotTransformerHyper, UnetHyper } from '../hyper';
import { type AdversarialArchitecture, architectureOf, type ScorerRole } from '../models/adversarial';
import type { ModelConfig } from '../types';

export interface ModelSize {
  /** Parameters the model learns (as factory.parameterCount: a diffusion model's EMA copy is not counted). */
  readonly parameters: number;
  /**
   * Bytes of the tensors the model keeps between steps: every variable (the EMA copy and batch-norm statistics
   * included) and Adam's two moments per learned parameter, all float32. A training step's activations come on
   * top (wasm-memory.ts measures them before training).
   */
  readonly bytes: number;
}

/** Scalars in a network's variables: those an optimiser trains and those it does not (batch-norm statistics). */
interface VariableCount {
  trainable: number;
  fixed: number;
}

const FLOAT_BYTES = 4;
/** Adam keeps a first and a second moment of every parameter it trains. */
const ADAM_MOMENTS = 2;

export function estimateModelSize(config: ModelConfig): ModelSize {
  const { learned, copies } = countVariables(config);
  const stored = learned.trainable * (copies + ADAM_MOMENTS) + learned.fixed * copies;
  return { parameters: learned.trainable, bytes: stored * FLOAT_BYTES };
}

/** The learned networks' variables, and how many copies of them the model keeps (a diffusion model's EMA: 2). */
function countVariables(config: ModelConfig): { learned: VariableCount; copies: number } {
  switch (config.kind) {
    case 'gan':
      return { learned: adversarialVariables(architectureOf(config), 'discriminator'), copies: 1 };
    case 'wgan':
      return { learned: adversarialVariables(architectureOf(config), 'critic'), copies: 1 };
    case 'diffusion':
      return { learned: diffusionVariables(config.hyper), copies: 2 };
  }
}

const dense = (inputs: number, units: number) => inputs * units + units;
const squareKernel = (kernel: number, inputs: number, outputs: number) => kernel * kernel * inputs * outputs;

/** adversarial.ts generate and score, variable by variable. */
function adversarialVariables(arch: AdversarialArchitecture, role: ScorerRole): VariableCount {
  const count: VariableCount = { trainable: 0, fixed: 0 };
  const batchNorm = (channels: number) => {
    count.trainable += 2 * channels; // γ, β
    count.fixed += 2 * channels; // moving mean and variance
  };
  const { generatorBase: base, generatorWidth: width, kernel } = arch;
  const ups = Math.log2(arch.resolution / base);
  count.trainable += dense(arch.latentDim, base * base * width);
  batchNorm(width);
  let channels = width;
  for (let i = 1; i < ups; i++) {
    const filters = Math.max(1, width >> i);
    count.trainable += squareKernel(kernel, channels, filters); // no bias before batch norm
    batchNorm(filters);
    channels = filters;
  }
  count.trainable += squareKernel(kernel, channels, LAYERS) + LAYERS;

  let side = arch.resolution;
  channels = LAYERS;
  for (let i = 0; i < arch.downsamplings; i++) {
    const filters = arch.scorerWidth * 2 ** i;
    count.trainable += squareKernel(kernel, channels, filters) + (i === 0 ? filters : 0);
    if (i > 0 && role === 'discriminator') batchNorm(filters);
    if (i > 0 && role === 'critic') count.trainable += 2 * filters; // layer norm's γ, β
    side = Math.ceil(side / 2); // stride 2, 'same' padding
    channels = filters;
  }
  count.trainable += dense(side * side * channels, 1);
  return count;
}

function diffusionVariables(hyper: DiffusionHyper): VariableCount {
  return { trainable: hyper.network === 'slots' ? slotTransformerParameters(hyper) : unetParameters(hyper), fixed: 0 };
}

/** The sinusoidal step embedding's width for `dim` requested (a cos and a sin half). */
const stepEmbeddingWidth = (dim: number) => 2 * Math.floor(dim / 2);

/** slot-transformer.ts, variable by variable (blocks with a 4× MLP, adaLN-Zero modulations). */
function slotTransformerParameters(hyper: SlotTransformerHyper & Pick<DiffusionHyper, 'resolution'>): number {
  const { resolution, width, depth } = slotTransformerShape(hyper);
  const slots = resolution - HEADER;
  const line = resolution * LAYERS;
  const input = dense(2 * line, width) + slots * width;
  const step = dense(stepEmbeddingWidth(width), width) + dense(width, width);
  const block = dense(width, 6 * width) + 4 * dense(width, width) + dense(width, 4 * width) + dense(4 * width, width);
  const output = dense(width, 2 * width) + dense(width, 2 * line);
  return input + step + depth * block + output;
}

/** unet.ts, variable by variable: residual blocks, attention where the grid is small enough, skips per level. */
function unetParameters(hyper: UnetHyper & Pick<DiffusionHyper, 'resolution'>): number {
  const s = unetShape(hyper);
  const embedding = 4 * s.channels;
  const grid = s.resolution / s.patch;
  const edgeKernel = s.patch > 1 ? 1 : 3;
  const outputDepth = LAYERS * s.patch * s.patch;
  const width = (l: number) => s.channels * s.multipliers[l]!;
  const attends = (l: number) => grid / 2 ** l <= s.attentionResolution;
  // The shape checks unet.ts makes as it builds, made here first: a config it cannot build is refused unbuilt.
  const norm = (c: number) => {
    if (c % Math.min(s.groups, c) !== 0) throw new Error(`${c} channels of the U-Net do not split into ${s.groups} groups`);
    return 2 * c; // γ, β
  };
  const conv = (k: number, inputs: number, outputs: number) => squareKernel(k, inputs, outputs) + outputs;
  const residual = (inputs: number, outputs: number) =>
    norm(inputs) + conv(3, inputs, outputs) + dense(embedding, 2 * outputs) + norm(outputs) + conv(3, outputs, outputs)
    + (inputs === outputs ? 0 : conv(1, inputs, outputs));
  const attention = (c: number) => {
    if (c % s.heads !== 0) throw new Error(`${c} channels of the U-Net do not split into ${s.heads} heads`);
    return norm(c) + 4 * dense(c, c);
  };

  let n = dense(stepEmbeddingWidth(s.channels), embedding) + dense(embedding, embedding);
  n += conv(edgeKernel, outputDepth, s.channels) + (s.positionEmbedding ? grid * grid * s.channels : 0);
  let channels = s.channels;
  const levels = s.multipliers.length;
  const skips: number[] = [];
  for (let l = 0; l < levels; l++) {
    for (let b = 0; b < s.blocks; b++) {
      n += residual(channels, width(l)) + (attends(l) ? attention(width(l)) : 0);
      channels = width(l);
    }
    skips.push(channels);
  }
  for (let b = 0; b < s.middleBlocks; b++) {
    n += residual(channels, width(levels - 1)) + (b === 0 ? attention(width(levels - 1)) : 0);
    channels = width(levels - 1);
  }
  for (let l = levels - 1; l >= 0; l--) {
    channels += skips.pop()!;
    for (let b = 0; b < s.blocks; b++) {
      n += residual(channels, width(l)) + (attends(l) ? attention(width(l)) : 0);
      channels = width(l);
    }
    if (l > 0) {
      n += conv(3, channels, width(l - 1));
      channels = width(l - 1);
    }
  }
  n += norm(channels) + conv(edgeKernel, channels, outputDepth);
  if (s.positionEmbedding) n += dense(embedding, 1) + grid * grid * outputDepth;
  return n;
}
