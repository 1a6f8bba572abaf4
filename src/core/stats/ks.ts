/**
 * Two-sample Kolmogorov–Smirnov test (spec §5): the D statistic and p-value that `scipy.stats.ks_2samp(x, y)`
 * returns with its defaults (alternative='two-sided', method='auto'), checked against scipy 1.10.1 in
 * goldens/stats-scipy.json.
 *
 * The p-value follows scipy's choices, not just its mathematics:
 * - max(n, m) <= 10000: the exact null distribution (Hodges 1958). Equal sizes use the closed alternating sum
 *   for paths leaving the band |x - y| < h; unequal sizes walk the lattice inside the band, carrying the
 *   probability of having left it (Viehmann 2021, arXiv:2102.08037), which keeps tiny p-values accurate.
 * - otherwise, or when the exact value falls outside [0, 1] (it does for n = m with D = 1/n, where the
 *   alternating sum rounds to 1 + ε), the asymptotic p-value kstwo.sf(D, round(n·m / (n + m))): the law of the
 *   one-sample two-sided statistic D_N, with every branch scipy's `_kolmogn` picks (Simard & L'Ecuyer 2011).
 */

export type KsMethod = 'exact' | 'asymp';

export interface KsResult {
  /** max |F_x − F_y| over the pooled sample; on the exact path rounded to h / lcm(n, m), as scipy does. */
  statistic: number;
  pvalue: number;
  method: KsMethod;
  n: number;
  m: number;
}

/** scipy's MAX_AUTO_N: above this size 'auto' goes straight to the asymptotic distribution. */
const MAX_EXACT_N = 10000;

export function ksTwoSample(x: ArrayLike<number>, y: ArrayLike<number>): KsResult {
  const a = sortedSample(x, 'x');
  const b = sortedSample(y, 'y');
  const n = a.length;
  const m = b.length;
  let d = ecdfDistance(a, b);

  if (Math.max(n, m) <= MAX_EXACT_N) {
    const g = gcd(n, m);
    const lcm = (n / g) * m;
    const h = roundHalfEven(d * lcm);
    // scipy reports the statistic as the lattice value h / lcm, also when it then falls back to asymp.
    d = h / lcm;
    const p = h === 0 ? 1 : n === m ? probOutsideSquare(n, h) : probOutsideBand(n, m, g, h);
    if (p >= 0 && p <= 1) return { statistic: d, pvalue: p, method: 'exact', n, m };
  }
  // Smirnov's limit uses the effective size n·m/(n+m), rounded half-to-even like np.round.
  const en = roundHalfEven((Math.max(n, m) * Math.min(n, m)) / (n + m));
  return { statistic: d, pvalue: clip01(kolmogorovSf(en, d)), method: 'asymp', n, m };
}

function sortedSample(v: ArrayLike<number>, name: string): Float64Array {
  if (v.length === 0) {
    throw new RangeError(`ksTwoSample: sample ${name} is empty; both samples need at least one value`);
  }
  const s = Float64Array.from(v).sort();
  // Typed-array sort puts NaN last; scipy's answer with NaN is meaningless, so refuse it.
  if (Number.isNaN(s[s.length - 1]!)) throw new RangeError(`ksTwoSample: sample ${name} contains NaN`);
  return s;
}

/**
 * max over the pooled values t of |F_a(t) − F_b(t)|, with the ECDFs evaluated exactly as scipy does
 * (i/n − j/m at each distinct value), so D is bit-identical. Ties are handled by stepping over equal values.
 */
function ecdfDistance(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  const m = b.length;
  let i = 0;
  let j = 0;
  let maxDiff = 0;
  let minDiff = 0;
  while (i < n || j < m) {
    const t = j >= m || (i < n && a[i]! <= b[j]!) ? a[i]! : b[j]!;
    while (i < n && a[i]! <= t) i++;
    while (j < m && b[j]! <= t) j++;
    const diff = i / n - j / m;
    if (diff > maxDiff) maxDiff = diff;
    if (diff < minDiff) minDiff = diff;
  }
  // scipy keeps D+ on a tie between D+ and D−; either way the magnitude is the same number.
  return -minDiff > maxDiff ? -minDiff : maxDiff;
}

