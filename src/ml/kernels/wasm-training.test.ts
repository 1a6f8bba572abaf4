/**
 * The wasm training kernels against tfjs's cpu backend (an independent implementation of the same kernels):
 * every convolution gradient that a training step of each model and preset asks for, the matrix products of
 * every layout, and whole training steps of the three families.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CrystalDataset } from '../../core/crystens/dataset';
import { hyperForDataset } from '../engine/dataset-fit';
import { createModel, modelConfig } from '../engine/factory';
import { cyclicBatch, perovDataset } from '../testing/perov';
import { MODEL_KINDS, type ModelKind, PRESETS, type Preset } from '../types';
import { registerWasmTrainingKernels } from './wasm-training';

let dataset: CrystalDataset;

beforeAll(async () => {
  dataset = await perovDataset(8);
  registerWasmTrainingKernels();
  await tf.setBackend('wasm');
  await tf.setBackend('cpu');
});

/** One convolution kernel call: enough to run it again on random inputs of the same shapes. */
interface ConvCall {
  readonly kernel: 'Conv2DBackpropFilter' | 'Conv2DBackpropInput';
  /** Conv2DBackpropFilter: x, dy. Conv2DBackpropInput: dy, filter. */
  readonly shapes: readonly [number[], number[]];
  readonly attrs: { strides: number | number[]; pad: unknown; dataFormat: 'NHWC'; filterShape?: number[]; inputShape?: number[] };
}

const KERNELS = ['Conv2D', 'Conv2DBackpropInput', 'Conv2DBackpropFilter'] as const;

/** What a kernel on tfjs's wasm backend makes its output with (an array on the wasm heap). */
interface WasmOutputs {
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array;
}

/**
 * The convolution gradients that `work` implies on wasm: each Conv2D it runs (forward or as a gradient) implies
 * both its gradients, and each Conv2DBackpropInput (a transposed convolution, or the input gradient itself)
 * implies its own filter gradient. Nested calls (the kernels' own convolutions) are not counted. With
 * `shapesOnly`, the convolutions return zeros of their output's shape instead of computing it: the shapes that
 * flow are the same, and a paper-size forward pass takes seconds rather than most of a minute.
 */
async function convGradientCalls(work: () => Promise<unknown>, shapesOnly = false): Promise<ConvCall[]> {
  const calls = new Map<string, ConvCall>();
  const add = (call: ConvCall) => calls.set(JSON.stringify(call), call);
  const originals = KERNELS.map((name) => tf.getKernel(name, 'wasm'));
  let depth = 0;
  for (const original of originals) {
    tf.unregisterKernel(original.kernelName, 'wasm');
    tf.registerKernel({
      ...original,
      kernelFunc: (args) => {
        const a = args.attrs as unknown as ConvCall['attrs'];
        const common = { strides: a.strides, pad: a.pad, dataFormat: 'NHWC' as const };
        if (depth === 0 && original.kernelName === 'Conv2D') {
          const { x, filter } = args.inputs as { x: tf.TensorInfo; filter: tf.TensorInfo };
          const out = tf.backend_util.computeConv2DInfo(x.shape as never, filter.shape as never, a.strides as never, 1, a.pad as never).outShape;
          add({ kernel: 'Conv2DBackpropFilter', shapes: [x.shape, out], attrs: { ...common, filterShape: filter.shape } });
          add({ kernel: 'Conv2DBackpropInput', shapes: [out, filter.shape], attrs: { ...common, inputShape: x.shape } });
        }
        if (depth === 0 && original.kernelName === 'Conv2DBackpropInput') {
          const { dy, filter } = args.inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
          add({ kernel: 'Conv2DBackpropInput', shapes: [dy.shape, filter.shape], attrs: { ...common, inputShape: a.inputShape } });
          add({ kernel: 'Conv2DBackpropFilter', shapes: [a.inputShape!, dy.shape], attrs: { ...common, filterShape: filter.shape } });
        }
        if (shapesOnly) {
          const { x, filter } = args.inputs as Record<string, tf.TensorInfo>;
          const shape = {
            Conv2D: () => tf.backend_util.computeConv2DInfo(x!.shape as never, filter!.shape as never, a.strides as never, 1, a.pad as never).outShape,
            Conv2DBackpropInput: () => a.inputShape!,
            Conv2DBackpropFilter: () => a.filterShape!,
          }[original.kernelName as (typeof KERNELS)[number]]();
          const wasm = args.backend as unknown as WasmOutputs;
          const out = wasm.makeOutput(shape, 'float32');
          wasm.typedArrayFromHeap(out).fill(0);
          return out;
        }
        depth++;
        try {
          return original.kernelFunc(args);
        } finally {
          depth--;
        }
      },
    });
  }
  try {
    await work();
  } finally {
    for (const original of originals) {
      tf.unregisterKernel(original.kernelName, 'wasm');
      tf.registerKernel(original);
    }
  }
  return [...calls.values()];
}

