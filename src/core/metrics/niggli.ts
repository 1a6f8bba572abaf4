/**
 * Lattice reductions as pymatgen's `Lattice` performs them (pymatgen/core/lattice.py, 2022.11.7), for the
 * structure matcher: LLL (`_calculate_lll`, δ = 0.75) and Niggli (`get_niggli_reduced_lattice`, the numerically
 * stable algorithm of Grosse-Kunstleve, Sauter & Adams, Acta Cryst. A60 (2004) 1–6, run on the LLL basis).
 *
 * Matrices are row-major 3×3 arrays whose rows are lattice vectors in Cartesian Å, as `Lattice.matrix`.
 */

export type Matrix3 = Float64Array;

export interface LllReduction {
  /** The reduced basis, rows a', b', c'. */
  readonly matrix: Matrix3;
  /** Integer matrix M with matrix = M · original (pymatgen's `lll_mapping`). */
  readonly mapping: Matrix3;
}

const dot3 = (m: ArrayLike<number>, i: number, n: ArrayLike<number>, j: number): number =>
  m[3 * i]! * n[3 * j]! + m[3 * i + 1]! * n[3 * j + 1]! + m[3 * i + 2]! * n[3 * j + 2]!;

/** numpy's rounding (half to even), which pymatgen's `round(numpy.float64)` uses. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

export function determinant(m: ArrayLike<number>): number {
  return (
    m[0]! * (m[4]! * m[8]! - m[5]! * m[7]!) -
    m[1]! * (m[3]! * m[8]! - m[5]! * m[6]!) +
    m[2]! * (m[3]! * m[7]! - m[4]! * m[6]!)
  );
}

export function inverse3(m: ArrayLike<number>): Matrix3 {
  const a = m[0]!, b = m[1]!, c = m[2]!, d = m[3]!, e = m[4]!, f = m[5]!, g = m[6]!, h = m[7]!, i = m[8]!;
  const det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
  const out = new Float64Array(9);
  out[0] = (e * i - f * h) / det;
  out[1] = (c * h - b * i) / det;
  out[2] = (b * f - c * e) / det;
  out[3] = (f * g - d * i) / det;
  out[4] = (a * i - c * g) / det;
  out[5] = (c * d - a * f) / det;
  out[6] = (d * h - e * g) / det;
  out[7] = (b * g - a * h) / det;
  out[8] = (a * e - b * d) / det;
  return out;
}

/** Row-major product a · b of 3×3 matrices. */
export function multiply3(a: ArrayLike<number>, b: ArrayLike<number>): Matrix3 {
  const out = new Float64Array(9);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) out[3 * i + j] = a[3 * i]! * b[j]! + a[3 * i + 1]! * b[3 + j]! + a[3 * i + 2]! * b[6 + j]!;
  }
  return out;
}

/**
 * Lenstra–Lenstra–Lovász reduction, step for step as pymatgen's `_calculate_lll` (the same swaps, the same
 * rounding), so that the reduced basis, and with it the per-vector tolerances the matcher derives from it, is
 * pymatgen's and not merely an equally good one.
 */
export function lllReduce(lattice: ArrayLike<number>, delta = 0.75): LllReduction {
  const a = new Float64Array(9); // row i = basis vector i (pymatgen's column i)
  for (let x = 0; x < 9; x++) a[x] = lattice[x]!;
  const mapping = Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1);
  const b = new Float64Array(9); // Gram–Schmidt vectors
  const u = new Float64Array(9); // Gram–Schmidt coefficients u[i][j]
  const m = new Float64Array(3); // |b_i|²
  for (let s = 0; s < 3; s++) gramSchmidtRow(a, b, u, m, s);

  let k = 2;
  while (k <= 3) {
    for (let i = k - 1; i > 0; i--) {
      const q = roundHalfEven(u[3 * (k - 1) + i - 1]!);
      if (q !== 0) {
        for (let x = 0; x < 3; x++) {
          a[3 * (k - 1) + x]! -= q * a[3 * (i - 1) + x]!;
          mapping[3 * (k - 1) + x]! -= q * mapping[3 * (i - 1) + x]!;
        }
        for (let j = 0; j < i - 1; j++) u[3 * (k - 1) + j]! -= q * u[3 * (i - 1) + j]!;
        u[3 * (k - 1) + i - 1]! -= q;
      }
    }
    const mu = u[3 * (k - 1) + k - 2]!;
    if (dot3(b, k - 1, b, k - 1) >= (delta - mu * mu) * dot3(b, k - 2, b, k - 2)) {
      k += 1;
    } else {
      for (let x = 0; x < 3; x++) {
        const r1 = 3 * (k - 1) + x;
        const r2 = 3 * (k - 2) + x;
        const av = a[r1]!;
        a[r1] = a[r2]!;
        a[r2] = av;
        const mv = mapping[r1]!;
        mapping[r1] = mapping[r2]!;
        mapping[r2] = mv;
      }
      gramSchmidtRow(a, b, u, m, k - 2);
      gramSchmidtRow(a, b, u, m, k - 1);
      if (k > 2) {
        k -= 1;
      } else {
        // pymatgen refreshes the third row's coefficients against the new first two Gram–Schmidt vectors.
        u[6] = dot3(a, 2, b, 0) / m[0]!;
        u[7] = dot3(a, 2, b, 1) / m[1]!;
      }
    }
  }
  return { matrix: a, mapping };
}

