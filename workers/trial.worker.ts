// Thin adapter: times a model's training step on each backend (src/ml/engine/backend-trial.ts) in a worker of
// its own, so that the training worker trains at once while the trial runs (src/ml/engine/trial-memory.ts).
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
// Registers webgpu and wasm's training kernels, as the training worker has them.
import '../src/ml/backend';
import { trialTrainingStep } from '../src/ml/engine/backend-trial';
import { serveWasmBackend } from '../src/ml/wasm-backend';

serveWasmBackend();

const api = {
  /** The trial returns tfjs to the backend it found: a fresh worker has none until one is set (cpu: no start-up). */
  async trial(...args: Parameters<typeof trialTrainingStep>) {
    if (!tf.getBackend()) await tf.setBackend('cpu');
    return trialTrainingStep(...args);
  },
};

export type TrialWorkerApi = typeof api;

Comlink.expose(api);
