import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../core/crystal';
import { convexHull } from './polyhedra';

/** The hull's volume (divergence theorem over its outward triangles) and its face count by area. */
function volume(vertices: readonly Vec3[], triangles: readonly number[]): number {
  let v = 0;
  for (let t = 0; t < triangles.length; t += 3) {
    const [a, b, c] = [vertices[triangles[t]!]!, vertices[triangles[t + 1]!]!, vertices[triangles[t + 2]!]!];
    v += (a[0] * (b[1] * c[2] - b[2] * c[1]) - a[1] * (b[0] * c[2] - b[2] * c[0]) + a[2] * (b[0] * c[1] - b[1] * c[0])) / 6;
  }
  return v;
}

const octahedron: Vec3[] = [[1, 0, 0], [-1, 0, 0], [0, 1, 0], [0, -1, 0], [0, 0, 1], [0, 0, -1]];
const tetrahedron: Vec3[] = [[1, 1, 1], [1, -1, -1], [-1, 1, -1], [-1, -1, 1]];
const cube: Vec3[] = [0, 1].flatMap((x) => [0, 1].flatMap((y) => [0, 1].map((z): Vec3 => [2 * x - 1, 2 * y - 1, 2 * z - 1])));

describe('coordination polyhedra', () => {
  it('tetrahedron: 4 faces, volume 8/3 (edge 2√2)', () => {
    const hull = convexHull(tetrahedron)!;
    expect(hull.triangles).toHaveLength(4 * 3);
    expect(volume(hull.vertices, hull.triangles)).toBeCloseTo(8 / 3, 12);
  });

  it('octahedron: 8 faces, volume 4/3, wound outwards (a positive volume)', () => {
    const hull = convexHull(octahedron)!;
    expect(hull.triangles).toHaveLength(8 * 3);
    expect(volume(hull.vertices, hull.triangles)).toBeCloseTo(4 / 3, 12);
  });

  it('cube (CsCl\'s 8-fold shell): each square face once, as two triangles, volume 8', () => {
    const hull = convexHull(cube)!;
    expect(hull.triangles).toHaveLength(6 * 2 * 3);
    expect(volume(hull.vertices, hull.triangles)).toBeCloseTo(8, 12);
  });

  it('no solid from a square-planar shell or from three atoms', () => {
    expect(convexHull([[1, 0, 0], [-1, 0, 0], [0, 1, 0], [0, -1, 0]])).toBeUndefined();
    expect(convexHull(tetrahedron.slice(0, 3))).toBeUndefined();
  });
});
