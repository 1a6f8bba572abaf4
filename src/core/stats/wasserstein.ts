/**
 * 1-Wasserstein (earth mover's) distance between two samples (spec §5), equal to the unweighted
 * `scipy.stats.wasserstein_distance(x, y)`: ∫ |F_x(t) − F_y(t)| dt, the area between the two empirical CDFs.
 */

export function wasserstein1(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const a = sortedFinite(x, 'x');
  const b = sortedFinite(y, 'y');
  const n = a.length;
  const m = b.length;
  // Walk the pooled values in order; between consecutive distinct values t < t' both ECDFs are constant,
  // and the strip contributes |i/n − j/m| · (t' − t), the same products scipy forms.
  let i = 0;
  let j = 0;
  let sum = 0;
  let carry = 0; // Neumaier compensation: the terms are all >= 0, but there can be many thousands of them
  let t = Math.min(a[0]!, b[0]!);
  while (i < n || j < m) {
    while (i < n && a[i]! <= t) i++;
    while (j < m && b[j]! <= t) j++;
    if (i === n && j === m) break;
    const next = j >= m || (i < n && a[i]! < b[j]!) ? a[i]! : b[j]!;
    const term = Math.abs(i / n - j / m) * (next - t);
    const s = sum + term;
    carry += Math.abs(sum) >= Math.abs(term) ? sum - s + term : term - s + sum;
    sum = s;
    t = next;
  }
  return sum + carry;
}

function sortedFinite(v: ArrayLike<number>, name: string): Float64Array {
  if (v.length === 0) {
    throw new RangeError(`wasserstein1: sample ${name} is empty; both samples need at least one value`);
  }
  const s = Float64Array.from(v).sort();
  for (const value of s) {
    if (!Number.isFinite(value)) throw new RangeError(`wasserstein1: sample ${name} contains ${value}`);
  }
  return s;
}
