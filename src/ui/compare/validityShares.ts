/**
 * The shares of a `SetValidity` with the counts behind them, for a table that says "98.2 % (982 of 1000)".
 * Novelty is a share of the unique crystals, not of all generated ones (see src/core/metrics/validity.ts).
 */
import type { SetValidity } from '../../core/metrics/validity';

export const VALIDITY_MEASURES = ['structural', 'compositional', 'uniqueness', 'novelty', 'spaceGroupAgreement'] as const;
export type ValidityMeasure = (typeof VALIDITY_MEASURES)[number];

export interface Share {
  /** In [0, 1]. */
  readonly share: number;
  /** How many crystals pass. */
  readonly count: number;
  /** Out of how many. */
  readonly of: number;
}

export function validityShares(validity: SetValidity): Record<ValidityMeasure, Share> {
  const counted = (share: number, total: number): Share => ({ share, count: Math.round(share * total), of: total });
  const all = validity.count;
  const unique = Math.round(validity.uniqueness * all);
  return {
    structural: counted(validity.structural, all),
    compositional: counted(validity.compositional, all),
    uniqueness: counted(validity.uniqueness, all),
    novelty: counted(validity.novelty, unique),
    spaceGroupAgreement: counted(validity.spaceGroupAgreement, all),
  };
}
