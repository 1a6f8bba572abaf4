import { describe, expect, it } from 'vitest';
import type { Crystal } from '../crystal';
import { latticeFromParameters } from '../lattice';
import { foreignSize, siteCountsOf } from './site-counts';

const cell = (n: number): Crystal => ({
  source: `${n} sites`,
  lattice: latticeFromParameters({ a: 4, b: 4, c: 4, alpha: 90, beta: 90, gamma: 90 }),
  sites: Array.from({ length: n }, (_, i) => ({ element: 'O', Z: 8, frac: [i / n, 0, 0] as const, occupancy: 1, label: `O${i + 1}` })),
  spaceGroup: {},
  warnings: [],
});

describe('foreign sizes', () => {
  it('flags a one-atom cell among five-atom perovskites, and nothing of a size the set has', () => {
    const known = siteCountsOf([cell(5), cell(5)]);
    expect(foreignSize(cell(1), known)).toBe('1 site, where the training crystals have 5');
    expect(foreignSize(cell(5), known)).toBeUndefined();
  });

  it('names a range when the set has many sizes, and flags nothing without a training set', () => {
    expect(foreignSize(cell(3), siteCountsOf([6, 8, 10, 12, 24].map(cell)))).toBe('3 sites, where the training crystals have 6–24');
    expect(foreignSize(cell(3), new Set())).toBeUndefined();
  });
});
