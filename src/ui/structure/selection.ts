/**
 * The atoms the researcher has clicked in the 3-D view, and what they measure: one atom is inspected (its details),
 * two give a distance, three an angle at the middle one. A plain click starts a new selection, a Shift-click adds to
 * it (or takes an atom out again). Atoms are indices into the model's drawn atoms, each a site plus an image.
 */
import type { Crystal, Vec3 } from '../../core/crystal';
import { wrapFrac } from '../../core/lattice';
import { bondAngle, imageDistance } from '../../core/measure';
import { periodicDistance } from '../../core/pbc';
import type { SceneAtoms } from './scene-model';

/** Atoms a measurement joins at most: three make an angle. */
export const MAX_SELECTED = 3;

/** The selection after a click on `atom` (-1: beside every atom); `additive`: Shift was held. */
export function nextSelection(selection: readonly number[], atom: number, additive: boolean): number[] {
  if (atom < 0) return additive ? [...selection] : [];
  if (!additive) return [atom];
  if (selection.includes(atom)) return selection.filter((a) => a !== atom);
  return selection.length >= MAX_SELECTED ? [atom] : [...selection, atom];
}

/** A drawn atom's fractional position: its site's, wrapped into the cell as the model counts images, plus its image. */
export function drawnFrac(crystal: Crystal, atoms: SceneAtoms, a: number): Vec3 {
  const f = crystal.sites[atoms.site[a]!]!.frac;
  const t = atoms.translation;
  return [wrapFrac(f[0]) + t[3 * a]!, wrapFrac(f[1]) + t[3 * a + 1]!, wrapFrac(f[2]) + t[3 * a + 2]!];
}

export type Measurement =
  /** Between the two atoms as drawn, and between their sites' nearest images (the same unless the click crossed a face). */
  | { readonly kind: 'distance'; readonly atoms: readonly number[]; readonly distance: number; readonly shortest: number }
  /** At the second atom, between the directions to the first and the third, as drawn. */
  | { readonly kind: 'angle'; readonly atoms: readonly number[]; readonly angle: number; readonly distances: readonly [number, number] };

/** What two or three selected atoms measure; undefined for fewer. */
export function measure(crystal: Crystal, atoms: SceneAtoms, selection: readonly number[]): Measurement | undefined {
  const { lattice } = crystal;
  const frac = selection.map((a) => drawnFrac(crystal, atoms, a));
  if (frac.length === 2) {
    const [p, q] = frac as [Vec3, Vec3];
    const distance = imageDistance(lattice, p, q);
    // Two images of one site are a lattice vector apart, whose sites' "nearest images" coincide: no shorter answer.
    const sameSite = atoms.site[selection[0]!] === atoms.site[selection[1]!];
    return { kind: 'distance', atoms: selection, distance, shortest: sameSite ? distance : periodicDistance(lattice, p, q) };
  }
  if (frac.length === 3) {
    const [p, vertex, q] = frac as [Vec3, Vec3, Vec3];
    return { kind: 'angle', atoms: selection, angle: bondAngle(lattice, p, vertex, q), distances: [imageDistance(lattice, vertex, p), imageDistance(lattice, vertex, q)] };
  }
  return undefined;
}
