/**
 * The figures bench/quality.ts prints for a set of generated CrysTens: decoded with the studio's own decoder
 * (decodeTensor with the studio's default clustering, automatic k), then the field's scorecard (src/core/metrics/evaluation.ts: validity,
 * StructureMatcher uniqueness and novelty, COV-R/COV-P with CDVAE's perov_5 cutoffs, EMD of density, elements and
 * atom counts) and what the scorecard does not hold: the share with the dataset's site count, the number of
 * distinct reduced formulas, and the K–S statistic of a, b, c against the reference crystals
 * (src/core/metrics/distributions.ts).
 */
import { composition, type Crystal } from '../src/core/crystal';
import { decodeTensor } from '../src/core/crystens/decode';
import { ENTRIES, type Normalization } from '../src/core/crystens/layout';
import { DEFAULT_CLUSTERING } from '../src/core/crystens/reconstruct';
import { COVERAGE_CUTOFFS } from '../src/core/metrics/coverage';
import { compareDistributions } from '../src/core/metrics/distributions';
import { EvaluationSet, type Scorecard, scorecard } from '../src/core/metrics/evaluation';

export interface QualityReport {
  readonly scorecard: Scorecard;
  /** Share of all samples whose crystal has the expected number of sites (perov_5: 5). */
  readonly expectedSites: number;
  /** Site count → samples, over the decoded ones. */
  readonly siteCounts: Readonly<Record<number, number>>;
  /** Distinct reduced formulas among the decoded crystals. */
  readonly formulas: number;
  /** K–S statistic D of a, b and c against the reference crystals (1 when nothing decoded). */
  readonly ks: { readonly a: number; readonly b: number; readonly c: number };
}

/** The crystals of `count` tensors laid out one after another, and how many gave none. */
export function decodeAll(tensors: Float32Array, count: number, normalization: Normalization): { crystals: Crystal[]; failed: number } {
  const crystals: Crystal[] = [];
  for (let i = 0; i < count; i++) {
    const d = decodeTensor(tensors.subarray(i * ENTRIES, (i + 1) * ENTRIES), normalization, DEFAULT_CLUSTERING, i, `sample ${i}`);
    if (d.ok) crystals.push(d.crystal);
  }
  return { crystals, failed: count - crystals.length };
}

export function qualityReport(
  decoded: { readonly crystals: readonly Crystal[]; readonly failed: number },
  expectedSites: number,
  reference: EvaluationSet,
  training: EvaluationSet,
): QualityReport {
  const { crystals, failed } = decoded;
  const samples = crystals.length + failed;
  const siteCounts: Record<number, number> = {};
  for (const c of crystals) siteCounts[c.sites.length] = (siteCounts[c.sites.length] ?? 0) + 1;
  const distributions = crystals.length > 0 ? compareDistributions(reference.crystals, crystals) : [];
  const ksOf = (property: 'a' | 'b' | 'c') => distributions.find((d) => d.property === property)?.ks.statistic ?? 1;
  return {
    scorecard: scorecard({ generated: new EvaluationSet(crystals), reference, training, cutoffs: COVERAGE_CUTOFFS.perov_5, failed }),
    expectedSites: samples === 0 ? 0 : (siteCounts[expectedSites] ?? 0) / samples,
    siteCounts,
    formulas: new Set(crystals.map(reducedFormula)).size,
    ks: { a: ksOf('a'), b: ksOf('b'), c: ksOf('c') },
  };
}

/** The formula divided by the greatest common divisor of its amounts, elements in alphabetical order. */
function reducedFormula(crystal: Crystal): string {
  const amounts = Object.entries(composition(crystal)).sort(([a], [b]) => a.localeCompare(b));
  const gcd = (x: number, y: number): number => (y === 0 ? x : gcd(y, x % y));
  const divisor = amounts.reduce((g, [, n]) => gcd(g, Math.round(n)), 0) || 1;
  return amounts.map(([el, n]) => `${el}${Math.round(n) / divisor}`).join(' ');
}
