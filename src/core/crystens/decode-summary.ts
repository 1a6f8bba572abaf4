/**
 * What a batch of generated tensors gave, counted over all of them (issue: honest Tables 1–2): how many gave a
 * crystal, why the others did not, how many sites the crystals have, and the paper's metrics averaged over the
 * crystals — always beside the number they average over, never alone.
 */
import type { DecodedTensor } from './decode';
import { averageMetrics, type CrystalMetrics } from './metrics';
import type { DecodeFailure } from './reconstruct';

export interface DecodeSummary {
  /** Tensors decoded. */
  readonly tensors: number;
  /** Tensors that gave a crystal; the averages are over these. */
  readonly crystals: number;
  /** Tensors that gave none, by reason. */
  readonly failedBy: Readonly<Partial<Record<DecodeFailure, number>>>;
  /** Sites per crystal → how many crystals have that many. */
  readonly siteCounts: Readonly<Record<number, number>>;
  /** The paper's Table 1 and 2 metrics averaged over the `crystals` that decoded (absent when none did). */
  readonly average?: CrystalMetrics;
}

export function summariseDecoding(decoded: readonly DecodedTensor[]): DecodeSummary {
  const failedBy: Partial<Record<DecodeFailure, number>> = {};
  const siteCounts: Record<number, number> = {};
  const metrics: CrystalMetrics[] = [];
  for (const d of decoded) {
    if (!d.ok) {
      failedBy[d.failure] = (failedBy[d.failure] ?? 0) + 1;
      continue;
    }
    const n = d.crystal.sites.length;
    siteCounts[n] = (siteCounts[n] ?? 0) + 1;
    metrics.push(d.metrics);
  }
  const average = averageMetrics(metrics);
  return { tensors: decoded.length, crystals: metrics.length, failedBy, siteCounts, ...(average && { average }) };
}
