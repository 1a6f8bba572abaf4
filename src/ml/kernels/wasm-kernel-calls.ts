/**
 * Calling the wasm backend's own kernels from inside another kernel: no tfjs op, so nothing is taped or tracked by
 * the engine; the caller frees every intermediate buffer it made.
 */
import * as tf from '@tensorflow/tfjs';
// Registers the wasm backend and its kernels, which wasmKernel looks up.
import '@tensorflow/tfjs-backend-wasm';

export type TensorInfo = { dataId: object; shape: number[]; dtype: tf.DataType };

/** What a kernel function of the wasm backend sees of it. */
export interface WasmBackend {
  disposeData(dataId: object, force?: boolean): boolean;
}


export const WASM_BACKEND = 'wasm';

/** Runs another wasm kernel; the caller frees the result with `free` unless it returns it. */
export function wasmKernel(name: string, backend: WasmBackend, inputs: Record<string, TensorInfo> | TensorInfo[], attrs: object = {}): TensorInfo {
  const config = tf.getKernel(name, WASM_BACKEND);
  if (!config) throw new Error(`the wasm backend has no ${name} kernel`);
  return config.kernelFunc({ inputs, backend, attrs } as unknown as Parameters<tf.KernelFunc>[0]) as TensorInfo;
}

export function free(backend: WasmBackend, ...infos: TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

