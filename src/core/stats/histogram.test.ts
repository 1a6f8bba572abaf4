import { describe, expect, it } from 'vitest';
import { histogramPair, histogramSet } from './histogram';

describe('histogramSet: several generated runs on the edges of all samples pooled', () => {
  // numpy 2.4: pooled = concatenate([real, a, b]); histogram_bin_edges(pooled, 'fd') has 9 bins, clamped to 10;
  // edges = linspace(2.0, 9.0, 11); histogram(sample, edges) and histogram(sample, edges, density=True).
  const real = [3.1, 3.4, 3.9, 4.0, 4.2, 4.4, 5.0, 5.1, 5.8, 6.3, 3.3, 4.1];
  const a = [2.0, 3.5, 3.6, 4.8, 7.2];
  const b = [4.0, 4.05, 4.1, 4.15, 9.0, 4.2];
  const set = histogramSet(real, [a, b]);

  it('matches numpy.histogram for every sample', () => {
    expect(set.rule).toBe('freedman-diaconis');
    const edges = [2.0, 2.7, 3.4, 4.1, 4.8, 5.5, 6.2, 6.9, 7.6, 8.3, 9.0];
    set.edges.forEach((e, i) => expect(e).toBeCloseTo(edges[i]!, 12));
    expect(Array.from(set.real.counts)).toEqual([0, 2, 3, 3, 2, 1, 1, 0, 0, 0]);
    expect(Array.from(set.generated[0]!.counts)).toEqual([1, 0, 2, 0, 1, 0, 0, 1, 0, 0]);
    expect(Array.from(set.generated[1]!.counts)).toEqual([0, 0, 2, 3, 0, 0, 0, 0, 0, 1]);
    const densityB = [0, 0, 0.47619047619047633, 0.7142857142857141, 0, 0, 0, 0, 0, 0.23809523809523833];
    set.generated[1]!.density.forEach((d, i) => expect(d).toBeCloseTo(densityB[i]!, 12));
  });

  it('is histogramPair when there is one run, and bins an empty run as zeros', () => {
    const pair = histogramPair(real, a);
    const one = histogramSet(real, [a]);
    expect(Array.from(one.edges)).toEqual(Array.from(pair.edges));
    expect(Array.from(one.generated[0]!.counts)).toEqual(Array.from(pair.generated.counts));
    const withEmpty = histogramSet(real, [[], a]);
    expect(withEmpty.generated[0]!.binned).toBe(0);
    expect(Array.from(withEmpty.generated[0]!.density).every((d) => d === 0)).toBe(true);
  });
});
