/** Training on wasm in Node: the default backend, the kernels registered, and the fallback chain. */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { TRAINING_BACKENDS } from '../types';
import { fallbackBackend, useTrainingBackend } from './training-backend';

describe('the training backend in Node', () => {
  it('is wasm by default, with the filter gradient tfjs 4.22 lacks registered', async () => {
    expect(await useTrainingBackend()).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
    expect(await useTrainingBackend('cpu')).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });

  it('says when a backend cannot start', async () => {
    await expect(useTrainingBackend('webgpu')).rejects.toThrow('the webgpu backend could not start');
  });

  it('falls back along webgpu → webgl → wasm → cpu, skipping what is not registered', () => {
    expect(TRAINING_BACKENDS).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    const all = () => true;
    expect(fallbackBackend('webgpu', all)).toBe('webgl');
    expect(fallbackBackend('webgl', all)).toBe('wasm');
    expect(fallbackBackend('wasm', all)).toBe('cpu');
    expect(fallbackBackend('webgpu', (name) => name !== 'webgl')).toBe('wasm');
    expect(fallbackBackend('webgpu', () => false)).toBe('cpu');
    // In Node tfjs registers no webgl (it needs a browser): wasm is next.
    expect(fallbackBackend('webgpu')).toBe('wasm');
  });
});
