/** Sampling on tfjs's wasm backend from models that train on cpu: the cpu's samples, and the model left as it was. */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Crystal } from '../../core/crystal';
import { buildDataset, type CrystalDataset } from '../../core/crystens/dataset';
import { ENTRIES } from '../../core/crystens/layout';
import { ingestFile } from '../../core/ingest/ingest';
import { initMoyoNode } from '../../core/symmetry/moyo-node';
import { DATASETS } from '../../core/testing/corpus';
import { cyclicBatch } from '../testing/perov';
import type { GenerativeModel, ModelKind } from '../types';
import { MemoryCheckpointStore } from './checkpoint-store';
import { createModel, modelConfig } from './factory';
import { type SampleRequest, sampleInChunks } from './sampling';
import { chooseSamplingBackend, type SamplingChoice, sampleOnBackend, WASM } from './sampling-backend';
import { TrainingSession } from './session';

let crystals: Crystal[] = [];
let dataset: CrystalDataset;

beforeAll(async () => {
  // Started once, so that tf.findBackend can count its tensors (it would start it, and hold every op meanwhile).
  await tf.setBackend(WASM);
  await tf.setBackend('cpu');
  await initMoyoNode();
  crystals = ingestFile({ name: 'perov.csv', bytes: readFileSync(DATASETS.perov5) }).slice(0, 8).flatMap((e) => (e.ok ? [e.crystal] : []));
  dataset = buildDataset(crystals).dataset;
});

function tinyModel(kind: ModelKind): GenerativeModel {
  return createModel(modelConfig({ kind, preset: 'tiny', normalization: dataset.normalization, seed: 3, batchSize: 4 }));
}

/** Losses of `count` training steps from step `from` on. */
async function train(model: GenerativeModel, from: number, count: number): Promise<Record<string, number>[]> {
  const losses = [];
  for (let step = from; step < from + count; step++) {
    const batch = cyclicBatch(dataset, step, 4);
    losses.push(await model.trainStep(batch, step));
    batch.dispose();
  }
  return losses;
}

const N = 3;

/**
 * N samples in chunks of 2 (so that the second chunk's seed offset is exercised), DDIM with 4 steps; `on`: the
 * backend tfjs was on when each chunk came.
 */
async function draw(sample: (request: SampleRequest) => Promise<number>): Promise<{ samples: Float32Array; on: string[] }> {
  const samples = new Float32Array(N * ENTRIES);
  const on: string[] = [];
  const onChunk = (t: Float32Array, offset: number) => {
    // Moved away as the training worker moves it to the page: the array is the chunk's own, no backend reads it again.
    expect(t.byteLength).toBe(t.buffer.byteLength);
    samples.set(structuredClone(t, { transfer: [t.buffer as ArrayBuffer] }), offset * ENTRIES);
    expect(t.length).toBe(0);
    on.push(tf.getBackend());
  };
  expect(await sample({ sampler: 'ddim', steps: 4, seed: 7, chunk: 2, onChunk })).toBe(N);
  return { samples, on };
}

function largestDifference(a: Float32Array, b: Float32Array): number {
  let largest = 0;
  for (let i = 0; i < a.length; i++) largest = Math.max(largest, Math.abs(a[i]! - b[i]!));
  return largest;
}

/** Tensors each backend holds: a variable moved off cpu, or a tensor left behind, changes the counts. */
function held(): { cpu: number; wasm: number; tensors: number } {
  return { cpu: tf.findBackend('cpu').numDataIds(), wasm: tf.findBackend(WASM).numDataIds(), tensors: tf.memory().numTensors };
}

