/**
 * Local-structure order parameters of one coordination shell, as pymatgen's `LocalStructOrderParams`
 * (pymatgen.analysis.local_env, 2022.11.7) defines them: the types that matminer's CrystalNN "ops" fingerprint
 * uses (see structure-fingerprint.ts), with pymatgen's default parameters (op_params.yaml).
 *
 * Most types are Peters-style motif detectors (Peters, J. Chem. Phys. 131, 244103, 2009; Zimmermann et al.,
 * Front. Mater. 4, 34, 2017): each neighbour j in turn is put at the North pole, each other neighbour k fixes
 * the prime meridian, and Gaussian terms score the polar angle θ of k and the polar and azimuthal angles (θ, φ) of
 * every third neighbour m against the ideal motif. q2, q4 and q6 are Steinhardt's bond-orientational order
 * parameters. Every threshold and special case below is pymatgen's, so that the fingerprint matches CDVAE's.
 */

export type OrderParameterType =
  | 'sgl_bd'
  | 'bent'
  | 'T'
  | 'tri_plan_max'
  | 'tet_max'
  | 'see_saw_rect'
  | 'sq_plan_max'
  | 'tri_pyr'
  | 'sq_pyr'
  | 'pent_pyr'
  | 'hex_pyr'
  | 'tri_bipyr'
  | 'oct_max'
  | 'pent_bipyr'
  | 'hex_bipyr'
  | 'pent_plan_max'
  | 'hex_plan_max'
  | 'bcc'
  | 'cuboct_max'
  | 'q2'
  | 'q4'
  | 'q6';

/**
 * The parameters, named as in pymatgen (angles in fractions of 180° unless said otherwise). TA: target angle;
 * IGW_*: inverse Gaussian width for the target angle (TA), the equatorial plane at 90° (EP) or the South pole
 * (SPP); min_SPP: the smallest angle (radians) that counts as South pole; w_SPP: weight of the South pole term;
 * fac_AA, exp_cos_AA: the azimuth term is cos(fac_AA·φ)^exp_cos_AA. For cuboct_max, pymatgen's numeric keys
 * 2, 4, 5 and 6 are named here upper_theta, lower_theta (radians), IGW_EP and IGW_OP (off-plane, ±1/3).
 */
export interface OrderParameterParams {
  readonly TA?: number;
  readonly IGW_TA?: number;
  readonly IGW_EP?: number;
  readonly IGW_SPP?: number;
  readonly IGW_OP?: number;
  readonly min_SPP?: number;
  readonly w_SPP?: number;
  readonly fac_AA?: number;
  readonly exp_cos_AA?: number;
  readonly upper_theta?: number;
  readonly lower_theta?: number;
}

export interface OrderParameterSpec {
  readonly type: OrderParameterType;
  readonly params: OrderParameterParams;
}