function gcd(p: number, q: number): number {
  while (q !== 0) [p, q] = [q, p % q];
  return p;
}

/** np.round: halves go to the even neighbour. */
function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function clip01(p: number): number {
  return p < 0 ? 0 : p > 1 ? 1 : p;
}

// ---------------------------------------------------------------------------------------------------------------
// Exact null distribution

/**
 * P(D_{n,n} >= h/n) = 2 Σ_{k>=1} (−1)^(k−1) C(2n, n−kh) / C(2n, n), evaluated Horner-style from the innermost
 * term so that no binomial is formed: P = 2 A_1 (1 − A_2 (1 − A_3 (…))), each A_k a product of h ratios.
 * The operation order is scipy's, so the result (including the 1 + ε case) is the same double.
 */
function probOutsideSquare(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let ak = 1;
    for (let j = 0; j < h; j++) ak = ((n - k * h - j) * ak) / (n + k * h + j + 1);
    p = ak * (1 - p);
  }
  return 2 * p;
}

/**
 * P(D_{n,m} >= h/lcm) for n ≠ m: walk the lattice path (x steps for one sample, y for the other) column by
 * column, keeping only the window of rows inside the band |x/m − y/n| < h/lcm. Each cell holds the probability
 * that a uniformly random path through it has already left the band, so the answer is read off the last cell
 * with no large binomials and no 1 − p cancellation. O(m · window) with one Float64Array row.
 */
function probOutsideBand(n1: number, n2: number, g: number, h: number): number {
  const m = Math.max(n1, n2);
  const n = Math.min(n1, n2);
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const row = new Float64Array(Math.min(2 * maxj + 2, n + 1)).fill(1);
  row.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    // Cells below the window were carried over as 1 (certainly left); the update reads them in place.
    let val = minj === 0 ? 0 : 1;
    const shift = minj - lastminj;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = (row[jj + shift]! * i + val * j) / (i + j);
      row[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) row.fill(1, curlen, Math.min(curlen + (lastlen - curlen), row.length));
  }
  return row[maxj - minj - 1]!;
}

// ---------------------------------------------------------------------------------------------------------------
// Kolmogorov distribution: the law of the one-sample two-sided statistic D_N (scipy.stats.kstwo)

const E128 = 2 ** 128;
const EM128 = 2 ** -128;
const LOG_2PI = Math.log(2 * Math.PI);
const SQRT_2PI = Math.sqrt(2 * Math.PI);
// Stirling series coefficients B_2j / (2j (2j − 1)), j = 8 … 1, highest first (np.polyval order).
const STIRLING = [
  // As exact fractions (cephes writes them in 20 digits, more than a double holds; the doubles are the same).
  -3617 / 122400, 1 / 156, -691 / 360360, 1 / 1188, -1 / 1680, 1 / 1260, -1 / 360, 1 / 12,
];

/**
 * P(D_N >= x), i.e. scipy.stats.kstwo.sf(x, N), branch for branch as scipy's `_kolmogn(cdf=False)` chooses
 * (Simard & L'Ecuyer 2011): Ruben–Gambino closed forms at the ends, Durbin's matrix (Marsaglia–Tsang–Wang) and
 * Pomeranz's recursion for the body at small N, Pelz–Good's expansion at large N, and 2·smirnov in the tail.
 */
