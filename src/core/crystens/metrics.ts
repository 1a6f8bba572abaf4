/**
 * The paper's per-crystal metrics (spec §5, Tables 1 and 2), computed from a reconstruction's trace: the copies
 * it records are the raw tensor values, so no variance is taken after averaging (a bug of the authors' code).
 */
import type { ReconstructionTrace } from './reconstruct';

export interface CrystalMetrics {
  /** Table 1: mean over a, b, c of the variance of their 8A copies (Å²). */
  readonly varianceParameter: number;
  /** Table 1: mean over α, β, γ (deg²). */
  readonly varianceAngle: number;
  /** Table 1: variance of the 8A space-group copies. */
  readonly varianceSpaceGroup: number;
  /** Table 1: variance of the 8 copies of each fractional coordinate, averaged over atoms and x, y, z. */
  readonly varianceFrac: number;
  /** Table 2: mean over atoms and axes of |f_j − f̂_j| (header coordinate against voted position). */
  readonly deltaCoordinate: number;
  /** Table 2: (1/A) Σ_ij |L_ij − ‖f̂_i − f̂_j‖| with the raw layer-0 distances. */
  readonly pairwisePerAtom: number;
}

export const METRIC_NAMES: readonly (keyof CrystalMetrics)[] = [
  'varianceParameter', 'varianceAngle', 'varianceSpaceGroup', 'varianceFrac', 'deltaCoordinate', 'pairwisePerAtom',
];

export function crystalMetrics(trace: ReconstructionTrace): CrystalMetrics {
  const { atoms, lattice, atomCount: A, voted, rawDistance } = trace;
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  let deltaSum = 0;
  for (let j = 0; j < A; j++) {
    const header = [atoms[j]!.x.mean, atoms[j]!.y.mean, atoms[j]!.z.mean];
    for (let d = 0; d < 3; d++) deltaSum += Math.abs(header[d]! - voted[j]![d]!);
  }
  let pairSum = 0;
  for (let i = 0; i < A; i++) {
    for (let j = 0; j < A; j++) {
      const [p, q] = [voted[i]!, voted[j]!];
      pairSum += Math.abs(rawDistance[i * A + j]! - Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]));
    }
  }
  return {
    varianceParameter: mean([lattice.a.variance, lattice.b.variance, lattice.c.variance]),
    varianceAngle: mean([lattice.alpha.variance, lattice.beta.variance, lattice.gamma.variance]),
    varianceSpaceGroup: trace.spaceGroup.variance,
    varianceFrac: mean(atoms.flatMap((t) => [t.x.variance, t.y.variance, t.z.variance])),
    deltaCoordinate: deltaSum / (3 * A),
    pairwisePerAtom: pairSum / A,
  };
}

/** Averages over crystals (the paper's tables report these). */
export function averageMetrics(all: readonly CrystalMetrics[]): CrystalMetrics | undefined {
  if (all.length === 0) return undefined;
  const out = {} as Record<keyof CrystalMetrics, number>;
  for (const name of METRIC_NAMES) out[name] = all.reduce((s, m) => s + m[name], 0) / all.length;
  return out;
}

/** The models of the paper's Tables 1 and 2. */
export type PaperModel = 'GAN' | 'WGAN' | 'Diffusion';

/** How many generated crystals each of the paper's figures averages over. */
export const PAPER_SAMPLE_SIZE = 1000;

/** The paper's Tables 1 and 2 (spec §5), as printed, to set beside the metrics of models trained here. */
export const PAPER_METRICS: Readonly<Record<PaperModel, CrystalMetrics>> = {
  GAN: {
    varianceParameter: 582.23, varianceAngle: 1338.11, varianceSpaceGroup: 6322.1, varianceFrac: 5.57e-2,
    deltaCoordinate: 9.62e-2, pairwisePerAtom: 3.84,
  },
  WGAN: {
    varianceParameter: 31.18, varianceAngle: 695.03, varianceSpaceGroup: 3024.27, varianceFrac: 5.9e-2,
    deltaCoordinate: 1.37e-2, pairwisePerAtom: 2.49,
  },
  Diffusion: {
    varianceParameter: 0.35, varianceAngle: 0.846, varianceSpaceGroup: 4.56, varianceFrac: 4.36e-4,
    deltaCoordinate: 5.51e-4, pairwisePerAtom: 0.473,
  },
};