/** pymatgen's op_params.yaml for the types above (q2, q4, q6 and sgl_bd take none). */
export const DEFAULT_ORDER_PARAMETER_PARAMS: Readonly<Record<OrderParameterType, OrderParameterParams>> = {
  sgl_bd: {},
  bent: { TA: 1, IGW_TA: 8.667 },
  T: { IGW_EP: 15.5, fac_AA: 1, exp_cos_AA: 2 },
  tri_plan_max: { IGW_TA: 17.5, TA: 0.66666666667, fac_AA: 1, exp_cos_AA: 2 },
  tet_max: { IGW_TA: 18.5, TA: 0.6081734479693927, fac_AA: 1.5, exp_cos_AA: 2 },
  see_saw_rect: { min_SPP: 2.356194490192345, IGW_SPP: 11.5, IGW_EP: 27, fac_AA: 2, exp_cos_AA: 2 },
  sq_plan_max: { min_SPP: 2.356194490192345, IGW_SPP: 13.5, IGW_EP: 17.7, w_SPP: 1, fac_AA: 1, exp_cos_AA: 2 },
  tri_pyr: { IGW_EP: 15.5, fac_AA: 1.5, exp_cos_AA: 2 },
  sq_pyr: { IGW_EP: 14.9, fac_AA: 2, exp_cos_AA: 2 },
  pent_pyr: { IGW_EP: 13.8, fac_AA: 2.5, exp_cos_AA: 2 },
  hex_pyr: { IGW_EP: 12.5, fac_AA: 3, exp_cos_AA: 2 },
  tri_bipyr: { min_SPP: 2.356194490192345, IGW_SPP: 12, IGW_EP: 16.6, fac_AA: 1.5, exp_cos_AA: 2, w_SPP: 1 },
  oct_max: { min_SPP: 2.356194490192345, IGW_SPP: 15, IGW_EP: 18, w_SPP: 1, fac_AA: 2, exp_cos_AA: 2 },
  pent_bipyr: { min_SPP: 2.356194490192345, IGW_SPP: 12.5, IGW_EP: 14.75, fac_AA: 2.5, exp_cos_AA: 2, w_SPP: 1 },
  hex_bipyr: { min_SPP: 2.356194490192345, IGW_SPP: 14.1, IGW_EP: 13.6, fac_AA: 3, exp_cos_AA: 2, w_SPP: 1 },
  pent_plan_max: { TA: 0.6, IGW_TA: 19.333 },
  hex_plan_max: {
    min_SPP: 2.6179938779914944, IGW_SPP: 7.5, w_SPP: 1, fac_AA: 1, exp_cos_AA: 2, IGW_TA: 25, TA: 0.16666667,
  },
  bcc: { min_SPP: 2.5261129449194057, IGW_SPP: 15, w_SPP: 6 },
  cuboct_max: {
    min_SPP: 2.792526803190927, IGW_SPP: 28.75, w_SPP: 1.8,
    upper_theta: 1.8325957145940461, lower_theta: 1.3089969389957472, IGW_EP: 25.5, IGW_OP: 31.25,
  },
  q2: {},
  q4: {},
  q6: {},
};

/** The largest shell the scratch buffers hold: CrystalNN fingerprints stop at CN 24. */
export const MAX_SHELL = 24;

/** pymatgen's "very_small": a perpendicular shorter than this means the two bonds are (anti)parallel. */
const VERY_SMALL = 1e-12;
const INV_PI = 1 / Math.PI;
const HALF_PI = Math.PI / 2;
const FAC_BCC = 1 / Math.exp(-0.5);
const ASIN_THIRD = Math.asin(1 / 3);

function gauss(x: number): number {
  return Math.exp(-0.5 * x * x);
}

function clampedAcos(c: number): number {
  return Math.acos(c > 1 ? 1 : c < -1 ? -1 : c);
}

/**
 * The geometry of one coordination shell, computed once and shared by every order parameter asked of it: unit
 * bond vectors, bond lengths, the angle between every two bonds, and for every (North pole j, meridian k,
 * third m) the azimuth φ. Buffers are allocated once for shells of up to MAX_SHELL neighbours and reused.
 */
export class CoordinationShell {
  /** Number of neighbours in the shell now held. */
  n = 0;
  private readonly unit = new Float64Array(3 * MAX_SHELL);
  private readonly length = new Float64Array(MAX_SHELL);
  /** theta[j·n + k]: angle between bonds j and k (radians). */
  private readonly theta = new Float64Array(MAX_SHELL * MAX_SHELL);
  /** Bond k made perpendicular to bond j and normalised (Gram–Schmidt), and whether it was too short to. */
  private readonly perp = new Float64Array(3 * MAX_SHELL * MAX_SHELL);
  private readonly parallel = new Uint8Array(MAX_SHELL * MAX_SHELL);
  /** phi[(j·n + k)·n + m]: azimuth of bond m about bond j, measured from the meridian through bond k. */
  private readonly phi = new Float64Array(MAX_SHELL * MAX_SHELL * MAX_SHELL);
  /** Per-(j, m) Gaussian terms of the order parameter being evaluated (see peters()). */
  private readonly polarTerm = new Float64Array(MAX_SHELL * MAX_SHELL);
  private readonly southTerm = new Float64Array(MAX_SHELL * MAX_SHELL);
  private azimuthsReady = false;

