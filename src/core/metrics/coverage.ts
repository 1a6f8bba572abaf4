/**
 * CDVAE's coverage (txie-93/cdvae scripts/eval_utils.py compute_cov): COV-R, the share of reference crystals
 * whose nearest generated structure fingerprint AND nearest generated composition fingerprint (possibly two
 * different crystals) lie within the cutoffs; COV-P, the same from the generated side. Euclidean distances, as
 * scipy's cdist; composition fingerprints already scaled (compositionFingerprint).
 */

/** A crystal's two fingerprints: CrystalNN "ops" structure fingerprint (mean over sites) and the scaled Magpie one. */
export interface CrystalFingerprints {
  readonly structure: Float64Array;
  readonly composition: Float64Array;
}

export interface CoverageCutoffs {
  /** Largest structure-fingerprint distance that counts as covered. */
  readonly structure: number;
  /** Largest scaled composition-fingerprint distance that counts as covered. */
  readonly composition: number;
}

/**
 * CDVAE's COV_Cutoffs (scripts/compute_metrics.py): perovskite and carbon 0.2 / 4, mp20 0.4 / 10. A researcher's
 * own data gets the MP values, which are the looser pair and were chosen for the most varied set.
 */
export const COVERAGE_CUTOFFS = {
  perov_5: { structure: 0.2, composition: 4 },
  carbon_24: { structure: 0.2, composition: 4 },
  mp_20: { structure: 0.4, composition: 10 },
  own: { structure: 0.4, composition: 10 },
} as const satisfies Record<string, CoverageCutoffs>;

export interface Coverage {
  /** COV-R: share of reference crystals covered. */
  readonly recall: number;
  /** COV-P: covered generated crystals over all generated ones, those without fingerprints included. */
  readonly precision: number;
  /** Mean over reference crystals of the distance to the nearest generated structure fingerprint (CDVAE's AMSD-R). */
  readonly amsdRecall: number;
  /** Mean over fingerprinted generated crystals of the distance to the nearest reference one (AMSD-P). */
  readonly amsdPrecision: number;
  /** The same two means for composition fingerprints (AMCD-R, AMCD-P). */
  readonly amcdRecall: number;
  readonly amcdPrecision: number;
  /** Generated crystals counted (the COV-P denominator), and how many of them had fingerprints. */
  readonly generated: number;
  readonly fingerprinted: number;
  /** Reference crystals counted (the COV-R denominator; a reference crystal without fingerprint is never covered). */
  readonly reference: number;
  readonly cutoffs: CoverageCutoffs;
}

/**
 * Coverage of `reference` by `generated`. A generated crystal whose fingerprint failed is null: as in CDVAE it is
 * left out of the distances but stays in COV-P's denominator (compute_cov's num_gen_crystals, fixed before
 * filtering). Which crystals to pass is the caller's choice: CDVAE's GenEval passes every generated crystal
 * (structural or compositional validity does not filter them; only a failed fingerprint does) and every test
 * crystal. A fingerprint holding NaN is never covered (in CDVAE its distances are NaN) and is left out of the
 * mean distances (which CDVAE would report as NaN). With no usable generated fingerprint both shares are 0 and the
 * mean distances NaN.
 */
export function coverage(generated: readonly (CrystalFingerprints | null)[], reference: readonly (CrystalFingerprints | null)[], cutoffs: CoverageCutoffs): Coverage {
  const kept = generated.filter(usable);
  const known = reference.filter(usable);
  const n = kept.length;
  const m = known.length;
  const counts = { generated: generated.length, fingerprinted: generated.filter((g) => g !== null).length, reference: reference.length, cutoffs };
  if (n === 0 || m === 0) {
    return { recall: 0, precision: 0, amsdRecall: NaN, amsdPrecision: NaN, amcdRecall: NaN, amcdPrecision: NaN, ...counts };
  }
  const structure = nearestDistances(rows(kept, 'structure'), rows(known, 'structure'));
  const composition = nearestDistances(rows(kept, 'composition'), rows(known, 'composition'));
  let recalled = 0;
  for (let j = 0; j < m; j++) {
    if (structure.toA[j]! <= cutoffs.structure && composition.toA[j]! <= cutoffs.composition) recalled++;
  }
  let precise = 0;
  for (let i = 0; i < n; i++) {
    if (structure.toB[i]! <= cutoffs.structure && composition.toB[i]! <= cutoffs.composition) precise++;
  }
  return {
    recall: recalled / reference.length,
    precision: precise / generated.length,
    amsdRecall: mean(structure.toA),
    amsdPrecision: mean(structure.toB),
    amcdRecall: mean(composition.toA),
    amcdPrecision: mean(composition.toB),
    ...counts,
  };
}

/** A fingerprint pair to measure distances with: present, and finite throughout (the search relies on it). */
function usable(f: CrystalFingerprints | null): f is CrystalFingerprints {
  return f !== null && f.structure.every(Number.isFinite) && f.composition.every(Number.isFinite);
}

interface Rows {
  readonly data: Float64Array;
  readonly count: number;
  readonly dim: number;
}

/** One fingerprint kind packed row-major into one typed array; every row must have the same length. */
function rows(set: readonly CrystalFingerprints[], kind: keyof CrystalFingerprints): Rows {
  const dim = set[0]![kind].length;
  const data = new Float64Array(set.length * dim);
  set.forEach((f, i) => {
    if (f[kind].length !== dim) throw new RangeError(`coverage: ${kind} fingerprint ${i} has ${f[kind].length} values, not ${dim}`);
    data.set(f[kind], i * dim);
  });
  return { data, count: set.length, dim };
}

