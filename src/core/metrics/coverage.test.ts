import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../testing/corpus';
import { COVERAGE_CUTOFFS, coverage, type CrystalFingerprints } from './coverage';

/** goldens/coverage-cdvae.json, made by goldens/make_coverage_goldens.py (CDVAE's compute_cov with scipy's cdist). */
interface Case {
  name: string;
  cutoffs: { structure: number; composition: number };
  generated: ({ structure: number[]; composition: number[] } | null)[];
  reference: { structure: number[]; composition: number[] }[];
  cov_recall: number;
  cov_precision: number;
  amsd_recall: number;
  amsd_precision: number;
  amcd_recall: number;
  amcd_precision: number;
}
const golden = JSON.parse(readFileSync(resolve(REPO_ROOT, 'goldens/coverage-cdvae.json'), 'utf8')) as { cases: Case[] };
const typed = (f: { structure: number[]; composition: number[] }): CrystalFingerprints => ({ structure: Float64Array.from(f.structure), composition: Float64Array.from(f.composition) });

describe('coverage (CDVAE compute_cov)', () => {
  it.each(golden.cases)('equals CDVAE with scipy cdist: $name', (c) => {
    const got = coverage(c.generated.map((g) => (g === null ? null : typed(g))), c.reference.map(typed), c.cutoffs);
    expect(got.recall).toBe(c.cov_recall);
    expect(got.precision).toBe(c.cov_precision);
    expect(got.amsdRecall).toBeCloseTo(c.amsd_recall, 12);
    expect(got.amsdPrecision).toBeCloseTo(c.amsd_precision, 12);
    expect(got.amcdRecall).toBeCloseTo(c.amcd_recall, 12);
    expect(got.amcdPrecision).toBeCloseTo(c.amcd_precision, 12);
    expect(got.generated).toBe(c.generated.length);
    expect(got.fingerprinted).toBe(c.generated.filter((g) => g !== null).length);
    expect(c.cov_recall).toBeGreaterThan(0.1); // the golden sits between the extremes
    expect(c.cov_precision).toBeLessThan(0.9);
  });

  it('uses CDVAE’s cutoffs per data set, the MP pair for a researcher’s own data', () => {
    expect(COVERAGE_CUTOFFS.perov_5).toEqual({ structure: 0.2, composition: 4 });
    expect(COVERAGE_CUTOFFS.carbon_24).toEqual({ structure: 0.2, composition: 4 });
    expect(COVERAGE_CUTOFFS.mp_20).toEqual({ structure: 0.4, composition: 10 });
    expect(COVERAGE_CUTOFFS.own).toEqual(COVERAGE_CUTOFFS.mp_20);
  });

  it('counts generated crystals without fingerprints in COV-P, and gives zeros when none has one', () => {
    const one = { structure: Float64Array.of(0, 0), composition: Float64Array.of(1) };
    expect(coverage([one, null, null, null], [one], COVERAGE_CUTOFFS.perov_5)).toMatchObject({ recall: 1, precision: 0.25, fingerprinted: 1 });
    const none = coverage([null], [one], COVERAGE_CUTOFFS.perov_5);
    expect(none).toMatchObject({ recall: 0, precision: 0, generated: 1, fingerprinted: 0 });
    expect(none.amsdRecall).toBeNaN();
    expect(() => coverage([one], [{ structure: Float64Array.of(0), composition: Float64Array.of(1) }], COVERAGE_CUTOFFS.own)).toThrow(RangeError);
    const broken = { structure: Float64Array.of(NaN, 0), composition: Float64Array.of(1) };
    expect(coverage([one, broken], [one, broken, null], COVERAGE_CUTOFFS.perov_5)).toMatchObject({ recall: 1 / 3, precision: 0.5, amsdRecall: 0, fingerprinted: 2, reference: 3 });
  });
});