  /**
   * Holds the shell of `center` made of the first `n` neighbours (Cartesian Å, x y z each). Bonds are
   * neighbour − centre, as pymatgen forms them.
   */
  set(center: ArrayLike<number>, neighbours: ArrayLike<number>, n: number): this {
    if (n > MAX_SHELL) throw new RangeError(`a shell of ${n} neighbours is beyond the ${MAX_SHELL} supported`);
    this.n = n;
    const u = this.unit;
    for (let j = 0; j < n; j++) {
      const x = neighbours[3 * j]! - center[0]!;
      const y = neighbours[3 * j + 1]! - center[1]!;
      const z = neighbours[3 * j + 2]! - center[2]!;
      const d = Math.sqrt(x * x + y * y + z * z);
      this.length[j] = d;
      u[3 * j] = x / d;
      u[3 * j + 1] = y / d;
      u[3 * j + 2] = z / d;
    }
    for (let j = 0; j < n; j++) {
      for (let k = 0; k < n; k++) {
        const c = u[3 * j]! * u[3 * k]! + u[3 * j + 1]! * u[3 * k + 1]! + u[3 * j + 2]! * u[3 * k + 2]!;
        this.theta[j * n + k] = clampedAcos(c);
      }
    }
    this.azimuthsReady = false;
    return this;
  }

  /** Perpendiculars and azimuths, needed by the Peters-style types only (q_l and sgl_bd do without). */
  private prepareAzimuths(): void {
    if (this.azimuthsReady) return;
    const { n, unit: u, perp, parallel, phi } = this;
    for (let j = 0; j < n; j++) {
      const zx = u[3 * j]!, zy = u[3 * j + 1]!, zz = u[3 * j + 2]!;
      const zz2 = zx * zx + zy * zy + zz * zz;
      for (let k = 0; k < n; k++) {
        if (k === j) continue;
        const kx = u[3 * k]!, ky = u[3 * k + 1]!, kz = u[3 * k + 2]!;
        const f = (kx * zx + ky * zy + kz * zz) / zz2;
        const px = kx - f * zx, py = ky - f * zy, pz = kz - f * zz;
        const l = Math.sqrt(px * px + py * py + pz * pz);
        const at = 3 * (j * n + k);
        parallel[j * n + k] = l < VERY_SMALL ? 1 : 0;
        perp[at] = px / l;
        perp[at + 1] = py / l;
        perp[at + 2] = pz / l;
      }
      for (let k = 0; k < n; k++) {
        if (k === j || parallel[j * n + k]) continue;
        const a = 3 * (j * n + k);
        for (let m = 0; m < n; m++) {
          if (m === j || m === k || parallel[j * n + m]) continue;
          const b = 3 * (j * n + m);
          phi[(j * n + k) * n + m] = clampedAcos(
            perp[b]! * perp[a]! + perp[b + 1]! * perp[a + 1]! + perp[b + 2]! * perp[a + 2]!,
          );
        }
      }
    }
    this.azimuthsReady = true;
  }

  /** The order parameter of this shell, or null where pymatgen gives None (too few neighbours for it). */
  orderParameter(spec: OrderParameterSpec): number | null {
    switch (spec.type) {
      case 'sgl_bd':
        return this.singleBond();
      case 'q2':
        return this.steinhardt(2);
      case 'q4':
        return this.steinhardt(4);
      case 'q6':
        return this.steinhardt(6);
      default:
        this.prepareAzimuths();
        return this.peters(spec.type, spec.params);
    }
  }

  /** 1 − (shortest bond / second shortest); 1 for a lone neighbour, 0 for none. */
  private singleBond(): number {
    const n = this.n;
    if (n === 0) return 0;
    if (n === 1) return 1;
    let first = Infinity, second = Infinity;
    for (let j = 0; j < n; j++) {
      const d = this.length[j]!;
      if (d < first) {
        second = first;
        first = d;
      } else if (d < second) second = d;
    }
    return 1 - first / second;
  }

