/**
 * Uniqueness and novelty against the same loops run with pymatgen's StructureMatcher on real crystals
 * (goldens/structure-matcher-pymatgen.json): carbon_24, perov_5 and mp_40 slices, whose duplicates pymatgen found.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initMoyoNode } from '../symmetry/moyo-node';
import { datasetRows, loadMatcherGoldens, type MatcherGoldens, type RowRange } from '../testing/matcher-goldens';
import { novelty, reduceCrystals, uniqueness, type Comparable } from './uniqueness';

let goldens: MatcherGoldens;
let slice: (r: RowRange) => Comparable[];

beforeAll(async () => {
  await initMoyoNode();
  goldens = loadMatcherGoldens();
  const cache = new Map<string, Comparable[]>();
  slice = (r) => {
    const key = `${r.dataset}:${r.rows.join('-')}`;
    if (!cache.has(key)) {
      const indices = Array.from({ length: r.rows[1] - r.rows[0] }, (_, i) => r.rows[0] + i);
      const rows = datasetRows(goldens, r.dataset, indices);
      cache.set(key, reduceCrystals(indices.map((i) => rows.get(i)!)));
    }
    return cache.get(key)!;
  };
}, 60_000);

describe('uniqueness and novelty against pymatgen', () => {
  it('finds the unique crystals pymatgen finds', () => {
    for (const g of goldens.uniqueness) {
      const result = uniqueness(slice(g));
      expect({ name: g.name, unique: result.unique }).toEqual({ name: g.name, unique: g.unique });
      expect(result.share).toBeCloseTo(g.unique.length / (g.rows[1] - g.rows[0]), 12);
      expect(result.incomparable).toEqual([]);
    }
  }, 300_000);

  it('finds the novel crystals pymatgen finds', () => {
    for (const g of goldens.novelty) {
      const result = novelty(slice(g.generated), slice(g.training));
      expect({ name: g.name, unique: result.unique, novel: result.novel }).toEqual({ name: g.name, unique: g.unique, novel: g.novel });
    }
  }, 300_000);

  it('has goldens with duplicates and with known crystals in them', () => {
    expect(goldens.uniqueness.some((g) => g.unique.length < g.rows[1] - g.rows[0])).toBe(true);
    expect(goldens.novelty.some((g) => g.novel.length < g.unique.length)).toBe(true);
  });

  it('counts a crystal without sites as neither unique nor novel', () => {
    const [first] = slice(goldens.uniqueness[0]!);
    const set = [first!, null, first!];
    expect(uniqueness(set)).toEqual({ count: 3, unique: [0], share: 1 / 3, incomparable: [1] });
    expect(novelty(set, [])).toMatchObject({ unique: [0], novel: [0], share: 1, shareOfAll: 1 / 3 });
    expect(novelty(set, [first!])).toMatchObject({ novel: [], share: 0 });
  });
});
