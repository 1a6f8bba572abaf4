/**
 * Published ab initio generation figures to set beside a model trained in the studio (../shared/docs/evaluation.md:
 * DiffCSP Table 4, CrysLLMGen Table 2, UniMat). These are models trained on the full CDVAE splits with the same
 * definitions; `undefined` where the paper gives no figure.
 */
import type { COVERAGE_CUTOFFS } from './coverage';

export interface PublishedScore {
  readonly dataset: Exclude<keyof typeof COVERAGE_CUTOFFS, 'own'>;
  readonly source: string;
  readonly structural?: number;
  /** A range where papers differ (perov_5: 98.6–98.9 %). */
  readonly compositional?: readonly [number, number];
  readonly coverageRecall?: number;
  readonly coveragePrecision?: number;
  readonly emdDensity?: number;
  readonly emdElements?: number;
}

export const PUBLISHED_SCORES: readonly PublishedScore[] = [
  {
    dataset: 'perov_5', source: 'DiffCSP (Jiao et al. 2023) Table 4; CrysLLMGen Table 2', structural: 1, compositional: [0.986, 0.989],
    coverageRecall: 0.997, coveragePrecision: 0.988, emdDensity: 0.066, emdElements: 0.004,
  },
  {
    dataset: 'carbon_24', source: 'DiffCSP (Jiao et al. 2023) Table 4', structural: 1,
    coverageRecall: 0.999, coveragePrecision: 0.973, emdDensity: 0.08,
  },
  {
    dataset: 'mp_20', source: 'UniMat; CrysLLMGen Table 2', structural: 1, compositional: [0.936, 0.936],
    coverageRecall: 0.998, coveragePrecision: 0.998, emdDensity: 0.088, emdElements: 0.056,
  },
];
