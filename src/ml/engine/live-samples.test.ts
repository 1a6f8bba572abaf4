/**
 * Live samples in a real training run (the tiny diffusion model and the tiny GAN on perov_5, wasm backend): drawn
 * at every N-th step only, as CrysTens tensors in [0, 1], from the same noise at every draw (unchanged weights
 * give the same crystals), with their cost measured; settings out of range are refused.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CrystalDataset } from '../../core/crystens/dataset';
import { ENTRIES } from '../../core/crystens/layout';
import { perovDataset } from '../testing/perov';
import { onWasmBackend } from '../testing/wasm-backend';
import type { ModelKind } from '../types';
import { createModel, modelConfig } from './factory';
import { LiveSampler, type LiveSamples } from './live-samples';
import { Trainer } from './trainer';

let data: CrystalDataset;

beforeAll(async () => {
  data = await perovDataset(16);
});
onWasmBackend(); // after the dataset's hook, which sets the cpu backend

const model = (kind: ModelKind) => createModel(modelConfig({ kind, preset: 'tiny', normalization: data.normalization, batchSize: 2 }));

describe.each(['diffusion', 'gan'] as const)('live samples of the tiny %s', (kind) => {
  it('are drawn every N steps while training, as tensors in [0, 1], with their cost', async () => {
    const draws: LiveSamples[] = [];
    const m = model(kind);
    const trainer = new Trainer(m, data, { totalSteps: 20, live: new LiveSampler({ every: 10, count: 2 }, (s) => draws.push(s)) });
    await trainer.start();
    expect(draws.map((d) => d.step)).toEqual([10, 20]);
    for (const d of draws) {
      expect(d.count).toBe(2);
      expect(d.tensors).toHaveLength(2 * ENTRIES);
      expect(Math.min(...d.tensors)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...d.tensors)).toBeLessThanOrEqual(1);
      expect(d.ms).toBeGreaterThan(0);
      expect(d.share).toBeGreaterThan(0);
      expect(d.share).toBeLessThan(1);
    }
    // Training moved the weights between the draws, so the crystals differ.
    expect(draws[1]!.tensors).not.toEqual(draws[0]!.tensors);
    trainer.dispose();
    m.dispose();
  }, 120_000);

  it('come from the same noise at every draw', async () => {
    const draws: LiveSamples[] = [];
    const m = model(kind);
    const live = new LiveSampler({ every: 10, count: 2 }, (s) => draws.push(s));
    await live.afterStep(m, 10, 5);
    await live.afterStep(m, 15, 5); // not a multiple of 10: nothing
    await live.afterStep(m, 20, 5);
    expect(draws.map((d) => d.step)).toEqual([10, 20]);
    expect(draws[1]!.tensors).toEqual(draws[0]!.tensors);
    m.dispose();
  }, 60_000);
});

describe('LiveSampler settings', () => {
  it('draws nothing when off, and refuses settings out of range', async () => {
    const draws: LiveSamples[] = [];
    const off = new LiveSampler({ every: 0, count: 4 }, (s) => draws.push(s));
    await off.afterStep(model('gan'), 100, 5);
    expect(draws).toEqual([]);
    expect(() => new LiveSampler({ every: 5, count: 4 }, () => {})).toThrow(/every 10–10000 steps/);
    expect(() => new LiveSampler({ every: 100, count: 0 }, () => {})).toThrow(/1–16 crystals/);
    expect(() => new LiveSampler({ every: 100.5, count: 4 }, () => {})).toThrow(/not every 100.5/);
    // Switched on mid-run: the next multiple of `every` draws.
    off.configure({ every: 10, count: 1 });
    await off.afterStep(model('gan'), 110, 5);
    expect(draws.map((d) => [d.step, d.count])).toEqual([[110, 1]]);
    expect(() => off.configure({ every: 10, count: 17 })).toThrow(/1–16 crystals/);
  });
});
