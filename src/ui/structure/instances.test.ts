import { Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../core/crystal';
import { rodMatrix, sphereMatrix } from './instances';

const apply = (m: ReturnType<typeof rodMatrix>, p: Vec3) => new Vector3(...p).applyMatrix4(m).toArray();

describe('instance matrices', () => {
  it('a rod joins its two ends, whatever its direction (along −y too)', () => {
    const cases: [Vec3, Vec3][] = [[[1, 2, 3], [4, -2, 3.5]], [[0, 0, 0], [0, -2, 0]], [[0, 0, 0], [0, 0, 1]]];
    for (const [start, end] of cases) {
      const m = rodMatrix(start, end, 0.1);
      // The unit cylinder's axis runs from y = −½ to y = +½.
      apply(m, [0, -0.5, 0]).forEach((x, d) => expect(x).toBeCloseTo(start[d]!, 12));
      apply(m, [0, 0.5, 0]).forEach((x, d) => expect(x).toBeCloseTo(end[d]!, 12));
      // A point on the rim stays 0.1 from the axis.
      const rim = new Vector3(...apply(m, [1, 0, 0]));
      const mid = new Vector3(...apply(m, [0, 0, 0]));
      expect(rim.distanceTo(mid)).toBeCloseTo(0.1, 12);
    }
  });

  it('a sphere is scaled by its radius about its centre', () => {
    expect(apply(sphereMatrix([1, 2, 3], 0.5), [0, 0, 1])).toEqual([1, 2, 3.5]);
  });
});
