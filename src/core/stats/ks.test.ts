/**
 * K–S, Wasserstein and histograms against scipy 1.10.1 / numpy 1.24.2 (goldens/stats-scipy.json, made by
 * goldens/make_stats_goldens.py), plus properties that hold whatever scipy says.
 *
 * Tolerances. D: 1e-12 relative (it is i/n − j/m or h/lcm, so in practice bit-identical). p-value: 1e-9
 * relative, or 1e-15 absolute for p-values that tiny. The exact paths repeat scipy's operations in scipy's
 * order; the asymptotic path differs from scipy in summation order (BLAS matrix products, numpy's pairwise
 * sums, 80-bit long double rescaling in _kolmogn_DMTW) and in libm, which moves p by ~1e-14 relative at most.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../testing/corpus';
import { histogramPair, type HistogramOptions } from './histogram';
import { kolmogorovSf, ksTwoSample, smirnovSf } from './ks';
import { wasserstein1 } from './wasserstein';

interface KsCase {
  name: string;
  n: number;
  m: number;
  x: number[];
  y: number[];
  statistic: number;
  pvalue: number;
  method: 'exact' | 'asymp';
  wasserstein: number;
}

interface Golden {
  scipy: string;
  ks_cases: KsCase[];
  kstwo_sf: { n: number; x: number; sf: number; branch: string }[];
  smirnov: { n: number; x: number; sf: number }[];
  histograms: {
    name: string;
    real: number[];
    generated: number[];
    options: { bins?: number; range?: [number, number]; integer?: boolean };
    edges: number[];
    real_counts: number[];
    generated_counts: number[];
    real_density: number[];
    generated_density: number[];
  }[];
}

const golden: Golden = JSON.parse(readFileSync(resolve(REPO_ROOT, 'goldens/stats-scipy.json'), 'utf8'));

const STAT_RTOL = 1e-12;
const P_RTOL = 1e-9;
const P_ATOL = 1e-15;

function expectClose(actual: number, expected: number, rtol: number, atol: number, what: string): void {
  const err = Math.abs(actual - expected);
  const ok = err <= atol || err <= rtol * Math.abs(expected) || (Number.isNaN(actual) && Number.isNaN(expected));
  expect(ok, `${what}: got ${actual}, scipy ${expected} (|Δ| = ${err.toExponential(2)})`).toBe(true);
}

/** Largest relative difference seen per quantity, printed once so the achieved tolerance is on record. */
const worst: Record<string, number> = {};
function track(key: string, actual: number, expected: number): void {
  const rel = expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
  worst[key] = Math.max(worst[key] ?? 0, rel);
}

describe('ksTwoSample matches scipy.stats.ks_2samp', () => {
  it('has the golden cases', () => {
    expect(golden.scipy).toBe('1.10.1');
    expect(golden.ks_cases.length).toBeGreaterThanOrEqual(40);
  });

  for (const c of golden.ks_cases) {
    it(`${c.name} (n=${c.n}, m=${c.m}, ${c.method})`, () => {
      const r = ksTwoSample(c.x, c.y);
      expect(r.n).toBe(c.n);
      expect(r.m).toBe(c.m);
      expect(r.method).toBe(c.method);
      expectClose(r.statistic, c.statistic, STAT_RTOL, 0, 'statistic');
      expectClose(r.pvalue, c.pvalue, P_RTOL, P_ATOL, 'p-value');
      track('statistic', r.statistic, c.statistic);
      if (c.pvalue > P_ATOL) track(`pvalue ${c.method}`, r.pvalue, c.pvalue);
    });
  }

  it('records the worst relative differences', () => {
    console.info('ks worst relative differences vs scipy:', worst);
  });
});

describe('the Kolmogorov distributions behind the asymptotic p-value', () => {
  it('kolmogorovSf(n, x) = scipy.stats.kstwo.sf(x, n) on every branch of _kolmogn', () => {
    let maxRel = 0;
    for (const g of golden.kstwo_sf) {
      const sf = kolmogorovSf(g.n, g.x);
      expectClose(sf, g.sf, P_RTOL, P_ATOL, `kstwo n=${g.n} x=${g.x} (${g.branch})`);
      if (g.sf > P_ATOL) maxRel = Math.max(maxRel, Math.abs(sf - g.sf) / g.sf);
    }
    console.info(`kstwo.sf: ${golden.kstwo_sf.length} points, worst relative difference ${maxRel.toExponential(2)}`);
  });

  it('smirnovSf(n, x) = scipy.special.smirnov(n, x)', () => {
    let maxRel = 0;
    for (const g of golden.smirnov) {
      const sf = smirnovSf(g.n, g.x);
      expectClose(sf, g.sf, P_RTOL, P_ATOL, `smirnov n=${g.n} x=${g.x}`);
      if (g.sf > P_ATOL) maxRel = Math.max(maxRel, Math.abs(sf - g.sf) / g.sf);
    }
    console.info(`smirnov: ${golden.smirnov.length} points, worst relative difference ${maxRel.toExponential(2)}`);
  });
});

