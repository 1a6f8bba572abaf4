import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CrystalDataset } from '../../core/crystens/dataset';
import { encodeBatch } from '../../core/crystens/dataset';
import { perovDataset } from '../testing/perov';
import { trialTrainingStep } from './backend-trial';
import { modelConfig } from './factory';

let dataset: CrystalDataset;
beforeAll(async () => {
  await tf.setBackend('cpu');
  dataset = await perovDataset(8);
});

describe('the per-model backend trial', () => {
  it('times a training step where the model can train, leaves out where it cannot, and goes home after', async () => {
    const config = modelConfig({ kind: 'gan', preset: 'tiny', normalization: dataset.normalization, batchSize: 4 });
    const batch = encodeBatch(dataset, [0, 1, 2, 3]);
    const before = tf.memory().numTensors;
    // A backend that is not there is no candidate.
    const trial = await trialTrainingStep(config, batch, ['no-such-backend' as 'cpu', 'cpu']);
    expect(trial.fastest).toBe('cpu');
    expect(Object.keys(trial.ms)).toEqual(['cpu']);
    expect(trial.ms.cpu).toBeGreaterThan(0);
    expect(trial.summary).toMatch(/^one training step: cpu \d+ ms$/);
    expect(tf.getBackend()).toBe('cpu');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('says so when no backend can run the model', async () => {
    const config = modelConfig({ kind: 'gan', preset: 'tiny', normalization: dataset.normalization, batchSize: 4 });
    await expect(trialTrainingStep(config, encodeBatch(dataset, [0, 1, 2, 3]), ['no-such-backend' as 'cpu'])).rejects.toThrow(/no backend could run/);
    expect(tf.getBackend()).toBe('cpu');
  });
});
