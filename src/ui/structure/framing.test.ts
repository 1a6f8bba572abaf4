import { describe, expect, it } from 'vitest';
import type { Crystal } from '../../core/crystal';
import { elementBySymbol } from '../../core/elements';
import { latticeFromParameters } from '../../core/lattice';
import { frame } from './framing';
import { sceneModel } from './scene-model';

/** One O atom at the centre of a 10 Å cube: the picture is the cube's outline, the atom inside it. */
const cube: Crystal = {
  source: 'test',
  lattice: latticeFromParameters({ a: 10, b: 10, c: 10, alpha: 90, beta: 90, gamma: 90 }),
  sites: [{ element: 'O', Z: elementBySymbol('O')!.Z, frac: [0.5, 0.5, 0.5], occupancy: 1, label: 'O1' }],
  spaceGroup: {},
  warnings: [],
};
const model = sceneModel(cube);
const tan15 = Math.tan((15 * Math.PI) / 180);

describe('framing', () => {
  it('face on: the square outline, centred, from the distance at which its near face just fits', () => {
    const f = frame(model, [0, 0, 1], [0, 1, 0], tan15, 1, 1);
    expect(f.target.map((x) => +x.toFixed(9))).toEqual([5, 5, 5]);
    expect(f.halfHeight).toBeCloseTo(5, 9);
    // The near face (5 Å towards the camera) has its edges 5 Å off the axis.
    expect(f.distance).toBeCloseTo(5 + 5 / tan15, 9);
  });

  it('a margin and a wide view: the height needed grows with the margin, the width sets it when the view is narrow', () => {
    expect(frame(model, [0, 0, 1], [0, 1, 0], tan15, 1, 1.1).halfHeight).toBeCloseTo(5.5, 9);
    expect(frame(model, [0, 0, 1], [0, 1, 0], tan15, 0.5, 1).halfHeight).toBeCloseTo(10, 9);
  });

  it('seen along the body diagonal: the hexagonal outline (circumradius a·√(2/3)), closer than a sphere round the cube allows', () => {
    const f = frame(model, [1, 1, 1], [0, 0, 1], tan15, 1, 1);
    // With c up, the hexagon's corners lie at its top and bottom: half its height is the circumradius.
    expect(f.halfHeight).toBeCloseTo(10 * Math.sqrt(2 / 3), 9);
    expect(f.distance).toBeLessThan(model.radius / Math.sin((15 * Math.PI) / 180));
  });
});
