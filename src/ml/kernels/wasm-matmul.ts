/**
 * Matrix products on tfjs 4.22's wasm backend at XNNPACK's speed. Its BatchMatMul is fast in one case only: one
 * matrix by one matrix, neither transposed (XNNPACK's fully-connected operator); every transposed or batched
 * product runs a plain loop about 20–90× slower (measured here, [2048, 128] × [128, 128]: 5.9 ms as a·b, 347 ms
 * as aᵀ·b). Training hits those cases all the time: a dense layer's two gradients are dy·Wᵀ and xᵀ·dy, and
 * attention multiplies per head. This kernel transposes the operands first (XNNPACK's transpose is cheap beside
 * the product) and splits a batch into single products, so the fast case does the arithmetic, except where the
 * matrices are too small for XNNPACK's set-up cost to pay.
 */
import * as tf from '@tensorflow/tfjs';
import { free, type TensorInfo, type WasmBackend, WASM_BACKEND, wasmKernel } from './wasm-kernel-calls';

interface MatMulArgs {
  inputs: { a: TensorInfo; b: TensorInfo };
  backend: WasmBackend;
  attrs: { transposeA: boolean; transposeB: boolean };
}

let nativeMatMul: tf.KernelFunc | undefined;

/**
 * Multiply-adds per matrix below which a batch of products stays with tfjs's loop: setting up XNNPACK costs about
 * 0.09 ms a matrix, and the loop runs a [64, 25, 25] × [64, 25, 16] batch (10 k each) in 1.5 ms, against 5.8 ms
 * split into single products; at [16, 100, 32] × [16, 32, 100] (320 k each) the split takes 1.5 ms, the loop 15.
 */
const SMALL_PRODUCT = 65_536;

function native(backend: WasmBackend, a: TensorInfo, b: TensorInfo): TensorInfo {
  return nativeMatMul!({ inputs: { a, b }, backend, attrs: { transposeA: false, transposeB: false } }) as TensorInfo;
}

/** `t` as [batch, rows, columns] in row-major order, transposed first if asked. */
function canonical(backend: WasmBackend, t: TensorInfo, transpose: boolean): TensorInfo {
  const rank = t.shape.length;
  const batch = t.shape.slice(0, -2).reduce((n, d) => n * d, 1);
  const flat = wasmKernel('Reshape', backend, { x: t }, { shape: [batch, t.shape[rank - 2]!, t.shape[rank - 1]!] });
  if (!transpose) return flat;
  const swapped = wasmKernel('Transpose', backend, { x: flat }, { perm: [0, 2, 1] });
  free(backend, flat);
  return swapped;
}

export function batchMatMul(args: MatMulArgs): TensorInfo {
  const { inputs: { a, b }, backend, attrs: { transposeA, transposeB } } = args;
  const outerA = a.shape.slice(0, -2);
  const outerB = b.shape.slice(0, -2);
  const batchA = outerA.reduce((n, d) => n * d, 1);
  const batchB = outerB.reduce((n, d) => n * d, 1);
  // Broadcasting between unequal leading shapes (beyond one side being a single matrix) stays with tfjs, and so
  // do batches of small products, which its loop finishes before XNNPACK would have set up one per matrix.
  const sameOuter = outerA.length === outerB.length && outerA.every((d, i) => d === outerB[i]);
  const [rowsA, columnsA] = a.shape.slice(-2) as [number, number];
  const perMatrix = rowsA * columnsA * (transposeB ? b.shape[b.shape.length - 2]! : b.shape[b.shape.length - 1]!);
  const smallBatch = batchB > 1 && perMatrix < SMALL_PRODUCT;
  if (a.dtype !== 'float32' || b.dtype !== 'float32' || (!sameOuter && batchA !== 1 && batchB !== 1) || smallBatch) {
    return nativeMatMul!(args) as TensorInfo;
  }
  const left = canonical(backend, a, transposeA);
  const right = canonical(backend, b, transposeB);
  const [, rows, inner] = left.shape as [number, number, number];
  const columns = right.shape[2]!;
  const outer = batchA >= batchB ? (outerA.length >= outerB.length ? outerA : outerB) : outerB;
  const outShape = [...outer, rows, columns];
  let product: TensorInfo;
  if (batchB === 1) {
    // Every matrix of a times one b: one product of the stacked rows.
    const stacked = wasmKernel('Reshape', backend, { x: left }, { shape: [1, batchA * rows, inner] });
    product = native(backend, stacked, right);
    free(backend, stacked);
  } else {
    const pieces: TensorInfo[] = [];
    for (let i = 0; i < batchB; i++) {
      const ai = batchA === 1 ? left : wasmKernel('Slice', backend, { x: left }, { begin: [i, 0, 0], size: [1, rows, inner] });
      const bi = wasmKernel('Slice', backend, { x: right }, { begin: [i, 0, 0], size: [1, inner, columns] });
      pieces.push(native(backend, ai, bi));
      if (ai !== left) free(backend, ai);
      free(backend, bi);
    }
    product = pieces.length === 1 ? pieces[0]! : wasmKernel('Concat', backend, pieces, { axis: 0 });
    if (pieces.length > 1) free(backend, ...pieces);
  }
  free(backend, left, right);
  const out = wasmKernel('Reshape', backend, { x: product }, { shape: outShape });
  free(backend, product);
  return out;
}

let registered = false;

/** Replaces wasm's BatchMatMul by the kernel above (once). */
export function registerWasmMatMul(): void {
  if (registered) return;
  registered = true;
  const config = tf.getKernel('BatchMatMul', WASM_BACKEND);
  if (!config) throw new Error('the wasm backend has no BatchMatMul kernel');
  nativeMatMul = config.kernelFunc;
  tf.unregisterKernel('BatchMatMul', WASM_BACKEND);
  tf.registerKernel({ kernelName: 'BatchMatMul', backendName: WASM_BACKEND, kernelFunc: batchMatMul as unknown as tf.KernelFunc, setupFunc: config.setupFunc });
}
