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
