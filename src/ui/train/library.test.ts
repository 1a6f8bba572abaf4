/** The Train panel's view of the model library: a new model's name and dataset, and the runs the loss chart overlays. */
import { describe, expect, it } from 'vitest';
import type { ModelEntry } from '../../ml/engine/model-library';
import { chartRuns, newModelAbout } from './library';

const entry = (id: string, name: string): ModelEntry => ({ id, name, kind: 'gan', preset: 'tiny', steps: 10, dataset: '138 crystals', origin: 'created', createdAt: 1 });
const history = (loss: number) => [{ step: 1, losses: { generator: loss } }];

describe('the model library in the Train panel', () => {
  it("names a new model by its family and preset, and its dataset by the crystals and the length bound", () => {
    expect(newModelAbout('wgan', 'tiny', { crystals: 138, skipped: [], lengthBound: 9.2 })).toEqual({ name: 'WGAN-GP tiny', dataset: '138 crystals, lengths up to 9.2 Å' });
    expect(newModelAbout('diffusion', 'small', undefined)).toEqual({ name: 'Diffusion small', dataset: 'no crystals' });
  });

  it('draws the open model first, then the ticked models in library order, none twice and none deleted', () => {
    const library = [entry('a', 'GAN 1'), entry('b', 'GAN 2'), entry('c', 'GAN 3')];
    const runs = chartRuns(library, { id: 'b', history: history(1) }, { c: history(3), a: history(2), b: history(9), gone: history(4) });
    expect(runs.map((r) => [r.id, r.name, r.history[0]!.losses.generator])).toEqual([
      ['b', 'GAN 2', 1],
      ['a', 'GAN 1', 2],
      ['c', 'GAN 3', 3],
    ]);
  });

  it('draws the open model alone, under a plain name, before it is listed', () => {
    expect(chartRuns([], { history: history(1) }, {})).toEqual([{ id: '', name: 'current model', history: history(1) }]);
  });
});
