import { describe, expect, it } from 'vitest';
import { validityShares } from './validityShares';

describe('validityShares', () => {
  it('counts novelty among the unique crystals and the rest among all of them', () => {
    const shares = validityShares({
      count: 1000, structural: 0.982, compositional: 0.871, uniqueness: 0.9, novelty: 0.5, spaceGroupAgreement: 0.314,
    });
    expect(shares).toEqual({
      structural: { share: 0.982, count: 982, of: 1000 },
      compositional: { share: 0.871, count: 871, of: 1000 },
      uniqueness: { share: 0.9, count: 900, of: 1000 },
      novelty: { share: 0.5, count: 450, of: 900 },
      spaceGroupAgreement: { share: 0.314, count: 314, of: 1000 },
    });
  });

  it('gives zero counts for an empty set', () => {
    const shares = validityShares({ count: 0, structural: 0, compositional: 0, uniqueness: 0, novelty: 0, spaceGroupAgreement: 0 });
    expect(Object.values(shares).every((s) => s.count === 0 && s.of === 0)).toBe(true);
  });
});
