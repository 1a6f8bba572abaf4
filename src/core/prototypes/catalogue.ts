/**
 * Well-known structure prototypes and the compounds that take each of them: the recipe of the example dataset.
 * Positions are the Wyckoff positions of the International Tables (standard settings; origin choice 2 for
 * Fd-3m, hexagonal axes for R-3c); shapes and free parameters are those of the named mineral or compound.
 */
import type { Vec3 } from '../crystal';
import type { LatticeParameters } from '../lattice';

/** A cell of the prototype at a = 1 (the builder scales it) and one position of each orbit per role. */
export interface Shape {
  readonly cell: LatticeParameters;
  /** positions[role]: the representative positions the role's species fills. */
  readonly positions: readonly (readonly Vec3[])[];
}

export interface Prototype {
  /** As the dataset names it: `rock salt`. */
  readonly name: string;
  /** Hermann–Mauguin symbol with its setting, as the CIF reader resolves it. */
  readonly symbol: string;
  readonly number: number;
  /**
   * Where the bond lengths come from: Cordero's covalent radii (tetrahedral semiconductors and metal
   * chalcogenides, whose bonds are covalent) or Shannon's ionic radii (salts and oxides).
   */
  readonly radii: 'covalent' | 'ionic';
  /** Coordination number of each role by its neighbours across the bonds: it selects Shannon's radius. */
  readonly coordination: readonly number[];
  /**
   * Contacts (pairs of roles) whose length is the sum of the two radii. The first sets the scale of the cell; a
   * shape with a free parameter (the spinel's u) fits the others. No two atoms come closer than these contacts.
   */
  readonly bonds: readonly (readonly [number, number])[];
  /**
   * `primitive`: the F-centred conventional cell is replaced by the primitive rhombohedral one (a quarter of the
   * atoms), for cells with more sites than a CrysTens holds.
   */
  readonly cell: 'conventional' | 'primitive';
  /** The shape, given the length (Å) each bond must have; most shapes are fixed and ignore it. */
  shape(bondLength: (bond: number) => number): Shape;
  /**
   * One compound per entry: the species of each role, separated by spaces. Ions (`Ti4+ O2-`) for ionic radii,
   * element symbols (`Ga As`) for covalent ones.
   */
  readonly compounds: readonly string[];
}

const cubic = { a: 1, b: 1, c: 1, alpha: 90, beta: 90, gamma: 90 } as const;
const hexagonal = (cOverA: number): LatticeParameters => ({ a: 1, b: 1, c: cOverA, alpha: 90, beta: 90, gamma: 120 });

/** Rutile's oxygen parameter and axial ratio (TiO₂). */
const RUTILE_U = 0.305;
const RUTILE_C_OVER_A = 0.64;
/** NiAs's axial ratio. */
const NIAS_C_OVER_A = 1.39;
/** Corundum's Al z, O x and axial ratio (α-Al₂O₃). */
const CORUNDUM_Z = 0.352;
const CORUNDUM_X = 0.306;
const CORUNDUM_C_OVER_A = 2.73;

/**
 * The spinel oxygen parameter u (origin choice 2) at which the tetrahedral and the octahedral bonds have the
 * lengths asked for. At a = 1 they are √3 (u − 1/8) and √(3u² − 2u + 3/8) (Sickafus, Wills & Grimes, J. Am.
 * Ceram. Soc. 82 (1999) 3279); equating their ratio to ρ = tetrahedral / octahedral gives the quadratic
 * 3(1 − ρ²) u² + (2ρ² − 3/4) u + 3/64 − 3ρ²/8 = 0, whose root near 1/4 is taken in a form that stays exact at
 * ρ = 1 (u = 21/80). MgAl₂O₄'s radii give u = 0.264; the measured value is 0.262.
 */
export function spinelU(tetrahedral: number, octahedral: number): number {
  const rho2 = (tetrahedral / octahedral) ** 2;
  const a = 3 * (1 - rho2);
  const b = 2 * rho2 - 3 / 4;
  const c = 3 / 64 - (3 * rho2) / 8;
  const q = -(b + Math.sqrt(b * b - 4 * a * c)) / 2;
  return c / q;
}

