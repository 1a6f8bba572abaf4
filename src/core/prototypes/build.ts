/**
 * One example crystal: a prototype filled with one compound, its cell scaled so that the bonds are as long as
 * the sums of the radii. Needs the symmetry library loaded (initMoyo), as the CIF reader does: the full cell is
 * the symmetry expansion of the Wyckoff positions.
 */
import type { Crystal, Site, Vec3 } from '../crystal';
import { type Element, elementBySymbol } from '../elements';
import { type AsymmetricSite, expandAsymmetricUnit } from '../expand';
import { type Lattice, latticeFromParameters, wrapFrac } from '../lattice';
import { periodicDistance } from '../pbc';
import { operationsFromHermannMauguin } from '../symmetry/setting';
import type { Prototype, Shape } from './catalogue';
import { ionicRadius } from './shannon';

/** A contact the construction fixed: two elements and the sum of their radii (Å). */
export interface Bond {
  readonly elements: readonly [string, string];
  readonly length: number;
}

export interface Example {
  /** The prototype's name: `rock salt`. */
  readonly prototype: string;
  /** Reduced formula, species in the prototype's role order: `SrTiO3`, `MgAl2O4`. */
  readonly formula: string;
  readonly bonds: readonly Bond[];
  /** Without a detected space group: `exampleDataset` adds it. */
  readonly crystal: Crystal;
}

/** The element of a species as the catalogue writes it: `Ti4+` (ionic) or `Ti` (covalent). */
function elementOf(species: string, prototype: Prototype): Element {
  const symbol = prototype.radii === 'ionic' ? /^[A-Z][a-z]?/.exec(species)?.[0] : species;
  const element = symbol === undefined ? undefined : elementBySymbol(symbol);
  if (!element) throw new RangeError(`${prototype.name}: '${species}' is not ${prototype.radii === 'ionic' ? 'an ion' : 'an element symbol'}`);
  return element;
}

function radiusOf(species: string, element: Element, prototype: Prototype, role: number): number {
  return prototype.radii === 'ionic' ? ionicRadius(species, prototype.coordination[role]!) : element.covalentRadius;
}

/** Shortest distance (Å) between a site of one role and another site of the other role. */
function contactDistance(lattice: Lattice, sites: readonly Site[], first: string, second: string): number {
  let shortest = Infinity;
  for (const s of sites) {
    if (s.element !== first) continue;
    for (const t of sites) {
      if (t.element === second && t !== s) shortest = Math.min(shortest, periodicDistance(lattice, s.frac, t.frac));
    }
  }
  return shortest;
}

/**
 * An F-centred cell's primitive rhombohedral cell, vectors (0 ½ ½), (½ 0 ½), (½ ½ 0) of the conventional a:
 * fractional coordinates become (−x+y+z, x−y+z, x+y−z), and the four centring images of each atom become one.
 */
function primitiveOfFaceCentred(prototype: Prototype, a: number, sites: readonly Site[]): { lattice: Lattice; sites: Site[] } {
  if (!prototype.symbol.startsWith('F') || prototype.number < 195) {
    throw new RangeError(`${prototype.name}: only face-centred cubic cells are reduced to primitive ones`);
  }
  const side = a / Math.SQRT2;
  const lattice = latticeFromParameters({ a: side, b: side, c: side, alpha: 60, beta: 60, gamma: 60 });
  const seen = new Set<string>();
  const primitive: Site[] = [];
  for (const s of sites) {
    const [x, y, z] = s.frac;
    const frac: Vec3 = [wrapFrac(-x + y + z), wrapFrac(x - y + z), wrapFrac(x + y - z)];
    const key = frac.map((v) => wrapFrac(Math.round(v * 1e6) / 1e6)).join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    primitive.push({ ...s, frac });
  }
  return { lattice, sites: primitive };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function reducedFormula(elements: readonly Element[], sites: readonly Site[]): string {
  const counts = elements.map((e) => sites.filter((s) => s.element === e.symbol).length);
  const divisor = counts.reduce(gcd);
  return elements.map((e, i) => `${e.symbol}${counts[i]! === divisor ? '' : counts[i]! / divisor}`).join('');
}

/** The full cell of the shape at a = 1: every Wyckoff position expanded by the group's operations. */
function expandShape(prototype: Prototype, shape: Shape, elements: readonly Element[]): { unit: Lattice; sites: Site[] } {
  const symmetry = operationsFromHermannMauguin(prototype.symbol);
  if (symmetry?.number !== prototype.number) throw new RangeError(`${prototype.name}: '${prototype.symbol}' is not space group ${prototype.number}`);
  const asymmetric: AsymmetricSite[] = shape.positions.flatMap((positions, role) =>
    positions.map((frac, k) => {
      const { symbol, Z } = elements[role]!;
      return { label: `${symbol}${k + 1}`, element: symbol, Z, frac, occupancy: 1 };
    }),
  );
  const unit = latticeFromParameters(shape.cell);
  const expansion = expandAsymmetricUnit(unit, asymmetric, symmetry.operations);
  if (expansion.warnings.length > 0) throw new RangeError(`${prototype.name}: ${expansion.warnings.join('; ')}`);
  return { unit, sites: expansion.sites };
}

/** The prototype filled with one of its compounds (`Sr2+ Ti4+ O2-`, one species per role). */
export function buildExample(prototype: Prototype, compound: string): Example {
  const species = compound.split(' ');
  if (species.length !== prototype.coordination.length) {
    throw new RangeError(`${prototype.name}: '${compound}' does not give one species for each of its ${prototype.coordination.length} roles`);
  }
  const elements = species.map((s) => elementOf(s, prototype));
  if (new Set(elements.map((e) => e.symbol)).size !== elements.length) {
    throw new RangeError(`${prototype.name}: '${compound}' puts one element in two roles`);
  }
  // Only the roles of the bonds need a radius (a perovskite's A cation has none here).
  const radius = (role: number) => radiusOf(species[role]!, elements[role]!, prototype, role);
  const bondLengths = prototype.bonds.map(([i, j]) => radius(i) + radius(j));
  const shape = prototype.shape((bond) => bondLengths[bond]!);
  const { unit, sites: unitSites } = expandShape(prototype, shape, elements);

  // Fractional coordinates do not change with the scale: only the cell grows.
  const [first, second] = prototype.bonds[0]!;
  const scale = bondLengths[0]! / contactDistance(unit, unitSites, elements[first]!.symbol, elements[second]!.symbol);
  const { cell } = shape;
  const conventional = latticeFromParameters({ ...cell, a: cell.a * scale, b: cell.b * scale, c: cell.c * scale });
  const { lattice, sites } =
    prototype.cell === 'primitive'
      ? primitiveOfFaceCentred(prototype, conventional.a, unitSites)
      : { lattice: conventional, sites: unitSites };

  const formula = reducedFormula(elements, sites);
  const cellNote = prototype.cell === 'primitive' ? ' (primitive rhombohedral cell)' : '';
  return {
    prototype: prototype.name,
    formula,
    bonds: prototype.bonds.map(([i, j], k) => ({ elements: [elements[i]!.symbol, elements[j]!.symbol], length: bondLengths[k]! })),
    crystal: {
      source: `example: ${prototype.name} ${formula}${cellNote}`,
      lattice,
      sites,
      spaceGroup: { declared: prototype.number },
      warnings: [],
    },
  };
}
