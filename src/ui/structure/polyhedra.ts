/**
 * Coordination polyhedra: the convex hull of an atom's bonded neighbours, drawn as translucent faces in the centre
 * atom's colour (VESTA's polyhedral style). A coordination shell holds 4 to a dozen or so atoms, so the hull is found
 * by trying every plane through three of them (a few hundred): a plane is a face when no neighbour lies beyond it,
 * and the neighbours on it (four on a cube's face) make one polygon, fanned into triangles.
 */
import type { Vec3 } from '../../core/crystal';

/** Fewer neighbours than this make no solid (three atoms make a triangle at most). */
export const MIN_COORDINATION = 4;
/** Past this many neighbours a shell is not a coordination polyhedron a researcher reads (and the search is cubic). */
export const MAX_COORDINATION = 16;

/** Triangles over `vertices`, three indices each, wound outwards. */
export interface Hull {
  readonly vertices: readonly Vec3[];
  readonly triangles: readonly number[];
}

const sub = (p: Vec3, q: Vec3): Vec3 => [p[0] - q[0], p[1] - q[1], p[2] - q[2]];
const dot = (p: Vec3, q: Vec3) => p[0] * q[0] + p[1] * q[1] + p[2] * q[2];
const cross = (p: Vec3, q: Vec3): Vec3 => [p[1] * q[2] - p[2] * q[1], p[2] * q[0] - p[0] * q[2], p[0] * q[1] - p[1] * q[0]];

/**
 * The convex hull of `points`, or undefined when they span no volume (fewer than MIN_COORDINATION, or all in one
 * plane, as a square-planar shell). `tolerance` (Å) is how far off a plane a point may lie and still be on it.
 */
export function convexHull(points: readonly Vec3[], tolerance = 1e-6): Hull | undefined {
  const n = points.length;
  if (n < MIN_COORDINATION || n > MAX_COORDINATION) return undefined;
  const centroid: Vec3 = [0, 1, 2].map((d) => points.reduce((s, p) => s + p[d]!, 0) / n) as unknown as Vec3;
  const triangles: number[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      for (let k = j + 1; k < n; k++) {
        let normal = cross(sub(points[j]!, points[i]!), sub(points[k]!, points[i]!));
        const length = Math.hypot(...normal);
        if (length < tolerance) continue; // three in a line
        normal = [normal[0] / length, normal[1] / length, normal[2] / length];
        const offset = dot(normal, points[i]!);
        // Outwards: away from the centroid. A plane through the centroid has points on both sides, or none off it.
        if (dot(normal, centroid) > offset) normal = [-normal[0], -normal[1], -normal[2]];
        const height = (p: Vec3) => dot(normal, sub(p, points[i]!));
        if (points.some((p) => height(p) > tolerance)) continue;
        const on = points.flatMap((p, m) => (Math.abs(height(p)) <= tolerance ? [m] : []));
        const key = on.join(',');
        if (seen.has(key)) continue;
        seen.add(key);
        if (on.length === n) return undefined; // every point in one plane: no volume
        triangles.push(...fan(points, on, normal));
      }
    }
  }
  return triangles.length > 0 ? { vertices: points, triangles } : undefined;
}

/** A face's points in order round its normal, fanned from the first into triangles wound outwards. */
function fan(points: readonly Vec3[], on: readonly number[], normal: Vec3): number[] {
  const centre: Vec3 = [0, 1, 2].map((d) => on.reduce((s, m) => s + points[m]![d]!, 0) / on.length) as unknown as Vec3;
  const u = sub(points[on[0]!]!, centre);
  const v = cross(normal, u);
  const angle = (m: number) => {
    const r = sub(points[m]!, centre);
    return Math.atan2(dot(r, v), dot(r, u));
  };
  const ring = [...on].sort((p, q) => angle(p) - angle(q));
  const triangles: number[] = [];
  for (let t = 1; t + 1 < ring.length; t++) triangles.push(ring[0]!, ring[t]!, ring[t + 1]!);
  return triangles;
}
