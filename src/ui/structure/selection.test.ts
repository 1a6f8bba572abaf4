import { describe, expect, it } from 'vitest';
import type { Crystal, Site } from '../../core/crystal';
import { elementBySymbol } from '../../core/elements';
import { latticeFromParameters } from '../../core/lattice';
import { atomPosition, sceneModel } from './scene-model';
import { drawnFrac, measure, nextSelection } from './selection';

/** Rock salt, a = 5.64 Å: Na–Cl 2.82 Å along the axes, Cl–Na–Cl 90° and 180°. */
const sites: Site[] = [
  ['Na', 0, 0, 0], ['Na', 0.5, 0.5, 0], ['Na', 0.5, 0, 0.5], ['Na', 0, 0.5, 0.5],
  ['Cl', 0.5, 0, 0], ['Cl', 0, 0.5, 0], ['Cl', 0, 0, 0.5], ['Cl', 0.5, 0.5, 0.5],
].map(([el, x, y, z]) => ({ element: el as string, Z: elementBySymbol(el as string)!.Z, frac: [x as number, y as number, z as number], occupancy: 1, label: '' }));
const rockSalt: Crystal = { source: 'test', lattice: latticeFromParameters({ a: 5.64, b: 5.64, c: 5.64, alpha: 90, beta: 90, gamma: 90 }), sites, spaceGroup: {}, warnings: [] };
const model = sceneModel(rockSalt);
/** The drawn atom at a Cartesian position (Å). */
const atomAt = (x: number, y: number, z: number) =>
  Array.from({ length: model.atoms.count }, (_, a) => a).find((a) => {
    const p = atomPosition(model.atoms, a);
    return Math.hypot(p[0] - x, p[1] - y, p[2] - z) < 1e-9;
  })!;

describe('selection', () => {
  it('a click starts over, a Shift-click adds (or takes out) up to three, a click beside the atoms clears', () => {
    expect(nextSelection([4, 5], 7, false)).toEqual([7]);
    expect(nextSelection([4], 7, true)).toEqual([4, 7]);
    expect(nextSelection([4, 7], 4, true)).toEqual([7]);
    expect(nextSelection([1, 2, 3], 9, true)).toEqual([9]);
    expect(nextSelection([1, 2], -1, false)).toEqual([]);
    expect(nextSelection([1, 2], -1, true)).toEqual([1, 2]);
  });

  it('a drawn image atom carries its translation: the Na at the far corner is site 0 at (1, 1, 1)', () => {
    const corner = atomAt(5.64, 5.64, 5.64);
    expect(model.atoms.site[corner]).toBe(0);
    expect(drawnFrac(rockSalt, model.atoms, corner)).toEqual([1, 1, 1]);
  });

  it('two atoms: the distance as drawn, and the shortest between their sites where the click crossed the cell', () => {
    const na = atomAt(0, 0, 0);
    expect(measure(rockSalt, model.atoms, [na, atomAt(2.82, 0, 0)])).toMatchObject({ kind: 'distance', distance: expect.closeTo(2.82, 9), shortest: expect.closeTo(2.82, 9) });
    // Na at the origin to the Cl at (0.5, 0.5, 0.5): 4.885 Å across the cell, as the nearest images of the two sites.
    const across = measure(rockSalt, model.atoms, [na, atomAt(2.82, 2.82, 2.82)]);
    expect(across).toMatchObject({ distance: expect.closeTo(2.82 * Math.sqrt(3), 9), shortest: expect.closeTo(2.82 * Math.sqrt(3), 9) });
    // The Na image at (1, 0, 0) to the Cl at (0, 0.5, 0): drawn 6.31 Å apart, but bonded (2.82 Å) across the face.
    const far = measure(rockSalt, model.atoms, [atomAt(5.64, 0, 0), atomAt(0, 2.82, 0)]);
    expect(far).toMatchObject({ distance: expect.closeTo(Math.hypot(5.64, 2.82), 9), shortest: expect.closeTo(2.82, 9) });
    // Two images of one site: the lattice vector, with no shorter "nearest image".
    expect(measure(rockSalt, model.atoms, [na, atomAt(5.64, 0, 0)])).toMatchObject({ distance: expect.closeTo(5.64, 9), shortest: expect.closeTo(5.64, 9) });
  });

  it('three atoms: the angle at the middle one', () => {
    const centre = atomAt(2.82, 0, 0); // a Cl on the cell's a edge
    expect(measure(rockSalt, model.atoms, [atomAt(0, 0, 0), centre, atomAt(5.64, 0, 0)])).toMatchObject({ kind: 'angle', angle: expect.closeTo(180, 9) });
    expect(measure(rockSalt, model.atoms, [atomAt(0, 0, 0), centre, atomAt(2.82, 2.82, 0)])).toMatchObject({ angle: expect.closeTo(90, 9), distances: [expect.closeTo(2.82, 9), expect.closeTo(2.82, 9)] });
    expect(measure(rockSalt, model.atoms, [centre])).toBeUndefined();
  });
});
