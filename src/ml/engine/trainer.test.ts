/**
 * The training loop with a one-variable model standing in for a network (the real models have their own tests):
 * it learns the mean of the batch, and can be told to produce a non-finite loss at a given step.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDataset, type CrystalDataset } from '../../core/crystens/dataset';
import type { Crystal } from '../../core/crystal';
import { latticeFromParameters } from '../../core/lattice';
import { ParameterStore } from '../nn/params';
import { ganPreset } from '../presets';
import type { GenerativeModel } from '../types';
import { type ProgressEvent, Trainer } from './trainer';

function meanModel(nanAtCall?: number): GenerativeModel {
  const store = new ParameterStore(1);
  const w = store.get('w', [1], 'zeros');
  const optimizer = tf.train.adam(0.05);
  let calls = 0;
  return {
    config: { kind: 'gan', preset: 'tiny', seed: 3, batchSize: 4, normalization: { lengthBound: 10 }, hyper: ganPreset('tiny') },
    stores: { model: store },
    async trainStep(real) {
      calls++;
      const loss = optimizer.minimize(() => tf.mean(tf.square(tf.sub(tf.mean(real), w))) as tf.Scalar, true)!;
      const value = calls === nanAtCall ? Number.NaN : (await loss.data())[0]!;
      loss.dispose();
      if (calls === nanAtCall) w.assign(tf.fill([1], Number.NaN));
      return { loss: value };
    },
    async sample() {
      return undefined;
    },
    async optimizerWeights() {
      return optimizer.getWeights();
    },
    async setOptimizerWeights(weights) {
      await optimizer.setWeights(weights);
    },
    dispose() {
      store.dispose();
      optimizer.dispose();
    },
  };
}

let data: CrystalDataset;

beforeAll(async () => {
  await tf.setBackend('cpu');
  const crystals: Crystal[] = Array.from({ length: 10 }, (_, i) => ({
    source: `c${i}`,
    lattice: latticeFromParameters({ a: 3 + i / 10, b: 4, c: 5, alpha: 90, beta: 90, gamma: 90 }),
    sites: [{ element: 'Na', Z: 11, frac: [0, 0, i / 20], occupancy: 1, label: 'Na1' }],
    spaceGroup: { detected: 1 },
    warnings: [],
  }));
  data = buildDataset(crystals).dataset;
});

describe('Trainer', () => {
  it('runs to the end, reporting each step, and checkpoints at intervals and at the end', async () => {
    const events: ProgressEvent[] = [];
    const checkpoints: number[] = [];
    const trainer = new Trainer(meanModel(), data, {
      totalSteps: 30,
      onProgress: (e) => events.push(e),
      checkpointEvery: 10,
      onCheckpoint: async (step) => void checkpoints.push(step),
    });
    await trainer.start();
    expect(trainer.currentState).toBe('finished');
    expect(events.filter((e) => e.state === 'running').map((e) => e.step)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(events.at(-1)).toMatchObject({ state: 'finished', step: 30, backend: 'cpu' });
    expect(events.at(-1)!.losses.loss).toBeLessThan(events[0]!.losses.loss!);
    expect(events.at(-2)!.stepsPerSecond).toBeGreaterThan(0);
    expect(checkpoints).toEqual([10, 20, 30]);
    trainer.dispose();
  });

  it('pauses, steps once, resumes and stops', async () => {
    const checkpoints: number[] = [];
    const trainer: Trainer = new Trainer(meanModel(), data, {
      totalSteps: 1000,
      onCheckpoint: async (step) => void checkpoints.push(step),
      onProgress: (e) => {
        if (e.step === 5 && e.state === 'running') void trainer.pause();
      },
    });
    await trainer.start();
    expect(trainer.currentState).toBe('paused');
    expect(trainer.currentStep).toBe(5);
    expect(checkpoints).toEqual([5]); // a checkpoint on pause
    await trainer.stepOnce();
    expect(trainer.currentStep).toBe(6);
    const running = trainer.resume();
    await new Promise((r) => setTimeout(r, 50));
    await trainer.stop();
    await running;
    expect(trainer.currentState).toBe('stopped');
    expect(trainer.currentStep).toBeGreaterThan(6);
    trainer.dispose();
  });

  it('restores the last good weights and pauses when a loss is not finite', async () => {
    const model = meanModel(13);
    const events: ProgressEvent[] = [];
    const trainer = new Trainer(model, data, { totalSteps: 40, guardEvery: 5, onProgress: (e) => events.push(e) });
    await trainer.start();
    const notice = events.find((e) => e.notice);
    expect(notice?.notice).toMatch(/step 13: the loss loss became NaN; the weights of step 10 were restored/);
    expect(trainer.currentState).toBe('paused');
    expect(trainer.currentStep).toBe(10);
    expect(Number.isFinite(model.stores.model!.variable('w')!.dataSync()[0]!)).toBe(true);
    await trainer.resume(); // and it goes on from there
    expect(trainer.currentStep).toBe(40);
    trainer.dispose();
  });

  it('leaks no tensors over hundreds of steps', async () => {
    const counts: number[] = [];
    const trainer = new Trainer(meanModel(), data, { totalSteps: 300, guardEvery: 25, onProgress: (e) => counts.push(e.memory.numTensors) });
    await trainer.start();
    expect(counts[299]).toBe(counts[49]);
    trainer.dispose();
  });
});
