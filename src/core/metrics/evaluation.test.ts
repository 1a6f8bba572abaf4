/**
 * The scorecard assembles the metrics that their own tests check against pymatgen, matminer and CDVAE's code; here:
 * it counts failed tensors in every share, takes uniqueness from pymatgen's verdicts on real carbon_24 crystals
 * (goldens/structure-matcher-pymatgen.json), and gives a set scored against itself what it must: nothing novel,
 * full coverage, zero property distances.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Crystal } from '../crystal';
import { initMoyoNode } from '../symmetry/moyo-node';
import { datasetRows, loadMatcherGoldens } from '../testing/matcher-goldens';
import { COVERAGE_CUTOFFS } from './coverage';
import { EvaluationSet, scorecard } from './evaluation';

const FAILED = 25;
let carbon: Crystal[];
let pymatgenUnique: number;

beforeAll(async () => {
  await initMoyoNode();
  const goldens = loadMatcherGoldens();
  const g = goldens.uniqueness.find((u) => u.dataset === 'carbon24' && u.rows[0] === 0)!;
  const indices = Array.from({ length: 100 }, (_, i) => i);
  const rows = datasetRows(goldens, 'carbon24', indices);
  carbon = indices.map((i) => rows.get(i)!);
  pymatgenUnique = g.unique.filter((i) => i < 100).length;
});

describe('scorecard', () => {
  it('scores a set against itself, with failed tensors counted in every share', () => {
    const set = new EvaluationSet(carbon);
    const card = scorecard({ generated: set, reference: set, training: set, cutoffs: COVERAGE_CUTOFFS.carbon_24, failed: FAILED });
    const count = carbon.length + FAILED;
    expect(card).toMatchObject({ count, crystals: carbon.length, failed: FAILED, structural: carbon.length / count, compositional: carbon.length / count });
    expect(card.valid).toBe(carbon.length / count);
    // Uniqueness within carbon_24's first 100 rows is pymatgen's (the split repeats many structures).
    expect(pymatgenUnique).toBeLessThan(100);
    expect(card.uniqueness).toBe(pymatgenUnique / count);
    expect(card.novelty).toBe(0);
    expect(card.coverage).toMatchObject({ recall: 1, precision: carbon.length / count, structureCutoff: 0.2, compositionCutoff: 4 });
    expect(card.emd).toEqual({ density: 0, elements: 0, atoms: 0 });
  });
});
