/**
 * The convolution gradients tfjs 4.22's wasm backend lacks or runs slowly, written with its own XNNPACK kernels so
 * that the three models train on wasm (the backend of every device without a fast GPU, and of Node).
 *
 * - Conv2DBackpropFilter is not registered on wasm at all. The filter gradient of a convolution is itself a
 *   convolution: dW[i, j, c, f] = Σ_{b, y, x} x_pad[b, y·s + i, x·s + j, c] · dy[b, y, x, f]. Reading the input as
 *   a batch of C images of B channels ([C, H, W, B]) and the output gradient as a kernel ([Ho, Wo, B, F]), that
 *   is a stride-1 convolution dilated by the stride, whose "valid" output is the kh × kw filter: XNNPACK's fast
 *   convolution does the work. A 1 × 1 stride-1 filter gradient is the product xᵀ·dy, one matrix product.
 * - wasm's Conv2DBackpropInput is a plain C++ loop. The input gradient is a convolution of the output gradient
 *   with the kernel flipped in space and its channel axes swapped, one per phase of the stride (see below);
 *   through XNNPACK it is 2–10× faster than the loop on the presets' shapes, so it replaces the loop, which stays
 *   for what it does not cover (channels-first data, unequal strides).
 *
 * Kernels here call other wasm kernels directly (not tfjs ops): nothing they do is taped or tracked by the engine,
 * and every intermediate buffer is freed before they return.
 */
import * as tf from '@tensorflow/tfjs';
import { free, type TensorInfo, WASM_BACKEND, type WasmBackend, wasmKernel } from './wasm-kernel-calls';

type Pads = [[number, number], [number, number], [number, number], [number, number]];

interface ConvAttrs {
  readonly strides: number | [number, number];
  readonly pad: 'valid' | 'same' | number | Pads;
  readonly dataFormat: 'NHWC' | 'NCHW';
  readonly dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** A stride-1 convolution with explicit padding: the workhorse of both gradients. */
function convolve(backend: WasmBackend, x: TensorInfo, filter: TensorInfo, pads: Pads, dilations: [number, number] = [1, 1]): TensorInfo {
  return wasmKernel('Conv2D', backend, { x, filter }, { strides: [1, 1], pad: pads, dataFormat: 'NHWC', dilations, dimRoundingMode: undefined });
}

/** Keeps the first `height` rows and `width` columns when padding could not make the output exactly that size. */
function cropTo(backend: WasmBackend, t: TensorInfo, height: number, width: number, heightAxis: number): TensorInfo {
  if (t.shape[heightAxis] === height && t.shape[heightAxis + 1] === width) return t;
  const size = [...t.shape];
  size[heightAxis] = height;
  size[heightAxis + 1] = width;
  const cropped = wasmKernel('Slice', backend, { x: t }, { begin: t.shape.map(() => 0), size });
  free(backend, t);
  return cropped;
}

function convInfo(xShape: number[], filterShape: number[], attrs: ConvAttrs) {
  return tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
}

/** dW = Σ x_pad ⊗ dy, as described above. */
export function conv2dBackpropFilter(args: { inputs: { x: TensorInfo; dy: TensorInfo }; backend: WasmBackend; attrs: ConvAttrs & { filterShape: number[] } }): TensorInfo {
  const { inputs: { x, dy }, backend, attrs } = args;
  if (attrs.dataFormat === 'NCHW') throw new Error('Conv2DBackpropFilter on wasm: only channels-last (NHWC) data');
  const info = convInfo(x.shape, attrs.filterShape, attrs);
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, filterHeight, filterWidth, strideHeight, strideWidth, padInfo } = info;
  const pointwise = filterHeight === 1 && filterWidth === 1 && strideHeight === 1 && strideWidth === 1 && padInfo.top === 0 && padInfo.left === 0;
  if (pointwise) {
    const rows = batchSize * inHeight * inWidth;
    const a = wasmKernel('Reshape', backend, { x }, { shape: [1, rows, inChannels] });
    const b = wasmKernel('Reshape', backend, { x: dy }, { shape: [1, rows, outChannels] });
    const product = wasmKernel('BatchMatMul', backend, { a, b }, { transposeA: true, transposeB: false });
    const dw = wasmKernel('Reshape', backend, { x: product }, { shape: [1, 1, inChannels, outChannels] });
    free(backend, a, b, product);
    return dw;
  }
  // Padding after the input so that the valid output is exactly kh × kw where it can be (else cropped).
  const bottom = filterHeight + (outHeight - 1) * strideHeight - inHeight - padInfo.top;
  const right = filterWidth + (outWidth - 1) * strideWidth - inWidth - padInfo.left;
  const images = wasmKernel('Transpose', backend, { x }, { perm: [3, 1, 2, 0] });
  const kernel = wasmKernel('Transpose', backend, { x: dy }, { perm: [1, 2, 0, 3] });
  const pads: Pads = [[0, 0], [padInfo.top, Math.max(bottom, 0)], [padInfo.left, Math.max(right, 0)], [0, 0]];
  const channelsFirst = cropTo(backend, convolve(backend, images, kernel, pads, [strideHeight, strideWidth]), filterHeight, filterWidth, 1);
  free(backend, images, kernel);
  const dw = wasmKernel('Transpose', backend, { x: channelsFirst }, { perm: [1, 2, 0, 3] });
  free(backend, channelsFirst);
  return dw;
}