/**
 * For each row of A the Euclidean distance to the nearest row of B (toB), and for each row of B to the nearest
 * row of A (toA): the two minima of cdist(A, B), exact, without forming it. Both sets are projected on one
 * direction u of large spread; since |u·a − u·b| ≤ |a − b|, a query walks the other set in order of projection
 * outward from its own and stops once the projected gap alone exceeds its best distance. Sums of squares are
 * abandoned once past the best too. Fingerprints of real and generated crystals cluster, so most pairs are skipped.
 */
function nearestDistances(a: Rows, b: Rows): { toB: Float64Array; toA: Float64Array } {
  if (a.dim !== b.dim) throw new RangeError(`coverage: fingerprints of ${a.dim} and ${b.dim} values cannot be compared`);
  const u = spreadDirection(a, b);
  const pa = project(a, u);
  const pb = project(b, u);
  // Every pair the first pass computes in full is a real distance, hence an upper bound for the second pass's
  // answer on the B side; starting from it lets that pass skip far more.
  const upperForB = new Float64Array(b.count).fill(Infinity);
  const toB = nearestInSorted(a, pa, sortedByProjection(b, pb), new Float64Array(a.count).fill(Infinity), upperForB);
  const toA = nearestInSorted(b, pb, sortedByProjection(a, pa), upperForB, null);
  return { toB, toA };
}

interface SortedRows extends Rows {
  /** Projections in ascending order; row r of `data` is the row with the r-th smallest projection. */
  readonly projection: Float64Array;
  /** Original index of sorted row r. */
  readonly order: Int32Array;
}

function sortedByProjection(set: Rows, projection: Float64Array): SortedRows {
  const order = Int32Array.from({ length: set.count }, (_, i) => i).sort((i, j) => projection[i]! - projection[j]!);
  const data = new Float64Array(set.data.length);
  order.forEach((row, r) => data.set(set.data.subarray(row * set.dim, (row + 1) * set.dim), r * set.dim));
  return { data, count: set.count, dim: set.dim, projection: Float64Array.from(order, (row) => projection[row]!), order };
}

/**
 * Distance from each query to its nearest target. `start` holds, per query, the squared length of some pair
 * already known (Infinity when none); `upperForTargets`, when given, receives per target (original index) the
 * smallest squared distance computed in full to it.
 */
function nearestInSorted(queries: Rows, projection: Float64Array, targets: SortedRows, start: Float64Array, upperForTargets: Float64Array | null): Float64Array {
  const { dim } = queries;
  const Q = queries.data;
  const T = targets.data;
  const tp = targets.projection;
  const out = new Float64Array(queries.count);
  for (let i = 0; i < queries.count; i++) {
    const qi = i * dim;
    const p = projection[i]!;
    let best = start[i]!;
    let hi = lowerBound(tp, p);
    let lo = hi - 1;
    while (lo >= 0 || hi < targets.count) {
      const gapLo = lo >= 0 ? p - tp[lo]! : Infinity;
      const gapHi = hi < targets.count ? tp[hi]! - p : Infinity;
      const takeLo = gapLo <= gapHi;
      const gap = takeLo ? gapLo : gapHi;
      if (gap * gap > best) break; // every remaining target is at least this far along u alone
      const r = takeLo ? lo-- : hi++;
      const tj = r * dim;
      let s = 0;
      let k = 0;
      while (k < dim) {
        const stop = Math.min(dim, k + 8); // checking every 8 values keeps the loop tight
        for (; k < stop; k++) {
          const d = Q[qi + k]! - T[tj + k]!;
          s += d * d;
        }
        if (s > best) break;
      }
      if (k < dim) continue;
      if (s < best) best = s;
      if (upperForTargets) {
        const t = targets.order[r]!;
        if (s < upperForTargets[t]!) upperForTargets[t] = s;
      }
    }
    out[i] = Math.sqrt(best);
  }
  return out;
}

/** First index whose value is ≥ x in an ascending array. */
function lowerBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function project(set: Rows, u: Float64Array): Float64Array {
  const out = new Float64Array(set.count);
  for (let i = 0; i < set.count; i++) {
    let s = 0;
    for (let k = 0; k < set.dim; k++) s += set.data[i * set.dim + k]! * u[k]!;
    out[i] = s;
  }
  return out;
}

/**
 * A unit direction of large spread of both sets pooled: a few power iterations on their covariance. Any unit
 * vector keeps the search exact; a good one only makes it faster.
 */
function spreadDirection(a: Rows, b: Rows): Float64Array {
  const { dim } = a;
  const mean = new Float64Array(dim);
  for (const set of [a, b]) for (let i = 0; i < set.data.length; i++) mean[i % dim]! += set.data[i]!;
  for (let k = 0; k < dim; k++) mean[k]! /= a.count + b.count;
  let u = new Float64Array(dim).fill(1 / Math.sqrt(dim));
  for (let iteration = 0; iteration < 8; iteration++) {
    const next = new Float64Array(dim);
    for (const set of [a, b]) {
      for (let i = 0; i < set.count; i++) {
        let t = 0;
        for (let k = 0; k < dim; k++) t += (set.data[i * dim + k]! - mean[k]!) * u[k]!;
        for (let k = 0; k < dim; k++) next[k]! += t * (set.data[i * dim + k]! - mean[k]!);
      }
    }
    const norm = Math.hypot(...next);
    if (!(norm > 0)) break; // all points equal along every direction tried: keep the last one
    for (let k = 0; k < dim; k++) next[k]! /= norm;
    u = next;
  }
  return u;
}

function mean(v: Float64Array): number {
  let s = 0;
  for (const x of v) s += x;
  return s / v.length;
}
