/**
 * The field's ab initio generation scorecard (../shared/docs/evaluation.md; CDVAE's GenEval with MatterGen's
 * uniqueness and novelty): validity, uniqueness and novelty by StructureMatcher, coverage by CrystalNN and Magpie
 * fingerprints, and property distances — one object, computed the same way by the CLI, the crystal worker and the
 * quality benchmark.
 *
 * Where this departs from CDVAE's scripts, and why:
 * - Shares are over every generated tensor: a tensor that gave no crystal (`failed`) counts as invalid, not unique
 *   and not novel, as CDVAE counts a crystal that could not be constructed.
 * - The property distances use every valid crystal, not a random 1,000 of them: deterministic, and the same figure
 *   whenever the run holds at most 1,000 valid crystals.
 */
import type { Crystal } from '../crystal';
import { compositionFingerprint } from './composition-fingerprint';
import { type Coverage, type CoverageCutoffs, coverage, type CrystalFingerprints } from './coverage';
import { type PropertyDistances, propertyDistances } from './property-distances';
import { structureFingerprint } from './structure-fingerprint';
import { type Comparable, novelty, reduceCrystals } from './uniqueness';
import { isCompositionallyValid, isStructurallyValid } from './validity';

/**
 * A set of crystals with what the metrics need of it, computed once on first use and kept: a reference or training
 * set is prepared once and scored against many runs.
 */
export class EvaluationSet {
  private reducedCrystals?: readonly Comparable[];
  private crystalFingerprints?: readonly (CrystalFingerprints | null)[];

  constructor(readonly crystals: readonly Crystal[]) {}

  /** Primitive, Niggli-reduced crystals for the structure matcher (null where a crystal cannot be compared). */
  get reduced(): readonly Comparable[] {
    return (this.reducedCrystals ??= reduceCrystals(this.crystals));
  }

  /** Structure and composition fingerprints (null where CrystalNN fails, as CDVAE's fingerprint does). */
  get fingerprints(): readonly (CrystalFingerprints | null)[] {
    return (this.crystalFingerprints ??= this.crystals.map(fingerprintsOf));
  }
}

function fingerprintsOf(crystal: Crystal): CrystalFingerprints | null {
  try {
    return { structure: structureFingerprint(crystal), composition: compositionFingerprint(crystal) };
  } catch {
    // CrystalNN finds no neighbours or no closed Voronoi cell (atoms on top of each other, a vacuum cell):
    // CDVAE's try/except makes such a crystal fingerprint-less, and so does this.
    return null;
  }
}

export interface Scorecard {
  /** Generated tensors or crystals scored: `crystals` that exist plus `failed` that gave none. Shares are of this. */
  readonly count: number;
  readonly crystals: number;
  readonly failed: number;
  readonly structural: number;
  readonly compositional: number;
  /** Structurally and compositionally valid. */
  readonly valid: number;
  /** Share matching no earlier generated crystal. */
  readonly uniqueness: number;
  /** Share of the unique ones matching no training crystal. */
  readonly novelty: number;
  /** Share whose detected space group equals the one their tensor predicted (crystals without a prediction: no). */
  readonly spaceGroupAgreement: number;
  readonly coverage: Pick<Coverage, 'recall' | 'precision'> & { readonly structureCutoff: number; readonly compositionCutoff: number };
  /** W1 against the reference set, over the valid generated crystals. */
  readonly emd: Pick<PropertyDistances, 'density' | 'elements' | 'atoms'>;
}

export interface ScorecardInput {
  readonly generated: EvaluationSet;
  /** The reference for coverage and property distances (CDVAE: the test split). */
  readonly reference: EvaluationSet;
  /** The set for novelty (the honest one is the training split). */
  readonly training: EvaluationSet;
  readonly cutoffs: CoverageCutoffs;
  /** Generated tensors that gave no crystal. */
  readonly failed?: number;
}

export function scorecard({ generated, reference, training, cutoffs, failed = 0 }: ScorecardInput): Scorecard {
  const crystals = generated.crystals;
  const count = crystals.length + failed;
  const share = (k: number) => (count === 0 ? 0 : k / count);
  const structural = crystals.map(isStructurallyValid);
  const compositional = crystals.map(isCompositionallyValid);
  const valid = crystals.filter((_, i) => structural[i] && compositional[i]);
  const { unique, novel } = novelty(generated.reduced, training.reduced);
  const covered = coverage(
    [...generated.fingerprints, ...Array<null>(failed).fill(null)],
    reference.fingerprints.filter((f): f is CrystalFingerprints => f !== null),
    cutoffs,
  );
  const { density, elements, atoms } = propertyDistances(reference.crystals, valid);
  return {
    count,
    crystals: crystals.length,
    failed,
    structural: share(structural.filter(Boolean).length),
    compositional: share(compositional.filter(Boolean).length),
    valid: share(valid.length),
    uniqueness: share(unique.length),
    novelty: unique.length === 0 ? 0 : novel.length / unique.length,
    spaceGroupAgreement: share(crystals.filter((c) => c.spaceGroup.predicted !== undefined && c.spaceGroup.predicted === c.spaceGroup.detected).length),
    coverage: { recall: covered.recall, precision: covered.precision, structureCutoff: cutoffs.structure, compositionCutoff: cutoffs.composition },
    emd: { density, elements, atoms },
  };
}
