import { describe, expect, it } from 'vitest';
import golden from '../../goldens/measure-pymatgen.json';
import type { Vec3 } from './crystal';
import { latticeFromMatrix } from './lattice';
import { bondAngle, imageDistance } from './measure';
import { periodicDistance } from './pbc';

/** goldens/measure-pymatgen.json (make_measure_goldens.py): pymatgen's get_distance and get_angle over images. */
describe('measurements against pymatgen', () => {
  for (const c of golden.cases) {
    const lattice = latticeFromMatrix(c.matrix);
    const frac = (site: number, image: number[]): Vec3 => [0, 1, 2].map((d) => c.frac[3 * site + d]! + image[d]!) as unknown as Vec3;
    const name = `${c.file}${c.basis ? ' in a skewed basis' : ''}`;

    it(`${name}: the distance between the images clicked, and the shortest over all images, as get_distance`, () => {
      for (const m of c.measures) {
        const [i, j] = m.sites as [number, number];
        const [pi, pj] = [frac(i, m.images[0]!), frac(j, m.images[1]!)];
        expect(imageDistance(lattice, pi, pj)).toBeCloseTo(m.distance, 8);
        expect(periodicDistance(lattice, pi, pj)).toBeCloseTo(m.shortest, 8);
        expect(m.shortest).toBeLessThanOrEqual(m.distance + 1e-9);
      }
    });

    it(`${name}: the angle at the middle atom, as get_angle`, () => {
      for (const m of c.measures) {
        const [i, j, k] = m.sites as [number, number, number];
        const angle = bondAngle(lattice, frac(i, m.images[0]!), frac(j, m.images[1]!), frac(k, m.images[2]!));
        expect(angle).toBeCloseTo(m.angle, 6);
      }
    });
  }

  it('a straight angle is 180°, not NaN, where rounding carries the cosine past -1', () => {
    const lattice = latticeFromMatrix([3, 0, 0, 0, 3, 0, 0, 0, 3]);
    expect(bondAngle(lattice, [0.1, 0.1, 0.1], [0.5, 0.5, 0.5], [0.9, 0.9, 0.9])).toBeCloseTo(180, 6);
  });
});