export function kolmogorovSf(N: number, x: number): number {
  if (!(N >= 1) || !Number.isInteger(N) || Number.isNaN(x)) return NaN;
  if (x <= 0.5 / N) return 1; // at or below the support's lower end, rv_continuous.sf answers 1
  if (x >= 1) return 0;
  const t = N * x;
  if (t <= 1) {
    // Ruben–Gambino: for 1/2N <= x <= 1/N, P(D_N <= x) = N!/N^N (2t − 1)^N.
    let cdf: number;
    if (N <= 140) {
      cdf = 1;
      for (let i = 1; i <= N; i++) cdf *= i * (1 / N) * (2 * t - 1);
    } else {
      cdf = Math.exp(logFactorialOverPower(N) + N * Math.log(2 * t - 1));
    }
    return clip01(1 - cdf);
  }
  if (t >= N - 1) return clip01(2 * (1 - x) ** N); // Ruben–Gambino at the top end
  if (x >= 0.5) return clip01(2 * smirnovSf(N, x)); // D+ and D− cannot both exceed 1/2
  const nx2 = t * x;
  if (N <= 140) {
    if (nx2 <= 0.754693) return clip01(1 - durbinCdf(N, x));
    if (nx2 <= 4) return clip01(1 - pomeranzCdf(N, x));
    return clip01(2 * smirnovSf(N, x));
  }
  if (nx2 >= 370) return 0;
  if (nx2 >= 2.2) return clip01(2 * smirnovSf(N, x));
  let cdf: number;
  if (nx2 >= 18) cdf = 1;
  else if (N <= 100000 && N * x ** 1.5 <= 1.4) cdf = durbinCdf(N, x);
  else cdf = pelzGoodCdf(N, x);
  return clip01(1 - cdf);
}

/** log(N! / N^N) by Stirling, with N log N taken out first to avoid cancellation. */
function logFactorialOverPower(N: number): number {
  const rn = 1 / N;
  let poly = 0;
  for (const c of STIRLING) poly = poly * (rn / N) + c;
  return Math.log(N) / 2 - N + LOG_2PI / 2 + rn * poly;
}

/** x · 2^e without overflowing the intermediate power of two. */
function ldexp(x: number, e: number): number {
  while (e > 1000) {
    x *= 2 ** 1000;
    e -= 1000;
  }
  while (e < -1000) {
    x *= 2 ** -1000;
    e += 1000;
  }
  return x * 2 ** e;
}

/**
 * P(D_N < d) by Durbin's matrix method as Marsaglia, Tsang & Wang (2003) evaluate it: the (k, k) entry of
 * H^N · N!/N^N, with H of order 2k − 1, k = ceil(N d). Powers are rescaled by 2^128 to stay in range.
 */
function durbinCdf(N: number, d: number): number {
  const nd = N * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let fac = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = fac;
    fac /= j; // may underflow harmlessly
    v[j - 1] = (1 - h ** j) * fac;
  }
  const tt = Math.max(2 * h - 1, 0) ** m - 2 * h ** m;
  v[m - 1] = (1 + tt) * fac;

  let H = new Float64Array(m * m);
  for (let i = 1; i < m; i++) for (let r = i - 1; r < m; r++) H[r * m + i] = w[r - i + 1]!;
  for (let r = 0; r < m; r++) H[r * m] = v[r]!;
  for (let c = 0; c < m; c++) H[(m - 1) * m + c] = v[m - 1 - c]!;

  let P = new Float64Array(m * m);
  for (let i = 0; i < m; i++) P[i * m + i] = 1;
  let pExp = 0;
  let hExp = 0;
  for (let nn = N; nn > 0; nn = Math.floor(nn / 2)) {
    if (nn % 2) {
      P = matmul(P, H, m);
      pExp += hExp;
    }
    H = matmul(H, H, m);
    hExp *= 2;
    if (Math.abs(H[(k - 1) * m + (k - 1)]!) > E128) {
      for (let i = 0; i < m * m; i++) H[i]! /= E128;
      hExp += 128;
    }
  }
  let p = P[(k - 1) * m + (k - 1)]!;
  for (let i = 1; i <= N; i++) {
    p = (i * p) / N;
    if (Math.abs(p) < EM128) {
      p *= E128;
      pExp -= 128;
    }
  }
  return clip01(ldexp(p, pExp));
}

function matmul(A: Float64Array, B: Float64Array, m: number): Float64Array<ArrayBuffer> {
  const C = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let l = 0; l < m; l++) {
      const ail = A[i * m + l]!;
      if (ail === 0) continue;
      for (let j = 0; j < m; j++) C[i * m + j]! += ail * B[l * m + j]!;
    }
  }
  return C;
}

