/**
 * Real against generated distributions (spec §5): a, b, c, α, β, γ, space group and Z pooled over sites, each with
 * the two-sample K–S statistic and p-value (scipy's ks_2samp), the 1-Wasserstein distance and a histogram pair.
 */
import type { Crystal } from '../crystal';
import { type HistogramPair, type HistogramSet, histogramSet } from '../stats/histogram';
import { type KsResult, ksTwoSample } from '../stats/ks';
import { wasserstein1 } from '../stats/wasserstein';

export const PROPERTIES = ['a', 'b', 'c', 'alpha', 'beta', 'gamma', 'spaceGroup', 'Z'] as const;
export type Property = (typeof PROPERTIES)[number];

/** One value per crystal, or for Z one per site. Crystals without a detected space group give none for it. */
export function propertyValues(crystals: readonly Crystal[], property: Property): number[] {
  if (property === 'Z') return crystals.flatMap((c) => c.sites.map((s) => s.Z));
  if (property === 'spaceGroup') return crystals.flatMap((c) => (c.spaceGroup.detected === undefined ? [] : [c.spaceGroup.detected]));
  return crystals.map((c) => c.lattice[property]);
}

export interface DistributionComparison {
  readonly property: Property;
  readonly real: number;
  readonly generated: number;
  readonly ks: KsResult;
  readonly wasserstein: number;
  readonly histogram: HistogramPair;
}

export function compareDistributions(real: readonly Crystal[], generated: readonly Crystal[]): DistributionComparison[] {
  return compareRunDistributions(real, [generated]).flatMap(({ property, real: n, runs: [run], histogram }) =>
    run ? [{ property, real: n, ...run, histogram: { ...histogram, generated: histogram.generated[0]! } }] : [],
  );
}

/** One run's sample of a property against the real one. */
export interface RunStatistics {
  readonly generated: number;
  readonly ks: KsResult;
  readonly wasserstein: number;
}

/** Several runs against one real set: each run's statistics, and every histogram on the same edges. */
export interface RunsDistribution {
  readonly property: Property;
  readonly real: number;
  /** Per run, in the order given; undefined for a run without a value of the property (no space group detected). */
  readonly runs: readonly (RunStatistics | undefined)[];
  readonly histogram: HistogramSet;
}

/** Runs side by side (the Compare panel): the properties the real set and at least one run have values of. */
export function compareRunDistributions(real: readonly Crystal[], runs: readonly (readonly Crystal[])[]): RunsDistribution[] {
  return PROPERTIES.flatMap((property) => {
    const x = propertyValues(real, property);
    const ys = runs.map((run) => propertyValues(run, property));
    if (x.length === 0 || ys.every((y) => y.length === 0)) return [];
    const integer = property === 'spaceGroup' || property === 'Z';
    return [
      {
        property,
        real: x.length,
        runs: ys.map((y) => (y.length === 0 ? undefined : { generated: y.length, ks: ksTwoSample(x, y), wasserstein: wasserstein1(x, y) })),
        histogram: histogramSet(x, ys, { integer }),
      },
    ];
  });
}