/**
 * What a training step of the preset convolves, at batch 1 (the batch changes no kernel's arithmetic), on all
 * 64 × 64 or on perov_5's working square; of the paper U-Net, its forward pass only.
 */
async function presetCalls(kind: ModelKind, preset: Preset, fitted: boolean): Promise<ConvCall[]> {
  await tf.setBackend('wasm');
  const hyper = fitted ? hyperForDataset(kind, preset, Math.max(...dataset.entries.map((e) => e.nsites))) : {};
  const config = modelConfig({ kind, preset, normalization: dataset.normalization, batchSize: 1, hyper });
  const model = createModel(config);
  try {
    if (kind === 'diffusion' && preset === 'paper') {
      // A paper-size step needs gigabytes; its forward pass runs every convolution shape the step differentiates.
      return await convGradientCalls(async () => tf.dispose(await model.sample(1, { sampler: 'ddim', steps: 1, seed: 1 })), true);
    }
    const batch = cyclicBatch(dataset, 0, 1);
    try {
      return await convGradientCalls(() => model.trainStep(batch, 0));
    } finally {
      batch.dispose();
    }
  } finally {
    model.dispose();
    await tf.setBackend('cpu');
  }
}

function multiplyAdds(call: ConvCall): number {
  const [first, second] = call.shapes;
  const dy = call.kernel === 'Conv2DBackpropFilter' ? second : first;
  const filter = call.attrs.filterShape ?? second;
  return dy.reduce((n, d) => n * d, 1) * filter[0]! * filter[1]! * filter[2]!;
}

function runCall(call: ConvCall, inputs: [tf.Tensor4D, tf.Tensor4D]): tf.Tensor4D {
  const named: tf.NamedTensorMap = call.kernel === 'Conv2DBackpropFilter' ? { x: inputs[0], dy: inputs[1] } : { dy: inputs[0], filter: inputs[1] };
  return tf.engine().runKernel(call.kernel, named, call.attrs as never) as tf.Tensor4D;
}