  /**
   * Steinhardt's q_l = sqrt(4π/(2l+1) · Σ_m |Σ_i Y_lm(bond i)|²) / n, summing the harmonics' amplitudes as
   * pymatgen does (not the equal Σ_ij P_l(cos γ_ij), whose rounding leaves ~1e-8 where q is 0). Y_lm is written
   * as N_lm · Q_lm(cos θ) · (sin θ e^{iφ})^m with sin θ e^{iφ} = x + iy of the unit bond, so a bond along z
   * needs no azimuth; |S_-m| = |S_m|, so negative m count twice. Null for an empty shell.
   */
  private steinhardt(l: 2 | 4 | 6): number | null {
    const n = this.n;
    if (n === 0) return null;
    const u = this.unit;
    const terms = HARMONICS[l];
    let acc = 0;
    for (let m = 0; m <= l; m++) {
      let re = 0, im = 0;
      for (let i = 0; i < n; i++) {
        const x = u[3 * i]!, y = u[3 * i + 1]!, z = u[3 * i + 2]!;
        const radial = terms[m]!(z);
        // (x + iy)^m
        let pr = 1, pi = 0;
        for (let t = 0; t < m; t++) {
          const r = pr * x - pi * y;
          pi = pr * y + pi * x;
          pr = r;
        }
        re += radial * pr;
        im += radial * pi;
      }
      acc += (m === 0 ? 1 : 2) * (re * re + im * im);
    }
    return Math.sqrt((4 * Math.PI * acc) / ((2 * l + 1) * n * n));
  }

