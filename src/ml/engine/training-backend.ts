/**
 * Training on tfjs's wasm backend: its missing kernels registered (on import: the wasm backend then trains
 * wherever it is loaded, and tf.getKernel tells), the backend Node trains on by default, and the chain a session
 * falls back along when its backend fails. The browser's measured choice among the GPU backends is in
 * src/ml/backend.ts; a model-specific trial in backend-trial.ts; when a session moves, in backend-plan.ts.
 */
import * as tf from '@tensorflow/tfjs';
import { registerWasmTrainingKernels } from '../kernels/wasm-training';
import { TRAINING_BACKENDS, type TrainingBackend } from '../types';

registerWasmTrainingKernels();

/** The backends Node has (no GPU backend runs in Node). */
export const NODE_TRAINING_BACKENDS = ['wasm', 'cpu'] as const satisfies readonly TrainingBackend[];
export type NodeTrainingBackend = (typeof NODE_TRAINING_BACKENDS)[number];

/**
 * Makes `name` tfjs's backend for training; throws if it cannot start. Without a name: wasm, which trains every
 * preset 4–9× faster than cpu here (bench:ml), or cpu where wasm does not start.
 */
export async function useTrainingBackend(name?: TrainingBackend): Promise<TrainingBackend> {
  if (name === undefined) {
    if (await tf.setBackend('wasm').catch(() => false)) {
      await tf.ready();
      return 'wasm';
    }
    name = 'cpu';
  }
  if (!(await tf.setBackend(name).catch(() => false))) throw new Error(`the ${name} backend could not start`);
  await tf.ready();
  return name;
}

/**
 * Where a session goes when `failed` stops working (a lost WebGPU device): the next backend of TRAINING_BACKENDS
 * that is registered here, down to cpu.
 */
export function fallbackBackend(failed: TrainingBackend, registered: (name: string) => boolean = (name) => name in tf.engine().registryFactory): TrainingBackend {
  const after = TRAINING_BACKENDS.slice(TRAINING_BACKENDS.indexOf(failed) + 1);
  return after.find((b) => registered(b)) ?? 'cpu';
}