/** Pomeranz's (1974) recursion for P(D_N <= x): 2N + 1 convolutions with truncated Poisson weights. */
function pomeranzCdf(N: number, x: number): number {
  const t = N * x;
  const ll = Math.floor(t);
  const f = t - ll;
  const g = Math.min(f, 1 - f);
  const ceilf = f > 0 ? 1 : 0;
  const roundf = f > 0.5 ? 1 : 0;
  const npwrs = 2 * (ll + 1);
  const gpower = new Float64Array(npwrs); // (g/N)^k / k!
  const twogpower = new Float64Array(npwrs); // (2g/N)^k / k!
  const onem2gpower = new Float64Array(npwrs); // ((1 − 2g)/N)^k / k!
  gpower[0] = twogpower[0] = onem2gpower[0] = 1;
  const gN = g / N;
  const twogN = (2 * g) / N;
  const onem2gN = (1 - 2 * g) / N;
  for (let k = 1; k < npwrs; k++) {
    gpower[k] = (gpower[k - 1]! * gN) / k;
    twogpower[k] = (twogpower[k - 1]! * twogN) / k;
    onem2gpower[k] = (onem2gpower[k - 1]! * onem2gN) / k;
  }

  // The interval of columns that can be non-zero in row i.
  const bounds = (i: number): [number, number] => {
    let j1: number;
    let j2: number;
    if (i === 0) {
      j1 = -ll - ceilf - 1;
      j2 = ll + ceilf - 1;
    } else {
      const half = Math.floor((i + 1) / 2);
      if ((i + 1) % 2 === 0) {
        if (half === N + 1) {
          j1 = N - ll - ceilf - 1;
          j2 = N + ll + ceilf - 1;
        } else {
          j1 = half - 1 - ll - roundf - 1;
          j2 = half + ll - 1 + ceilf - 1;
        }
      } else {
        j1 = half - 1 - ll - 1;
        j2 = half + ll + roundf - 1;
      }
    }
    return [Math.max(j1 + 2, 0), Math.min(j2, N)];
  };

  let V0 = new Float64Array(npwrs);
  let V1 = new Float64Array(npwrs);
  V1[0] = 1;
  let V0s = 0;
  let V1s = 0;
  let expnt = 0;
  let j1 = bounds(0)[0];
  let j2: number;
  for (let i = 1; i < 2 * N + 2; i++) {
    const k1 = j1;
    [V0, V1] = [V1, V0];
    [V0s, V1s] = [V1s, V0s];
    V1.fill(0);
    [j1, j2] = bounds(i);
    const pwrs = i === 1 || i === 2 * N + 1 ? gpower : i % 2 ? twogpower : onem2gpower;
    const ln2 = j2 - k1 + 1;
    if (ln2 > 0) {
      // Full convolution of V0[k1 − V0s …] (length ln2, clipped to the row) with pwrs[0 … ln2), entries
      // j1 − k1 … j2 − k1 only.
      const aStart = k1 - V0s;
      const aLen = Math.min(ln2, npwrs - aStart);
      const bLen = Math.min(ln2, npwrs);
      const from = j1 - k1;
      const len = j2 - j1 + 1;
      let vmax = 0;
      for (let c = 0; c < len; c++) {
        const q = from + c;
        let s = 0;
        for (let r = Math.max(0, q - bLen + 1); r <= Math.min(q, aLen - 1); r++) s += V0[aStart + r]! * pwrs[q - r]!;
        V1[c] = s;
        if (s > vmax) vmax = s;
      }
      if (vmax > 0 && vmax < EM128) {
        for (let c = 0; c < npwrs; c++) V1[c]! *= E128;
        expnt -= 128;
      }
      V1s = V0s + j1 - k1;
    }
  }
  let ans = V1[N - V1s]!;
  for (let k = 1; k <= N; k++) {
    if (Math.abs(ans) > E128) {
      ans *= EM128;
      expnt += 128;
    }
    ans *= k; // multiply by N!
  }
  return clip01(ldexp(ans, expnt));
}