/**
 * [B, Q, Q', (r_y, r_x, c)] → [B, Q·s, Q'·s, C], the row q·s + r_y from phase r_y: what DepthToSpace does, as a
 * rank-4 transpose ([B·Q, Q', s, s·C] → [B·Q, s, Q', s·C]), which wasm runs several times faster.
 */
function interleavePhases(backend: WasmBackend, phased: TensorInfo, s: number, channels: number): TensorInfo {
  const [batch, rows, columns] = phased.shape as [number, number, number];
  const split = wasmKernel('Reshape', backend, { x: phased }, { shape: [batch * rows, columns, s, s * channels] });
  const moved = wasmKernel('Transpose', backend, { x: split }, { perm: [0, 2, 1, 3] });
  const out = wasmKernel('Reshape', backend, { x: moved }, { shape: [batch, rows * s, columns * s, channels] });
  free(backend, phased, split, moved);
  return out;
}

/** wasm's own input-gradient loop, kept for what the XNNPACK form does not cover. */
let nativeBackpropInput: tf.KernelFunc | undefined;

/**
 * dx as one stride-1 convolution and a depth-to-space, without the zeros a stride would insert. With the input
 * row y shifted by the top padding, y + pt = q·s + r, the rows of dy and kernel that meet are oh = q − d and
 * i = d·s + r for d < D = ⌈k/s⌉: for each phase r a D-tap convolution of dy. All s² phases come out of one
 * convolution as channels (r_y, r_x, c) of a kernel [D, D, F, s·s·C] cut from W (padded to D·s taps, each phase's
 * taps flipped), and a depth-to-space interleaves them. At stride 1 this is the flipped, transposed kernel.
 */
export function conv2dBackpropInput(args: { inputs: { dy: TensorInfo; filter: TensorInfo }; backend: WasmBackend; attrs: ConvAttrs & { inputShape: number[] } }): TensorInfo {
  const { inputs: { dy, filter }, backend, attrs } = args;
  const info = convInfo(attrs.inputShape, filter.shape, attrs);
  const { inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, filterHeight, filterWidth, strideHeight, strideWidth, padInfo } = info;
  if (attrs.dataFormat === 'NCHW' || strideHeight !== strideWidth) return nativeBackpropInput!(args as unknown as Parameters<tf.KernelFunc>[0]) as TensorInfo;
  const s = strideHeight;
  const [tapsY, tapsX] = [Math.ceil(filterHeight / s), Math.ceil(filterWidth / s)];
  const padded = wasmKernel('PadV2', backend, { x: filter }, { paddings: [[0, tapsY * s - filterHeight], [0, tapsX * s - filterWidth], [0, 0], [0, 0]], constantValue: 0 });
  const split = wasmKernel('Reshape', backend, { x: padded }, { shape: [tapsY, s, tapsX, s, inChannels, outChannels] });
  const phases = wasmKernel('Transpose', backend, { x: split }, { perm: [0, 2, 5, 1, 3, 4] });
  const stacked = wasmKernel('Reshape', backend, { x: phases }, { shape: [tapsY, tapsX, outChannels, s * s * inChannels] });
  const kernel = wasmKernel('Reverse', backend, { x: stacked }, { dims: [0, 1] });
  free(backend, padded, split, phases, stacked);
  // Rows q = 0 … Q − 1 of every phase cover the input rows y = q·s + r − pt that exist.
  const rows = Math.ceil((inHeight + padInfo.top) / s);
  const columns = Math.ceil((inWidth + padInfo.left) / s);
  const pads: Pads = [[0, 0], [tapsY - 1, Math.max(0, rows - outHeight)], [tapsX - 1, Math.max(0, columns - outWidth)], [0, 0]];
  const phased = cropTo(backend, convolve(backend, dy, kernel, pads), rows, columns, 1);
  free(backend, kernel);
  const interleaved = s === 1 ? phased : interleavePhases(backend, phased, s, inChannels);
  const [batch, height, width] = interleaved.shape as [number, number, number];
  if (padInfo.top === 0 && padInfo.left === 0 && height === inHeight && width === inWidth) return interleaved;
  const dx = wasmKernel('Slice', backend, { x: interleaved }, { begin: [0, padInfo.top, padInfo.left, 0], size: [batch, inHeight, inWidth, inChannels] });
  free(backend, interleaved);
  return dx;
}

let registered = false;

/**
 * Registers both gradients for the wasm backend (once; later calls do nothing). Call before training on wasm;
 * engine/training-backend.ts does.
 */
export function registerWasmConvGradients(): void {
  if (registered) return;
  registered = true;
  const native = tf.getKernel('Conv2DBackpropInput', WASM_BACKEND);
  if (native) {
    nativeBackpropInput = native.kernelFunc;
    tf.unregisterKernel('Conv2DBackpropInput', WASM_BACKEND);
  }
  // The native kernel's setup (binding its C++ function) must still run when the backend starts.
  tf.registerKernel({ kernelName: 'Conv2DBackpropInput', backendName: WASM_BACKEND, kernelFunc: conv2dBackpropInput as unknown as tf.KernelFunc, setupFunc: native?.setupFunc });
  if (!tf.getKernel('Conv2DBackpropFilter', WASM_BACKEND)) {
    tf.registerKernel({ kernelName: 'Conv2DBackpropFilter', backendName: WASM_BACKEND, kernelFunc: conv2dBackpropFilter as unknown as tf.KernelFunc });
  }
}