export const PROTOTYPES: readonly Prototype[] = [
  {
    name: 'rock salt',
    symbol: 'F m -3 m',
    number: 225,
    radii: 'ionic',
    coordination: [6, 6],
    bonds: [[0, 1]],
    cell: 'conventional',
    shape: () => ({ cell: cubic, positions: [[[0, 0, 0]], [[0.5, 0.5, 0.5]]] }),
    compounds: [
      'Li+ F-', 'Li+ Cl-', 'Na+ F-', 'Na+ Cl-', 'Na+ Br-', 'Na+ I-', 'K+ F-', 'K+ Cl-', 'K+ Br-', 'K+ I-',
      'Rb+ Cl-', 'Rb+ Br-', 'Ag+ Cl-', 'Ag+ Br-', 'Mg2+ O2-', 'Ca2+ O2-', 'Sr2+ O2-', 'Ba2+ O2-', 'Mn2+ O2-',
      'Fe2+ O2-', 'Co2+ O2-', 'Ni2+ O2-', 'Cd2+ O2-', 'Mg2+ S2-', 'Ca2+ S2-', 'Pb2+ S2-',
    ],
  },
  {
    name: 'caesium chloride',
    symbol: 'P m -3 m',
    number: 221,
    radii: 'ionic',
    coordination: [8, 8],
    bonds: [[0, 1]],
    cell: 'conventional',
    shape: () => ({ cell: cubic, positions: [[[0, 0, 0]], [[0.5, 0.5, 0.5]]] }),
    compounds: ['Cs+ Cl-', 'Cs+ Br-', 'Cs+ I-', 'Tl+ Cl-', 'Tl+ Br-'],
  },
  {
    name: 'zinc blende',
    symbol: 'F -4 3 m',
    number: 216,
    radii: 'covalent',
    coordination: [4, 4],
    bonds: [[0, 1]],
    cell: 'conventional',
    shape: () => ({ cell: cubic, positions: [[[0, 0, 0]], [[0.25, 0.25, 0.25]]] }),
    compounds: [
      'Ga As', 'Ga P', 'Ga Sb', 'Al P', 'Al As', 'Al Sb', 'In P', 'In As', 'In Sb', 'Zn S', 'Zn Se', 'Zn Te',
      'Cd Te', 'Hg Te', 'Si C', 'B N', 'B P', 'Be S', 'Ag I',
    ],
  },
  {
    name: 'wurtzite',
    symbol: 'P 63 m c',
    number: 186,
    radii: 'covalent',
    coordination: [4, 4],
    bonds: [[0, 1]],
    cell: 'conventional',
    // The ideal wurtzite: u = 3/8 and c/a = √(8/3) make all four bonds of a tetrahedron equal.
    shape: () => ({ cell: hexagonal(Math.sqrt(8 / 3)), positions: [[[1 / 3, 2 / 3, 0]], [[1 / 3, 2 / 3, 3 / 8]]] }),
    compounds: ['Zn O', 'Zn S', 'Cd S', 'Cd Se', 'Ga N', 'Al N', 'In N', 'Be O', 'Ag I', 'Si C'],
  },
  {
    name: 'diamond',
    symbol: 'F d -3 m:2',
    number: 227,
    radii: 'covalent',
    coordination: [4],
    bonds: [[0, 0]],
    cell: 'conventional',
    shape: () => ({ cell: cubic, positions: [[[0.125, 0.125, 0.125]]] }),
    compounds: ['C', 'Si', 'Ge', 'Sn'],
  },
  {
    name: 'fluorite',
    symbol: 'F m -3 m',
    number: 225,
    radii: 'ionic',
    coordination: [8, 4],
    bonds: [[0, 1]],
    cell: 'conventional',
    shape: () => ({ cell: cubic, positions: [[[0, 0, 0]], [[0.25, 0.25, 0.25]]] }),
    compounds: [
      'Ca2+ F-', 'Sr2+ F-', 'Ba2+ F-', 'Cd2+ F-', 'Pb2+ F-', 'Ce4+ O2-', 'Th4+ O2-', 'Zr4+ O2-', 'Hf4+ O2-',
    ],
  },
  {
    name: 'anti-fluorite',
    symbol: 'F m -3 m',
    number: 225,
    radii: 'ionic',
    coordination: [4, 8],
    bonds: [[0, 1]],
    cell: 'conventional',
    shape: () => ({ cell: cubic, positions: [[[0.25, 0.25, 0.25]], [[0, 0, 0]]] }),
    compounds: ['Li+ O2-', 'Na+ O2-', 'K+ O2-', 'Li+ S2-', 'Na+ S2-', 'K+ S2-'],
  },
  {
    name: 'cubic perovskite',
    symbol: 'P m -3 m',
    number: 221,
    radii: 'ionic',
    // The B–X bond sets the cell; the A cation fills the cuboctahedral hole whatever its size.
    coordination: [12, 6, 6],
    bonds: [[1, 2]],
    cell: 'conventional',
    shape: () => ({ cell: cubic, positions: [[[0.5, 0.5, 0.5]], [[0, 0, 0]], [[0.5, 0, 0]]] }),
    compounds: [
      'Sr2+ Ti4+ O2-', 'Ba2+ Ti4+ O2-', 'Ca2+ Ti4+ O2-', 'Pb2+ Ti4+ O2-', 'Sr2+ Zr4+ O2-', 'Ba2+ Zr4+ O2-',
      'Ba2+ Hf4+ O2-', 'Sr2+ Sn4+ O2-', 'Ba2+ Sn4+ O2-', 'K+ Nb5+ O2-', 'Na+ Nb5+ O2-', 'K+ Ta5+ O2-',
      'La3+ Al3+ O2-', 'La3+ Cr3+ O2-', 'La3+ Fe3+ O2-', 'K+ Mg2+ F-', 'K+ Ni2+ F-', 'K+ Zn2+ F-', 'Rb+ Mn2+ F-',
    ],
  },
  {
    name: 'rutile',
    symbol: 'P 42/m n m',
    number: 136,
    radii: 'ionic',
    coordination: [6, 3],
    bonds: [[0, 1]],
    cell: 'conventional',
    shape: () => ({
      cell: { ...cubic, c: RUTILE_C_OVER_A },
      positions: [[[0, 0, 0]], [[RUTILE_U, RUTILE_U, 0]]],
    }),
    compounds: [
      'Ti4+ O2-', 'Sn4+ O2-', 'Ge4+ O2-', 'Si4+ O2-', 'Pb4+ O2-', 'Mn4+ O2-', 'Ru4+ O2-', 'Ir4+ O2-', 'Mg2+ F-',
      'Mn2+ F-', 'Fe2+ F-', 'Co2+ F-', 'Ni2+ F-', 'Zn2+ F-',
    ],
  },
  {
    name: 'spinel',
    symbol: 'F d -3 m:2',
    number: 227,
    radii: 'ionic',
    // A in the tetrahedral 8a, B in the octahedral 16d, X in 32e (one A and three B neighbours).
    coordination: [4, 6, 4],
    bonds: [[0, 2], [1, 2]],
    cell: 'primitive',
    shape: (bondLength) => {
      const u = spinelU(bondLength(0), bondLength(1));
      return { cell: cubic, positions: [[[0.125, 0.125, 0.125]], [[0.5, 0.5, 0.5]], [[u, u, u]]] };
    },
    compounds: [
      'Mg2+ Al3+ O2-', 'Zn2+ Al3+ O2-', 'Fe2+ Al3+ O2-', 'Co2+ Al3+ O2-', 'Mn2+ Al3+ O2-', 'Mg2+ Cr3+ O2-',
      'Zn2+ Cr3+ O2-', 'Fe2+ Cr3+ O2-', 'Mn2+ Cr3+ O2-', 'Ni2+ Cr3+ O2-', 'Cd2+ Cr3+ O2-', 'Zn2+ Ga3+ O2-',
      'Zn2+ Fe3+ O2-',
    ],
  },
  {
    name: 'nickel arsenide',
    symbol: 'P 63/m m c',
    number: 194,
    radii: 'covalent',
    coordination: [6, 6],
    bonds: [[0, 1]],
    cell: 'conventional',
    shape: () => ({ cell: hexagonal(NIAS_C_OVER_A), positions: [[[0, 0, 0]], [[1 / 3, 2 / 3, 0.25]]] }),
    compounds: ['Fe S', 'Co S', 'Ni S', 'Fe Se', 'Co Se', 'Ni Se', 'Mn Te', 'Co Te', 'Ni Te'],
  },
  {
    name: 'corundum',
    symbol: 'R -3 c:H',
    number: 167,
    radii: 'ionic',
    coordination: [6, 4],
    // The shorter of the two cation–anion distances (three of each around a cation).
    bonds: [[0, 1]],
    cell: 'conventional',
    shape: () => ({
      cell: hexagonal(CORUNDUM_C_OVER_A),
      positions: [[[0, 0, CORUNDUM_Z]], [[CORUNDUM_X, 0, 0.25]]],
    }),
    compounds: ['Al3+ O2-', 'Cr3+ O2-', 'Fe3+ O2-', 'Ga3+ O2-'],
  },
];
