/**
 * The wasm heap check: what a step of a network holds, measured against the parameter count (an outside
 * figure: weights, Adam's two moments and the EMA copy are four floats a parameter), the arithmetic of the 4 GiB
 * ceiling, and a session that refuses a batch too large for it before the first step, saying which batch fits.
 */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDataset } from '../../core/crystens/dataset';
import type { Crystal } from '../../core/crystal';
import { ingestFile } from '../../core/ingest/ingest';
import { initMoyoNode } from '../../core/symmetry/moyo-node';
import { DATASETS } from '../../core/testing/corpus';
import { MemoryCheckpointStore } from './checkpoint-store';
import { createModel, modelConfig } from './factory';
import { TrainingSession } from './session';
import { useTrainingBackend } from './training-backend';
import { batchRefusal, heapNeed, largestBatch, measureStepMemory, type StepMemory, stepMemoryBound, WASM_HEAP_LIMIT_MIB } from './wasm-memory';

let crystals: Crystal[] = [];

beforeAll(async () => {
  await initMoyoNode();
  crystals = ingestFile({ name: 'perov.csv', bytes: readFileSync(DATASETS.perov5) }).slice(0, 8).flatMap((e) => (e.ok ? [e.crystal] : []));
  await useTrainingBackend('wasm');
});

describe('the heap a training step needs on wasm', () => {
  it('holds the weights, the EMA copy and Adam’s moments, and grows with the batch', async () => {
    const config = modelConfig({ kind: 'diffusion', preset: 'tiny', normalization: { lengthBound: 10 }, batchSize: 8 });
    const memory = await measureStepMemory(config);
    expect(memory.parameters).toBeGreaterThan(10_000);
    const floats = (memory.persistent * 2 ** 20) / 4;
    // Weights, EMA, m and v: four floats a parameter (the batch-norm-free U-Net has no other state to speak of).
    expect(floats).toBeGreaterThanOrEqual(4 * memory.parameters);
    expect(floats).toBeLessThan(4.2 * memory.parameters);
    // Activations of a [1, 64, 64, 4] sample through the network are at least its own 16 k floats, many times.
    expect(memory.perSample).toBeGreaterThan((10 * 64 * 64 * 4 * 4) / 2 ** 20);
    expect(tf.getBackend()).toBe('wasm');
  });

  const memory: StepMemory = { persistent: 100, transient: 50, perSample: 300, parameters: 1 };

  it('refuses a batch past the 4 GiB heap and names the largest that fits', () => {
    const largest = largestBatch(memory);
    expect(heapNeed(memory, largest)).toBeLessThanOrEqual(WASM_HEAP_LIMIT_MIB);
    expect(heapNeed(memory, largest + 1)).toBeGreaterThan(WASM_HEAP_LIMIT_MIB);
    const config = modelConfig({ kind: 'diffusion', preset: 'small', normalization: { lengthBound: 10 }, batchSize: 16 });
    expect(batchRefusal({ ...config, batchSize: largest }, memory)).toBeUndefined();
    expect(batchRefusal(config, memory)).toBe(
      `batch 16 does not fit on the wasm backend: a small diffusion training step needs about ${(heapNeed(memory, 16) / 1024).toFixed(1)} GiB ` +
        `of its 4 GiB heap; use batch ${largest} or smaller, or train on a GPU backend (WebGPU, WebGL)`,
    );
    expect(batchRefusal(config, { ...memory, persistent: 5000 })).toMatch(/no batch fits: use a smaller preset/);
  });
});

describe('a network too large to measure on the spot', () => {
  it('is bounded by its variables (the EMA copy too) and Adam’s moments', () => {
    const model = createModel(modelConfig({ kind: 'diffusion', preset: 'tiny', normalization: { lengthBound: 10 }, batchSize: 1 }));
    const bound = stepMemoryBound(model);
    model.dispose();
    // Weights, EMA, m and v stay; a gradient per parameter comes and goes.
    expect(bound.persistent).toBeCloseTo((16 * bound.parameters) / 2 ** 20, 9);
    expect(bound.transient).toBeCloseTo((4 * bound.parameters) / 2 ** 20, 9);
  });

  it('fits no batch of the paper U-Net (267 M parameters, counted by its PyTorch twin)', () => {
    const parameters = 266_862_085;
    const memory: StepMemory = { persistent: (16 * parameters) / 2 ** 20, transient: (4 * parameters) / 2 ** 20, perSample: 0, parameters };
    const config = modelConfig({ kind: 'diffusion', preset: 'paper', normalization: { lengthBound: 10 }, batchSize: 1 });
    expect(batchRefusal(config, memory)).toMatch(/^batch 1 does not fit on the wasm backend: .*about 5\.1 GiB.*no batch fits: use a smaller preset/);
  });
});

describe('a training session on wasm', () => {
  it('refuses a model whose batch cannot fit before any step, and keeps the model it had', async () => {
    const session = new TrainingSession(new MemoryCheckpointStore());
    session.setDataset(buildDataset(crystals));
    await session.newModel({ kind: 'diffusion', preset: 'tiny', seed: 1, batchSize: 4 });
    // Within the batch sizes a model may name (1–1,024), beyond what the tiny U-Net fits in wasm's heap (about 860).
    const refusal = session.newModel({ kind: 'diffusion', preset: 'tiny', seed: 1, batchSize: 1000 });
    await expect(refusal).rejects.toThrow(/^batch 1000 does not fit on the wasm backend: .* use batch (\d+) or smaller/);
    const largest = Number((await refusal.then(() => '', (e: Error) => e.message)).match(/use batch (\d+)/)![1]);
    expect(largest).toBeGreaterThan(4);
    expect(largest).toBeLessThan(1000);
    expect(session.status?.config.batchSize).toBe(4);
    await session.train(1, () => {});
    expect(session.status?.step).toBe(1);
    session.dispose();
  });
});
