/**
 * A histogram set (the real density and each run's, on shared edges) as the points of step outlines on a numeric
 * x axis.
 *
 * One point per bin centre, drawn with a midpoint step (recharts' `type="step"`, d3's curveStep): the value
 * changes halfway between neighbouring centres, which is exactly the shared bin edge because every bin rule of
 * `histogramSet` gives equal widths. Two extra points at the outer edges repeat the first and last bins so
 * that the outline covers the whole range. Every point carries its bin, so a tooltip reads the bin it is in.
 */
import type { HistogramSet } from '../../core/stats/histogram';

export interface HistogramStep {
  /** Where the point sits on the x axis: a bin centre, or the outer edge closing the first or last bin. */
  readonly x: number;
  /** Density of the real sample in this bin (integrates to 1 over the range). */
  readonly real: number;
  /** Each run's density in this bin, in the order of the set's runs. */
  readonly generated: readonly number[];
  /** The bin's edges [lo, hi) (the last bin is closed). */
  readonly lo: number;
  readonly hi: number;
  readonly realCount: number;
  readonly generatedCounts: readonly number[];
}

export function histogramSteps(histogram: HistogramSet): HistogramStep[] {
  const { edges, centers, real, generated } = histogram;
  const bins = centers.length;
  const step = (bin: number, x: number): HistogramStep => ({
    x,
    real: real.density[bin]!,
    generated: generated.map((run) => run.density[bin]!),
    lo: edges[bin]!,
    hi: edges[bin + 1]!,
    realCount: real.counts[bin]!,
    generatedCounts: generated.map((run) => run.counts[bin]!),
  });
  const steps = [step(0, edges[0]!)];
  for (let bin = 0; bin < bins; bin++) steps.push(step(bin, centers[bin]!));
  steps.push(step(bins - 1, edges[bins]!));
  return steps;
}

/** The largest density any series reaches: where the density axis must end at or above. */
export function peakDensity(steps: readonly HistogramStep[]): number {
  return steps.reduce((peak, s) => Math.max(peak, s.real, ...s.generated), 0);
}