/** Row s of the Gram–Schmidt process: coefficients against rows 0..s-1, the orthogonalised vector, its norm². */
function gramSchmidtRow(a: Float64Array, b: Float64Array, u: Float64Array, m: Float64Array, s: number): void {
  for (let j = 0; j < s; j++) u[3 * s + j] = dot3(a, s, b, j) / m[j]!;
  for (let x = 0; x < 3; x++) {
    let v = a[3 * s + x]!;
    for (let j = 0; j < s; j++) v -= u[3 * s + j]! * b[3 * j + x]!;
    b[3 * s + x] = v;
  }
  m[s] = dot3(b, s, b, s);
}

/**
 * Niggli-reduced basis of the same lattice (pymatgen's `get_niggli_reduced_lattice`, tol = 1e-5 of V^(1/3)).
 * pymatgen runs the reduction on the metric tensor and then searches the lattice for vectors with the reduced
 * parameters; here the integer steps are applied to the LLL basis itself, which yields a basis with exactly those
 * parameters without the search. Right-handed, as pymatgen returns it.
 */
export function niggliReduce(lattice: ArrayLike<number>, tol = 1e-5): Matrix3 {
  const lll = lllReduce(lattice).matrix;
  const e = tol * Math.cbrt(Math.abs(determinant(lattice)));
  let G = multiply3(lll, transpose3(lll));
  let T: Matrix3 = Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1); // reduced basis = T · lll
  const apply = (M: readonly number[]) => {
    const Mt = transpose3(M);
    G = multiply3(Mt, multiply3(G, M));
    T = multiply3(Mt, T);
  };
  const sign = (x: number) => x / Math.abs(x);

  for (let iteration = 0; iteration < 100; iteration++) {
    let [A, B, C, E, N, Y] = [G[0]!, G[4]!, G[8]!, 2 * G[5]!, 2 * G[2]!, 2 * G[1]!];
    if (A > B + e || (Math.abs(A - B) < e && Math.abs(E) > Math.abs(N) + e)) apply([0, -1, 0, -1, 0, 0, 0, 0, -1]); // A1
    // As in pymatgen, A2 to A4 read the values from before A1 (the loop repeats until nothing applies).
    if (B > C + e || (Math.abs(B - C) < e && Math.abs(N) > Math.abs(Y) + e)) {
      apply([-1, 0, 0, 0, 0, -1, 0, -1, 0]); // A2
      continue;
    }
    const l = Math.abs(E) < e ? 0 : sign(E);
    const m = Math.abs(N) < e ? 0 : sign(N);
    const n = Math.abs(Y) < e ? 0 : sign(Y);
    if (l * m * n === 1) {
      apply([l === -1 ? -1 : 1, 0, 0, 0, m === -1 ? -1 : 1, 0, 0, 0, n === -1 ? -1 : 1]); // A3
    } else if (l * m * n === 0 || l * m * n === -1) {
      let i = l === 1 ? -1 : 1; // A4
      let j = m === 1 ? -1 : 1;
      let k = n === 1 ? -1 : 1;
      if (i * j * k === -1) {
        if (n === 0) k = -1;
        else if (m === 0) j = -1;
        else if (l === 0) i = -1;
      }
      apply([i, 0, 0, 0, j, 0, 0, 0, k]);
    }
    [A, B, E, N, Y] = [G[0]!, G[4]!, 2 * G[5]!, 2 * G[2]!, 2 * G[1]!]; // A5 to A8 do not read C
    if (Math.abs(E) > B + e || (Math.abs(E - B) < e && 2 * N < Y - e) || (Math.abs(E + B) < e && Y < -e)) {
      apply([1, 0, 0, 0, 1, -sign(E), 0, 0, 1]); // A5
      continue;
    }
    if (Math.abs(N) > A + e || (Math.abs(A - N) < e && 2 * E < Y - e) || (Math.abs(A + N) < e && Y < -e)) {
      apply([1, 0, -sign(N), 0, 1, 0, 0, 0, 1]); // A6
      continue;
    }
    if (Math.abs(Y) > A + e || (Math.abs(A - Y) < e && 2 * E < N - e) || (Math.abs(A + Y) < e && N < -e)) {
      apply([1, -sign(Y), 0, 0, 1, 0, 0, 0, 1]); // A7
      continue;
    }
    const s = E + N + Y + A + B;
    if (s < -e || (Math.abs(s) < e && e < Y + (A + N) * 2)) {
      apply([1, 0, 1, 0, 1, 1, 0, 0, 1]); // A8
      continue;
    }
    break;
  }
  const reduced = multiply3(T, lll);
  if (determinant(reduced) < 0) for (let x = 0; x < 9; x++) reduced[x] = -reduced[x]!;
  return reduced;
}

export function transpose3(m: ArrayLike<number>): Matrix3 {
  return Float64Array.of(m[0]!, m[3]!, m[6]!, m[1]!, m[4]!, m[7]!, m[2]!, m[5]!, m[8]!);
}
