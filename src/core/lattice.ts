import type { Vec3 } from './crystal';

/**
 * A lattice: its six parameters (Å, degrees) and the matrix whose rows are the vectors a, b, c in Cartesian Å.
 * Convention (as gemmi, ASE and VESTA): a along x, b in the xy plane.
 */
export interface Lattice {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly alpha: number;
  readonly beta: number;
  readonly gamma: number;
  /** Row-major 3×3; row i is lattice vector i. */
  readonly matrix: readonly number[];
}

export type LatticeParameters = Pick<Lattice, 'a' | 'b' | 'c' | 'alpha' | 'beta' | 'gamma'>;

const DEG = Math.PI / 180;

/** Cosine of an angle in degrees, exact at 90° (Math.cos(π/2) is 6e-17, which would tilt right angles). */
function cosd(angle: number): number {
  return angle === 90 ? 0 : Math.cos(angle * DEG);
}

/** Builds a lattice; throws a RangeError naming the problem when the parameters describe no cell. */
export function latticeFromParameters(p: LatticeParameters): Lattice {
  const { a, b, c, alpha, beta, gamma } = p;
  for (const [name, v] of [['a', a], ['b', b], ['c', c]] as const) {
    if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`cell length ${name} = ${v} is not a positive number`);
  }
  for (const [name, v] of [['alpha', alpha], ['beta', beta], ['gamma', gamma]] as const) {
    if (!(v > 0 && v < 180)) throw new RangeError(`cell angle ${name} = ${v} is not between 0 and 180 degrees`);
  }
  const ca = cosd(alpha);
  const cb = cosd(beta);
  const cg = cosd(gamma);
  const sg = Math.sin(gamma * DEG);
  const cx = cb;
  const cy = (ca - cb * cg) / sg;
  const cz2 = 1 - cx * cx - cy * cy;
  if (!(cz2 > 1e-10)) throw new RangeError(`cell angles ${alpha}, ${beta}, ${gamma} give no volume`);
  const matrix = [a, 0, 0, b * cg, b * sg, 0, c * cx, c * cy, c * Math.sqrt(cz2)];
  return { a, b, c, alpha, beta, gamma, matrix };
}

/** Builds a lattice from row vectors, deriving its parameters. */
export function latticeFromMatrix(m: readonly number[]): Lattice {
  const len = (i: number) => Math.hypot(m[3 * i]!, m[3 * i + 1]!, m[3 * i + 2]!);
  const dot = (i: number, j: number) =>
    m[3 * i]! * m[3 * j]! + m[3 * i + 1]! * m[3 * j + 1]! + m[3 * i + 2]! * m[3 * j + 2]!;
  const a = len(0);
  const b = len(1);
  const c = len(2);
  const angle = (i: number, j: number, li: number, lj: number) =>
    Math.acos(Math.max(-1, Math.min(1, dot(i, j) / (li * lj)))) / DEG;
  return { a, b, c, alpha: angle(1, 2, b, c), beta: angle(0, 2, a, c), gamma: angle(0, 1, a, b), matrix: [...m] };
}

export function volume(lattice: Lattice): number {
  const m = lattice.matrix;
  return Math.abs(
    m[0]! * (m[4]! * m[8]! - m[5]! * m[7]!) -
      m[1]! * (m[3]! * m[8]! - m[5]! * m[6]!) +
      m[2]! * (m[3]! * m[7]! - m[4]! * m[6]!),
  );
}

export function fracToCart(lattice: Lattice, f: Vec3): Vec3 {
  const m = lattice.matrix;
  return [
    f[0] * m[0]! + f[1] * m[3]! + f[2] * m[6]!,
    f[0] * m[1]! + f[1] * m[4]! + f[2] * m[7]!,
    f[0] * m[2]! + f[1] * m[5]! + f[2] * m[8]!,
  ];
}

/** The inverse of the lattice matrix, so that frac = cart · inverse. */
function inverse(m: readonly number[]): number[] {
  const [a, b, c, d, e, f, g, h, i] = m as [number, number, number, number, number, number, number, number, number];
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [
    A / det, -(b * i - c * h) / det, (b * f - c * e) / det,
    B / det, (a * i - c * g) / det, -(a * f - c * d) / det,
    C / det, -(a * h - b * g) / det, (a * e - b * d) / det,
  ];
}

export function cartToFrac(lattice: Lattice, r: Vec3): Vec3 {
  const n = inverse(lattice.matrix);
  return [
    r[0] * n[0]! + r[1] * n[3]! + r[2] * n[6]!,
    r[0] * n[1]! + r[1] * n[4]! + r[2] * n[7]!,
    r[0] * n[2]! + r[1] * n[5]! + r[2] * n[8]!,
  ];
}

/** Wraps a fractional coordinate into [0, 1), mapping values a rounding error below 1 to 0. */
export function wrapFrac(x: number): number {
  const w = x - Math.floor(x);
  return w >= 1 - 1e-12 ? 0 : w;
}