describe('ksTwoSample properties', () => {
  const sample = fc.array(fc.integer({ min: -20, max: 20 }).map((v) => v / 4), { minLength: 1, maxLength: 60 });

  it('is symmetric in x and y, with D and p in [0, 1]', () => {
    fc.assert(
      fc.property(sample, sample, (x, y) => {
        const xy = ksTwoSample(x, y);
        const yx = ksTwoSample(y, x);
        expect(yx.statistic).toBe(xy.statistic);
        expect(yx.pvalue).toBe(xy.pvalue);
        expect(yx.method).toBe(xy.method);
        expect(xy.statistic).toBeGreaterThanOrEqual(0);
        expect(xy.statistic).toBeLessThanOrEqual(1);
        expect(xy.pvalue).toBeGreaterThanOrEqual(0);
        expect(xy.pvalue).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });

  it('gives D = 0 and p = 1 for identical samples, whatever their order', () => {
    const x = [3, 1, 2, 2, 5, 4];
    expect(ksTwoSample(x, [...x].reverse())).toEqual({ statistic: 0, pvalue: 1, method: 'exact', n: 6, m: 6 });
  });

  it('refuses empty samples and NaN with a RangeError', () => {
    expect(() => ksTwoSample([], [1])).toThrow(RangeError);
    expect(() => ksTwoSample([1], [])).toThrow(/sample y is empty/);
    expect(() => ksTwoSample([1, Number.NaN], [1])).toThrow(/NaN/);
  });
});

describe('wasserstein1 matches scipy.stats.wasserstein_distance', () => {
  it('on every golden case', () => {
    let maxRel = 0;
    for (const c of golden.ks_cases) {
      const w = wasserstein1(c.x, c.y);
      expectClose(w, c.wasserstein, 1e-12, 1e-15, `${c.name} wasserstein`);
      if (c.wasserstein > 0) maxRel = Math.max(maxRel, Math.abs(w - c.wasserstein) / c.wasserstein);
    }
    console.info(`wasserstein: worst relative difference ${maxRel.toExponential(2)}`);
  });

  it('is the shift between a sample and its translate, and refuses empty input', () => {
    expect(wasserstein1([0, 1, 3], [2.5, 3.5, 5.5])).toBeCloseTo(2.5, 14);
    expect(wasserstein1([1, 2, 3], [3, 2, 1])).toBe(0);
    expect(() => wasserstein1([], [1])).toThrow(RangeError);
    expect(() => wasserstein1([1], [Infinity])).toThrow(RangeError);
  });
});

describe('histogramPair matches numpy.histogram on the documented bin rule', () => {
  for (const h of golden.histograms) {
    it(h.name, () => {
      const options: HistogramOptions = h.options;
      const got = histogramPair(h.real, h.generated, options);
      expect(got.edges.length).toBe(h.edges.length);
      got.edges.forEach((e, i) => expectClose(e, h.edges[i]!, 1e-14, 1e-14, `edge ${i}`));
      expect(Array.from(got.real.counts)).toEqual(h.real_counts);
      expect(Array.from(got.generated.counts)).toEqual(h.generated_counts);
      got.real.density.forEach((d, i) => expectClose(d, h.real_density[i]!, 1e-12, 0, `real density ${i}`));
      got.generated.density.forEach((d, i) => expectClose(d, h.generated_density[i]!, 1e-12, 0, `gen density ${i}`));
      expect(got.real.binned + got.real.outside).toBe(h.real.length);
      expect(got.rule).toBe(options.integer ? 'integer' : options.bins ? 'fixed' : 'freedman-diaconis');
    });
  }

  it('bins integers one per value and reports what it left out', () => {
    const got = histogramPair([1, 2, 2, 230, Number.NaN], [2, 3], { integer: true, range: [1, 3] });
    expect(Array.from(got.edges)).toEqual([0.5, 1.5, 2.5, 3.5]);
    expect(Array.from(got.centers)).toEqual([1, 2, 3]);
    expect(Array.from(got.real.counts)).toEqual([1, 2, 0]);
    expect(got.real.outside).toBe(2);
    expect(Array.from(got.generated.density)).toEqual([0, 0.5, 0.5]);
  });

  it('widens a zero-width range and keeps the bin count within [10, 60]', () => {
    const flat = histogramPair([2, 2, 2], [2]);
    expect(flat.edges[0]).toBe(1.5);
    expect(flat.edges[flat.edges.length - 1]).toBe(2.5);
    expect(flat.edges.length - 1).toBe(10);
    expect(() => histogramPair([], [])).toThrow(RangeError);
    expect(() => histogramPair([1], [2], { bins: 0 })).toThrow(RangeError);
  });
});
