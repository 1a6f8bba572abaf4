/** Small crystals written out by hand for tests, and their tensors. */
import type { Crystal, Vec3 } from '../crystal';
import { encodeCrystal } from '../crystens/encode';
import type { Normalization } from '../crystens/layout';
import { elementBySymbol } from '../elements';
import { latticeFromParameters, type LatticeParameters } from '../lattice';

/** A crystal of the given sites (element, fractional position), labelled per element (`O1`, `O2`, …). */
export function handBuiltCrystal(parameters: LatticeParameters, sites: readonly (readonly [string, Vec3])[], detected?: number): Crystal {
  const counts = new Map<string, number>();
  return {
    source: 'hand-built',
    lattice: latticeFromParameters(parameters),
    sites: sites.map(([element, frac]) => {
      const Z = elementBySymbol(element)?.Z;
      if (Z === undefined) throw new Error(`no element ${element}`);
      counts.set(element, (counts.get(element) ?? 0) + 1);
      return { element, Z, frac, occupancy: 1, label: `${element}${counts.get(element)}` };
    }),
    spaceGroup: detected === undefined ? {} : { detected },
    warnings: [],
  };
}

/** The crystal's CrysTens; a test crystal that cannot be encoded is a broken test. */
export function encodeOrThrow(crystal: Crystal, n: Normalization): Float32Array {
  const e = encodeCrystal(crystal, n);
  if (!e.ok) throw new Error(e.reason);
  return e.tensor;
}

/** Rock salt's conventional cell (a = 5.64 Å) repeated n times along each axis: 8n³ sites, Na and Cl. */
export function rockSaltSupercell(n: number): Crystal {
  const sodium: Vec3[] = [[0, 0, 0], [0, 0.5, 0.5], [0.5, 0, 0.5], [0.5, 0.5, 0]];
  const sites: [string, Vec3][] = [];
  for (let i = 0; i < n ** 3; i++) {
    const cell = [i % n, Math.floor(i / n) % n, Math.floor(i / n / n)];
    const at = (p: Vec3, shift: number): Vec3 => [((p[0] + shift) % 1 + cell[0]!) / n, ((p[1] + shift) % 1 + cell[1]!) / n, ((p[2] + shift) % 1 + cell[2]!) / n];
    for (const p of sodium) sites.push(['Na', at(p, 0)], ['Cl', at(p, 0.5)]);
  }
  const a = 5.64 * n;
  return handBuiltCrystal({ a, b: a, c: a, alpha: 90, beta: 90, gamma: 90 }, sites);
}
