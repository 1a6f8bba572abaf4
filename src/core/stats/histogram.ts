/**
 * Real and generated samples binned on shared edges, ready for a side-by-side bar chart (spec §5 distributions):
 * one generated sample (`histogramPair`) or several runs at once (`histogramSet`), whose edges come from all the
 * samples pooled, so that every run's bars line up with the real ones and with each other.
 *
 * Bin rule, in order of precedence:
 * - `integer: true`: one bin per integer from ceil(lo) to floor(hi), edges at k ± 0.5 (space-group numbers,
 *   atomic numbers). At most 1000 bins; pass a `range` for wider data.
 * - `bins: k`: k equal bins over the range.
 * - otherwise Freedman–Diaconis on the pooled in-range data, width 2·IQR·N^(−1/3) (numpy's 'fd', IQR by linear
 *   interpolation), bin count ceil((hi − lo) / width) clamped to [10, 60]: fewer than 10 bars says nothing about
 *   a shape, and more than 60 turn into noise at the sample sizes of a thousand crystals.
 * The range is `range` or [min, max] of the pooled finite values; a zero-width range is widened by ±0.5.
 * Equal-bin edges are numpy.linspace's and a value goes to the bin numpy.histogram would put it in (half-open
 * bins, the last one closed), so counts match numpy exactly for the same edges. Densities integrate to 1 over
 * the range, as numpy's density=True does. Values outside the range, and non-finite values, are not binned:
 * they are counted in `outside` so a chart can say how many were left out.
 */

export interface HistogramOptions {
  bins?: number;
  range?: readonly [number, number];
  integer?: boolean;
}

export type BinRule = 'integer' | 'fixed' | 'freedman-diaconis';

export interface HistogramSeries {
  counts: Uint32Array;
  /** count / (binned total · bin width); all zeros when nothing fell in range. */
  density: Float64Array;
  /** How many values were binned. */
  binned: number;
  /** How many were outside the range or not finite. */
  outside: number;
}

export interface HistogramPair {
  /** bins + 1 ascending edges shared by both series. */
  edges: Float64Array;
  centers: Float64Array;
  rule: BinRule;
  real: HistogramSeries;
  generated: HistogramSeries;
}

/** The real sample and several generated ones on the same edges. */
export interface HistogramSet extends Omit<HistogramPair, 'generated'> {
  /** One series per generated sample, in the order given. */
  generated: HistogramSeries[];
}

const MIN_AUTO_BINS = 10;
const MAX_AUTO_BINS = 60;
const MAX_INTEGER_BINS = 1000;

export function histogramPair(real: ArrayLike<number>, generated: ArrayLike<number>, options: HistogramOptions = {}): HistogramPair {
  const set = histogramSet(real, [generated], options);
  return { ...set, generated: set.generated[0]! };
}

/** `real` and every sample of `generated` on edges chosen, by the rule above, from all of them pooled. */
export function histogramSet(real: ArrayLike<number>, generated: readonly ArrayLike<number>[], options: HistogramOptions = {}): HistogramSet {
  const samples = [real, ...generated];
  let [lo, hi] = options.range ?? pooledExtent(samples);
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || lo > hi) {
    throw new RangeError(`histogramPair: range [${lo}, ${hi}] must be finite and ascending`);
  }

  let edges: Float64Array;
  let rule: BinRule;
  if (options.integer) {
    const first = Math.ceil(lo);
    const last = Math.floor(hi);
    const bins = last - first + 1;
    if (bins < 1) throw new RangeError(`histogramPair: no integer lies in [${lo}, ${hi}]`);
    if (bins > MAX_INTEGER_BINS) {
      throw new RangeError(`histogramPair: ${bins} integer bins (over ${MAX_INTEGER_BINS}); pass a narrower range`);
    }
    edges = new Float64Array(bins + 1);
    for (let i = 0; i <= bins; i++) edges[i] = first - 0.5 + i;
    rule = 'integer';
  } else {
    if (lo === hi) {
      lo -= 0.5;
      hi += 0.5;
    }
    let bins: number;
    if (options.bins !== undefined) {
      if (!Number.isInteger(options.bins) || options.bins < 1) {
        throw new RangeError(`histogramPair: bins must be a positive integer, got ${options.bins}`);
      }
      bins = options.bins;
      rule = 'fixed';
    } else {
      bins = freedmanDiaconisBins(samples, lo, hi);
      rule = 'freedman-diaconis';
    }
    edges = linspace(lo, hi, bins + 1);
  }

  const centers = new Float64Array(edges.length - 1);
  for (let i = 0; i < centers.length; i++) centers[i] = (edges[i]! + edges[i + 1]!) / 2;
  return { edges, centers, rule, real: binSeries(real, edges), generated: generated.map((sample) => binSeries(sample, edges)) };
}