/** Largest |a − b| over the largest |b|. */
function relativeError(a: Float32Array, b: Float32Array): number {
  let difference = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    difference = Math.max(difference, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return difference / scale;
}

/**
 * tfjs's cpu filter gradient is a plain loop (≈ 0.3 G multiply-adds a second): calls above the budget are checked
 * by the adjoint identity on wasm instead, whose forward convolution (XNNPACK's) shares nothing with our gradients.
 */
const CPU_BUDGET = 5e6;

/**
 * ⟨K(u, v), r⟩ against ⟨dy, conv(·)⟩ with wasm's forward convolution: the filter gradient of x and dy is the dW
 * with Σ dW·R = Σ dy·conv(x, R) for every R; the input gradient the dX with Σ dX·S = Σ dy·conv(S, W).
 */
function adjointError(call: ConvCall, inputs: [tf.Tensor4D, tf.Tensor4D], probe: tf.Tensor4D): number {
  return tf.tidy(() => {
    const gradient = runCall(call, inputs);
    const [a, b] = inputs;
    const forward = call.kernel === 'Conv2DBackpropFilter' ? tf.conv2d(a, probe, call.attrs.strides as number, call.attrs.pad as 'same') : tf.conv2d(probe, b, call.attrs.strides as number, call.attrs.pad as 'same');
    const dy = call.kernel === 'Conv2DBackpropFilter' ? b : a;
    const left = tf.sum(tf.mul(gradient, probe)).dataSync()[0]!;
    const products = tf.mul(dy, forward);
    const right = tf.sum(products).dataSync()[0]!;
    return Math.abs(left - right) / tf.sum(tf.abs(products)).dataSync()[0]!;
  });
}

describe('the convolution gradients on wasm, on every convolution a training step of each preset makes', () => {
  // The small GANs as `crystens train` makes them for perov_5 (a 20 × 20 working square), and at 64 × 64.
  const cases = PRESETS.flatMap((preset) => (preset === 'small' ? [[preset, true], [preset, false]] : [[preset, false]]) as [Preset, boolean][]);
  for (const [preset, fitted] of cases) {
    for (const kind of MODEL_KINDS) {
      // The small diffusion model's slot transformer convolves nothing; its whole step is compared below.
      if (kind === 'diffusion' && preset === 'small') continue;
      // A paper-size U-Net runs for minutes on a shared machine.
      const timeout = kind === 'diffusion' && preset === 'paper' ? 1_200_000 : 300_000;
      it(`${kind} ${preset}${fitted ? ' (perov_5 working square)' : ''}`, { timeout }, async () => {
        const calls = await presetCalls(kind, preset, fitted);
        expect(calls.length).toBeGreaterThan(3);
        for (const call of calls) {
          const inputs = call.shapes.map((shape, i): tf.Tensor => tf.randomNormal([...shape], 0, 1, 'float32', 7 + i)) as [tf.Tensor4D, tf.Tensor4D];
          const outputShape = (call.attrs.filterShape ?? call.attrs.inputShape!) as [number, number, number, number];
          const label = `${call.kernel} ${JSON.stringify(call.shapes)} ${JSON.stringify(call.attrs)}`;
          if (multiplyAdds(call) <= CPU_BUDGET) {
            const expected = runCall(call, inputs);
            await tf.setBackend('wasm');
            const actual = runCall(call, inputs);
            expect(actual.shape, label).toEqual(outputShape);
            expect(relativeError(actual.dataSync() as Float32Array, expected.dataSync() as Float32Array), label).toBeLessThan(1e-4);
            await tf.setBackend('cpu');
            tf.dispose([expected, actual]);
          } else {
            await tf.setBackend('wasm');
            const probe = tf.randomNormal(outputShape, 0, 1, 'float32', 11) as tf.Tensor4D;
            expect(adjointError(call, inputs, probe), label).toBeLessThan(1e-5);
            probe.dispose();
            await tf.setBackend('cpu');
          }
          tf.dispose(inputs);
        }
      });
    }
  }
});

describe('matrix products on wasm', () => {
  // [a's shape, b's shape, transposeA, transposeB]: dense layers and their gradients, attention's batched heads.
  const cases: [number[], number[], boolean, boolean][] = [
    [[16, 128], [128, 256], false, false],
    [[16, 256], [128, 256], false, true],
    [[16, 128], [16, 256], true, false],
    [[128, 16], [256, 128], true, true],
    [[8, 256, 24], [8, 256, 24], false, true],
    [[8, 256, 256], [8, 256, 24], false, false],
    [[8, 256, 24], [8, 256, 256], true, false],
    [[2, 4, 64, 24], [2, 4, 24, 64], false, false],
    [[3, 64, 24], [24, 32], false, false],
    [[64, 24], [3, 64, 32], true, false],
  ];
  for (const [aShape, bShape, transposeA, transposeB] of cases) {
    it(`${JSON.stringify(aShape)}${transposeA ? 'ᵀ' : ''} × ${JSON.stringify(bShape)}${transposeB ? 'ᵀ' : ''}`, async () => {
      const a = tf.randomNormal(aShape, 0, 1, 'float32', 1);
      const b = tf.randomNormal(bShape, 0, 1, 'float32', 2);
      const expected = tf.matMul(a, b, transposeA, transposeB);
      await tf.setBackend('wasm');
      const actual = tf.matMul(a, b, transposeA, transposeB);
      expect(actual.shape).toEqual(expected.shape);
      expect(relativeError(actual.dataSync() as Float32Array, expected.dataSync() as Float32Array)).toBeLessThan(1e-5);
      await tf.setBackend('cpu');
      tf.dispose([a, b, expected, actual]);
    });
  }
});

describe('training steps on wasm match the cpu backend', () => {
  /** The losses of two steps from the same seed and batches: the second shows the first's update. */
  async function twoSteps(kind: ModelKind, preset: Preset, backend: string): Promise<Record<string, number>[]> {
    await tf.setBackend(backend);
    const hyper = preset === 'small' ? hyperForDataset(kind, preset, Math.max(...dataset.entries.map((e) => e.nsites))) : {};
    const model = createModel(modelConfig({ kind, preset, normalization: dataset.normalization, batchSize: 4, seed: 5, hyper }));
    const losses = [];
    for (let step = 0; step < 2; step++) {
      const batch = cyclicBatch(dataset, step, 4);
      losses.push(await model.trainStep(batch, step));
      batch.dispose();
    }
    model.dispose();
    await tf.setBackend('cpu');
    return losses;
  }

  // The tiny presets, and the small diffusion model's slot transformer (matrix products, no convolution).
  const cases: [ModelKind, Preset][] = [...MODEL_KINDS.map((kind): [ModelKind, Preset] => [kind, 'tiny']), ['diffusion', 'small']];
  for (const [kind, preset] of cases) {
    it(`${kind} (${preset})`, { timeout: 120_000 }, async () => {
      const cpu = await twoSteps(kind, preset, 'cpu');
      const wasm = await twoSteps(kind, preset, 'wasm');
      for (let step = 0; step < 2; step++) {
        for (const [name, value] of Object.entries(cpu[step]!)) {
          expect(wasm[step]![name], `${name} at step ${step}`).toBeCloseTo(value, Math.max(0, 4 - Math.ceil(Math.log10(Math.abs(value) + 1))));
        }
      }
    });
  }
});