/**
 * Pelz & Good (1976): the Li-Chien/Korolyuk expansion K0 + K1/√N + K2/N + K3/N^1.5, each term rewritten with
 * Jacobi theta identities into series in q = exp(−π²/8z²) that converge fast for small z = x√N.
 */
function pelzGoodCdf(N: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(N) * x;
  const z2 = z ** 2;
  const z3 = z ** 3;
  const z4 = z ** 4;
  const z6 = z ** 6;
  const pi2 = Math.PI ** 2;
  const pi4 = Math.PI ** 4;
  const pi6 = Math.PI ** 6;
  const qlog = -pi2 / 8 / z2;
  if (qlog < -708) return 0;
  let q = Math.exp(qlog);

  const k1a = -z2;
  const k1b = pi2 / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * pi2) / 4;
  const k2c = (pi4 * (1 - 2 * z2)) / 16;
  const k3d = (pi6 * (5 - 30 * z2)) / 64;
  const k3c = (pi4 * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (pi2 * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z ** 8;

  // Horner in q^8 over odd m = 2k − 1: Σ c(m) q^(m²).
  const K = [0, 0, 0, 0];
  const maxk = Math.ceil((16 * z) / Math.PI);
  for (let k = maxk; k > 0; k--) {
    const m = 2 * k - 1;
    const m2 = m ** 2;
    const m4 = m ** 4;
    const m6 = m ** 6;
    const qp = q ** (8 * k);
    const coeffs = [1, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6];
    for (let i = 0; i < 4; i++) K[i] = K[i]! * qp + coeffs[i]!;
  }
  const denom = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i++) K[i] = (K[i]! * q * SQRT_2PI) / denom[i]!;

  // The remaining sums over all integers k in K2 and K3 show little cancellation: sum them directly.
  q = Math.exp(-pi2 / 2 / z2);
  const sqrt3z = Math.sqrt(3) * z;
  let k2extra = 0;
  let k3extra = 0;
  for (let k = maxk; k > 0; k--) {
    const k2 = k * k;
    const qk = q ** k2;
    const kpi = Math.PI * k;
    k2extra += k2 * qk;
    k3extra += (sqrt3z + kpi) * (sqrt3z - kpi) * k2 * qk;
  }
  K[2] = K[2]! + k2extra * ((pi2 * SQRT_2PI) / (-36 * z3));
  K[3] = K[3]! + k3extra * ((pi2 * SQRT_2PI) / (216 * z6));
  let sum = 0;
  for (let i = 0; i < 4; i++) sum += K[i]! / N ** (i / 2);
  return sum;
}

// ---------------------------------------------------------------------------------------------------------------
// Smirnov distribution: the one-sided statistic D+_N (scipy.special.smirnov)

const MINLOG = -745.1332191019412; // log of the smallest subnormal: exp() of anything below is 0
const SMIRNOV_MAX_COMPUTE_N = 1000000;

/**
 * P(D+_N >= x) by the Smirnov / Birnbaum–Tingey sum
 *   x Σ_{v <= N(1−x)} C(N,v) (x + v/N)^(v−1) (1 − x − v/N)^(N−v)
 * (van Mulbregt 2018, arXiv:1802.06966, the algorithm of scipy's cephes `smirnov`). The bases are formed in
 * double-double and the powers carry a separate binary exponent, because with N in the thousands an error of
 * one ulp in a base becomes N ulps in its power, and C(N, v) overflows long before the product does.
 */
