/**
 * Whether a training step fits in the wasm backend's heap. WebAssembly memory has 32-bit addresses: the heap
 * cannot grow past 4 GiB, and a step that needs more aborts mid-run (the former 64 × 64 small diffusion preset
 * did at batch 16). So a batch is checked before training starts, and refused with the largest batch that fits.
 *
 * The heap a step needs is what stays (weights, optimiser state, the EMA copy), what a step holds at its peak
 * whatever the batch (the gradients, the optimiser's temporaries) and, per sample of the batch, the activations
 * kept for the gradient, plus what is not a tensor (XNNPACK's packed kernels, the module itself). The tensor
 * terms are measured on a throwaway copy of the network (measureStepMemory); bench/wasm-memory.ts compares the
 * estimate with the heap that real steps grow.
 */
import * as tf from '@tensorflow/tfjs';
import { LAYERS, SIZE } from '../../core/crystens/layout';
import type { GenerativeModel, ModelConfig } from '../types';
import { createModel, parameterCount } from './factory';

const MiB = 2 ** 20;
/** The heap's ceiling (tfjs's build lets it grow to 4 GiB less one 64 KiB page). */
export const WASM_HEAP_LIMIT_MIB = 4096;
/**
 * What the heap holds beyond tensors: the module's own data and stack, XNNPACK's packed weights (about the
 * parameters again) and the heap's growth granularity. Set from bench/wasm-memory.ts's largest gap between
 * heap and tensor peak, with room to spare.
 */
const OVERHEAD_MIB = 160;

export interface StepMemory {
  /** MiB held at any batch: tensors that outlive a step. */
  readonly persistent: number;
  /** MiB a step holds at its peak whatever the batch (gradients, the optimiser's temporaries). */
  readonly transient: number;
  /** MiB per sample of the batch at the step's peak. */
  readonly perSample: number;
  /** The learned parameters of the network measured. */
  readonly parameters: number;
}

/**
 * Networks above this size are not measured on the spot (a batch-1 step of the paper U-Net, 267 M parameters,
 * takes minutes); their weights and Adam's state alone bound what they need from below.
 */
const MEASURE_ON_THE_SPOT_PARAMETERS = 8_000_000;

/**
 * A lower bound without a step: every variable of the model (the EMA copy too) plus Adam's two moments per
 * learned parameter stay, and a step holds a gradient per learned parameter. The paper U-Net's weights, EMA and
 * moments come to 4 GiB: no batch of it fits.
 */
export function stepMemoryBound(model: GenerativeModel): StepMemory {
  const parameters = parameterCount(model);
  let variables = 0;
  for (const store of Object.values(model.stores)) for (const name of store.names()) variables += store.variable(name)!.size;
  return { persistent: (4 * (variables + 2 * parameters)) / MiB, transient: (4 * parameters) / MiB, perSample: 0, parameters };
}

/**
 * Measures StepMemory on the current backend (wasm) with a fresh copy of `config`'s network: a warm-up step at
 * batch 1 (it allocates the optimiser's state), then a step at batch 1 and one at batch 2 under tf.profile, which
 * records the memory held after every kernel. The two steps run the same kernels in the same order, so kernel by
 * kernel the difference is what one more sample holds there. Its largest value is the per-sample term; the
 * largest holding at batch 1, less that, the batch-independent one. (The peaks alone would not do: at small
 * batches the optimiser's update, which no sample changes, is the peak, and hides the activations' growth.)
 */
export async function measureStepMemory(config: ModelConfig): Promise<StepMemory> {
  const batches = [1, 2].map((n) => tf.randomUniform([n, SIZE, SIZE, LAYERS], 0, 1, 'float32', n) as tf.Tensor4D);
  const start = tf.memory().numBytes;
  const model = createModel(config);
  try {
    await model.trainStep(batches[0]!, 0);
    const held: number[][] = [];
    for (const [i, batch] of batches.entries()) {
      const before = tf.memory().numBytes;
      const profile = await tf.profile(() => model.trainStep(batch, i + 1));
      held.push(profile.kernels.map((k) => (k.totalBytesSnapshot - before) / MiB));
    }
    const [one, two] = held as [number[], number[]];
    if (one.length !== two.length) throw new Error(`a ${config.kind} step ran different kernels at batch 1 and 2`);
    const perSample = Math.max(0, ...one.map((h, i) => two[i]! - h));
    const transient = Math.max(0, Math.max(0, ...one) - perSample);
    return { persistent: (tf.memory().numBytes - start) / MiB, transient, perSample, parameters: parameterCount(model) };
  } finally {
    tf.dispose(batches);
    model.dispose();
  }
}

/** Step memory per network (kind, preset, hyper-parameters): the weights do not change it. */
const measured = new Map<string, Promise<StepMemory>>();

/** The step memory of `model`'s network: measured once on wasm, or bounded from below for a large network. */
export function stepMemory(model: GenerativeModel): Promise<StepMemory> {
  if (parameterCount(model) > MEASURE_ON_THE_SPOT_PARAMETERS) return Promise.resolve(stepMemoryBound(model));
  const { kind, preset, hyper } = model.config;
  const key = JSON.stringify([kind, preset, hyper]);
  let memory = measured.get(key);
  if (!memory) {
    memory = measureStepMemory(model.config);
    measured.set(key, memory);
    memory.catch(() => measured.delete(key));
  }
  return memory;
}

/** MiB of heap a step of `batch` needs. */
export function heapNeed(memory: StepMemory, batch: number): number {
  return OVERHEAD_MIB + memory.persistent + memory.transient + memory.perSample * batch;
}

/** The largest batch whose step fits, 0 when none does. */
export function largestBatch(memory: StepMemory): number {
  const room = WASM_HEAP_LIMIT_MIB - OVERHEAD_MIB - memory.persistent - memory.transient;
  return Math.max(0, memory.perSample > 0 ? Math.floor(room / memory.perSample) : room > 0 ? Number.MAX_SAFE_INTEGER : 0);
}

/** Why `memory` cannot train at `config`'s batch on wasm, with what to do instead; undefined when it fits. */
export function batchRefusal(config: ModelConfig, memory: StepMemory): string | undefined {
  const need = heapNeed(memory, config.batchSize);
  if (need <= WASM_HEAP_LIMIT_MIB) return undefined;
  const largest = largestBatch(memory);
  const instead = largest > 0 ? `use batch ${largest} or smaller` : 'no batch fits: use a smaller preset';
  return (
    `batch ${config.batchSize} does not fit on the wasm backend: a ${config.preset} ${config.kind} training step needs about ` +
    `${(need / 1024).toFixed(1)} GiB of its ${WASM_HEAP_LIMIT_MIB / 1024} GiB heap; ${instead}, or train on a GPU backend (WebGPU, WebGL)`
  );
}

/** Why `model` cannot train at its batch on wasm, or undefined when it can. Call with tfjs on wasm. */
export async function wasmBatchRefusal(model: GenerativeModel): Promise<string | undefined> {
  return batchRefusal(model.config, await stepMemory(model));
}
