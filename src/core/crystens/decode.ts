/**
 * A generated tensor as the studio and the CLI report it: its reconstruction (spec §4) with the space group the
 * tensor predicts next to the one detected in the reconstructed crystal, the paper's metrics (spec §5, from the
 * raw copies), and structural and compositional validity.
 */
import type { Crystal } from '../crystal';
import { isCompositionallyValid, isStructurallyValid } from '../metrics/validity';
import { withDetectedSpaceGroup } from '../symmetry/crystal-symmetry';
import type { Normalization } from './layout';
import { type CrystalMetrics, crystalMetrics } from './metrics';
import { type DecodeFailure, type ReconstructOptions, type Reconstruction, reconstruct } from './reconstruct';

export type DecodedTensor =
  | {
      readonly ok: true;
      readonly index: number;
      /** `spaceGroup.predicted` is the tensor's group, `spaceGroup.detected` the reconstruction's. */
      readonly crystal: Crystal;
      readonly metrics: CrystalMetrics;
      readonly structurallyValid: boolean;
      readonly compositionallyValid: boolean;
      readonly warnings: string[];
    }
  | { readonly ok: false; readonly index: number; readonly failure: DecodeFailure; readonly reason: string };

/** Decodes one tensor; never throws (a tensor that gives no crystal gives its reason). */
export function decodeTensor(T: ArrayLike<number>, n: Normalization, options: ReconstructOptions, index: number, source: string): DecodedTensor {
  return decodedFrom(reconstruct(T, n, options, source), index);
}

/** A tensor's decoding with the reconstruction it came from: what the Reconstruct panel steps through. */
export interface TracedDecoding {
  readonly decoded: DecodedTensor;
  readonly reconstruction: Reconstruction;
}

/** decodeTensor, keeping the reconstruction's trace (the same single reconstruction the decoding is made of). */
export function decodeTensorTraced(T: ArrayLike<number>, n: Normalization, options: ReconstructOptions, index: number, source: string): TracedDecoding {
  const reconstruction = reconstruct(T, n, options, source);
  return { decoded: decodedFrom(reconstruction, index), reconstruction };
}

function decodedFrom(r: Reconstruction, index: number): DecodedTensor {
  if (!r.ok) return { ok: false, index, failure: r.failure, reason: r.reason };
  const warnings = [...r.warnings];
  let crystal = r.crystal;
  try {
    crystal = withDetectedSpaceGroup(r.crystal);
  } catch (e) {
    // moyo traps ("unreachable") on a few degenerate generated cells: the crystal stands, without a detected group.
    warnings.push(`no space group detected: ${e instanceof Error ? e.message : String(e)}`);
  }
  return {
    ok: true,
    index,
    crystal,
    metrics: crystalMetrics(r.trace),
    structurallyValid: isStructurallyValid(crystal),
    compositionallyValid: isCompositionallyValid(crystal),
    warnings,
  };
}