  /**
   * The Peters-style motif order parameters: pymatgen's get_order_parameters for one type. For each North pole j
   * and meridian k, q sums Gaussian terms and w counts them; bent and bcc pool q (and w) over all (j, k), the
   * others take the largest q / w. Terms that depend on the polar angle of m alone are tabulated per (j, m)
   * first, so the (j, k, m) loop pays only for the azimuth.
   */
  private peters(type: OrderParameterType, p: OrderParameterParams): number | null {
    const { n, theta, parallel, phi, polarTerm, southTerm } = this;
    const family = FAMILY[type];
    const ta = p.TA ?? 0, igwTa = p.IGW_TA ?? 0, igwEp = p.IGW_EP ?? 0, igwSpp = p.IGW_SPP ?? 0;
    const minSpp = p.min_SPP ?? 0, wSpp = p.w_SPP ?? 0, facAa = p.fac_AA ?? 0, expAa = p.exp_cos_AA ?? 0;
    const lower = p.lower_theta ?? 0, upper = p.upper_theta ?? 0, igwOp = p.IGW_OP ?? 0;
    const hexPlan = type === 'hex_plan_max';
    const southPole = family === Family.Bipyramid || family === Family.SeeSaw;

    // Terms of the angle between bonds j and m (also used as the j–i–k term, with m = k).
    for (let jm = 0; jm < n * n; jm++) {
      const t = theta[jm]!;
      switch (family) {
        case Family.Bent:
        case Family.TargetAngle:
          polarTerm[jm] = gauss(igwTa * (t * INV_PI - ta));
          break;
        case Family.Pyramid:
        case Family.SeeSaw:
          polarTerm[jm] = gauss(igwEp * (t * INV_PI - 0.5));
          break;
        case Family.Bipyramid:
          // The equatorial term: how far the angle sits from 90° (for hex_plan_max, from 90° ± 30°).
          polarTerm[jm] = hexPlan ? gauss(igwTa * (Math.abs(t * INV_PI - 0.5) - ta)) : gauss(igwEp * (t * INV_PI - 0.5));
          break;
        case Family.PentagonalPlanar:
          polarTerm[jm] = gauss(igwTa * (t * INV_PI - (t <= ta * Math.PI ? 0.4 : 0.8)));
          break;
        case Family.Bcc: {
          const x = (t - HALF_PI) / ASIN_THIRD;
          polarTerm[jm] = FAC_BCC * x * Math.exp(-0.5 * x * x);
          break;
        }
        case Family.Cuboctahedral:
          // In the equatorial band: near 90°; above or below it: near 60° or 120°.
          polarTerm[jm] = lower < t && t < upper ? gauss(igwEp * (t * INV_PI - 0.5))
            : t < lower ? gauss(igwOp * (t * INV_PI - 1 / 3))
            : t > upper ? gauss(igwOp * (t * INV_PI - 2 / 3)) : 0;
          break;
      }
      // Bond m at the South pole of bond j (cuboct_max and bcc weight it by w_SPP, the others by 1).
      southTerm[jm] = gauss(igwSpp * (t * INV_PI - 1));
    }

    let sumQ = 0, sumW = 0, best = -Infinity;
    for (let j = 0; j < n; j++) {
      for (let k = 0; k < n; k++) {
        if (k === j) continue;
        const jk = j * n + k;
        const tk = theta[jk]!;
        let q = 0, w = 0;
        // The j–i–k angle.
        switch (family) {
          case Family.Bent:
          case Family.TargetAngle:
          case Family.Pyramid:
          case Family.PentagonalPlanar:
            q += polarTerm[jk]!;
            w += 1;
            break;
          case Family.Bipyramid:
          case Family.SeeSaw:
            if (tk < minSpp) {
              q += polarTerm[jk]!;
              w += 1;
            }
            break;
          case Family.Cuboctahedral:
            if (tk >= minSpp) {
              q += wSpp * southTerm[jk]!;
              w += wSpp;
            }
            break;
          case Family.Bcc:
            if (j < k && tk >= minSpp) {
              q += wSpp * southTerm[jk]!;
              w += wSpp;
            }
            break;
        }
        // Every third neighbour m, unless bond k is (anti)parallel to j and so fixes no meridian.
        if (family !== Family.Bent && !parallel[jk]) {
          const row = j * n;
          const phiRow = jk * n;
          for (let m = 0; m < n; m++) {
            if (m === j || m === k) continue;
            const tm = theta[row + m]!;
            if (southPole && tm >= minSpp) {
              q += southTerm[row + m]!;
              w += 1;
            }
            if (parallel[row + m]) continue; // bond m has no azimuth
            const ph = phi[phiRow + m]!;
            switch (family) {
              case Family.TargetAngle:
              case Family.Pyramid:
                q += polarTerm[row + m]! * cosPower(facAa * ph, expAa);
                w += 1;
                break;
              case Family.PentagonalPlanar:
                q += polarTerm[row + m]! * cosPower(ph, 2);
                w += 1;
                break;
              case Family.Bipyramid:
                if (tm < minSpp && tk < minSpp) {
                  q += polarTerm[row + m]! * cosPower(facAa * ph, expAa);
                  w += 1;
                }
                break;
              case Family.SeeSaw:
                if (tm < minSpp && tk < minSpp && ph < 0.75 * Math.PI) {
                  q += polarTerm[row + m]! * cosPower(facAa * ph, expAa);
                  w += 1;
                }
                break;
              case Family.Bcc:
                if (j < k && tk < minSpp) {
                  // pymatgen's sign: + when bond k lies in the far hemisphere of j. With j as the pole of pair j < k only,
                  // bcc depends on the order of the neighbours (CrystalNN lists equal weights in qhull's order).
                  q += (tk > HALF_PI ? 1 : -1) * Math.cos(3 * ph) * polarTerm[row + m]!;
                  w += 1;
                }
                break;
              case Family.Cuboctahedral:
                if (tm < minSpp && lower < tk && tk < upper) {
                  if (lower < tm && tm < upper) {
                    q += polarTerm[row + m]! * cosPower(ph, 2);
                    w += 1;
                  } else if (tm < lower || tm > upper) {
                    q += gauss(0.0556 * (Math.cos(ph - HALF_PI) - 0.81649658)) * polarTerm[row + m]!;
                    w += 1;
                  }
                }
                break;
            }
          }
        }
        if (family === Family.Bent || family === Family.Bcc) {
          sumQ += q;
          sumW += w;
        } else {
          const v = w > 1e-12 ? q / w : 0;
          if (v > best) best = v;
        }
      }
    }
    if (family === Family.Bent) return sumW > 1e-12 ? sumQ / sumW : null;
    if (family === Family.Bcc) return n > 3 ? sumQ / (0.5 * n * (6 + (n - 2) * (n - 3))) : null;
    return n > 1 ? best : null;
  }
}

