/** A symmetry operation x' = R·x + t on fractional coordinates; R row-major. */
export interface SymOp {
  readonly rotation: readonly number[];
  readonly translation: readonly number[];
}

export const IDENTITY: SymOp = { rotation: [1, 0, 0, 0, 1, 0, 0, 0, 1], translation: [0, 0, 0] };

/**
 * Parses a coordinate triplet such as `-x+1/2, y, z`, `1/2+X,-Y,Z`, `0.5-x,x-y,z` or a magnetic
 * `x,y,z,+1` (the time-reversal part is dropped). The text is read, never evaluated as code.
 * Throws an Error saying what is wrong.
 */
export function parseSymOp(text: string): SymOp {
  const clean = text.replace(/['"\s]/g, '').toLowerCase();
  const parts = clean.split(',');
  if (parts.length === 4 && /^[+-]?1$/.test(parts[3]!)) parts.pop();
  if (parts.length !== 3) throw new Error(`symmetry operation '${text}' does not have three components`);
  const rotation: number[] = [];
  const translation: number[] = [];
  for (const part of parts) {
    const { coefficients, constant } = parseComponent(part, text);
    rotation.push(...coefficients);
    translation.push(constant);
  }
  return { rotation, translation };
}

const TERM = /([+-]?)(\d+(?:\.\d*)?(?:\/\d+(?:\.\d*)?)?|\.\d+)?\*?([xyz])?/y;

function parseComponent(part: string, whole: string): { coefficients: number[]; constant: number } {
  if (part === '') throw new Error(`symmetry operation '${whole}' has an empty component`);
  const coefficients = [0, 0, 0];
  let constant = 0;
  let pos = 0;
  while (pos < part.length) {
    TERM.lastIndex = pos;
    const m = TERM.exec(part);
    if (!m || m[0] === '' || (m[2] === undefined && m[3] === undefined)) {
      throw new Error(`symmetry operation '${whole}': cannot read '${part.slice(pos)}'`);
    }
    if (pos > 0 && m[1] === '') throw new Error(`symmetry operation '${whole}': missing sign before '${m[0]}'`);
    pos = TERM.lastIndex;
    const sign = m[1] === '-' ? -1 : 1;
    const value = m[2] === undefined ? 1 : parseNumber(m[2]);
    if (!Number.isFinite(value)) throw new Error(`symmetry operation '${whole}': bad number '${m[2]}'`);
    if (m[3] === undefined) constant += sign * value;
    else coefficients[m[3].charCodeAt(0) - 120]! += sign * value;
  }
  return { coefficients, constant };
}

function parseNumber(s: string): number {
  const slash = s.indexOf('/');
  return slash < 0 ? Number(s) : Number(s.slice(0, slash)) / Number(s.slice(slash + 1));
}

/** Applies an operation to a fractional position. */
export function applySymOp(op: SymOp, f: readonly number[]): [number, number, number] {
  const r = op.rotation;
  const t = op.translation;
  return [
    r[0]! * f[0]! + r[1]! * f[1]! + r[2]! * f[2]! + t[0]!,
    r[3]! * f[0]! + r[4]! * f[1]! + r[5]! * f[2]! + t[1]!,
    r[6]! * f[0]! + r[7]! * f[1]! + r[8]! * f[2]! + t[2]!,
  ];
}

/** Composes two operations: (a ∘ b)(x) = a(b(x)). */
export function composeSymOps(a: SymOp, b: SymOp): SymOp {
  const A = a.rotation;
  const B = b.rotation;
  const rotation: number[] = [];
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) rotation.push(A[3 * i]! * B[j]! + A[3 * i + 1]! * B[3 + j]! + A[3 * i + 2]! * B[6 + j]!);
  }
  return { rotation, translation: applySymOp(a, b.translation) };
}

/** Writes an operation as a CIF coordinate triplet, e.g. `-x+1/2, y, z+1/4`. */
export function formatSymOp(op: SymOp): string {
  const parts: string[] = [];
  for (let i = 0; i < 3; i++) {
    let s = '';
    for (let j = 0; j < 3; j++) {
      const c = op.rotation[3 * i + j]!;
      if (c === 0) continue;
      const v = 'xyz'[j]!;
      const mag = Math.abs(c) === 1 ? '' : String(Math.abs(c));
      s += (c < 0 ? '-' : s ? '+' : '') + mag + v;
    }
    const t = op.translation[i]! - Math.floor(op.translation[i]! + 1e-9);
    if (Math.abs(t) > 1e-9) s += `+${fraction(t)}`;
    parts.push(s || '0');
  }
  return parts.join(', ');
}

function fraction(x: number): string {
  for (const d of [2, 3, 4, 6, 8, 12]) {
    const n = Math.round(x * d);
    if (Math.abs(n / d - x) < 1e-6) return `${n}/${d}`;
  }
  return x.toFixed(6);
}