function pooledExtent(samples: readonly ArrayLike<number>[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const sample of samples) {
    for (let i = 0; i < sample.length; i++) {
      const v = sample[i]!;
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (lo > hi) throw new RangeError('histogramPair: no sample has a finite value, so there is no range to bin');
  return [lo, hi];
}

/** Freedman–Diaconis bin count on the pooled values inside [lo, hi], clamped to [10, 60]. */
function freedmanDiaconisBins(samples: readonly ArrayLike<number>[], lo: number, hi: number): number {
  const pooled: number[] = [];
  for (const sample of samples) {
    for (let i = 0; i < sample.length; i++) {
      const v = sample[i]!;
      if (v >= lo && v <= hi) pooled.push(v);
    }
  }
  let raw = 1;
  if (pooled.length > 0) {
    const sorted = Float64Array.from(pooled).sort();
    const iqr = percentile(sorted, 0.75) - percentile(sorted, 0.25);
    const width = 2.0 * iqr * sorted.length ** (-1 / 3);
    if (width > 0) raw = Math.ceil((hi - lo) / width);
  }
  return Math.min(Math.max(raw, MIN_AUTO_BINS), MAX_AUTO_BINS);
}

/** numpy.percentile's default 'linear' method on sorted data, q in [0, 1], with numpy's two-sided lerp. */
function percentile(sorted: Float64Array, q: number): number {
  const virtual = q * (sorted.length - 1);
  const below = Math.floor(virtual);
  const a = sorted[below]!;
  const b = sorted[Math.min(below + 1, sorted.length - 1)]!;
  const t = virtual - below;
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** numpy.linspace(start, stop, num): start + i·step, with the last point exactly stop. */
function linspace(start: number, stop: number, num: number): Float64Array {
  const out = new Float64Array(num);
  const step = (stop - start) / (num - 1);
  for (let i = 0; i < num; i++) out[i] = i * step + start;
  out[num - 1] = stop;
  return out;
}

/**
 * numpy.histogram's placement for equal bins: a first guess from the value's fraction of the range, then one
 * step down or up if rounding put it across the computed edge.
 */
function binSeries(sample: ArrayLike<number>, edges: Float64Array): HistogramSeries {
  const bins = edges.length - 1;
  const first = edges[0]!;
  const last = edges[bins]!;
  const span = last - first;
  const counts = new Uint32Array(bins);
  let binned = 0;
  let outside = 0;
  for (let i = 0; i < sample.length; i++) {
    const v = sample[i]!;
    if (!(v >= first && v <= last)) {
      outside++; // also NaN
      continue;
    }
    let k = Math.trunc(((v - first) / span) * bins);
    if (k === bins) k--;
    if (v < edges[k]!) k--;
    else if (k !== bins - 1 && v >= edges[k + 1]!) k++;
    counts[k]!++;
    binned++;
  }
  const density = new Float64Array(bins);
  if (binned > 0) {
    for (let k = 0; k < bins; k++) density[k] = counts[k]! / (edges[k + 1]! - edges[k]!) / binned;
  }
  return { counts, density, binned, outside };
}
