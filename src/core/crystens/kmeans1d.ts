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

/** Clusters `values` into at most k groups (fewer when there are fewer distinct values). */
export function kmeans1d(values: readonly number[], k: number): Clustering {
  const n = values.length;
  if (n === 0) return { k: 0, centroids: [], assignment: [] };
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const x = order.map((i) => values[i]!);
  const distinct = x.filter((v, i) => i === 0 || v !== x[i - 1]).length;
  const K = Math.max(1, Math.min(k, distinct));
  const sum = new Float64Array(n + 1);
  const sum2 = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    sum[i + 1] = sum[i]! + x[i]!;
    sum2[i + 1] = sum2[i]! + x[i]! * x[i]!;
  }
  /** Within-cluster sum of squares of sorted values j..i (inclusive). */
  const cost = (j: number, i: number) => {
    const m = i - j + 1;
    const s = sum[i + 1]! - sum[j]!;
    return Math.max(0, sum2[i + 1]! - sum2[j]! - (s * s) / m);
  };
  // D[q][i]: best cost of the first i+1 values in q+1 clusters; B[q][i]: where the last cluster starts.
  const D = Array.from({ length: K }, () => new Float64Array(n).fill(Infinity));
  const B = Array.from({ length: K }, () => new Int32Array(n));
  for (let i = 0; i < n; i++) D[0]![i] = cost(0, i);
  for (let q = 1; q < K; q++) {
    for (let i = q; i < n; i++) {
      for (let j = q; j <= i; j++) {
        const c = D[q - 1]![j - 1]! + cost(j, i);
        if (c < D[q]![i]! - 1e-15) {
          D[q]![i] = c;
          B[q]![i] = j;
        }
      }
    }
  }
  const sortedCluster = new Int32Array(n);
  const centroids: number[] = new Array(K);
  let end = n - 1;
  for (let q = K - 1; q >= 0; q--) {
    const start = q === 0 ? 0 : B[q]![end]!;
    centroids[q] = (sum[end + 1]! - sum[start]!) / (end - start + 1);
    for (let i = start; i <= end; i++) sortedCluster[i] = q;
    end = start - 1;
  }
  const assignment = new Array<number>(n);
  order.forEach((original, sorted) => (assignment[original] = sortedCluster[sorted]!));
  return { k: K, centroids, assignment };
}

/**
 * The automatic choice of k (the paper's fixed k is its named limitation): the fewest clusters in which every
 * value lies within `tolerance` of its centroid.
 */
export function kmeans1dAuto(values: readonly number[], tolerance: number): Clustering {
  for (let k = 1; ; k++) {
    const c = kmeans1d(values, k);
    const fits = values.every((v, i) => Math.abs(v - c.centroids[c.assignment[i]!]!) <= tolerance);
    if (fits || c.k < k) return c;
  }
}
