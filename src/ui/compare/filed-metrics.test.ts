import { describe, expect, it } from 'vitest';
import type { Scorecard } from '../../core/metrics/evaluation';
import type { SampleRun } from '../generate/store';
import { filedMetrics } from './filed-metrics';

const scorecard: Scorecard = {
  count: 20,
  crystals: 18,
  failed: 2,
  structural: 0.85,
  compositional: 0.8,
  valid: 0.75,
  uniqueness: 0.9,
  novelty: 0.6,
  spaceGroupAgreement: 0.5,
  coverage: { recall: 0.4, precision: 0.7, structureCutoff: 0.2, compositionCutoff: 4 },
  emd: { density: 0.1, elements: 0.2, atoms: 0.3 },
};

const run: SampleRun = {
  id: 'run-1',
  label: 'Diffusion (small) at step 300, DDIM 50 steps',
  model: { kind: 'diffusion', preset: 'small', seed: 1, step: 300, libraryId: 'm1' },
  settings: { count: 20, sampler: 'ddim', steps: 50, seed: 7, clustering: 'auto', elements: 'training' },
  normalization: { lengthBound: 10 },
  createdAt: 0,
  state: 'done',
  tensors: [],
  decoded: [],
};

describe('the metrics Compare files with a library model', () => {
  it("are the scorecard's shares over every sample, at the run's step, against the loaded crystals and cutoffs", () => {
    expect(filedMetrics(run, scorecard, 3787, 'perov_5 (0.2 / 4)')).toEqual({
      id: 'm1',
      metrics: { samples: 20, valid: 0.75, unique: 0.9, novel: 0.6, covR: 0.4, covP: 0.7 },
      at: { step: 300, against: '3787 crystals loaded, perov_5 (0.2 / 4) cutoffs' },
    });
  });

  it('are none for the untrained baseline, a run cut short or failed, or a run without a library model', () => {
    expect(filedMetrics({ ...run, settings: { ...run.settings, untrained: true } }, scorecard, 10, 'own')).toBeUndefined();
    expect(filedMetrics({ ...run, state: 'cancelled' }, scorecard, 10, 'own')).toBeUndefined();
    expect(filedMetrics({ ...run, state: 'failed' }, scorecard, 10, 'own')).toBeUndefined();
    expect(filedMetrics({ ...run, model: { kind: 'diffusion', preset: 'small', seed: 1, step: 300 } }, scorecard, 10, 'own')).toBeUndefined();
  });
});
