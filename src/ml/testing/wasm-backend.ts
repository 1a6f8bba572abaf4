/**
 * The tests of a describe block on tfjs's wasm backend, with the studio's training kernels (checked against the
 * cpu backend kernel by kernel and step by step in wasm-training.test.ts). Training runs several times faster
 * there than on cpu: the learning tests, which train tens to hundreds of steps, use it.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll } from 'vitest';
import { registerWasmTrainingKernels } from '../kernels/wasm-training';

export function onWasmBackend(): void {
  beforeAll(async () => {
    registerWasmTrainingKernels();
    await tf.setBackend('wasm');
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });
}
