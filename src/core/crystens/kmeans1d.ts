/**
 * Exact K-means in one dimension (dynamic programming over the sorted values, as Ckmeans.1d.dp): the optimum is
 * unique up to ties, so a tensor always reconstructs to the same crystal — no seeds, no restarts.
 */

export interface Clustering {
  readonly k: number;
  /** Centroids in increasing order. */
  readonly centroids: number[];
  /** Cluster index of each input value, in input order. */
  readonly assignment: number[];
}

/**
 * The dynamic programme over sorted values, one number of clusters at a time: row q holds the best cost of the
 * first i + 1 values in q + 1 clusters and where the last of them starts. Each row builds on the previous one, so
 * trying k = 1, 2, 3, … (the automatic choice) costs no more than solving for the largest k.
 */
class Optimum {
  private readonly order: number[];
  private readonly x: number[];
  private readonly sum: Float64Array;
  private readonly sum2: Float64Array;
  private readonly cost: Float64Array[] = [];
  private readonly start: Int32Array[] = [];
  readonly distinct: number;

  constructor(private readonly values: readonly number[]) {
    const n = values.length;
    this.order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
    this.x = this.order.map((i) => values[i]!);
    this.distinct = this.x.filter((v, i) => i === 0 || v !== this.x[i - 1]).length;
    this.sum = new Float64Array(n + 1);
    this.sum2 = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) {
      this.sum[i + 1] = this.sum[i]! + this.x[i]!;
      this.sum2[i + 1] = this.sum2[i]! + this.x[i]! * this.x[i]!;
    }
  }

  /** Within-cluster sum of squares of sorted values j..i (inclusive). */
  private within(j: number, i: number): number {
    const s = this.sum[i + 1]! - this.sum[j]!;
    return Math.max(0, this.sum2[i + 1]! - this.sum2[j]! - (s * s) / (i - j + 1));
  }

  /** The optimal clustering into k groups (k ≤ distinct values). */
  solve(k: number): Clustering {
    const n = this.x.length;
    while (this.cost.length < k) {
      const q = this.cost.length;
      const row = new Float64Array(n).fill(Infinity);
      const from = new Int32Array(n);
      for (let i = q; i < n; i++) {
        if (q === 0) {
          row[i] = this.within(0, i);
          continue;
        }
        const previous = this.cost[q - 1]!;
        for (let j = q; j <= i; j++) {
          const c = previous[j - 1]! + this.within(j, i);
          if (c < row[i]! - 1e-15) {
            row[i] = c;
            from[i] = j;
          }
        }
      }
      this.cost.push(row);
      this.start.push(from);
    }
    const cluster = new Int32Array(n);
    const centroids = new Array<number>(k);
    let end = n - 1;
    for (let q = k - 1; q >= 0; q--) {
      const first = q === 0 ? 0 : this.start[q]![end]!;
      centroids[q] = (this.sum[end + 1]! - this.sum[first]!) / (end - first + 1);
      for (let i = first; i <= end; i++) cluster[i] = q;
      end = first - 1;
    }
    const assignment = new Array<number>(n);
    this.order.forEach((original, sorted) => (assignment[original] = cluster[sorted]!));
    return { k, centroids, assignment };
  }

  fits(c: Clustering, tolerance: number): boolean {
    return this.values.every((v, i) => Math.abs(v - c.centroids[c.assignment[i]!]!) <= tolerance);
  }
}

/** Clusters `values` into at most k groups (fewer when there are fewer distinct values). */
export function kmeans1d(values: readonly number[], k: number): Clustering {
  if (values.length === 0) return { k: 0, centroids: [], assignment: [] };
  const optimum = new Optimum(values);
  return optimum.solve(Math.max(1, Math.min(k, optimum.distinct)));
}

/**
 * The automatic choice of k (the paper's fixed k is its named limitation): the fewest clusters in which every
 * value lies within `tolerance` of its centroid.
 */
export function kmeans1dAuto(values: readonly number[], tolerance: number): Clustering {
  if (values.length === 0) return { k: 0, centroids: [], assignment: [] };
  const optimum = new Optimum(values);
  for (let k = 1; ; k++) {
    const c = optimum.solve(k);
    if (k === optimum.distinct || optimum.fits(c, tolerance)) return c;
  }
}
