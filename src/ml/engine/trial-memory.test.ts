/** The remembered-trial policy: a known shape starts at once on its fastest backend, an unknown one is timed aside. */
import { describe, expect, it } from 'vitest';
import type { TrainingTrial } from './backend-trial';
import { modelConfig } from './factory';
import { type Device, InMemoryTrials, mergeTrials, moveAfterTrial, planTrial, trialKey, type TrialSituation } from './trial-memory';

const device: Device = { userAgent: 'chromium', cores: 2, backends: ['webgpu', 'webgl', 'wasm', 'cpu'] };
const config = modelConfig({ kind: 'gan', preset: 'tiny', seed: 1, batchSize: 4, normalization: { lengthBound: 9 } });
const tiny: TrialSituation = { config, parameters: 60_000, current: 'webgpu', available: ['webgpu', 'webgl', 'wasm', 'cpu'], pinned: false };
const trial: TrainingTrial = { fastest: 'wasm', ms: { wasm: 40, webgl: 280, webgpu: 500, cpu: 157 }, summary: '' };

describe('remembered backend trials', () => {
  it('key on the device and the network shape, not the seed or the bounds', () => {
    const other = modelConfig({ kind: 'gan', preset: 'tiny', seed: 9, batchSize: 4, normalization: { lengthBound: 30 } });
    expect(trialKey(device, other)).toBe(trialKey(device, config));
    expect(trialKey(device, { ...config, batchSize: 8 })).not.toBe(trialKey(device, config));
    expect(trialKey(device, modelConfig({ kind: 'gan', preset: 'tiny', seed: 1, batchSize: 4, normalization: { lengthBound: 9 }, hyper: { generatorWidth: 99 } }))).not.toBe(trialKey(device, config));
    expect(trialKey({ ...device, cores: 16 }, config)).not.toBe(trialKey(device, config));
  });

  it('time an unknown shape aside on every backend (small models) or on the current one (large or pinned)', () => {
    expect(planTrial(tiny, undefined)).toEqual({ measure: tiny.available });
    expect(planTrial({ ...tiny, parameters: 4_300_000 }, undefined)).toEqual({ measure: ['webgpu'] });
    expect(planTrial({ ...tiny, pinned: true }, undefined)).toEqual({ measure: ['webgpu'] });
  });

  it('move a known shape to its fastest backend at once, with nothing left to time', () => {
    expect(planTrial(tiny, trial)).toEqual({ remembered: trial, moveTo: 'wasm', measure: [] });
    expect(planTrial({ ...tiny, pinned: true }, trial)).toEqual({ remembered: trial, measure: [] });
    // The fastest remembered backend is missing here: stay, and time the current one if it never was.
    const elsewhere: TrainingTrial = { fastest: 'wasm', ms: { wasm: 40 }, summary: '' };
    expect(planTrial({ ...tiny, available: ['webgl', 'cpu'], current: 'webgl' }, elsewhere)).toEqual({ remembered: elsewhere, measure: ['webgl', 'cpu'] });
  });

  it('merge new figures into old ones and move only a model that has taken no step', async () => {
    const merged = mergeTrials({ fastest: 'webgl', ms: { webgl: 280 }, summary: '' }, { fastest: 'cpu', ms: { cpu: 157 }, summary: '' });
    expect(merged).toEqual({ fastest: 'cpu', ms: { webgl: 280, cpu: 157 }, summary: 'one training step: cpu 157 ms, webgl 280 ms' });
    expect(moveAfterTrial(trial, tiny, 0)).toBe('wasm');
    expect(moveAfterTrial(trial, tiny, 3)).toBeUndefined();
    expect(moveAfterTrial(trial, { ...tiny, pinned: true }, 0)).toBeUndefined();
    const memory = new InMemoryTrials();
    await memory.remember('k', merged);
    expect(await memory.recall('k')).toEqual(merged);
    expect(await memory.recall('other')).toBeUndefined();
  });
});