describe.each<ModelKind>(['gan', 'wgan', 'diffusion'])('a tiny %s trained on cpu', (kind) => {
  it('samples on wasm what it samples on cpu, and trains on as if it had not', async () => {
    const model = tinyModel(kind);
    const twin = tinyModel(kind);
    await train(model, 0, 2);
    await train(twin, 0, 2);
    const onCpu = (await draw((request) => sampleInChunks(model, N, request))).samples;
    // Trained samples, not the constant an untrained network can give.
    expect(Math.max(...onCpu) - Math.min(...onCpu)).toBeGreaterThan(0.01);

    const before = held();
    const onWasm = await draw((request) => sampleOnBackend(model, WASM, N, request));
    expect(onWasm.on).toEqual([WASM, WASM]);
    expect(tf.getBackend()).toBe('cpu');
    // Each backend holds what it held: the model's variables stayed on cpu, and the copy on wasm is gone.
    expect(held()).toEqual(before);
    expect(largestDifference(onWasm.samples, onCpu)).toBeLessThan(1e-4);

    // The next step is the one the twin, never sampled on wasm, takes.
    expect(await train(model, 2, 1)).toEqual(await train(twin, 2, 1));
    model.dispose();
    twin.dispose();
  });
});

describe('the sampling backend choice', () => {
  it('measures wasm against the training backend once per network', async () => {
    const model = tinyModel('diffusion');
    const choice = await chooseSamplingBackend(model, 'cpu');
    expect(Object.keys(choice.trials).sort()).toEqual(['cpu', WASM]);
    const [faster] = Object.entries(choice.trials).sort(([, a], [, b]) => a - b)[0]!;
    expect(choice.backend).toBe(faster);
    // Which one wins is a measurement (wasm runs the tiny U-Net about 4× faster than cpu on a quiet machine, but a
    // loaded one can say otherwise): the test holds the choice to its own figures, not to a winner.
    const other = faster === WASM ? 'cpu' : WASM;
    expect(choice.reason).toMatch(new RegExp(`^sampling on ${faster}: [\\d.]+ ms per pass against ${other}'s [\\d.]+ ms \\(batch 2\\)$`));
    expect(tf.getBackend()).toBe('cpu');

    const again = tinyModel('diffusion');
    expect(await chooseSamplingBackend(again, 'cpu')).toBe(choice);
    model.dispose();
    again.dispose();
  });

  it('leaves tfjs on the training backend when the other backend cannot start', async () => {
    const model = tinyModel('gan');
    await expect(sampleOnBackend(model, 'no-such-backend', 1, { onChunk: () => {} })).rejects.toThrow(/no-such-backend/);
    expect(tf.getBackend()).toBe('cpu');
    model.dispose();
  });
});

describe('a training session', () => {
  async function ganSession(): Promise<TrainingSession> {
    const session = new TrainingSession(new MemoryCheckpointStore(), 1000);
    session.setDataset(buildDataset(crystals));
    await session.newModel({ kind: 'gan', preset: 'tiny', seed: 2, batchSize: 4 });
    return session;
  }

  it('samples on the backend it is given, and holds a training step back until the sampling ends', async () => {
    const session = await ganSession();
    const choice = await session.samplingChoice();
    expect(Object.keys(choice.trials)).toContain(choice.backend);
    const events: string[] = [];
    const sampling = session.sample(3, { backend: WASM, chunk: 1, onChunk: () => events.push(`chunk on ${tf.getBackend()}`) });
    const stepping = session.stepOnce(() => events.push(`step on ${tf.getBackend()}`));
    await Promise.all([sampling, stepping]);
    expect(events).toEqual(['chunk on wasm', 'chunk on wasm', 'chunk on wasm', 'step on cpu']);
    session.dispose();
  });

  it('samples on the training backend while training runs', async () => {
    const session = await ganSession();
    let choice: SamplingChoice | undefined;
    const on: string[] = [];
    await session.train(1000, (e) => {
      if (e.state !== 'running' || e.step !== 1) return;
      void (async () => {
        choice = await session.samplingChoice();
        await session.sample(1, { backend: WASM, onChunk: () => on.push(tf.getBackend()) });
        await session.pause();
      })();
    });
    expect(choice).toMatchObject({ backend: 'cpu', reason: 'sampling on cpu, where the model is training' });
    expect(on).toEqual(['cpu']);
    session.dispose();
  });
});