export function smirnovSf(N: number, x: number): number {
  if (!(N > 0 && x >= 0 && x <= 1)) return NaN;
  if (N === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;

  // floor(N x) and its remainder, exactly.
  const [nxHi, nxLo] = twoProd(N, x);
  let nxfl = Math.floor(nxHi);
  let alpha: number;
  if (nxfl === nxHi) {
    if (nxLo < 0) {
      nxfl -= 1;
      alpha = 1 + nxLo;
    } else alpha = nxLo;
  } else alpha = nxHi - nxfl + nxLo;
  if (alpha === 1) {
    nxfl += 1;
    alpha = 0;
  }

  if (nxfl === 0 || (nxfl === 1 && alpha === 0)) {
    // x <= 1/N: only the v = 0 term of the upper sum remains, cdf = x (1 + x)^(N−1).
    return clip01(1 - x * powDD(1, x, N - 1));
  }
  if (-2 * N * x * x < MINLOG) return 0;
  if (nxfl >= N - 1) return clip01(powDD(1, -x, N));
  if (N > SMIRNOV_MAX_COMPUTE_N) {
    const logp = -((6 * N * x + 1) ** 2) / 18 / N;
    // Beyond N = 10^6 scipy stops summing and uses p ~ exp(−(6Nx + 1)² / 18N).
    return clip01(logp < -Math.LN2 ? Math.exp(logp) : 1 + Math.expm1(logp));
  }

  // The upper sum (v > N(1−x), alternating) only pays when it has a handful of terms and x is small.
  const nUpperTerms = alpha === 0 ? nxfl : nxfl + 1;
  const useUpper = (nUpperTerms <= 1 && x < 0.5) || (N >= 10 && nUpperTerms <= 3 && x <= 0.5 / Math.sqrt(N));
  const nTerms = useUpper ? nUpperTerms : N - nxfl;
  const vmid = Math.floor(N / 2);

  // Σ A_v in double-double, A_v = C(N,v) (x + v/N)^(v−1) (1 − x − v/N)^(N−v); C is carried as mantissa·2^exp.
  let sumHi = useUpper ? powDD(1, x, N - 1) : powDD(1, -x, N) / x;
  let sumLo = 0;
  let cHi = 1;
  let cLo = 0;
  let cExp = 0;
  [cHi, cLo, cExp] = nextBinomial(cHi, cLo, cExp, N, 0);
  for (let j = 1; j < nTerms; j++) {
    const v = useUpper ? N - j : j;
    const a = termAv(N, x, v, cHi, cLo, cExp);
    if (Number.isFinite(a) && a !== 0) [sumHi, sumLo] = addDD(sumHi, sumLo, a);
    if (a !== 0) {
      // Stop once the remaining terms, none larger than this one, cannot move the sum.
      if (4 * (nTerms - j) * Math.abs(a) < Number.EPSILON * sumHi && j !== nTerms - 1) break;
    } else if (j > vmid) break;
    [cHi, cLo, cExp] = nextBinomial(cHi, cLo, cExp, N, j);
  }
  const prob = x * sumHi + x * sumLo;
  return clip01(useUpper ? 1 - prob : prob);
}

/** C(N, j+1) from C(N, j) = (hi + lo)·2^exp: multiply by (N − j)/(j + 1) in double-double and renormalise. */
function nextBinomial(hi: number, lo: number, exp: number, N: number, j: number): [number, number, number] {
  const [rHi, rLo] = divDD(N - j, j + 1);
  const [pHi, pLo] = mulDD(hi, lo, rHi, rLo);
  const e = exponentOf(pHi);
  return [ldexp(pHi, -e), ldexp(pLo, -e), exp + e];
}

/** One term A_v of the Smirnov sum, as a double (it may underflow to 0; the sum stops on that past v = N/2). */
function termAv(N: number, x: number, v: number, cHi: number, cLo: number, cExp: number): number {
  const [q2Hi, q2Lo] = divDD(N - v, N);
  const [b2Hi, b2Lo] = addDD(q2Hi, q2Lo, -x); // 1 − x − v/N
  const [q1Hi, q1Lo] = divDD(v, N);
  const [b1Hi, b1Lo] = addDD(q1Hi, q1Lo, x); // x + v/N
  const [m2, e2] = powScaled(b2Hi, b2Lo, N - v);
  const [m1, e1] = powScaled(b1Hi, b1Lo, v - 1);
  return ldexp((cHi + cLo) * m1 * m2, cExp + e1 + e2);
}

/** (a + b)^m as a double, the base exact in double-double (m >= 0). */
function powDD(a: number, b: number, m: number): number {
  const [hi, lo] = twoSum(a, b);
  const [man, e] = powScaled(hi, lo, m);
  return ldexp(man, e);
}

/**
 * (hi + lo)^m as mantissa · 2^exponent. The mantissa's power is taken in chunks small enough not to underflow,
 * and the low word enters as the factor (1 + lo/hi)^m.
 */
function powScaled(hi: number, lo: number, m: number): [number, number] {
  if (m === 0) return [1, 0];
  if (hi === 0) return [0, 0];
  const e = exponentOf(hi);
  const f = ldexp(hi, -e); // |f| in [0.5, 1)
  const r = lo / hi;
  let adj = m * r;
  if (Math.abs(adj) > 1e-8) {
    adj = Math.abs(adj) < 1e-4 ? adj + m * r * (((m - 1) / 2) * r) : Math.expm1(m * Math.log1p(r));
  }
  const [man, manExp] = powMantissa(f, m);
  const val = man + man * adj;
  const k = exponentOf(val);
  return [ldexp(val, -k), manExp + k + m * e];
}

/** f^m for 0.5 <= |f| < 1 as mantissa · 2^exponent, split as (f^c)^q · f^r so nothing underflows. */
function powMantissa(f: number, m: number): [number, number] {
  const lg = Math.log2(Math.abs(f));
  if (m * lg > -960) {
    const p = f ** m;
    const k = exponentOf(p);
    return [ldexp(p, -k), k];
  }
  const chunk = Math.floor(-960 / lg);
  const q = Math.floor(m / chunk);
  const rest = m % chunk;
  const pc = f ** chunk;
  const ec = exponentOf(pc);
  const [mq, eq] = powMantissa(ldexp(pc, -ec), q);
  const pr = f ** rest;
  const er = exponentOf(pr);
  const prod = mq * ldexp(pr, -er);
  const k = exponentOf(prod);
  return [ldexp(prod, -k), ec * q + eq + er + k];
}

/** The e with |v| · 2^−e in [0.5, 1) (frexp's exponent); 0 for 0. */
function exponentOf(v: number): number {
  if (v === 0 || !Number.isFinite(v)) return 0;
  let e = Math.floor(Math.log2(Math.abs(v))) + 1;
  const s = ldexp(Math.abs(v), -e);
  if (s >= 1) e += 1;
  else if (s < 0.5) e -= 1;
  return e;
}

// Double-double arithmetic (Dekker 1971, Knuth TAOCP 4.2.2): a value is hi + lo with |lo| <= ulp(hi)/2.

function twoSum(a: number, b: number): [number, number] {
  const s = a + b;
  const bb = s - a;
  return [s, a - (s - bb) + (b - bb)];
}

function quickTwoSum(a: number, b: number): [number, number] {
  const s = a + b;
  return [s, b - (s - a)];
}

const SPLITTER = 134217729; // 2^27 + 1

function twoProd(a: number, b: number): [number, number] {
  const p = a * b;
  let t = SPLITTER * a;
  const aHi = t - (t - a);
  const aLo = a - aHi;
  t = SPLITTER * b;
  const bHi = t - (t - b);
  const bLo = b - bHi;
  return [p, aHi * bHi - p + aHi * bLo + aLo * bHi + aLo * bLo];
}

/** (hi + lo) + b. */
function addDD(hi: number, lo: number, b: number): [number, number] {
  const [s, e] = twoSum(hi, b);
  return quickTwoSum(s, e + lo);
}

function mulDD(aHi: number, aLo: number, bHi: number, bLo: number): [number, number] {
  const [p, e] = twoProd(aHi, bHi);
  return quickTwoSum(p, e + (aHi * bLo + aLo * bHi));
}

/** a / b for doubles a, b, to double-double precision. */
function divDD(a: number, b: number): [number, number] {
  const q = a / b;
  const [p, e] = twoProd(q, b);
  return quickTwoSum(q, (a - p - e) / b);
}
