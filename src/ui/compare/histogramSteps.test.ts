import { describe, expect, it } from 'vitest';
import { histogramSet } from '../../core/stats/histogram';
import { histogramSteps, peakDensity } from './histogramSteps';

describe('histogramSteps', () => {
  it('puts one point per bin centre and closes the outline at the outer edges, for every run', () => {
    // Integer bins 1, 2, 3 (edges 0.5 … 3.5). Real 1, 2, 2, 3 has densities 1/4, 1/2, 1/4; run A (3, 3) has 0, 0, 1;
    // run B (1, 2) has 1/2, 1/2, 0.
    const steps = histogramSteps(histogramSet([1, 2, 2, 3], [[3, 3], [1, 2]], { integer: true }));
    expect(steps.map((s) => s.x)).toEqual([0.5, 1, 2, 3, 3.5]);
    expect(steps.map((s) => s.real)).toEqual([0.25, 0.25, 0.5, 0.25, 0.25]);
    expect(steps.map((s) => s.generated)).toEqual([[0, 0.5], [0, 0.5], [0, 0.5], [1, 0], [1, 0]]);
    expect(steps.map((s) => [s.lo, s.hi])).toEqual([[0.5, 1.5], [0.5, 1.5], [1.5, 2.5], [2.5, 3.5], [2.5, 3.5]]);
    expect(steps.map((s) => [s.realCount, ...s.generatedCounts])).toEqual([[1, 0, 1], [1, 0, 1], [2, 0, 1], [1, 2, 0], [1, 2, 0]]);
    expect(peakDensity(steps)).toBe(1);
  });

  it('changes value at the bin edges when drawn as a midpoint step', () => {
    // Four equal bins over [0, 2]: each midpoint between neighbouring centres is a shared edge.
    const h = histogramSet([0, 0.6, 1.1, 2], [[0.2, 1.9]], { bins: 4 });
    const xs = histogramSteps(h).map((s) => s.x);
    expect(xs).toEqual([0, 0.25, 0.75, 1.25, 1.75, 2]);
    for (let i = 1; i < xs.length - 2; i++) expect((xs[i]! + xs[i + 1]!) / 2).toBeCloseTo(h.edges[i]!, 12);
  });
});