/** cos(x)^e, as pymatgen's `cos(fac_AA * phi) ** exp_cos_AA` (e is 2 throughout the preset). */
function cosPower(x: number, e: number): number {
  const c = Math.cos(x);
  return e === 2 ? c * c : c ** e;
}

/** The Peters-style types grouped by how pymatgen scores them. */
const enum Family {
  Bent,
  TargetAngle,
  Pyramid,
  Bipyramid,
  SeeSaw,
  PentagonalPlanar,
  Bcc,
  Cuboctahedral,
  None,
}

const FAMILY: Readonly<Record<OrderParameterType, Family>> = {
  bent: Family.Bent,
  tri_plan_max: Family.TargetAngle,
  tet_max: Family.TargetAngle,
  T: Family.Pyramid,
  tri_pyr: Family.Pyramid,
  sq_pyr: Family.Pyramid,
  pent_pyr: Family.Pyramid,
  hex_pyr: Family.Pyramid,
  tri_bipyr: Family.Bipyramid,
  oct_max: Family.Bipyramid,
  pent_bipyr: Family.Bipyramid,
  hex_bipyr: Family.Bipyramid,
  sq_plan_max: Family.Bipyramid,
  hex_plan_max: Family.Bipyramid,
  see_saw_rect: Family.SeeSaw,
  pent_plan_max: Family.PentagonalPlanar,
  bcc: Family.Bcc,
  cuboct_max: Family.Cuboctahedral,
  sgl_bd: Family.None,
  q2: Family.None,
  q4: Family.None,
  q6: Family.None,
};

/** N_lm · Q_lm(cos θ) for m = 0..l, with pymatgen's normalisations (its get_q2, get_q4, get_q6). */
const HARMONICS: Readonly<Record<2 | 4 | 6, readonly ((z: number) => number)[]>> = (() => {
  const PI = Math.PI;
  return {
    2: [
      (z) => 0.25 * Math.sqrt(5 / PI) * (3 * z * z - 1),
      (z) => 0.5 * Math.sqrt(15 / (2 * PI)) * z,
      () => 0.25 * Math.sqrt(15 / (2 * PI)),
    ],
    4: [
      (z) => (3 / 16) * Math.sqrt(1 / PI) * (35 * z ** 4 - 30 * z * z + 3),
      (z) => (3 / 8) * Math.sqrt(5 / PI) * (7 * z ** 3 - 3 * z),
      (z) => (3 / 8) * Math.sqrt(5 / (2 * PI)) * (7 * z * z - 1),
      (z) => (3 / 8) * Math.sqrt(35 / PI) * z,
      () => (3 / 16) * Math.sqrt(35 / (2 * PI)),
    ],
    6: [
      (z) => (1 / 32) * Math.sqrt(13 / PI) * (231 * z ** 6 - 315 * z ** 4 + 105 * z * z - 5),
      (z) => (1 / 16) * Math.sqrt(273 / (2 * PI)) * (33 * z ** 5 - 30 * z ** 3 + 5 * z),
      (z) => (1 / 64) * Math.sqrt(1365 / PI) * (33 * z ** 4 - 18 * z * z + 1),
      (z) => (1 / 32) * Math.sqrt(1365 / PI) * (11 * z ** 3 - 3 * z),
      (z) => (3 / 32) * Math.sqrt(91 / (2 * PI)) * (11 * z * z - 1),
      (z) => (3 / 32) * Math.sqrt(1001 / PI) * z,
      () => (1 / 64) * Math.sqrt(3003 / PI),
    ],
  };
})();
